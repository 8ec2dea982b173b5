// End-to-end: recording that you introduced two allies, refusing an ally introduced to
// themselves, and deleting an introduction.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

void add_friends(const TempStore& s) {
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0); // #1
  REQUIRE(s.run({"add", "John Smith"}).code == 0);   // #2
  REQUIRE(s.run({"add", "Sarah Lee"}).code == 0);    // #3
}

} // namespace

TEST_CASE("intro records an introduction shown in both allies' timelines", "[e2e][intro]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"intro", "John", "Sarah", "both", "love", "Murakami 📚"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "Recorded introduction #1: John Smith (#2) to Sarah Lee (#3).\n");
  CHECK(s.query("SELECT a, b, date, note FROM introduction") ==
        std::vector<std::vector<std::string>>{{"2", "3", "2026-11-24", "both love Murakami 📚"}});
  CHECK(s.scalar("SELECT summary FROM journal ORDER BY seq DESC LIMIT 1") ==
        "introduction #1 (John Smith (#2) to Sarah Lee (#3))");
  // An introduction is not a check-in.
  CHECK(s.scalar("SELECT count(*) FROM ally WHERE last_contact IS NOT NULL") == "0");

  for (const char* who : {"John", "Sarah"}) {
    INFO(who);
    auto t = json::parse(s.run({"--json", "timeline", who}).out);
    REQUIRE(t.size() == 1);
    CHECK(t[0]["kind"] == "intro");
    CHECK(t[0]["note"] == "both love Murakami 📚");
  }
  CHECK(json::parse(s.run({"--json", "timeline", "Rachel"}).out).empty());
  CHECK(s.run({"timeline", "Sarah"}).out ==
        "RECORD   DATE        KIND   NOTE\n"
        "intro 1  2026-11-24  intro  [introduced to John Smith] both love Murakami 📚\n");

  r = s.run({"--json", "intro", "Rachel", "#2", "--date", "3d ago"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["number"] == 2);
  CHECK(j["id"].get<std::string>().size() == 36);
  CHECK(j["a"] == 1);
  CHECK(j["b"] == 2);
  CHECK(j["date"] == "2026-11-21");
  CHECK(j["note"] == "");
  r = s.run({"intro", "Rachel", "Sarah", "--date", "monday"});
  CHECK(
      r.out ==
      "Recorded introduction #3: Rachel Green (#1) to Sarah Lee (#3) on 2026-11-23 (yesterday).\n");
}

TEST_CASE("an ally cannot be introduced to themselves", "[e2e][intro][errors]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"add", "Rachel Greenberg"}).code == 0); // #4
  auto before = s.dump();
  auto r = s.run({"intro", "Rachel Green", "#1", "hello"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "ally: error: Rachel Green (#1) cannot be introduced to themselves — name two "
                 "different allies\n");
  r = s.run({"intro", "Rachel", "John"});
  CHECK(r.code == 1); // ambiguous
  r = s.run({"intro", "John"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: name the two allies you introduced — ally intro WHO WHO [TEXT], or "
                 "ally intro rm N\n");
  r = s.run({"intro", "John", "Sarah", "--date", "tomorrow"});
  CHECK(r.code == 2);
  r = s.run({"intro", "John", "Nobody"});
  CHECK(r.code == 1);
  CHECK(s.dump() == before);
}

TEST_CASE("intro rm deletes an introduction and leaves a tombstone", "[e2e][intro]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"intro", "John", "Sarah", "rm", "is just a word here"}).code == 0);
  CHECK(s.scalar("SELECT note FROM introduction") == "rm is just a word here");
  auto id = s.scalar("SELECT id FROM introduction");
  auto r = s.run({"intro", "rm", "1"});
  CHECK(r.code == 0);
  CHECK(r.out == "Removed introduction #1: John Smith (#2) to Sarah Lee (#3).\n");
  CHECK(s.scalar("SELECT count(*) FROM introduction") == "0");
  CHECK(s.scalar("SELECT kind FROM tombstone WHERE id = '" + id + "'") == "introduction");
  CHECK(json::parse(s.run({"--json", "timeline"}).out).empty());

  auto before = s.dump();
  r = s.run({"intro", "rm", "1"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "ally: error: no introduction #1 — 'ally timeline' lists introductions as kind 'intro'\n");
  r = s.run({"intro", "rm", "x1"});
  CHECK(r.code == 2);
  r = s.run({"intro", "rm", "1", "2"});
  CHECK(r.code == 2);
  r = s.run({"intro", "rm", "1", "--date", "today"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: --date does not apply to 'ally intro rm'\n");
  CHECK(s.dump() == before);
}
