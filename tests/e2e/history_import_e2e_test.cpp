// End-to-end: leaving friends or Monica keeps the whole history. `ally import friends.md` and
// `ally import monica.json` bring in the people and what happened between you; the same file
// again adds nothing; what you edited or deleted stays as you left it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/exchange_helpers.hpp"

namespace fs = std::filesystem;
using ally_test::import_json;
using ally_test::ok;
using ally_test::TempStore;
using ally_test::write_text;
using Catch::Matchers::Contains;

namespace {

std::string data(const std::string& name) { return (fs::path(ALLY_TEST_DATA) / name).string(); }

} // namespace

TEST_CASE("friends.md: friends become allies, activities conversations, twice adds nothing",
          "[e2e][intake][friends]") {
  TempStore s;
  auto doc = import_json(s, {data("friends/friends.md")});
  CHECK(doc["format"] == "friends");
  CHECK(doc["added"] == 6);
  CHECK(doc["conversations"]["added"] == 4);
  CHECK(doc["left_out"].size() == 3);
  CHECK(s.scalar("SELECT group_concat(value, ', ') FROM (SELECT value FROM ally_value WHERE "
                 "ally = 2 AND field = 'nick' ORDER BY pos)") == "The Admiral, Amazing Grace");
  // One conversation with both friends of a line, dated its day.
  CHECK(s.scalar("SELECT group_concat(ia.ally, ' ') FROM interaction i JOIN interaction_ally ia "
                 "ON ia.interaction = i.num WHERE i.date = '2026-11-20'") == "2 3");
  CHECK(s.scalar("SELECT last_contact FROM ally WHERE name = 'Grace Hopper'") == "2026-11-20");
  // Nothing is dated today: the undated line is reported, not logged.
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE date = '2026-12-01'") == "0");

  const auto before = s.dump();
  auto again = import_json(s, {data("friends/friends.md")});
  CHECK(again["added"] == 0);
  CHECK(again["unchanged"] == 6);
  CHECK(again["conversations"]["added"] == 0);
  CHECK(again["conversations"]["present"] == 4);
  CHECK(s.dump() == before);
}

TEST_CASE("friends.md again after your edits: no duplicate, your edits stay",
          "[e2e][intake][friends]") {
  TempStore s;
  ok(s, {"import", data("friends/friends.md")});
  ok(s, {"edit", "Grace Hopper", "--city", "Arlington"});
  auto lunch = s.scalar("SELECT num FROM interaction WHERE date = '2026-11-20'");
  ok(s, {"log", "rm", lunch});
  auto again = import_json(s, {data("friends/friends.md")});
  CHECK(again["added"] == 0);
  CHECK(again["conversations"]["deleted"] == 1);
  CHECK(s.scalar("SELECT count(*) FROM ally WHERE name = 'Grace Hopper'") == "1");
  CHECK(s.scalar("SELECT city FROM ally WHERE name = 'Grace Hopper'") == "Arlington");
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE date = '2026-11-20'") == "0");
}

TEST_CASE("friends.md is told from its content; the report lists what was left out",
          "[e2e][intake][friends]") {
  TempStore s;
  auto r = ok(s, {"import", data("friends/friends.md")});
  CHECK_THAT(r.out, Contains("Imported 6 people from"));
  CHECK_THAT(r.out, Contains("Logged 4 conversations"));
  CHECK_THAT(r.out, Contains("Not imported (3):"));
  CHECK_THAT(r.out, Contains("line 6: no date"));
  CHECK_THAT(r.out, Contains("new        #2 Grace Hopper (line 15)"));

  // --format friends on something else: refused, nothing written.
  auto other = write_text(s, "notes.txt", "groceries\n- milk\n");
  const auto before = s.dump();
  auto bad = s.run({"import", other, "--format", "friends"});
  CHECK(bad.code == 1);
  CHECK_THAT(bad.err, Contains("not a friends.md file"));
  CHECK(s.dump() == before);
}

TEST_CASE("a dry run of friends.md reports and changes nothing", "[e2e][intake][friends]") {
  TempStore s;
  ok(s, {"add", "Someone Else"});
  const auto before = s.dump();
  auto r = ok(s, {"import", data("friends/friends.md"), "--dry-run"});
  CHECK_THAT(r.out, Contains("Would import 6 people"));
  CHECK_THAT(r.out, Contains("Would log 4 conversations"));
  CHECK(s.dump() == before);
}

TEST_CASE("Monica: people, shared activities, calls, debts, introductions; twice adds nothing",
          "[e2e][intake][monica]") {
  TempStore s;
  auto doc = import_json(s, {data("monica/export.json")});
  CHECK(doc["format"] == "monica");
  CHECK(doc["added"] == 3);
  CHECK(doc["conversations"]["added"] == 3);
  CHECK(doc["favors"]["added"] == 2);
  CHECK(doc["introductions"]["added"] == 1);
  // The dinner both went to: one conversation with both.
  CHECK(s.scalar("SELECT count(*) FROM interaction_ally ia JOIN interaction i ON i.num = "
                 "ia.interaction WHERE i.date = '2026-10-04'") == "2");
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE date = '2026-10-04'") == "1");
  CHECK(s.scalar("SELECT kind FROM interaction WHERE date = '2026-09-01'") == "call");
  // Monica's stay-in-touch frequency is the cadence; the others wait untracked.
  CHECK(s.scalar("SELECT cadence_mode || ' ' || ifnull(cadence_days, '') FROM ally WHERE num = 1") ==
        "days 30");
  CHECK(s.scalar("SELECT cadence_mode FROM ally WHERE num = 2") == "none");
  // The money Priya lent you was repaid: help received, and thanked.
  CHECK(s.scalar("SELECT direction || ' ' || (thanked IS NOT NULL) FROM favor WHERE ally = 1") ==
        "got 1");
  CHECK(s.scalar("SELECT month || '-' || day || ' ' || ifnull(year, '-') FROM important_date "
                 "WHERE ally = 1") == "6-15 -");
  auto due = ok(s, {"due", "--all"});
  CHECK_THAT(due.out, Contains("Priya K. Raman"));

  const auto before = s.dump();
  auto again = import_json(s, {data("monica/export.json")});
  CHECK(again["added"] == 0);
  CHECK(again["conversations"]["present"] == 3);
  CHECK(again["favors"]["present"] == 2);
  CHECK(again["introductions"]["present"] == 1);
  CHECK(s.dump() == before);
  // An ally JSON export of it all still reads back.
  auto out = (s.dir() / "all.json").string();
  ok(s, {"export", "--output", out});
}

TEST_CASE("a Monica export is told from ally's own", "[e2e][intake][monica]") {
  TempStore s;
  auto r = ok(s, {"import", data("monica/export.json"), "--dry-run"});
  CHECK_THAT(r.out, Contains("Would import 3 people"));
  CHECK_THAT(r.out, Contains("new        #1 Priya K. Raman (contact 1)"));
  auto bad = write_text(s, "not-monica.json", "{\"version\": \"x\", \"account\": []}");
  auto refused = s.run({"import", bad, "--format", "monica"});
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Contains("not a Monica 4 export"));
}
