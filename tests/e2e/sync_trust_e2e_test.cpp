// End-to-end: a sync that never loses an edit and never trusts the remote. Two or three stores
// edit the same allies in turns; a hostile or broken remote, or a tampered work tree, is
// refused with the store and its files untouched; a bad record never stalls the sync.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "e2e/sync_helpers.hpp"

using namespace ally_sync_test;
namespace fs = std::filesystem;

namespace {

void init_as(const TempStore& s, const Remote& remote, const std::string& label) {
  ok(s, {"sync", "init", remote.path(), "--name", label});
}

json sync_json(const TempStore& s) {
  auto r = s.run({"--json", "sync"});
  INFO("sync failed: " << r.err);
  REQUIRE(r.code == 0);
  return json::parse(r.out);
}

std::string field(const TempStore& s, const std::string& column, const std::string& name) {
  return s.scalar("SELECT " + column + " FROM ally WHERE name = '" + name + "'");
}

// Desktop and laptop share Priya; each then works on its own day.
struct TwoMachines {
  Remote remote;
  TempStore desktop, laptop;
  TwoMachines() {
    desktop.today = "2026-11-20";
    ok(desktop, {"add", "Priya Raman", "--role", "Staff Engineer", "--city", "Boston", "--email",
                 "priya@acme.example", "--email", "p.raman@home.example", "--tag", "platform"});
    init_as(desktop, remote, "desktop");
    sync(desktop);
    init_as(laptop, remote, "laptop");
    sync(laptop);
    desktop.today = "2026-12-01";
    laptop.today = "2026-12-02";
  }
};

} // namespace

TEST_CASE("sync: different fields edited on two machines both survive", "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"edit", "Priya", "--role", "Senior Staff Engineer"});
  sync(m.desktop);
  ok(m.laptop, {"edit", "Priya", "--city", "Cambridge"});
  auto report = sync_json(m.laptop);
  CHECK(report["conflicts"].empty());
  sync(m.desktop);
  for (const auto* s : {&m.desktop, &m.laptop}) {
    CHECK(field(*s, "role", "Priya Raman") == "Senior Staff Engineer");
    CHECK(field(*s, "city", "Priya Raman") == "Cambridge");
  }
  require_same(m.desktop, m.laptop);
  CHECK(ok(m.laptop, {"sync", "conflicts"}).out.find("No sync conflicts") == 0);
}

TEST_CASE("sync: list fields merge as sets", "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"edit", "Priya", "--email", "priya@new.example", "--tag", "mentor"});
  sync(m.desktop);
  ok(m.laptop, {"edit", "Priya", "--drop-email", "p.raman@home.example", "--drop-tag",
                "platform"});
  sync(m.laptop);
  sync(m.desktop);
  for (const auto* s : {&m.desktop, &m.laptop}) {
    auto shown = json::parse(ok(*s, {"--json", "show", "Priya"}).out);
    auto& ally = shown.contains("ally") ? shown["ally"] : shown;
    CHECK(ally["emails"] == json::array({"priya@acme.example", "priya@new.example"}));
    CHECK(ally["tags"] == json::array({"mentor"}));
  }
  require_same(m.desktop, m.laptop);
}

TEST_CASE("sync: one field changed to two values is a conflict, reported and restorable",
          "[sync]") {
  TwoMachines m;
  // The laptop's change is older (Nov 30), the desktop's newer (Dec 1): the desktop's is kept
  // whichever syncs first.
  m.laptop.today = "2026-11-30";
  ok(m.laptop, {"edit", "Priya", "--role", "Principal Engineer"});
  sync(m.laptop);
  ok(m.desktop, {"edit", "Priya", "--role", "Senior Staff Engineer"});
  auto r = m.desktop.run({"sync"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("Conflict #1: Priya Raman (#1): role — kept 'Senior Staff Engineer' "
                   "(desktop, 2026-12-01), replaced 'Principal Engineer' (laptop)") !=
        std::string::npos);
  sync(m.laptop);
  CHECK(field(m.laptop, "role", "Priya Raman") == "Senior Staff Engineer");
  require_same(m.desktop, m.laptop);

  // Conflicts stay in the store that met them.
  CHECK(ok(m.laptop, {"sync", "conflicts"}).out.find("No sync conflicts") == 0);
  auto listed = ok(m.desktop, {"sync", "conflicts"}).out;
  CHECK(listed.find("restore: ally edit '#1' --role 'Principal Engineer'") != std::string::npos);
  auto j = json::parse(ok(m.desktop, {"--json", "sync", "conflicts"}).out)["conflicts"];
  REQUIRE(j.size() == 1);
  CHECK(j[0]["field"] == "role");
  CHECK(j[0]["kept"] == "Senior Staff Engineer");
  CHECK(j[0]["kept_by"] == "desktop");
  CHECK(j[0]["replaced"] == "Principal Engineer");
  CHECK(j[0]["replaced_by"] == "laptop");
  CHECK(j[0]["record_number"] == 1);

  // The restore command takes the value back, and it travels like any edit.
  m.desktop.today = "2026-12-03";
  ok(m.desktop, {"edit", "#1", "--role", "Principal Engineer"});
  sync(m.desktop);
  sync(m.laptop);
  CHECK(field(m.laptop, "role", "Priya Raman") == "Principal Engineer");

  CHECK(m.desktop.run({"sync", "conflicts", "--clear", "7"}).code == 1);
  CHECK(m.desktop.run({"sync", "conflicts", "--clear", "x"}).code == 2);
  ok(m.desktop, {"sync", "conflicts", "--clear", "1"});
  CHECK(json::parse(ok(m.desktop, {"--json", "sync", "conflicts"}).out)["conflicts"].empty());
}

TEST_CASE("sync: a deletion against an edit: the tombstone wins and the edit is reported",
          "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"rm", "Priya", "--purge", "--yes"});
  sync(m.desktop);
  ok(m.laptop, {"edit", "Priya", "--city", "Cambridge"});
  auto report = sync_json(m.laptop);
  REQUIRE(report["conflicts"].size() == 1);
  CHECK(report["conflicts"][0]["field"].is_null());
  CHECK(report["conflicts"][0]["replaced"]["city"] == "Cambridge");
  CHECK(m.laptop.scalar("SELECT count(*) FROM ally") == "0");
  sync(m.desktop);
  require_same(m.desktop, m.laptop);
  CHECK(ok(m.laptop, {"sync", "conflicts"}).out.find("deleted on desktop; the edit made on laptop") !=
        std::string::npos);
}

TEST_CASE("sync: three stores editing in turns converge with every change kept", "[sync]") {
  Remote remote;
  TempStore a, b, c;
  a.today = "2026-11-01";
  ok(a, {"add", "Priya Raman"});
  ok(a, {"add", "Tom Chen"});
  init_as(a, remote, "a");
  sync(a);
  init_as(b, remote, "b");
  sync(b);
  init_as(c, remote, "c");
  sync(c);
  a.today = "2026-11-02";
  b.today = "2026-11-03";
  c.today = "2026-11-04";
  ok(a, {"edit", "Priya", "--org", "Acme"});
  ok(b, {"edit", "Priya", "--city", "Lyon"});
  ok(c, {"edit", "Priya", "--tag", "mentor"});
  ok(b, {"log", "Tom", "coffee about trains"});
  ok(c, {"edit", "Tom", "--role", "Designer"});
  ok(a, {"add", "Mei Lin"});
  // Turns in an order where each store merges another's unseen change.
  for (int round = 0; round < 2; ++round) {
    sync(c);
    sync(a);
    sync(b);
  }
  sync(c);
  require_same(a, b);
  require_same(b, c);
  CHECK(field(a, "org", "Priya Raman") == "Acme");
  CHECK(field(a, "city", "Priya Raman") == "Lyon");
  CHECK(field(a, "role", "Tom Chen") == "Designer");
  CHECK(a.scalar("SELECT count(*) FROM ally_value WHERE value = 'mentor'") == "1");
  CHECK(a.scalar("SELECT count(*) FROM interaction") == "1");
  CHECK(a.scalar("SELECT count(*) FROM ally") == "3");
  // Converged stores export the same records in the same order (require_same compares the
  // exports whole, numbers apart).
}

TEST_CASE("sync: commits carry ally's identity, the label and counts only", "[sync]") {
  Remote remote;
  TempStore a;
  ok(a, {"add", "Priya Raman", "--note", "secret note"});
  init_as(a, remote, "laptop");
  sync(a);
  auto log = git({"-C", remote.path(), "log", "--format=%an <%ae>|%cn <%ce>|%s", "main"});
  REQUIRE(log.code == 0);
  CHECK(log.out == "ally sync <ally-sync@localhost>|ally sync <ally-sync@localhost>|ally sync "
                   "(laptop): allies 1\n");
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  CHECK(log.out.find(host) == std::string::npos);
  CHECK(a.run({"sync", "init", remote.path(), "--name", "my laptop"}).code == 2);
}

TEST_CASE("sync: a remote with a symlink, a submodule or a stray file is refused untouched",
          "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"log", "Priya", "lunch"});
  auto before = m.laptop.dump();
  sync(m.laptop); // nothing new: the work tree as it is
  auto files = work_tree_files(m.laptop);
  Tamper t(m.remote);
  std::string what;
  SECTION("a record folder replaced by a symlink") {
    fs::remove_all(t.path() / "interactions");
    fs::create_directory_symlink("/tmp", t.path() / "interactions");
    what = "'interactions', which is a symlink";
  }
  SECTION("a record file that is a symlink") {
    fs::remove(t.path() / "allies" / "00.jsonl");
    fs::create_symlink("/etc/passwd", t.path() / "allies" / "00.jsonl");
    what = "'allies/00.jsonl', which is a symlink";
  }
  SECTION("a file outside the layout") {
    t.write("hooks/post-merge", "#!/bin/sh\n");
    what = "'hooks/post-merge', which is not part of an ally sync repository";
  }
  SECTION("an executable record file") {
    auto file = t.path() / "allies" / "0a.jsonl";
    t.write("allies/0a.jsonl", "");
    fs::permissions(file, fs::perms::owner_all);
    what = "'allies/0a.jsonl', which is an executable file";
  }
  SECTION("an ally-sync.json over the size limit") {
    t.write("ally-sync.json", std::string(100000, ' '));
    what = "'ally-sync.json', of 97 KiB, over the limit of 64 KiB";
  }
  t.push();
  auto r = m.laptop.run({"sync"});
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(r.err.find("ally: error: sync: the remote's commit " + t.head() + " holds " + what) == 0);
  CHECK(r.err.find("nothing was changed") != std::string::npos);
  CHECK(m.laptop.dump() == before);
  CHECK(work_tree_files(m.laptop) == files);
  // And it keeps refusing (never half-applied) until the remote is fixed.
  CHECK(m.laptop.run({"sync"}).code == 1);
  CHECK(m.laptop.dump() == before);
}

TEST_CASE("sync: a remote from a newer ally or a foreign format is refused", "[sync]") {
  TwoMachines m;
  auto before = m.laptop.dump();
  Tamper t(m.remote);
  SECTION("newer") {
    t.write("ally-sync.json", "{\"format\": \"ally-sync\", \"version\": 4}\n");
    t.push();
    auto r = m.laptop.run({"sync"});
    CHECK(r.code == 1);
    CHECK(r.err == "ally: error: sync: the remote was written by a newer ally (ally-sync version "
                   "4; this ally reads up to 3); nothing was changed — upgrade ally on every "
                   "machine\n");
    // The file is not rewritten back to this ally's version.
    auto shown = git({"-C", m.remote.path(), "show", "main:ally-sync.json"});
    CHECK(shown.out.find("\"version\": 4") != std::string::npos);
  }
  SECTION("foreign") {
    t.write("ally-sync.json", "{\"format\": \"other-tool\", \"version\": 1}\n");
    t.push();
    auto r = m.laptop.run({"sync"});
    CHECK(r.code == 1);
    CHECK(r.err.find("which is not ally's sync format") != std::string::npos);
  }
  CHECK(m.laptop.dump() == before);
}

TEST_CASE("sync: a bad remote record is reported, the rest syncs, and it comes in once fixed",
          "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"add", "Tom Chen"});
  ok(m.desktop, {"log", "Tom", "coffee about trains"});
  sync(m.desktop);
  // Another machine (or a broken ally) writes a record ally cannot take: Tom's emails are not
  // a list, and a new note is over the 1 MiB limit.
  Tamper t(m.remote);
  std::string tom_file, tom_line, tom_id;
  for (const auto& entry : fs::directory_iterator(t.path() / "allies")) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (line.find("\"Tom Chen\"") != std::string::npos) {
        tom_file = "allies/" + entry.path().filename().string();
        tom_line = line;
      }
    }
  }
  REQUIRE(!tom_line.empty());
  auto tom = json::parse(tom_line);
  tom_id = tom["id"];
  auto bad = tom;
  bad["emails"] = 5;
  bad["updated_at"] = "2026-12-05T00:00:00.000Z";
  std::ifstream in(t.path() / tom_file);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  content.replace(content.find(tom_line), tom_line.size(), bad.dump());
  t.write(tom_file, content);
  t.push();
  // Meanwhile the laptop has its own news for the others.
  ok(m.laptop, {"add", "Mei Lin"});

  auto r = m.laptop.run({"--json", "sync"});
  INFO(r.out << r.err);
  CHECK(r.code == 1);
  // Tom, and his conversation, which needs him.
  CHECK(r.err.find("ally: error: sync: 2 records from the remote could not be taken; the rest "
                   "was synced") == 0);
  auto j = json::parse(r.out);
  REQUIRE(j["refused"].size() == 2);
  auto& refused_tom = j["refused"][0]["section"] == "allies" ? j["refused"][0] : j["refused"][1];
  CHECK(refused_tom["id"] == tom_id);
  CHECK(refused_tom["file"] == tom_file);
  CHECK(refused_tom["commit"] == t.head());
  CHECK(refused_tom["reason"].get<std::string>().find("emails") != std::string::npos);
  // The rest came in; Tom's conversation waits with him.
  CHECK(field(m.laptop, "name", "Priya Raman") == "Priya Raman");
  CHECK(m.laptop.scalar("SELECT count(*) FROM ally WHERE name = 'Tom Chen'") == "0");
  CHECK(m.laptop.scalar("SELECT count(*) FROM interaction") == "0");
  // The laptop never rewrote the refused line: the remote still has it as it was left.
  auto shown = git({"-C", m.remote.path(), "show", "main:" + tom_file});
  CHECK(shown.out.find(bad.dump()) != std::string::npos);
  auto status = json::parse(ok(m.laptop, {"--json", "sync", "status"}).out);
  CHECK(status["refused"].size() == 2);
  CHECK(ok(m.laptop, {"sync", "status"}).out.find("Refused from the remote: allies record " +
                                                  tom_id) != std::string::npos);
  // Still refused on the next sync, and still exit 1: never silently dropped.
  CHECK(m.laptop.run({"sync"}).code == 1);

  // The remote is fixed: Tom comes in, and his conversation with him.
  t.refresh();
  auto good = tom;
  good["city"] = "Oslo";
  good["updated_at"] = "2026-12-06T00:00:00.000Z";
  auto text = t.read(tom_file);
  text.replace(text.find(bad.dump()), bad.dump().size(), good.dump());
  t.write(tom_file, text);
  t.push("fixed");
  auto fixed = sync_json(m.laptop);
  CHECK(fixed["refused"].empty());
  CHECK(field(m.laptop, "city", "Tom Chen") == "Oslo");
  CHECK(m.laptop.scalar("SELECT count(*) FROM interaction WHERE note LIKE 'coffee about trains%'") ==
        "1");
  CHECK(ok(m.laptop, {"sync", "status"}).out.find("Refused") == std::string::npos);
  sync(m.desktop);
  CHECK(m.desktop.scalar("SELECT count(*) FROM ally WHERE name = 'Mei Lin'") == "1");
  sync(m.laptop);
  require_same(m.desktop, m.laptop);
}

TEST_CASE("sync: a remote text over the size limit is refused like any bad record", "[sync]") {
  TwoMachines m;
  Tamper t(m.remote);
  std::string line = "{\"id\":\"0bbbbbbb-0000-4000-8000-000000000000\",\"created_at\":\"2026-11-"
                     "01T00:00:00.000Z\",\"updated_at\":\"2026-11-01T00:00:00.000Z\",\"name\":"
                     "\"Huge Note\",\"notes\":\"" +
                     std::string((1 << 20) + 1, 'x') + "\"}\n";
  t.write("allies/0b.jsonl", line);
  t.push();
  auto r = m.laptop.run({"--json", "sync"});
  CHECK(r.code == 1);
  auto j = json::parse(r.out);
  REQUIRE(j["refused"].size() == 1);
  CHECK(j["refused"][0]["reason"].get<std::string>().find("longer than 1 MiB") !=
        std::string::npos);
  // And this store never accepts such a text at entry: from the editor (arguments are bounded
  // by the system far below the limit) it is a usage error, and nothing is logged.
  auto editor = (m.laptop.dir() / "editor.sh").string();
  std::ofstream(editor) << "#!/bin/sh\nhead -c 1048577 /dev/zero | tr '\\0' x > \"$1\"\n";
  fs::permissions(editor, fs::perms::owner_all);
  auto typed = m.laptop.run_raw({"--db", m.laptop.db(), "--today", m.laptop.today, "log", "Priya",
                                 "-e"},
                                {}, {{"EDITOR", editor}, {"VISUAL", ""}});
  INFO(typed.err);
  CHECK(typed.code == 2);
  CHECK(typed.err.find("over the limit of 1 MiB") != std::string::npos);
  CHECK(m.laptop.scalar("SELECT count(*) FROM interaction") == "0");
}

TEST_CASE("sync: local tampering of the work tree is refused before anything is written",
          "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"log", "Priya", "lunch"});
  sync(m.desktop);
  ok(m.laptop, {"log", "Priya", "call"});
  auto before = m.laptop.dump();
  fs::path dir = sync_dir(m.laptop);
  TempStore elsewhere;
  fs::path target = elsewhere.dir() / "target";
  fs::create_directory(target);
  std::string what;
  SECTION("a record folder that is a symlink") {
    fs::remove_all(dir / "interactions");
    fs::create_directory_symlink(target, dir / "interactions");
    what = "is a symlink";
  }
  SECTION("a FIFO in place of a record file") {
    auto file = dir / "allies" / fs::directory_iterator(dir / "allies")->path().filename();
    fs::remove(file);
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
    what = "is a FIFO";
  }
  SECTION("a device in place of a record file") {
    auto file = dir / "allies" / "ff.jsonl";
    if (::mknod(file.c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0) {
      // Not allowed to make devices here (not root): a symlink to one stands in.
      fs::create_symlink("/dev/null", file);
      what = "is a symlink";
    } else {
      what = "is a device";
    }
  }
  auto r = m.laptop.run({"sync"});
  CHECK(r.code == 1);
  CHECK(r.err.find("ally: error: sync: '" + dir.string()) == 0);
  CHECK(r.err.find(what) != std::string::npos);
  CHECK(m.laptop.dump() == before);
  CHECK(fs::is_empty(target));
  CHECK(m.laptop.run({"sync", "status"}).code == 1);
  // `sync init` again sets the damaged work tree aside and starts afresh.
  auto again = ok(m.laptop, {"sync", "init", m.remote.path()});
  CHECK(again.out.find("set aside and made again") != std::string::npos);
  sync(m.laptop);
  sync(m.desktop);
  require_same(m.desktop, m.laptop);
  CHECK(m.laptop.scalar("SELECT count(*) FROM interaction") == "2");
  CHECK(fs::is_empty(target));
  // Every file the sync wrote is private.
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    REQUIRE(::lstat(entry.path().c_str(), &st) == 0);
    if (S_ISREG(st.st_mode) && entry.path().string().find("/.git/objects/") == std::string::npos) {
      INFO(entry.path());
      CHECK((st.st_mode & 077) == 0);
    }
  }
}

TEST_CASE("sync: a work tree in any state is recovered by 'sync init' again", "[sync]") {
  TwoMachines m;
  ok(m.desktop, {"log", "Priya", "lunch"});
  sync(m.desktop);
  fs::path dir = sync_dir(m.laptop);
  SECTION("its state names a commit that is not there") {
    std::ofstream(dir / ".git" / "ally-sync-state") << std::string(40, 'a') << "\n";
  }
  SECTION("its .git is damaged") { fs::remove(dir / ".git" / "HEAD"); }
  SECTION("a merge left half done") {
    std::ofstream(dir / ".git" / "index.lock") << "";
    std::ofstream(dir / ".git" / "MERGE_HEAD") << std::string(40, 'b') << "\n";
  }
  ok(m.laptop, {"sync", "init", m.remote.path()});
  sync(m.laptop);
  CHECK(m.laptop.scalar("SELECT count(*) FROM interaction") == "1");
  sync(m.desktop);
  require_same(m.desktop, m.laptop);
}

TEST_CASE("sync init: a repository that is not ally's is refused untouched", "[sync]") {
  Remote remote;
  TempStore a;
  ok(a, {"add", "Priya Raman"});
  Tamper t(remote);
  SECTION("a project on main") {
    t.write("src/main.c", "int main(void) { return 0; }\n");
    t.push("initial");
  }
  SECTION("branches but no main") {
    t.write("notes.txt", "mine\n");
    must_git({"-C", t.path().string(), "add", "-A"});
    must_git({"-C", t.path().string(), "commit", "-q", "-m", "mine"});
    must_git({"-C", t.path().string(), "push", "-q", "origin", "HEAD:refs/heads/master"});
  }
  auto refs_before = git({"-C", remote.path(), "for-each-ref"}).out;
  auto r = a.run({"sync", "init", remote.path()});
  CHECK(r.code == 1);
  CHECK(r.err.find("nothing was changed") != std::string::npos);
  CHECK(!fs::exists(fs::symlink_status(sync_dir(a))));
  CHECK(git({"-C", remote.path(), "for-each-ref"}).out == refs_before);
}

TEST_CASE("sync init: a new repository from a git host (README, LICENSE) is fine", "[sync]") {
  Remote remote;
  TempStore a, b;
  Tamper t(remote);
  t.write("README.md", "# my ally data\n");
  t.write("LICENSE", "private\n");
  t.write(".gitignore", "*.db\n");
  t.push("Initial commit");
  ok(a, {"add", "Priya Raman"});
  init_as(a, remote, "a");
  sync(a);
  init_as(b, remote, "b");
  sync(b);
  require_same(a, b);
}
