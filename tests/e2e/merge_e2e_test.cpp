// End-to-end: `ally merge KEEP OTHER` moves everything of OTHER to KEEP, and `ally undo`
// takes the whole merge back.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/exchange_helpers.hpp"

using ally_test::ok;
using ally_test::TempStore;
using nlohmann::json;

namespace {

// Rachel Green (#1) and her duplicate Rachel Gren (#2), with John Smith (#3).
void two_rachels(const TempStore& s) {
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com", "--org", "Central Perk",
         "--interest", "Murakami", "--birthday", "05-05", "--note", "keep note", "--every", "2w"});
  ok(s, {"add",        "Rachel Gren",
         "--email",    "RACHEL@example.com",
         "--email",    "rgreen@example.org",
         "--phone",    "+1 555 0100",
         "--city",     "New York",
         "--org",      "Other Org",
         "--interest", "murakami",
         "--interest", "The Strokes",
         "--birthday", "05-06",
         "--note",     "other note",
         "--every",    "none"});
  ok(s, {"add", "John Smith"});
  ok(s, {"log", "Rachel Green,Rachel Gren", "both of them", "--date", "2026-11-10"});
  ok(s, {"log", "Rachel Gren", "only the other", "--date", "2026-11-22"});
  ok(s, {"log", "Rachel Gren,John", "with John", "--date", "2026-11-15"});
  ok(s, {"favor", "Rachel Gren", "--gave", "help with the deck", "--date", "2026-11-01"});
  ok(s, {"intro", "Rachel Green", "Rachel Gren", "they were one all along"});
  ok(s, {"intro", "Rachel Gren", "John", "both like jazz"});
  ok(s, {"date", "Rachel Gren", "launch day", "06-01", "--yearly"});
}

} // namespace

TEST_CASE("merge moves everything of OTHER to KEEP and says what moved", "[e2e][merge]") {
  TempStore s;
  two_rachels(s);
  auto other_id = s.scalar("SELECT id FROM ally WHERE num = 2");
  auto r = ok(s, {"merge", "Rachel Green", "Rachel Gren"});
  CHECK(r.out == "Merged Rachel Gren (#2) into Rachel Green (#1).\n"
                 "Moved: 3 conversations, 1 favor, 1 introduction, 1 date.\n"
                 "Added: 1 interest, 1 email, 1 phone.\n"
                 "Filled in: city, notes.\n"
                 "Dropped: 1 introduction of the two to each other, Rachel Gren's \"birthday\" "
                 "(kept Rachel Green's).\n"
                 "'ally undo' takes the merge back.\n");
  CHECK(r.err.empty());

  CHECK(s.scalar("SELECT count(*) FROM ally WHERE num = 2") == "0");
  CHECK(s.scalar("SELECT kind FROM tombstone WHERE id = '" + other_id + "'") == "ally");
  // The conversation both were in keeps one row; every other one is now Rachel Green's.
  CHECK(s.scalar("SELECT count(*) FROM interaction_ally WHERE ally = 1") == "3");
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "3");
  CHECK(s.scalar("SELECT last_contact FROM ally WHERE num = 1") == "2026-11-22");
  CHECK(s.scalar("SELECT ally FROM favor") == "1");
  CHECK(s.query("SELECT a, b FROM introduction") ==
        std::vector<std::vector<std::string>>{{"1", "3"}});
  CHECK(
      s.query(
          "SELECT label, month || '-' || day FROM important_date WHERE ally = 1 ORDER BY label") ==
      std::vector<std::vector<std::string>>{{"birthday", "5-5"}, {"launch day", "6-1"}});

  auto rachel = json::parse(ok(s, {"--json", "show", "Rachel"}).out);
  CHECK(rachel["emails"] == json::array({"rachel@example.com", "rgreen@example.org"}));
  CHECK(rachel["phones"] == json::array({"+1 555 0100"}));
  CHECK(rachel["org"] == "Central Perk"); // KEEP's own value stays
  CHECK(rachel["city"] == "New York");
  CHECK(rachel["interests"] == json::array({"Murakami", "The Strokes"}));
  CHECK(rachel["notes"] == "keep note\n\nother note");
  CHECK(rachel["cadence"] == "14d");
}

TEST_CASE("merge --json prints the kept ally and what moved", "[e2e][merge]") {
  TempStore s;
  two_rachels(s);
  auto j = json::parse(ok(s, {"--json", "merge", "1", "2"}).out);
  CHECK(j["number"] == 1);
  CHECK(j["name"] == "Rachel Green");
  CHECK(j["merged"]["number"] == 2);
  CHECK(j["merged"]["name"] == "Rachel Gren");
  CHECK(j["moved"]["interactions"] == 3);
  CHECK(j["moved"]["interests"] == 1);
  CHECK(j["dropped"]["introductions"] == 1);
  CHECK(j["dropped"]["dates"] == json::array({"birthday"}));
}

TEST_CASE("an untracked KEEP takes OTHER's cadence", "[e2e][merge]") {
  TempStore s;
  two_rachels(s);
  ok(s, {"merge", "Rachel Gren", "Rachel Green"});
  auto rachel = json::parse(ok(s, {"--json", "show", "Rachel"}).out);
  CHECK(rachel["name"] == "Rachel Gren");
  CHECK(rachel["cadence"] == "14d");
  CHECK(rachel["org"] == "Other Org");
  CHECK(s.scalar("SELECT count(*) FROM interaction_ally WHERE ally = 2") == "3");
}

TEST_CASE("undo takes a whole merge back", "[e2e][merge][undo]") {
  TempStore s;
  two_rachels(s);
  auto before = s.dump_data();
  ok(s, {"merge", "Rachel Green", "Rachel Gren"});
  REQUIRE(s.dump_data() != before);
  auto r = ok(s, {"undo"});
  CHECK(r.out == "Undid: merge Rachel Gren (#2) into Rachel Green (#1).\n");
  CHECK(s.dump_data() == before);
}

TEST_CASE("merge refuses one ally twice and unknown names, changing nothing",
          "[e2e][merge][errors]") {
  TempStore s;
  two_rachels(s);
  auto before = s.dump();
  auto r = s.run({"merge", "1", "Rachel Green"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: '1' and 'Rachel Green' are the same ally, Rachel Green (#1): "
                 "nothing to merge\n");
  r = s.run({"merge", "Rachel Green", "Phoebe"});
  CHECK(r.code == 1);
  CHECK(r.err.rfind("ally: error: no ally named 'Phoebe'", 0) == 0);
  r = s.run({"merge", "Rachel Green"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);
}
