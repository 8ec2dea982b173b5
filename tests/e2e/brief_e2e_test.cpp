// End-to-end: `ally brief WHO` and `ally agenda` (issue 26.2-26.4, 26.6): one screen before a
// conversation, each section from the store only, starters that say where they come from, and
// a kind word for an ally known only by name. Today is 2026-11-24.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/exchange_helpers.hpp"
#include "e2e/pty.hpp"

using ally_test::ok;
using ally_test::TempStore;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Rachel with a bit of everything; Ben who shares her interest in wine.
void seed(TempStore& s) {
  ok(s, {"add", "Rachel Green", "--org", "Central Perk", "--role", "Buyer", "--every", "30d",
         "--met", "cubicle chat", "--interest", "South American wine", "--interest", "Murakami",
         "--knows", "retail", "--goal", "Open a boutique by 2028", "--birthday", "1990-12-01"});
  ok(s, {"add", "Ben Okafor", "--org", "Fabrikam", "--interest", "South American wine"});
  ok(s, {"log", "Rachel", "Talked about Murakami's new book", "--date", "2026-11-10", "--interest",
         "Murakami"});
  ok(s, {"log", "Rachel", "Quarterly planning; she wants feedback on the deck", "--date",
         "2026-11-17", "--follow-up", "2026-11-21"});
  ok(s, {"favor", "Rachel", "--gave", "send the supplier list", "--due", "2026-11-26"});
  ok(s, {"favor", "Rachel", "--got", "covered my shift"});
  ok(s, {"favor", "Rachel", "--gave", "reviewed her pitch", "--date", "2026-10-01"});
}

} // namespace

TEST_CASE("brief puts what to ask, what you owe and last time on one screen", "[e2e][brief]") {
  TempStore s;
  seed(s);
  ok(s, {"next", "Rachel", "ask how the deck landed"});
  auto out = ok(s, {"brief", "Rachel"}).out;
  // Who they are, first.
  CHECK(out.rfind("Rachel Green #1\nBuyer at Central Perk · every 30d · 7d ago (other)\n"
                  "met: cubicle chat\n", 0) == 0);
  // The sections in the order a conversation needs them.
  const char* order[] = {"To bring up\n  #1     ask how the deck landed (today)",
                         "You owe them\n  promise #1     send the supplier list — due in 2d",
                         "thank for #2     covered my shift (today)",
                         "You did for them\n  favor #3     reviewed her pitch",
                         "Follow-ups\n  log #2     Quarterly planning",
                         "Last time\n  7d ago other (log #2): Quarterly planning; she wants feedback on the deck\n"
                         "  2w ago other (log #1): Talked about Murakami's new book\n",
                         "Common ground\n  interests: Murakami, South American wine\n  they know: retail",
                         "Their goals\n  Open a boutique by 2028",
                         "Coming up\n  birthday in 7d (2026-12-01, turns 36)",
                         "Introductions\n  could meet Ben Okafor (#2): both interested in South American wine",
                         "favors in the last 12 months: you gave 2, got 1"};
  std::size_t at = 0;
  for (const char* part : order) {
    INFO(part);
    auto found = out.find(part, at);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }
  // Things noted to bring up leave no room for starters.
  CHECK_FALSE(contains(out, "Conversation starters"));
  auto doc = json::parse(ok(s, {"--json", "brief", "Rachel"}).out);
  for (const char* key : {"to_bring_up", "open_promises", "unthanked", "you_helped", "open_follow_ups",
                          "last_conversations", "interests", "expertise", "goals", "upcoming_dates",
                          "introductions", "could_introduce", "favor_balance", "starters", "only_a_name"}) {
    INFO(key);
    CHECK(doc.contains(key));
  }
  CHECK(doc["last_conversations"].size() == 2);
  CHECK(doc["last_conversations"][0]["note"] == "Quarterly planning; she wants feedback on the deck");
  CHECK(doc["upcoming_dates"][0]["years"] == "turns 36");
  CHECK(doc["could_introduce"][0]["number"] == 2);
}

TEST_CASE("with nothing to bring up, brief offers starters from the data and says where from",
          "[e2e][brief][starters]") {
  TempStore s;
  seed(s);
  ok(s, {"config", "me.knows", "retail,  boutiques ,"});
  CHECK(ok(s, {"config", "me.knows"}).out == "retail, boutiques\n");
  auto out = ok(s, {"brief", "Rachel"}).out;
  // Murakami was talked about (tagged); South American wine was not.
  CHECK(contains(out, "Conversation starters\n  - ask about South American wine — a shared "
                      "interest, not in your last 2 conversations\n"));
  CHECK(contains(out, "  - ask how it goes: 'Open a boutique by 2028' — their goals\n"));
  CHECK_FALSE(contains(out, "ask about Murakami"));
  // Once the wine is talked about (in a note) and the goal is gone, the other kinds come up:
  // what you know that their goals or interests name, and an event you were both at.
  ok(s, {"log", "Rachel", "The South American wine fair downtown", "--kind", "event", "--date",
         "2026-11-20"});
  ok(s, {"edit", "Rachel", "--goal", "", "--interest", "boutiques"});
  auto doc = json::parse(ok(s, {"--json", "brief", "Rachel"}).out);
  REQUIRE(doc["starters"].size() == 2);
  CHECK(doc["starters"][0]["kind"] == "interest");
  CHECK(doc["starters"][0]["text"] == "ask about boutiques");
  CHECK(doc["starters"][1]["kind"] == "help");
  CHECK(doc["starters"][1]["text"] == "offer help with boutiques");
  CHECK(doc["starters"][1]["source"] == "you know it (me.knows) and they are into it");
  ok(s, {"log", "Rachel", "chat about boutiques", "--date", "2026-11-21"});
  doc = json::parse(ok(s, {"--json", "brief", "Rachel"}).out);
  REQUIRE(doc["starters"].size() == 2);
  CHECK(doc["starters"][1]["kind"] == "event");
  CHECK(doc["starters"][1]["source"] == "you were both there, 2026-11-20 (log #3)");
  // A bad me.* value is refused.
  CHECK(s.run({"config", "me.knows", " , "}).code == 2);
}

TEST_CASE("an ally with nothing but a name gets a kind word and what to record", "[e2e][brief]") {
  TempStore s;
  ok(s, {"add", "Gunther"});
  auto out = ok(s, {"brief", "Gunther"}).out;
  CHECK(contains(out, "You know only their name so far. After you talk, note what you learn:\n"
                      "  ally edit 1 --org ORG"));
  CHECK(json::parse(ok(s, {"--json", "brief", "1"}).out)["only_a_name"] == true);
  CHECK(s.run({"brief", "Nobody"}).code == 1);
}

TEST_CASE("brief fits 80 columns and uses 200", "[e2e][brief][pty]") {
  TempStore s;
  seed(s);
  ok(s, {"edit", "Rachel", "--goal",
         "Open a boutique by 2028 that sells only South American designers and hosts a reading "
         "club for Murakami fans every second Thursday of the month"});
  for (unsigned short columns : {80, 200}) {
    INFO(columns << " columns");
    auto r = ally_test::run_on_terminal(s, {"brief", "Rachel"}, columns);
    CHECK(r.code == 0);
    CHECK(ally_test::widest_line(r.out) <= columns);
    CHECK(contains(r.out, "reading"));
  }
}

TEST_CASE("agenda briefs the first allies due today", "[e2e][agenda]") {
  TempStore s;
  seed(s);
  auto out = ok(s, {"agenda"}).out;
  CHECK(out.rfind("The first 1 of 'ally due' today, 2026-11-24:\n\nRachel Green #1\n", 0) == 0);
  auto briefs = json::parse(ok(s, {"--json", "agenda"}).out);
  REQUIRE(briefs.size() == 1);
  CHECK(briefs[0]["name"] == "Rachel Green");
  TempStore empty;
  ok(empty, {"add", "Gunther"});
  CHECK(ok(empty, {"agenda"}).out.rfind("Nobody needs attention today", 0) == 0);
}
