// End-to-end: people are told apart on purpose. `add` says when a name or email is already
// someone's, a short name that changes meaning is named, `dupes` lists likely duplicates with
// the evidence, and `merge --dry-run` shows what a merge would move without moving it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/exchange_helpers.hpp"

using ally_test::ok;
using ally_test::TempStore;
using nlohmann::json;

TEST_CASE("add warns about an existing name or email and adds anyway", "[e2e][identity]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com"});
  auto r = ok(s, {"add", "Rachel Green"});
  CHECK(r.out == "Added Rachel Green (#2).\n");
  CHECK(r.err == "ally: warning: Rachel Green (#1) already has that name; added another — if they "
                 "are one person: ally merge 1 2\n");
  r = ok(s, {"add", "R. Green", "--email", "RACHEL@example.com"});
  CHECK(r.err == "ally: warning: Rachel Green (#1) already has RACHEL@example.com; added another "
                 "— if they are one person: ally merge 1 3\n");
  // Accents folded for the warning: José and Jose may be one person.
  ok(s, {"add", "José Silva"});
  r = ok(s, {"add", "Jose Silva"});
  CHECK(r.err.find("José Silva (#4) already has that name") != std::string::npos);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "5");
  // Nothing to warn about: nothing on stderr.
  CHECK(ok(s, {"add", "Monica Geller"}).err.empty());
}

TEST_CASE("add says when a short name changes whom it means", "[e2e][identity][names]") {
  TempStore s;
  ok(s, {"add", "Daniel Lee", "--nick", "Dan"});
  CHECK(json::parse(ok(s, {"--json", "show", "Dan"}).out)["number"] == 1);
  // A new Dan: "Dan" is still Daniel's nickname, which decides before first names.
  auto r = ok(s, {"add", "Dan Brown"});
  CHECK(r.err.empty());
  // A new ally whose nickname is Dan too: "Dan" now names two.
  r = ok(s, {"add", "Danny Ocean", "--nick", "Dan"});
  CHECK(r.err == "ally: warning: 'Dan' meant Daniel Lee (#1) and now names 2 allies: use a longer "
                 "name or a number\n");
  // A new ally whose full name is what a nickname was: the full name now decides.
  TempStore t;
  ok(t, {"add", "Robert Paulson", "--nick", "Bob"});
  r = ok(t, {"add", "Bob"});
  CHECK(r.err == "ally: warning: 'Bob' now means Bob (#2), not Robert Paulson (#1)\n");
}

TEST_CASE("a nickname that hides a first name says whom it passed over", "[e2e][identity][names]") {
  TempStore s;
  ok(s, {"add", "Daniel Lee", "--nick", "Dan"});
  ok(s, {"add", "Dan Brown"});
  auto r = ok(s, {"--json", "show", "Dan"});
  CHECK(json::parse(r.out)["number"] == 1);
  CHECK(r.err == "ally: note: 'Dan' is the nickname of Daniel Lee (#1), and the first name of Dan "
                 "Brown (#2): name them by number to mean them\n");
  // No other candidate, no note.
  CHECK(ok(s, {"show", "Daniel"}).err.empty());
}

TEST_CASE("dupes lists likely duplicates with their evidence", "[e2e][identity][dupes]") {
  TempStore s;
  CHECK(ok(s, {"dupes"}).out == "No likely duplicates.\n");
  ok(s, {"add", "John Smith", "--email", "js@alpha.example"});
  ok(s, {"add", "John Smith", "--email", "john@beta.example"});
  ok(s, {"add", "Ana Silva", "--email", "ana@example.org", "--phone", "+351 21 000 0001"});
  ok(s, {"add", "A. Silva", "--email", "ANA@example.org", "--phone", "+351 21 000 0001"});
  ok(s, {"add", "Rachel Green"});
  // Six people behind one switchboard are evidence of nothing.
  for (const char* name : {"P1 One", "P2 Two", "P3 Three", "P4 Four", "P5 Five", "P6 Six"}) {
    ok(s, {"add", name, "--phone", "+1 555 0100"});
  }
  auto j = json::parse(ok(s, {"--json", "dupes"}).out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["first"] == json({{"number", 1}, {"name", "John Smith"}}));
  CHECK(j[0]["second"]["number"] == 2);
  CHECK(j[0]["evidence"] == json::array({json{{"kind", "name"}, {"value", "John Smith"}}}));
  CHECK(j[0]["merge"] == "ally merge 1 2");
  CHECK(j[1]["first"]["number"] == 3);
  CHECK(j[1]["second"]["number"] == 4);
  CHECK(j[1]["evidence"] == json::array({json{{"kind", "email"}, {"value", "ana@example.org"}},
                                         json{{"kind", "phone"}, {"value", "+351 21 000 0001"}}}));
  auto r = ok(s, {"dupes"});
  CHECK(r.out.find("ally merge 3 4") != std::string::npos);
  CHECK(r.out.find("same email ana@example.org, same phone +351 21 000 0001") != std::string::npos);
  CHECK(r.out.find("2 pairs.") != std::string::npos);
  // Archived allies are settled already.
  ok(s, {"rm", "#2"});
  CHECK(json::parse(ok(s, {"--json", "dupes"}).out).size() == 1);
}

TEST_CASE("merge --dry-run shows what would move and changes nothing", "[e2e][identity][merge]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com"});
  ok(s, {"add", "Rachel Gren", "--org", "Ralph Lauren"});
  ok(s, {"log", "Rachel Gren", "coffee"});
  auto before = s.dump();
  auto r = ok(s, {"merge", "--dry-run", "Rachel Green", "Rachel Gren"});
  CHECK(r.out.rfind("Would merge Rachel Gren (#2) into Rachel Green (#1).\n", 0) == 0);
  CHECK(r.out.find("Moved: 1 conversation.\n") != std::string::npos);
  CHECK(r.out.find("Nothing was changed (--dry-run).\n") != std::string::npos);
  CHECK(s.dump() == before);
  auto j = json::parse(ok(s, {"--json", "merge", "--dry-run", "1", "2"}).out);
  CHECK(j["dry_run"] == true);
  CHECK(j["org"] == "Ralph Lauren");
  CHECK(s.dump() == before);
  r = ok(s, {"merge", "1", "2"});
  CHECK(r.out.rfind("Merged Rachel Gren (#2) into Rachel Green (#1).\n", 0) == 0);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "1");
}

TEST_CASE("the last name of an imported card is its family name, not the name's last word",
          "[e2e][identity][names]") {
  TempStore s;
  const auto cards = ally_test::write_text(
      s, "family.vcf",
      "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:zw\r\nFN:Zhang Wei\r\nN:Zhang;Wei;;;\r\nEND:VCARD\r\n"
      "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:lvb\r\nFN:Ludwig van Beethoven Jr.\r\n"
      "N:van Beethoven;Ludwig;;;Jr.\r\nEND:VCARD\r\n");
  ok(s, {"import", cards});
  ok(s, {"add", "Ana Wei"}); // no card: the last word of her name
  auto number = [&](const std::string& who) {
    return json::parse(ok(s, {"--json", "show", who}).out)["number"].get<int>();
  };
  // "Wei" is Zhang Wei's given name: only Ana Wei has it as a last name.
  CHECK(number("Wei") == 3);
  CHECK(number("Beethoven") == 2);
  // Added by hand, a name's last word is its last name.
  ok(s, {"add", "Grace Hopper"});
  CHECK(number("Hopper") == 4);
}
