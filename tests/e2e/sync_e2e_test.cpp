// End-to-end: `ally sync` through a bare git repository on local disk. Two or three stores log,
// edit and purge independently and converge to the same data, whatever the order of their
// syncs; an interrupted or refused sync leaves the store as it was and the next one repairs it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "e2e/exchange_helpers.hpp"
#include "e2e/sync_helpers.hpp"

using ally_test::ok;
using ally_test::populate;
using ally_test::Result;
using ally_test::run_process;
using ally_test::TempStore;
using nlohmann::json;

using namespace ally_sync_test;

TEST_CASE("sync: what A adds and logs reaches B", "[sync]") {
  Remote remote;
  TempStore a, b;
  populate(a);
  auto r = a.run({"sync", "init", remote.path()});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("goes to the remote as readable text") != std::string::npos);
  struct stat st {};
  REQUIRE(::stat(sync_dir(a).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);

  r = sync(a);
  CHECK(r.out == "Synced with " + remote.path() + ": sent " + k_everything + "; received nothing.\n");
  init(b, remote);
  r = sync(b);
  CHECK(r.out == "Synced with " + remote.path() + ": sent nothing; received " + k_everything + ".\n");
  CHECK(ok(b, {"show", "Rachel"}).out.find("coffee about wine") != std::string::npos);
  require_same(a, b);

  // Nothing new: nothing sent, nothing received, nothing written.
  auto before = b.dump();
  CHECK(sync(b).out == "Synced with " + remote.path() + ": nothing new either way.\n");
  CHECK(b.dump() == before);
  // The store itself never goes into the repository.
  auto files = run_process({"/usr/bin/git", "-C", remote.path(), "ls-tree", "-r", "--name-only",
                            "main"},
                           "", k_git_env);
  CHECK(files.out.find(".db") == std::string::npos);
  CHECK(files.out.find("allies/") != std::string::npos);
}

TEST_CASE("sync: both edit one ally; the newer edit wins on both", "[sync]") {
  Remote remote;
  TempStore a, b;
  ok(a, {"add", "Rachel Green", "--org", "Central Perk"});
  share(a, b, remote);

  SECTION("different days") {
    a.today = "2026-11-25";
    ok(a, {"edit", "Rachel", "--city", "Paris"});
    b.today = "2026-11-26";
    ok(b, {"edit", "Rachel", "--city", "London"});
    sync(a);
    sync(b);
    sync(a);
    CHECK(a.scalar("SELECT city FROM ally") == "London");
  }
  SECTION("the same pinned day: one wins, the same on both") {
    ok(a, {"edit", "Rachel", "--city", "Paris"});
    ok(b, {"edit", "Rachel", "--city", "London"});
    sync(a);
    sync(b);
    sync(a);
    CHECK(a.scalar("SELECT city FROM ally") == b.scalar("SELECT city FROM ally"));
    // Settled: further syncs send nothing.
    CHECK(sync(b).out.find("nothing new") != std::string::npos);
    CHECK(sync(a).out.find("nothing new") != std::string::npos);
  }
  require_same(a, b);
}

TEST_CASE("sync: conversations logged on both machines are all kept, once", "[sync]") {
  Remote remote;
  TempStore a, b, c;
  ok(a, {"add", "Rachel Green"});
  share(a, b, remote);
  ok(a, {"log", "Rachel", "coffee at work", "--kind", "coffee"});
  ok(b, {"log", "Rachel", "call from home", "--kind", "call"});
  ok(b, {"config", "due.limit", "7"});
  ok(a, {"config", "due.limit", "9"});
  sync(a);
  sync(b);
  sync(a);
  for (const auto* s : {&a, &b}) {
    CHECK(s->scalar("SELECT count(*) FROM interaction") == "2");
    CHECK(s->scalar("SELECT count(*) FROM interaction WHERE note = 'coffee at work'") == "1");
    CHECK(s->scalar("SELECT count(*) FROM config WHERE key = 'due.limit'") == "1");
  }
  require_same(a, b);
  // A third machine gets the same in one sync.
  init(c, remote);
  sync(c);
  require_same(a, c);
}

TEST_CASE("sync: an ally purged on A stays purged, even after B edited it", "[sync]") {
  Remote remote;
  TempStore a, b;
  ok(a, {"add", "Rachel Green"});
  ok(a, {"add", "Ross Geller"});
  ok(a, {"log", "Rachel", "lunch", "--kind", "lunch"});
  share(a, b, remote);
  b.today = "2026-11-25";
  ok(b, {"edit", "Rachel", "--city", "Paris"});
  ok(b, {"log", "Rachel,Ross", "dinner together"});

  SECTION("B synced its edit before A purged") {
    sync(b);
    a.today = "2026-11-26";
    ok(a, {"rm", "Rachel", "--purge", "--yes"});
    sync(a);
    sync(b);
  }
  SECTION("A purged before it saw B's edit") {
    a.today = "2026-11-26";
    ok(a, {"rm", "Rachel", "--purge", "--yes"});
    sync(a);
    sync(b);
    sync(a);
  }
  for (const auto* s : {&a, &b}) {
    CHECK(s->scalar("SELECT count(*) FROM ally WHERE name = 'Rachel Green'") == "0");
    CHECK(s->scalar("SELECT count(*) FROM interaction WHERE note = 'lunch'") == "0");
  }
  sync(b);
  sync(a);
  CHECK(b.scalar("SELECT count(*) FROM ally WHERE name = 'Rachel Green'") == "0");
  require_same(a, b);
}

TEST_CASE("sync: a push that loses the race is retried and converges", "[sync]") {
  Remote remote;
  TempStore a, b;
  ok(a, {"add", "Rachel Green"});
  share(a, b, remote);
  ok(a, {"log", "Rachel", "from A"});
  ok(b, {"log", "Rachel", "from B"});

  SECTION("B pushes while A is about to") {
    // A's first push finds the remote moved: B synced in between.
    local_hook(a, "pre-push",
               "#!/bin/sh\nif [ ! -e \"$0.done\" ]; then touch \"$0.done\"; '" ALLY_BINARY
               "' --db '" + b.db() + "' --today " + b.today + " sync >/dev/null; fi\nexit 0\n");
    auto r = a.run({"--json", "sync"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(json::parse(r.out)["attempts"] == 2);
    CHECK(json::parse(r.out)["received"]["interactions"] == 1);
  }
  SECTION("both at once") {
    Result ra, rb;
    std::thread ta([&] { ra = a.run({"sync"}); });
    std::thread tb([&] { rb = b.run({"sync"}); });
    ta.join();
    tb.join();
    INFO(ra.err << rb.err);
    REQUIRE(ra.code == 0);
    REQUIRE(rb.code == 0);
  }
  sync(b);
  sync(a);
  CHECK(a.scalar("SELECT count(*) FROM interaction") == "2");
  require_same(a, b);
}

TEST_CASE("sync: a sync killed midway is repaired by the next", "[sync]") {
  Remote remote;
  TempStore a, b;
  ok(a, {"add", "Rachel Green"});
  share(a, b, remote);
  ok(a, {"log", "Rachel", "from A"});
  sync(a);
  ok(b, {"log", "Rachel", "from B"});

  SECTION("killed right after the merge, before the import") {
    // The hook's parent is git; git's parent is ally.
    local_hook(b, "post-merge",
               "#!/bin/sh\nkill -9 $(awk '{print $4}' /proc/$PPID/stat)\n");
    auto before = b.dump();
    auto r = b.run({"sync"});
    CHECK(r.code != 0);
    CHECK(b.dump() == before);
    std::filesystem::remove(std::filesystem::path(sync_dir(b)) / ".git" / "hooks" / "post-merge");
  }
  SECTION("killed while git held its index lock") {
    std::ofstream(std::filesystem::path(sync_dir(b)) / ".git" / "index.lock") << "";
  }
  sync(b);
  sync(a);
  CHECK(b.scalar("SELECT count(*) FROM interaction") == "2");
  require_same(a, b);
}

TEST_CASE("sync: a remote that refuses the push leaves the store as it was", "[sync]") {
  Remote remote;
  TempStore a;
  ok(a, {"add", "Rachel Green"});
  init(a, remote);
  sync(a);
  ok(a, {"log", "Rachel", "coffee"});
  remote.hook("pre-receive", "#!/bin/sh\necho 'read-only mirror' >&2\nexit 1\n");
  auto before = a.dump();
  auto r = a.run({"sync"});
  CHECK(r.code == 1);
  CHECK(r.err.find("ally: error: sync: the remote refused the push") == 0);
  CHECK(r.err.find("read-only mirror") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(a.dump() == before);
  // Once the remote accepts again, the change goes.
  std::filesystem::remove(std::filesystem::path(remote.path()) / "hooks" / "pre-receive");
  CHECK(sync(a).out.find("sent 1 conversation") != std::string::npos);
}

TEST_CASE("sync: without init, or with a remote that is not there", "[sync]") {
  TempStore a;
  ok(a, {"add", "Rachel Green"});
  auto r = a.run({"sync"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: sync is not set up for this store — run 'ally sync init REMOTE' "
                 "with a private git repository (URL or path)\n");
  ok(a, {"sync", "init", (a.dir() / "nowhere.git").string()});
  auto before = a.dump();
  r = a.run({"sync"});
  CHECK(r.code == 1);
  CHECK(r.err.find("ally: error: sync: fetching from the remote failed") == 0);
  CHECK(a.dump() == before);
}

TEST_CASE("sync status: what would go each way", "[sync]") {
  Remote remote;
  TempStore a, b;
  ok(a, {"add", "Rachel Green"});
  share(a, b, remote);
  ok(a, {"log", "Rachel", "coffee"});
  ok(a, {"add", "Ross Geller"});
  sync(a);
  ok(b, {"add", "Monica Geller"});
  auto r = ok(b, {"sync", "status"});
  auto j = json::parse(ok(b, {"--json", "sync", "status"}).out);
  std::string label = j["label"];
  CHECK(label.rfind("store-", 0) == 0);
  CHECK(r.out == "Remote: " + remote.path() + "\nThis store: " + label +
                     "\nTo send:    1 ally\nTo receive: 1 ally and 1 conversation (1 commit)\n");
  CHECK(j["to_send"]["allies"] == 1);
  CHECK(j["to_receive"]["total"] == 2);
  CHECK(j["fetched"] == true);
}

TEST_CASE("sync: undoing a sync's import stays on this machine", "[sync]") {
  Remote remote;
  TempStore a, b;
  populate(a);
  share(a, b, remote);
  ok(a, {"log", "Mary-Jane", "call from the laptop", "--kind", "call"});
  sync(a);
  sync(b);
  REQUIRE(ok(b, {"timeline", "Mary-Jane"}).out.find("call from the laptop") != std::string::npos);

  // B takes back what its sync brought in, then syncs twice; A syncs in between.
  auto undone = ok(b, {"undo"});
  CHECK(undone.out.find("Undid: sync") != std::string::npos);
  CHECK(ok(b, {"timeline", "Mary-Jane"}).out.find("call from the laptop") == std::string::npos);
  sync(b);
  sync(a);
  CHECK(ok(a, {"timeline", "Mary-Jane"}).out.find("call from the laptop") != std::string::npos);
  CHECK(a.scalar("SELECT count(*) FROM tombstone WHERE kind = 'interaction'") ==
        b.scalar("SELECT count(*) FROM tombstone WHERE kind = 'interaction'"));
  sync(b);
  CHECK(ok(b, {"timeline", "Mary-Jane"}).out.find("call from the laptop") != std::string::npos);
  require_same(a, b);
}
