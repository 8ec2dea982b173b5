// End-to-end: a write that would change nothing writes nothing. Sync and `import --merge` let the
// newer record win, so a same-value edit that moved updated_at on one machine would wipe out a
// real edit made on another; an undo entry for it would undo nothing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

void setup(TempStore& s) {
  REQUIRE(s.run({"add", "Anna Kowalska-Nowak", "--org", "ACME", "--tag", "design", "--email",
                 "anna@acme.io"})
              .code == 0);
  REQUIRE(s.run({"log", "Anna", "coffee", "about", "the", "launch", "--kind", "coffee"}).code == 0);
  REQUIRE(s.run({"favor", "Anna", "--gave", "review deck"}).code == 0);
  REQUIRE(s.run({"date", "Anna", "birthday", "05-05"}).code == 0);
  REQUIRE(s.run({"snooze", "Anna", "2026-12-20"}).code == 0);
  REQUIRE(s.run({"config", "due.limit", "7"}).code == 0);
}

} // namespace

TEST_CASE("a command that would change nothing writes nothing and says so", "[e2e][noop]") {
  TempStore s;
  setup(s);
  // The next day, so a write that went through would move updated_at.
  s.today = "2026-11-25";
  auto before = s.dump();
  struct Case {
    std::vector<std::string> args;
    std::string out;
  };
  const std::vector<Case> cases = {
      {{"edit", "Anna", "--org", "ACME"},
       "nothing to change: Anna Kowalska-Nowak (#1) already has that value\n"},
      {{"edit", "Anna", "--org", "ACME", "--tag", "design", "--email", "anna@acme.io"},
       "nothing to change: Anna Kowalska-Nowak (#1) already has those values\n"},
      {{"snooze", "Anna", "2026-12-20"},
       "nothing to change: Anna Kowalska-Nowak (#1) is already snoozed until 2026-12-20\n"},
      {{"config", "due.limit", "7"}, "nothing to change: due.limit is already 7\n"},
      {{"config", "--unset", "due.weight.date"}, "nothing to change: due.weight.date is not set\n"},
      {{"log", "edit", "1", "--kind", "coffee"}, "nothing to change: log #1 already has that value\n"},
      {{"favor", "edit", "1", "--text", "review deck"},
       "nothing to change: favor #1 for Anna Kowalska-Nowak (#1) already has that\n"},
  };
  for (const auto& c : cases) {
    INFO(c.args[0] << " " << c.args[1] << " " << c.args[2]);
    auto r = s.run(c.args);
    CHECK(r.code == 0);
    CHECK(r.out == c.out);
    CHECK(r.err.empty());
    // No updated_at moved, no undo entry, nothing for sync to send.
    CHECK(s.dump() == before);
  }
  auto r = s.run({"date", "Anna", "birthday", "05-05"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("nothing to change: birthday of Anna Kowalska-Nowak (#1) is already ", 0) == 0);
  CHECK(s.dump() == before);

  // The undo history holds the six setup commands and nothing else.
  r = s.run({"--json", "undo", "--list"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out).size() == 6);
}

TEST_CASE("snooze off when not snoozed changes nothing", "[e2e][noop]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto before = s.dump();
  auto r = s.run({"snooze", "Rachel", "off"});
  CHECK(r.code == 0);
  CHECK(r.out == "nothing to change: Rachel Green (#1) is not snoozed\n");
  CHECK(s.dump() == before);
}

TEST_CASE("a no-op write says changed false in --json and keeps the record", "[e2e][noop]") {
  TempStore s;
  setup(s);
  auto before = s.dump();
  auto r = s.run({"--json", "edit", "Anna", "--org", "ACME"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["changed"] == false);
  CHECK(j["name"] == "Anna Kowalska-Nowak");
  CHECK(j["org"] == "ACME");
  r = s.run({"--json", "config", "due.limit", "7"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out) == json({{"key", "due.limit"}, {"value", "7"}, {"changed", false}}));
  CHECK(s.dump() == before);
  // A real change still writes, and its JSON does not claim it changed nothing.
  r = s.run({"--json", "edit", "Anna", "--org", "Initech"});
  REQUIRE(r.code == 0);
  CHECK_FALSE(json::parse(r.out).contains("changed"));
  CHECK(s.dump() != before);
}

TEST_CASE("edit with no field to change is a usage error", "[e2e][noop]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto before = s.dump();
  auto r = s.run({"edit", "Rachel"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("ally: error: nothing to change: give the fields to change", 0) == 0);
  CHECK(s.dump() == before);
}

TEST_CASE("an edit that is undone by the same edit's other option writes nothing", "[e2e][noop]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--tag", "music"}).code == 0);
  auto before = s.dump();
  // Dropping a tag and adding it back in one command leaves the ally as it was.
  auto r = s.run({"edit", "Rachel", "--drop-tag", "music", "--tag", "music"});
  CHECK(r.code == 0);
  CHECK(r.out == "nothing to change: Rachel Green (#1) already has those values\n");
  CHECK(s.dump() == before);
}
