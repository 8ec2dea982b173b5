// End-to-end: saying thank you (a `thanks` conversation that marks the favor thanked) and
// important dates (yearly or one-off, MM-DD, Feb 29), through the real binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

// ---- thank ----

TEST_CASE("thank without --favor thanks the most recent unthanked favor", "[e2e][thank]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "Sarah Lee", "--circle", "core"}).code == 0);
  // Favors #1 and #2 from Sarah, #3 to her.
  REQUIRE(s.run({"favor", "Sarah", "--got", "intro to Sam", "--date", "2w ago"}).code == 0);
  REQUIRE(s.run({"favor", "Sarah", "--got", "reviewing my deck", "--date", "2d ago"}).code == 0);
  REQUIRE(s.run({"favor", "Sarah", "--gave", "proofread her post"}).code == 0);

  auto r = s.run({"thank", "Sarah"});
  CHECK(r.code == 0);
  CHECK(r.out == "Thanked Sarah Lee (#2) for: reviewing my deck (favor #2).\n");
  CHECK(r.err.empty());
  CHECK(s.query("SELECT num, thanked FROM favor ORDER BY num") ==
        Rows{{"1", "NULL"}, {"2", "2026-11-24"}, {"3", "NULL"}});
  // The thanks is a conversation of kind `thanks` with Sarah, dated today.
  CHECK(
      s.query("SELECT i.kind, i.date, i.note, ia.ally FROM interaction i JOIN interaction_ally ia "
              "ON ia.interaction = i.num") ==
      Rows{{"thanks", "2026-11-24", "for: reviewing my deck", "2"}});
  auto show = json::parse(s.run({"--json", "show", "Sarah"}).out);
  CHECK(show["last_contact"] == "2026-11-24");

  // Next time, the older one.
  r = s.run({"thank", "Sarah", "Sent a card 💌"});
  CHECK(r.out == "Thanked Sarah Lee (#2) for: intro to Sam (favor #1).\n");
  CHECK(s.scalar("SELECT note FROM interaction WHERE num = 2") == "Sent a card 💌");

  // Nothing left to thank: the thanks is still logged.
  r = s.run({"thank", "Sarah", "for", "being", "great"});
  CHECK(r.code == 0);
  CHECK(r.out == "Thanked Sarah Lee (#2). No favor from them was waiting for thanks.\n");
  CHECK(s.scalar("SELECT note FROM interaction WHERE num = 3") == "for being great");
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE kind = 'thanks'") == "3");
}

TEST_CASE("thank --favor N thanks that favor", "[e2e][thank]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "Sarah Lee"}).code == 0);
  REQUIRE(s.run({"favor", "Sarah", "--got", "intro to Sam", "--date", "2w ago"}).code == 0); // #1
  REQUIRE(s.run({"favor", "Sarah", "--got", "lunch", "--date", "1d ago"}).code == 0);       // #2
  REQUIRE(s.run({"favor", "Rachel", "--got", "concert tickets"}).code == 0);                // #3
  REQUIRE(s.run({"favor", "Sarah", "--gave", "proofread"}).code == 0);                      // #4

  const std::string note = "Thank you!\n\"You made my week\" — 谢谢";
  auto r = s.run({"--json", "thank", "Sarah", "--favor", "1", note});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["kind"] == "thanks");
  CHECK(j["note"] == note);
  CHECK(j["date"] == "2026-11-24");
  CHECK(j["allies"] == json::array({2}));
  CHECK(j["number"] == 1);
  CHECK(j["thanked_favor"]["number"] == 1);
  CHECK(j["thanked_favor"]["thanked"] == "2026-11-24");
  CHECK(s.scalar("SELECT thanked FROM favor WHERE num = 2") == "NULL");

  auto before = s.dump();
  r = s.run({"thank", "Sarah", "--favor", "3"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: favor #3 is with Rachel Green (#1), not Sarah Lee (#2)\n");
  r = s.run({"thank", "Sarah", "--favor", "#4"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: favor #4 is one you gave to Sarah Lee (#2); thanks go to favors you "
                 "got\n");
  r = s.run({"thank", "Sarah", "--favor", "99"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no favor #99\n");
  r = s.run({"thank", "Sarah", "--favor", "x"});
  CHECK(r.code == 2);
  r = s.run({"thank", "Nobody"});
  CHECK(r.code == 1);
  r = s.run({"thank"});
  CHECK(r.code == 2);
  r = s.run({"thank", "Sarah", "--date", "in 2d"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: date 'in 2d' is in the future (2026-11-26) — record thanks you "
                 "already gave\n");
  CHECK(s.dump() == before);

  // Thanks given earlier: the conversation and the thanked date carry that day.
  r = s.run({"--json", "thank", "Sarah", "--date", "yesterday"});
  REQUIRE(r.code == 0);
  j = json::parse(r.out);
  CHECK(j["date"] == "2026-11-23");
  CHECK(j["thanked_favor"]["number"] == 2);
  CHECK(j["thanked_favor"]["thanked"] == "2026-11-23");
  CHECK(j["note"] == "for: lunch");

  // Thanking again for the same favor is fine and keeps the first thanked date.
  r = s.run({"thank", "Sarah", "--favor", "1"});
  CHECK(r.out == "Thanked Sarah Lee (#2) again for: intro to Sam (favor #1).\n");
  r = s.run({"favors", "--open"});
  CHECK(r.out == "#  DATE        WHO           WAY    STATUS           FAVOR\n"
                 "3  2026-11-24  Rachel Green  ← got  not thanked yet  concert tickets\n");
}

// ---- date ----

TEST_CASE("date sets, replaces and removes an important date", "[e2e][date]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto r = s.run({"date", "Rachel", "birthday", "05-05"});
  CHECK(r.code == 0);
  CHECK(r.out == "Saved birthday for Rachel Green (#1): 05-05 (5 May), every year (next: Wed "
                 "2027-05-05, in 5mo).\n");
  CHECK(s.query("SELECT label, month, day, year, yearly FROM important_date") ==
        Rows{{"birthday", "5", "5", "NULL", "1"}});

  // The same label in any case replaces it; a full date with --yearly keeps its year.
  r = s.run({"date", "Rachel", "Birthday", "1994-05-04", "--yearly"});
  CHECK(r.out == "Changed birthday for Rachel Green (#1): 1994-05-04, every year (next: Tue "
                 "2027-05-04, in 5mo, turns 33).\n");
  CHECK(s.query("SELECT label, month, day, year, yearly FROM important_date") ==
        Rows{{"birthday", "5", "4", "1994", "1"}});
  // A birthday is yearly without --yearly too, in any form; --once makes it a one-off.
  r = s.run({"date", "Rachel", "birthday", "4 May 1993"});
  CHECK(r.out == "Changed birthday for Rachel Green (#1): 1993-05-04, every year (next: Tue "
                 "2027-05-04, in 5mo, turns 34).\n");
  r = s.run({"date", "Rachel", "birthday", "1993-05-04", "--once"});
  CHECK(s.query("SELECT year, yearly FROM important_date") == Rows{{"1993", "0"}});
  r = s.run({"date", "Rachel", "birthday", "may 4", "--once"});
  CHECK(r.code == 2);
  CHECK(r.err.find("a one-off date needs its year") != std::string::npos);
  r = s.run({"date", "Rachel", "birthday", "may 4"});
  CHECK(r.out == "Changed birthday for Rachel Green (#1): 05-04 (4 May), every year (next: Tue "
                 "2027-05-04, in 5mo).\n");
  auto shown = s.run({"show", "Rachel"}).out;
  CHECK(shown.find("05-04 (next 2027-05-04, in 5mo)") != std::string::npos);
  r = s.run({"date", "Rachel", "birthday", "1994-05-04", "--yearly"});
  shown = s.run({"show", "Rachel"}).out;
  CHECK(shown.find("1994-05-04 (next 2027-05-04, in 5mo, turns 33)") != std::string::npos);
  // Other yearly dates count their years.
  r = s.run({"date", "Rachel", "work anniversary", "2020-01-10", "--yearly"});
  CHECK(r.out.find("2027-01-10, in 6w, 7 years)") != std::string::npos);
  REQUIRE(s.run({"date", "rm", "Rachel", "work anniversary"}).code == 0);
  // Relative words look ahead for `ally date`: friday is the next one.
  r = s.run({"--json", "date", "Rachel", "demo day", "friday"});
  CHECK(json::parse(r.out)["date"] == "2026-11-27");
  REQUIRE(s.run({"date", "rm", "Rachel", "demo day"}).code == 0);

  // A full date without --yearly is one-off.
  r = s.run({"--json", "date", "Rachel", "launch day", "2027-01-15"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["label"] == "launch day");
  CHECK(j["date"] == "2027-01-15");
  CHECK(j["yearly"] == false);
  CHECK(j["next"] == nullptr);
  CHECK(j["ally"] == 1);
  CHECK(j["number"] == 4); // after the three dates set and removed above
  CHECK(j["id"].get<std::string>().size() == 36);

  auto before = s.dump();
  r = s.run({"date", "rm", "Rachel", "anniversary"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: Rachel Green (#1) has no date labelled 'anniversary' — their dates: "
                 "launch day, birthday\n");
  CHECK(s.dump() == before);

  auto id = s.scalar("SELECT id FROM important_date WHERE label = 'launch day'");
  r = s.run({"date", "rm", "Rachel", "LAUNCH DAY"});
  CHECK(r.code == 0);
  CHECK(r.out == "Removed launch day from Rachel Green (#1).\n");
  CHECK(s.scalar("SELECT count(*) FROM important_date") == "1");
  CHECK(s.scalar("SELECT kind FROM tombstone WHERE id = '" + id + "'") == "date");
  auto show = json::parse(s.run({"--json", "show", "Rachel"}).out);
  CHECK(show["dates"].size() == 1);
}

TEST_CASE("date: MM-DD is yearly, Feb 29 falls on Feb 28 in other years", "[e2e][date]") {
  TempStore s;
  REQUIRE(s.run({"add", "Leap Person"}).code == 0);
  auto r = s.run({"--json", "date", "Leap", "birthday", "02-29"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["date"] == "02-29");
  CHECK(j["yearly"] == true);
  CHECK(j["next"] == "2027-02-28");
  r = s.run({"date", "Leap", "birthday", "--0229"});
  CHECK(r.code == 2); // an option to CLI11; `-- --0229` passes it through
  r = s.run({"date", "Leap", "birthday", "--", "--0229"});
  CHECK(r.code == 0);
  // The same date again changes nothing.
  CHECK(r.out == "nothing to change: birthday of Leap Person (#1) is already 02-29 (29 February), "
                 "every year (next: Sun 2027-02-28, in 3mo)\n");
  // In a leap year it is the day itself.
  r = s.run_raw({"--db", s.db(), "--today", "2027-12-01", "--json", "show", "Leap"});
  CHECK(json::parse(r.out)["dates"][0]["next"] == "2028-02-29");

  auto before = s.dump();
  for (const char* bad : {"2026-02-29", "02-30", "13-01", "5th of May", ""}) {
    r = s.run({"date", "Leap", "other", bad});
    CHECK(r.code == 2);
  }
  r = s.run({"date", "Leap", " ", "05-05"});
  CHECK(r.code == 2);
  r = s.run({"date", "Leap", "birthday"});
  CHECK(r.code == 2);
  r = s.run({"date", "Nobody", "birthday", "05-05"});
  CHECK(r.code == 1);
  CHECK(s.dump() == before);
}

TEST_CASE("date labels in any language are kept exactly", "[e2e][date]") {
  TempStore s;
  REQUIRE(s.run({"add", "José Álvarez"}).code == 0);
  auto r = s.run({"date", "jose", "Día del Santo 🎉", "03-19"});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT label FROM important_date") == "Día del Santo 🎉");
  r = s.run({"date", "rm", "jose", "día del santo 🎉"});
  CHECK(r.code == 0);
  CHECK(r.out == "Removed Día del Santo 🎉 from José Álvarez (#1).\n");
}
