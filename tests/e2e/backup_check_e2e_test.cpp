// `ally backup` (a consistent private copy, also while other commands write) and `ally check`
// (integrity and ally's own consistency rules).
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <fmt/format.h>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"
#include "e2e/spawn.hpp"

using ally_test::TempStore;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const std::string& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

void fill(const TempStore& s) {
  REQUIRE(s.run({"add", "Rachel Green", "--nick", "Rach", "--email", "rachel@example.com"}).code == 0);
  REQUIRE(s.run({"add", "Monica Geller"}).code == 0);
  REQUIRE(s.run({"log", "Rachel", "-w", "Monica", "coffee at Central Perk"}).code == 0);
  REQUIRE(s.run({"favor", "Monica", "--gave", "found a supplier", "--due", "in 5d"}).code == 0);
  REQUIRE(s.run({"date", "Rachel", "birthday", "05-05"}).code == 0);
}

// Another store whose file is `file`, to read a backup with the same helpers.
struct Copy {
  TempStore s;
  explicit Copy(const std::string& file) { fs::copy_file(file, s.db()); }
};

const char* const k_healthy_report =
    "ok    SQLite's integrity check of the whole file\n"
    "ok    the store's schema is the one this ally writes\n"
    "ok    no row points to a record that does not exist\n"
    "ok    each ally's last contact and kind match the log\n"
    "ok    each ally's recent favors match their favors\n"
    "ok    every conversation has an ally, and their dates and follow-ups agree\n"
    "ok    every stored date is a real YYYY-MM-DD day\n"
    "ok    the search indexes match the records\n"
    "ok    the undo journal is settled and whole\n"
    "ok    no deleted record is still present\n"
    "ok    the store's files are private to you (0600)\n"
    "ok    no text is over the 1 MiB limit other stores accept\n";

} // namespace

TEST_CASE("backup writes a private, complete copy of the store", "[e2e][backup]") {
  TempStore s;
  fill(s);
  auto file = (s.dir() / "copy.db").string();
  auto r = s.run({"backup", file});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == fmt::format("Backed up the store to {} ({} KB).\n", file,
                             (fs::file_size(file) + 1023) / 1024));
  CHECK(mode_of(file) == 0600);
  CHECK_FALSE(fs::exists(file + "-wal"));
  Copy copy(file);
  CHECK(copy.s.dump() == s.dump());
  CHECK(copy.s.run({"check"}).code == 0);
  // Nothing but the copy was left beside it (no temporary file, no -wal of the copy).
  for (const auto& entry : fs::directory_iterator(s.dir())) {
    auto name = entry.path().filename().string();
    CHECK((name.rfind("ally.db", 0) == 0 || name == "copy.db"));
  }
}

TEST_CASE("backup without a file writes beside the store, named by the time", "[e2e][backup]") {
  TempStore s;
  fill(s);
  auto r = s.run_raw({"--db", s.db(), "--today", s.today, "backup"}, {}, {{"TZ", "UTC"}});
  auto first = s.db() + ".backup-20261124-120000";
  CHECK(r.out == fmt::format("Backed up the store to {} ({} KB).\n", first,
                             (fs::file_size(first) + 1023) / 1024));
  r = s.run_raw({"--db", s.db(), "--today", s.today, "--json", "backup"}, {}, {{"TZ", "UTC"}});
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["file"] == first + "-2");
  CHECK(j["bytes"] == fs::file_size(first + "-2"));
  CHECK(j["schema_version"] == std::stoi(s.scalar("PRAGMA user_version")));
  CHECK(mode_of(first + "-2") == 0600);
}

TEST_CASE("backup never replaces a file unasked, nor the store", "[e2e][backup]") {
  TempStore s;
  fill(s);
  const auto before = s.dump();
  auto file = (s.dir() / "old.db").string();
  REQUIRE(s.run({"backup", file}).code == 0);
  REQUIRE(s.run({"add", "Ross Geller"}).code == 0);

  auto r = s.run({"backup", file});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == fmt::format("ally: error: '{}' already exists — use --force to replace it\n", file));
  CHECK(Copy(file).s.dump() == before);

  r = s.run({"backup", "--force", file});
  CHECK(r.code == 0);
  CHECK(Copy(file).s.dump() == s.dump());

  for (const auto& target : {s.db(), s.db() + "-wal", s.db() + "-shm",
                             (s.dir() / "." / "ally.db").string()}) {
    const auto store = s.dump();
    r = s.run({"backup", "--force", target});
    INFO(target);
    CHECK(r.code == 1);
    CHECK(r.err == fmt::format("ally: error: '{}' is the store itself: a backup must go to "
                               "another file\n",
                               target));
    CHECK(s.dump() == store);
  }
}

TEST_CASE("backup reports what it cannot do and leaves nothing behind", "[e2e][backup]") {
  TempStore s;
  auto r = s.run({"backup", (s.dir() / "copy.db").string()});
  CHECK(r.code == 1);
  CHECK(r.err == fmt::format("ally: error: there is no store at '{}' yet: nothing to back up\n",
                             s.db()));
  CHECK_FALSE(fs::exists(s.db()));
  CHECK_FALSE(fs::exists(s.dir() / "copy.db"));

  fill(s);
  r = s.run({"backup", (s.dir() / "missing" / "copy.db").string()});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("ally: error: cannot write '"));
  CHECK_FALSE(fs::exists(s.dir() / "missing"));

  r = s.run({"backup", s.dir().string()});
  CHECK(r.code == 1);
  CHECK(r.err == fmt::format("ally: error: '{}' is a folder, not a regular file: ally writes only regular files"
                            " — name a new or existing regular file\n",
                            s.dir().string()));
}

TEST_CASE("backups taken while other commands write are each consistent", "[e2e][backup]") {
  TempStore s;
  fill(s);
  const int writes = 16;
  std::thread writer([&] {
    for (int i = 0; i < writes; ++i) {
      auto r = ally_test::wait_for(
          ally_test::spawn_ally(s, {"log", "Rachel", fmt::format("while backing up {}", i)}, "w"));
      CHECK(r.code == 0);
    }
  });
  std::vector<std::string> copies;
  for (int i = 0; i < 5; ++i) {
    auto file = (s.dir() / fmt::format("copy{}.db", i)).string();
    auto r = ally_test::wait_for(ally_test::spawn_ally(s, {"backup", file}, "b"));
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    copies.push_back(file);
  }
  writer.join();
  for (const auto& file : copies) {
    Copy copy(file);
    INFO(file);
    CHECK(copy.s.scalar("PRAGMA integrity_check") == "ok");
    auto logged = std::stoi(copy.s.scalar("SELECT count(*) FROM interaction"));
    CHECK(logged >= 1);
    CHECK(logged <= 1 + writes);
    // Each copy is one moment: every conversation in it has its journal entry and its ally.
    CHECK(copy.s.scalar("SELECT count(*) FROM journal WHERE summary LIKE 'log%'") ==
          std::to_string(logged));
    auto check = copy.s.run({"check"});
    INFO(check.out);
    CHECK(check.code == 0);
  }
}

TEST_CASE("check passes a sound store and says so", "[e2e][check]") {
  TempStore s;
  fill(s);
  auto r = s.run({"check"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == std::string(k_healthy_report) +
                     fmt::format("All 12 checks passed: {} is sound.\n", s.db()));

  r = s.run({"--json", "check"});
  CHECK(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["ok"] == true);
  CHECK(j["store"] == s.db());
  REQUIRE(j["checks"].size() == 12);
  CHECK(j["checks"][0] == nlohmann::json{{"name", "integrity"},
                                         {"description", "SQLite's integrity check of the whole file"},
                                         {"ok", true},
                                         {"problems", nlohmann::json::array()}});
}

TEST_CASE("check on a missing store finds nothing wrong and creates nothing", "[e2e][check]") {
  TempStore s;
  auto r = s.run({"check"});
  CHECK(r.code == 0);
  CHECK(r.out == std::string(k_healthy_report) + "All 12 checks passed: the (empty) store is sound.\n");
  CHECK_FALSE(fs::exists(s.db()));
}

TEST_CASE("check finds what is inconsistent, reports each problem, and changes nothing",
          "[e2e][check]") {
  TempStore s;
  fill(s);
  // Damage of the kinds the checks exist for, done behind ally's back.
  s.exec_sql("UPDATE ally SET last_kind = 'call' WHERE name = 'Monica Geller';"
                   "UPDATE favor SET due = '2026-02-30';"
                   "UPDATE interaction_ally SET follow_up = '2026-12-01' WHERE interaction = 1 AND ally = 1;"
                   "UPDATE ally SET recent_favors = '' WHERE num = (SELECT ally FROM favor LIMIT 1);"
                   "INSERT INTO interaction(id, created_at, updated_at, date, kind) "
                   "VALUES ('00000000-0000-4000-8000-000000000001', '2026-11-24T12:00:00.000Z', "
                   "'2026-11-24T12:00:00.000Z', '2026-11-20', 'call');"
                   "INSERT INTO tombstone VALUES ((SELECT id FROM ally WHERE num = 1), 'ally', "
                   "'2026-11-24T12:00:00.000Z');"
                   // A note from before the limit: other stores would refuse it.
                   "UPDATE ally SET notes = printf('%.*c', 1048600, 'x') WHERE num = 2;");
  fs::permissions(s.db(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const auto before = s.dump();

  auto r = s.run({"check"});
  CHECK(r.code == 1);
  CHECK(r.out ==
        "ok    SQLite's integrity check of the whole file\n"
        "ok    the store's schema is the one this ally writes\n"
        "ok    no row points to a record that does not exist\n"
        "FAIL  each ally's last contact and kind match the log\n"
        "      Monica Geller (#2) says last contact 2026-11-24 (call), the log says 2026-11-24 "
        "(other)\n"
        "FAIL  each ally's recent favors match their favors\n"
        "      " +
        s.scalar("SELECT name || ' (#' || num || ')' FROM ally "
                 "WHERE num = (SELECT ally FROM favor LIMIT 1)") +
        "'s recent favors, which `due` counts, do not match their favors\n"
        "FAIL  every conversation has an ally, and their dates and follow-ups agree\n"
        "      conversation #2 has no ally\n"
        "      conversation #1's open follow-up is not the one `due` sees for ally #1\n"
        "FAIL  every stored date is a real YYYY-MM-DD day\n"
        "      favor.due of #1 is not a date: '2026-02-30'\n"
        "ok    the search indexes match the records\n"
        "ok    the undo journal is settled and whole\n"
        "FAIL  no deleted record is still present\n"
        "      ally #1 (" + s.scalar("SELECT id FROM ally WHERE num = 1") +
        ") is both present and marked deleted\n"
        "FAIL  the store's files are private to you (0600)\n"
        "      '" + s.db() + "' can be read by others (mode 0640); 'chmod 600' fixes it\n"
        // SQLite gives the files it makes beside the store the store's mode.
        "      '" + s.db() + "-wal' can be read by others (mode 0640); 'chmod 600' fixes it\n"
        "      '" + s.db() + "-shm' can be read by others (mode 0640); 'chmod 600' fixes it\n"
        "FAIL  no text is over the 1 MiB limit other stores accept\n"
        "      ally #2: its notes is 1024 KiB, over the 1 MiB limit (other stores refuse it); "
        "shorten it with 'ally edit '#2' --note …'\n");
  CHECK(r.err == fmt::format("ally: error: 7 of 12 checks found problems in {} — keep a copy "
                             "('ally backup'); an earlier backup or 'ally export' and 'ally "
                             "import' into a new store can bring the data back\n",
                             s.db()));
  CHECK(s.dump() == before);

  r = s.run({"--json", "check"});
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["ok"] == false);
  std::vector<std::string> failed;
  for (const auto& c : j["checks"]) {
    if (!c["ok"].get<bool>()) failed.push_back(c["name"]);
  }
  CHECK(failed == std::vector<std::string>{"last_contact", "recent_favors", "interaction_allies", "dates",
                                           "tombstones", "file_mode", "text_size"});
}

TEST_CASE("check notices a search index out of step with its records", "[e2e][check]") {
  TempStore s;
  fill(s);
  // Remove a conversation's words from the index only, as a bug in a trigger would.
  s.exec_sql("INSERT INTO search_interaction(search_interaction, rowid, note) "
                   "VALUES ('delete', 1, 'coffee at Central Perk');"
                   "UPDATE search_ally SET name = 'Someone Else' WHERE rowid = 2;");
  auto r = s.run({"check"});
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Catch::Contains(
                        "FAIL  the search indexes match the records\n"
                        "      the search index search_interaction does not match its records: "
                        "database disk image is malformed\n"
                        "      the search index is out of date for Monica Geller (#2)\n"));
}
