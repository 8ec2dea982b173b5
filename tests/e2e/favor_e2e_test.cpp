// End-to-end: favors and promises through the real binary — recording, keeping, correcting,
// deleting, listing with the balance — and the mistakes users make on the way.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

// Two allies: Rachel Green (#1) and Sarah Lee (#2). Today is 2026-11-24 (a Tuesday).
void add_allies(TempStore& s) {
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "Sarah Lee"}).code == 0);
}

} // namespace

TEST_CASE("favor records favors given, got and promised", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  auto r = s.run({"favor", "Rachel", "--gave", "reviewed her deck", "--date", "yesterday"});
  CHECK(r.code == 0);
  CHECK(r.out == "Recorded favor #1 for Rachel Green (#1): reviewed her deck.\n");
  CHECK(r.err.empty());
  r = s.run({"favor", "Sarah", "--got", "intro to Sam"});
  CHECK(r.out == "Recorded favor #2 from Sarah Lee (#2): intro to Sam.\n");
  r = s.run({"favor", "Rachel", "--gave", "send the Strokes tickets", "--due", "friday"});
  CHECK(r.out == "Recorded promise #3 to Rachel Green (#1): send the Strokes tickets, due Fri "
                 "2026-11-27 (in 3d).\n");

  CHECK(s.query("SELECT num, ally, direction, date, due, done, thanked FROM favor ORDER BY num") ==
        std::vector<std::vector<std::string>>{
            {"1", "1", "gave", "2026-11-23", "NULL", "NULL", "NULL"},
            {"2", "2", "got", "2026-11-24", "NULL", "NULL", "NULL"},
            {"3", "1", "gave", "2026-11-24", "2026-11-27", "NULL", "NULL"}});

  r = s.run({"--json", "favor", "Sarah", "--gave", "lent a charger", "--date", "2026-11-01"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["number"] == 4);
  CHECK(j["id"].get<std::string>().size() == 36);
  CHECK(j["ally"] == 2);
  CHECK(j["direction"] == "gave");
  CHECK(j["text"] == "lent a charger");
  CHECK(j["date"] == "2026-11-01");
  CHECK(j["due"] == nullptr);
  CHECK(j["done"] == nullptr);
  CHECK(j["thanked"] == nullptr);
  CHECK(j.contains("created_at"));
  CHECK(j.contains("updated_at"));
}

TEST_CASE("favor needs exactly one of --gave and --got", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  auto before = s.dump();
  auto r = s.run({"favor", "Rachel", "--gave", "a", "--got", "b"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: say which way the favor went: --gave TEXT or --got TEXT (one of "
                 "them)\n");
  r = s.run({"favor", "Rachel"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: say which way the favor went: --gave TEXT or --got TEXT (one of "
                 "them)\n");
  r = s.run({"favor", "--gave", "something"});
  CHECK(r.code == 2);
  r = s.run({"favor", "Rachel", "--gave", "   "});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: empty favor text: say what the favor was\n");
  r = s.run({"favor", "Rachel", "--got", "a lift", "--due", "friday"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: --due is for promises you make (--gave), not favors you got\n");
  r = s.run({"favor", "Rachel", "--gave", "x", "--due", "someday"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);
}

TEST_CASE("a favor dated in the future is refused and nothing is stored", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  auto before = s.dump();
  auto r = s.run({"favor", "Rachel", "--gave", "x", "--date", "tomorrow"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: favor date 'tomorrow' is in the future (2026-11-25) — a promise's "
                 "date to keep goes in --due\n");
  r = s.run({"favor", "Rachel", "--got", "x", "--date", "2027-01-01"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);
  // A weekday for --date means the most recent one, never a future one.
  r = s.run({"--json", "favor", "Rachel", "--got", "x", "--date", "wed"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["date"] == "2026-11-18");
}

TEST_CASE("favor for an unknown or ambiguous ally changes nothing", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  REQUIRE(s.run({"add", "Rachel Greenberg"}).code == 0);
  auto before = s.dump();
  auto r = s.run({"favor", "Rachel G", "--gave", "x"});
  CHECK(r.code == 1);
  CHECK(r.err.find("matches 2 allies") != std::string::npos);
  r = s.run({"favor", "Monica", "--gave", "x"});
  CHECK(r.code == 1);
  CHECK(s.dump() == before);
}

TEST_CASE("favor done keeps a promise", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  REQUIRE(s.run({"favor", "Rachel", "--gave", "review deck", "--due", "in 2d"}).code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--got", "coffee"}).code == 0);
  REQUIRE(s.run({"favor", "Sarah", "--gave", "proofread"}).code == 0);

  auto r = s.run({"favor", "done", "1"});
  CHECK(r.code == 0);
  CHECK(r.out == "Kept your promise to Rachel Green (#1): review deck (favor #1).\n");
  CHECK(s.scalar("SELECT done FROM favor WHERE num = 1") == "2026-11-24");

  auto before = s.dump();
  r = s.run({"favor", "done", "#1"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: favor #1 is already done (2026-11-24)\n");
  r = s.run({"favor", "done", "2"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: favor #2 is one you got; only favors you gave are done — to say "
                 "thank you: ally thank 1 --favor 2\n");
  CHECK(s.dump() == before);

  r = s.run({"--json", "favor", "done", "3"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["done"] == "2026-11-24");
}

TEST_CASE("favor numbers that do not exist or are not numbers", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  REQUIRE(s.run({"favor", "Rachel", "--gave", "x"}).code == 0);
  auto before = s.dump();
  for (const char* sub : {"done", "rm"}) {
    auto r = s.run({"favor", sub, "99"});
    CHECK(r.code == 1);
    CHECK(r.err == "ally: error: no favor #99\n");
  }
  auto r = s.run({"favor", "edit", "#99", "--text", "y"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no favor #99\n");
  r = s.run({"favor", "rm", "abc"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: bad favor number 'abc' — use the number shown in the list, e.g. 3 "
                 "or '#3'\n");
  r = s.run({"favor", "done", "0"});
  CHECK(r.code == 2);
  r = s.run({"favor", "done"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);
}

TEST_CASE("favor edit corrects text, dates and direction", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  REQUIRE(s.run({"favor", "Rachel", "--gave", "revew deck", "--due", "friday"}).code == 0);

  auto r =
      s.run({"favor", "edit", "1", "--text", "review deck", "--date", "2d ago", "--due", "in 1w"});
  CHECK(r.code == 0);
  CHECK(r.out == "Updated favor #1 for Rachel Green (#1): review deck.\n");
  CHECK(s.query("SELECT text, date, due FROM favor") ==
        std::vector<std::vector<std::string>>{{"review deck", "2026-11-22", "2026-12-01"}});

  // A promise cannot silently become a favor you got: its due date must go too.
  auto before = s.dump();
  r = s.run({"favor", "edit", "1", "--got"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: favor #1 is a promise due 2026-12-01 — add --due none to make it a "
                 "favor you got\n");
  r = s.run({"favor", "edit", "1"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: nothing to change — give --text, --date, --due, --gave or --got\n");
  r = s.run({"favor", "edit", "1", "--gave", "--got"});
  CHECK(r.code == 2);
  r = s.run({"favor", "edit", "1", "--date", "in 3d"});
  CHECK(r.code == 2);
  r = s.run({"favor", "edit", "1", "--text", ""});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);

  r = s.run({"--json", "favor", "edit", "1", "--got", "--due", "none"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["direction"] == "got");
  CHECK(j["due"] == nullptr);
  CHECK(j["number"] == 1);

  // A favor you got takes no due date; flipping back clears its thanked date.
  r = s.run({"favor", "edit", "1", "--due", "friday"});
  CHECK(r.code == 2);
  REQUIRE(s.run({"thank", "Rachel"}).code == 0);
  CHECK(s.scalar("SELECT thanked FROM favor") == "2026-11-24");
  r = s.run({"--json", "favor", "edit", "1", "--gave"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["thanked"] == nullptr);
}

TEST_CASE("favor rm deletes and leaves a tombstone", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  REQUIRE(s.run({"favor", "Sarah", "--got", "intro to Sam"}).code == 0);
  auto id = s.scalar("SELECT id FROM favor WHERE num = 1");
  auto r = s.run({"favor", "rm", "1"});
  CHECK(r.code == 0);
  CHECK(r.out == "Removed favor #1 from Sarah Lee (#2): intro to Sam.\n");
  CHECK(s.scalar("SELECT count(*) FROM favor") == "0");
  CHECK(s.scalar("SELECT kind FROM tombstone WHERE id = '" + id + "'") == "favor");
  r = s.run({"favor", "rm", "1"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no favor #1\n");
  // Numbers are never reused.
  r = s.run({"favor", "Sarah", "--got", "a lift"});
  CHECK(r.out == "Recorded favor #2 from Sarah Lee (#2): a lift.\n");
}

TEST_CASE("favors lists newest first with status and the balance", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  // Rachel: gave 2 (one over a year ago), got 1; Sarah: got 1 exactly a year back (counts).
  REQUIRE(s.run({"favor", "Rachel", "--gave", "old favor", "--date", "2025-11-23"}).code == 0);
  REQUIRE(s.run({"favor", "Sarah", "--got", "year-old favor", "--date", "2025-11-24"}).code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--gave", "intro to Sam", "--date", "2026-11-01", "--due",
                 "2026-11-20"})
              .code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--gave", "review deck", "--due", "in 2d"}).code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--got", "coffee beans", "--date", "3d ago"}).code == 0);
  REQUIRE(
      s.run({"favor", "Sarah", "--gave", "proofread", "--due", "tomorrow", "--date", "2026-11-02"})
          .code == 0);
  REQUIRE(s.run({"favor", "done", "6"}).code == 0);
  REQUIRE(s.run({"thank", "Sarah", "--favor", "2"}).code == 0);

  auto r = s.run({"favors"});
  CHECK(r.code == 0);
  CHECK(r.out == "#  DATE        WHO           WAY     STATUS             FAVOR\n"
                 "4  2026-11-24  Rachel Green  gave →  promise due in 2d  review deck\n"
                 "5  2026-11-21  Rachel Green  ← got   not thanked yet    coffee beans\n"
                 "6  2026-11-02  Sarah Lee     gave →  done               proofread\n"
                 "3  2026-11-01  Rachel Green  gave →  4d late            intro to Sam\n"
                 "2  2025-11-24  Sarah Lee     ← got   thanked            year-old favor\n"
                 "1  2025-11-23  Rachel Green  gave →                     old favor\n"
                 "\n"
                 "BALANCE WITH       LAST 12 MONTHS  ALL TIME\n"
                 "Rachel Green (#1)  gave 2, got 1   gave 3, got 1\n"
                 "Sarah Lee (#2)     gave 1, got 1   gave 1, got 1\n");

  r = s.run({"favors", "Rachel"});
  CHECK(r.code == 0);
  CHECK(r.out == "#  DATE        WHO           WAY     STATUS             FAVOR\n"
                 "4  2026-11-24  Rachel Green  gave →  promise due in 2d  review deck\n"
                 "5  2026-11-21  Rachel Green  ← got   not thanked yet    coffee beans\n"
                 "3  2026-11-01  Rachel Green  gave →  4d late            intro to Sam\n"
                 "1  2025-11-23  Rachel Green  gave →                     old favor\n"
                 "\n"
                 "You gave 2, got 1 in the last 12 months; 3 / 1 all time.\n");

  r = s.run({"favors", "--open"});
  CHECK(r.out == "#  DATE        WHO           WAY     STATUS             FAVOR\n"
                 "4  2026-11-24  Rachel Green  gave →  promise due in 2d  review deck\n"
                 "5  2026-11-21  Rachel Green  ← got   not thanked yet    coffee beans\n"
                 "3  2026-11-01  Rachel Green  gave →  4d late            intro to Sam\n");

  r = s.run({"favors", "Sarah", "--open"});
  CHECK(r.out == "Nothing open with Sarah Lee (#2): every promise kept and every favor thanked.\n"
                 "\n"
                 "You gave 1, got 1 in the last 12 months; 1 / 1 all time.\n");

  r = s.run({"--json", "favors", "--open"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 3);
  CHECK(j[0]["number"] == 4);
  CHECK(j[0]["status"] == "promise");
  CHECK(j[0]["ally_name"] == "Rachel Green");
  CHECK(j[0]["due"] == "2026-11-26");
  CHECK(j[1]["status"] == "not_thanked");
  CHECK(j[2]["status"] == "late");

  r = s.run({"--json", "favors", "Sarah"});
  j = json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["status"] == "done");
  CHECK(j[1]["status"] == "thanked");
  CHECK(j[1]["thanked"] == "2026-11-24");
}

TEST_CASE("favors on an empty or missing store", "[e2e][favor]") {
  TempStore s;
  auto r = s.run({"favors"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "No favors yet. Record one with: ally favor Rachel --gave \"reviewed her deck\"\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
  r = s.run({"--json", "favors"});
  CHECK(r.out == "[]\n");
  add_allies(s);
  r = s.run({"favors", "Sarah"});
  CHECK(r.out == "No favors with Sarah Lee (#2) yet.\n");
  r = s.run({"favors", "--open"});
  CHECK(r.out == "Nothing open: every promise kept and every favor thanked.\n");
}

TEST_CASE("favor text in any language is kept exactly", "[e2e][favor]") {
  TempStore s;
  add_allies(s);
  const std::string text = "lent \"Kafka on the Shore\" 📚\nand 村上春樹's notes — ¡gracias!";
  auto r = s.run({"--json", "favor", "Rachel", "--got", text});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["text"] == text);
  CHECK(s.scalar("SELECT text FROM favor") == text);
  r = s.run({"--json", "favors"});
  CHECK(json::parse(r.out)[0]["text"] == text);
  // The table keeps it on one line.
  r = s.run({"favors", "--open"});
  CHECK(r.out.find("lent \"Kafka on the Shore\" 📚 and 村上春樹's notes — ¡gracias!\n") !=
        std::string::npos);
}
