// Several people, as they come up in conversation (issue 24, point 3): lists for `thank`, a
// hint for "Rachel and John", a warning when a note starts with an ally's name.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

TEST_CASE("thank takes a list and thanks each ally for their own favor", "[e2e][several]") {
  TempStore s;
  REQUIRE(s.run({"add", "Mei Chen"}).code == 0);
  REQUIRE(s.run({"add", "Nadia Popescu"}).code == 0);
  REQUIRE(s.run({"favor", "Mei", "--got", "reviewed my deck"}).code == 0);
  REQUIRE(s.run({"favor", "Nadia", "--got", "covered my on-call"}).code == 0);
  auto r = s.run({"thank", "Mei,Nadia"});
  CHECK(r.code == 0);
  CHECK(r.out == "Thanked Mei Chen (#1) for: reviewed my deck (favor #1).\n"
                 "Thanked Nadia Popescu (#2) for: covered my on-call (favor #2).\n");
  CHECK(s.scalar("SELECT count(*) FROM favor WHERE thanked IS NOT NULL") == "2");
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE kind = 'thanks'") == "2");
  // One undo entry takes both back.
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(s.scalar("SELECT count(*) FROM favor WHERE thanked IS NOT NULL") == "0");

  auto j = s.run({"--json", "thank", "Mei, Nadia", "thanks!"});
  REQUIRE(j.code == 0);
  auto doc = json::parse(j.out);
  REQUIRE(doc.is_array());
  CHECK(doc.size() == 2);
  CHECK(doc[1]["thanked_favor"]["text"] == "covered my on-call");

  const auto before = s.dump();
  r = s.run({"thank", "Mei,Nadia", "--favor", "1"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--favor names one favor") != std::string::npos);
  CHECK(s.dump() == before);
}

TEST_CASE("'Rachel and John' suggests a list; a note starting with an ally's name warns",
          "[e2e][several]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  const auto before = s.dump();
  auto r = s.run({"log", "Rachel and John", "lunch"});
  CHECK(r.code == 1);
  CHECK(r.err.find("several allies go in one list: \"Rachel,John\"") != std::string::npos);
  CHECK(s.dump() == before);

  r = s.run({"log", "Rachel", "John", "lunch"});
  CHECK(r.code == 0); // logged as typed, with a word about it
  CHECK(r.err == "ally: warning: 'John' is an ally (John Smith, #2): did you mean -w John? Logged "
                 "with the note as typed.\n");
  CHECK(s.scalar("SELECT note FROM interaction") == "John lunch");
  // Not when John is there already, nor for a word that is only a prefix of a name.
  r = s.run({"log", "Rachel", "-w", "John", "John was late"});
  CHECK(r.err.empty());
  r = s.run({"log", "Rachel", "Jo", "ok"});
  CHECK(r.err.empty());
}

TEST_CASE("log --gave, --got and --promise record the favor with the conversation",
          "[e2e][several]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  auto r = s.run({"log", "Rachel", "coffee about the offsite", "--date", "yesterday", "--got",
                  "intro to the data team", "--promise", "send the deck", "--due", "friday"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("as log #1.\n") != std::string::npos);
  CHECK(r.out.find("Recorded favor #1 from Rachel Green (#1): intro to the data team.\n") !=
        std::string::npos);
  CHECK(r.out.find("Recorded promise #2 to Rachel Green (#1): send the deck, due Fri 2026-11-27") !=
        std::string::npos);
  // On the conversation's date, one write: one undo takes the log and both favors back.
  CHECK(s.scalar("SELECT group_concat(date) FROM favor") == "2026-11-23,2026-11-23");
  CHECK(s.scalar("SELECT due FROM favor WHERE due IS NOT NULL") == "2026-11-27");
  CHECK(s.scalar("SELECT count(*) FROM journal") == "3");
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(s.scalar("SELECT count(*) FROM favor") == "0");
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "0");

  auto j = s.run({"--json", "log", "John", "lunch", "--gave", "reviewed his CV"});
  REQUIRE(j.code == 0);
  auto doc = json::parse(j.out);
  REQUIRE(doc["favors"].size() == 1);
  CHECK(doc["favors"][0]["text"] == "reviewed his CV");
  CHECK(doc["favors"][0]["direction"] == "gave");

  const auto before = s.dump();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"log", "Rachel,John", "lunch", "--got", "a lift"},   // one favor, two people
           {"log", "Rachel", "lunch", "--promise", "the deck"},  // a promise without a date
           {"log", "Rachel", "lunch", "--due", "friday"},        // a date without a promise
           {"log", "Rachel", "lunch", "--gave", "  "}}) {
    auto bad = s.run(args);
    CHECK(bad.code == 2);
    CHECK(bad.err.rfind("ally: error: ", 0) == 0);
  }
  CHECK(s.dump() == before);
}
