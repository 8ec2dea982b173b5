// End-to-end: logging conversations right after they happen (one or several allies, dates,
// kinds, interests, follow-ups, the editor), correcting them, the timeline and shared interests.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e/harness.hpp"

using ally_test::Result;
using ally_test::TempStore;
using nlohmann::json;

namespace {

// Rachel Green #1, John Smith #2, Sarah Lee #3.
void add_friends(const TempStore& s) {
  REQUIRE(s.run({"add", "Rachel Green", "--circle", "core"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  REQUIRE(s.run({"add", "Sarah Lee"}).code == 0);
}

json show(const TempStore& s, const std::string& who) {
  auto r = s.run({"--json", "show", who});
  REQUIRE(r.code == 0);
  return json::parse(r.out);
}

// An executable script in the test folder, standing in for the user's editor.
std::string write_script(const TempStore& s, const std::string& name, const std::string& body) {
  auto path = s.dir() / name;
  std::ofstream(path) << "#!/bin/sh\n" << body;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path.string();
}

Result run_with_env(const TempStore& s, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env) {
  std::vector<std::string> full{"--db", s.db(), "--today", s.today};
  full.insert(full.end(), args.begin(), args.end());
  return s.run_raw(full, "", env);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("log records a conversation and moves the ally's last contact", "[e2e][log]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"log", "Rachel", "Talked", "about", "The Strokes", "--kind", "coffee"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "Logged coffee with Rachel Green (#1) as log #1.\n");
  CHECK(s.query("SELECT date, kind, note, follow_up FROM interaction") ==
        std::vector<std::vector<std::string>>{
            {"2026-11-24", "coffee", "Talked about The Strokes", "NULL"}});
  CHECK(s.query("SELECT interaction, ally, date FROM interaction_ally") ==
        std::vector<std::vector<std::string>>{{"1", "1", "2026-11-24"}});
  CHECK(show(s, "Rachel")["last_contact"] == "2026-11-24");
  CHECK(show(s, "John")["last_contact"].is_null());
  CHECK(s.scalar("SELECT last_kind FROM ally WHERE num = 1") == "coffee");
  CHECK(s.scalar("SELECT summary FROM journal ORDER BY seq DESC LIMIT 1") ==
        "log #1 (coffee with Rachel Green (#1) on 2026-11-24)");

  // No kind is "other", said as a conversation; no text is fine too.
  r = s.run({"log", "John"});
  CHECK(r.code == 0);
  CHECK(r.out == "Logged a conversation with John Smith (#2) as log #2.\n");
  CHECK(s.scalar("SELECT kind || '|' || note FROM interaction WHERE num = 2") == "other|");
}

TEST_CASE("one log with several allies counts for each of them", "[e2e][log]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"log", "Rachel,John", "lunch at the deli", "-w", "Sarah", "--kind", "lunch",
                  "--date", "yesterday"});
  REQUIRE(r.code == 0);
  CHECK(r.out == "Logged lunch with Rachel Green (#1), John Smith (#2) and Sarah Lee (#3) on "
                 "2026-11-23 (yesterday) as log #1.\n");
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "1");
  CHECK(s.scalar(
            "SELECT group_concat(ally) FROM (SELECT ally FROM interaction_ally ORDER BY ally)") ==
        "1,2,3");
  for (const char* who : {"Rachel", "John", "Sarah"}) {
    INFO(who);
    CHECK(show(s, who)["last_contact"] == "2026-11-23");
    auto t = s.run({"--json", "timeline", who});
    REQUIRE(t.code == 0);
    auto entries = json::parse(t.out);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["number"] == 1);
    CHECK(entries[0]["allies"] == json::array({1, 2, 3}));
    CHECK(entries[0]["ally_names"] == json::array({"Rachel Green", "John Smith", "Sarah Lee"}));
  }
  // -w may repeat, may name someone already listed, and may itself be a list.
  r = s.run({"log", "Rachel", "-w", "John", "-w", "Rachel", "--with", "Sarah,John", "call"});
  CHECK(r.code == 0);
  CHECK(r.out == "Logged a conversation with Rachel Green (#1), John Smith (#2) and Sarah Lee (#3) "
                 "as log #2.\n");
  CHECK(s.scalar("SELECT note FROM interaction WHERE num = 2") == "call");
  CHECK(s.scalar("SELECT count(*) FROM interaction_ally WHERE interaction = 2") == "3");
}

TEST_CASE("a name with a comma is tried whole before it is split", "[e2e][log]") {
  TempStore s;
  REQUIRE(s.run({"add", "Mr. John Richter, James Doe Sr."}).code == 0);
  REQUIRE(s.run({"add", "James Doe"}).code == 0);
  auto r = s.run({"log", "Mr. John Richter, James Doe Sr.", "met at the gala"});
  CHECK(r.code == 0);
  CHECK(r.out == "Logged a conversation with Mr. John Richter, James Doe Sr. (#1) as log #1.\n");
  CHECK(s.scalar("SELECT group_concat(ally) FROM interaction_ally") == "1");
}

TEST_CASE("a name that matches two allies stores nothing", "[e2e][log][errors]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "Rachel Greenberg"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  auto before = s.dump();
  for (const std::vector<std::string>& args : {std::vector<std::string>{"log", "Rach", "coffee"},
                                               {"log", "John,Rach", "coffee"},
                                               {"log", "John", "-w", "Rach", "coffee"}}) {
    auto r = s.run(args);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "ally: error: 'Rach' matches 2 allies: Rachel Green (#1), Rachel Greenberg (#2) — "
          "name one by its number, e.g. '#1'\n");
  }
  auto r = s.run({"log", "Jon,Rachel Green", "coffee"});
  CHECK(r.code == 1);
  CHECK(r.err.find("no ally named 'Jon'") != std::string::npos);
  CHECK(s.dump() == before);
}

TEST_CASE("a failed log on a missing store creates no store", "[e2e][log][errors]") {
  TempStore s;
  auto r = s.run({"log", "Rachel", "coffee"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no ally named 'Rachel'\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
  r = s.run({"log"});
  CHECK(r.code == 2);
  CHECK(
      r.err ==
      "ally: error: name who you talked with — ally log WHO [TEXT], or ally log edit|rm|done N\n");
}

TEST_CASE("log --date takes past words and refuses the future", "[e2e][log][dates]") {
  TempStore s; // today is Tuesday 2026-11-24
  add_friends(s);
  auto date_of = [&](const std::string& text) {
    auto r = s.run({"--json", "log", "Rachel", "--date", text});
    REQUIRE(r.code == 0);
    return json::parse(r.out)["date"].get<std::string>();
  };
  CHECK(date_of("yesterday") == "2026-11-23");
  CHECK(date_of("monday") == "2026-11-23");
  CHECK(date_of("tue") == "2026-11-17"); // a bare weekday is never today
  CHECK(date_of("friday") == "2026-11-20");
  CHECK(date_of("3d ago") == "2026-11-21");
  CHECK(date_of("2026-01-02") == "2026-01-02");
  // What people type after a conversation (docs/manual: DATES AND DURATIONS).
  CHECK(date_of("last monday") == "2026-11-23");
  CHECK(date_of("2 weeks ago") == "2026-11-10");
  CHECK(date_of("1 day ago") == "2026-11-23");
  CHECK(date_of("last week") == "2026-11-17");
  CHECK(date_of("3d") == "2026-11-21");
  CHECK(date_of("nov 5") == "2026-11-05");
  CHECK(date_of("25 Nov") == "2025-11-25"); // looking back, never tomorrow
  CHECK(date_of("2026-9-1") == "2026-09-01");
  CHECK(show(s, "Rachel")["last_contact"] == "2026-11-23"); // the latest, not the last typed
  auto r0 = s.run({"log", "Rachel", "--date", "next friday", "coffee"});
  CHECK(r0.code == 2);
  // Ahead: --follow-up and favor --due read the same words the other way.
  auto follow = s.run({"--json", "log", "Rachel", "call", "--follow-up", "next week"});
  REQUIRE(follow.code == 0);
  CHECK(json::parse(follow.out)["follow_up"] == "2026-12-01");
  auto due = s.run({"--json", "favor", "Rachel", "--gave", "intro to Ana", "--due", "12-25"});
  REQUIRE(due.code == 0);
  CHECK(json::parse(due.out)["due"] == "2026-12-25");
  due = s.run({"--json", "favor", "Rachel", "--gave", "send the deck", "--due", "tue"});
  REQUIRE(due.code == 0);
  CHECK(json::parse(due.out)["due"] == "2026-12-01"); // the next Tuesday, not today
  due = s.run({"--json", "favor", "Rachel", "--gave", "book", "--due", "2w"});
  REQUIRE(due.code == 0);
  CHECK(json::parse(due.out)["due"] == "2026-12-08");

  auto before = s.dump();
  auto r = s.run({"log", "Rachel", "--date", "tomorrow", "coffee"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(
      r.err ==
      "ally: error: bad date 'tomorrow': 2026-11-25 is in the future; log what already happened\n");
  r = s.run({"log", "Rachel", "--date", "2026-12-01"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: bad date '2026-12-01': 2026-12-01 is in the future; log what "
                 "already happened\n");
  r = s.run({"log", "Rachel", "--date", "in 2d"});
  CHECK(r.code == 2);
  r = s.run({"log", "Rachel", "--date", "someday"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("ally: error: bad date 'someday'", 0) == 0);
  CHECK(s.dump() == before);
}

TEST_CASE("log --kind takes the known kinds in any case", "[e2e][log]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"--json", "log", "Rachel", "--kind", "Email"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["kind"] == "email");
  auto before = s.dump();
  r = s.run({"log", "Rachel", "--kind", "brunch"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: unknown kind 'brunch' — did you mean 'lunch'? use one of coffee, "
                 "call, meeting, message, email, lunch, event, thanks, other\n");
  CHECK(s.dump() == before);
}

TEST_CASE("log keeps quotes, newlines, emoji and any language exactly", "[e2e][log][unicode]") {
  TempStore s;
  add_friends(s);
  const std::string note =
      "She said \"don't\" — 你好, Grüße, مرحبا 🎸👩🏽‍💻\n  second "
      "line\ttabbed\n";
  auto r = s.run({"--json", "log", "Rachel", note});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["note"] == note);
  CHECK(s.scalar("SELECT note FROM interaction") == note);
  auto t = s.run({"--json", "timeline"});
  CHECK(json::parse(t.out)[0]["note"] == note);

  // The words after the ally are the note, whatever they are.
  r = s.run({"log", "John", "we", "are", "done", "with", "rm", "edit", "and", "list"});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT note FROM interaction WHERE num = 2") ==
        "we are done with rm edit and list");
  r = s.run({"log", "John", "--", "-5%", "budget", "--kind"});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT note || '|' || kind FROM interaction WHERE num = 3") ==
        "-5% budget --kind|other");
}

TEST_CASE("log --json prints the stored record", "[e2e][log][json]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"--json", "log", "Sarah", "project kickoff", "-w", "John", "--kind", "meeting",
                  "--interest", "Mentorship", "--follow-up", "2w"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["number"] == 1);
  CHECK(j["id"].get<std::string>().size() == 36);
  CHECK(j["created_at"] == j["updated_at"]);
  CHECK(j["date"] == "2026-11-24");
  CHECK(j["kind"] == "meeting");
  CHECK(j["note"] == "project kickoff");
  CHECK(j["allies"] == json::array({2, 3}));
  CHECK(j["interests"] == json::array({"Mentorship"}));
  CHECK(j["follow_up"] == "2026-12-08");
  CHECK(j["follow_up_done"].is_null());
}

TEST_CASE("--interest goes on the log and on each ally, one topic per spelling",
          "[e2e][log][interests]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"edit", "John", "--interest", "Murakami"}).code == 0);
  auto r = s.run({"log", "John,Rachel", "talked books", "--interest", "murakami", "--interest",
                  "The Strokes"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "Logged a conversation with Rachel Green (#1) and John Smith (#2) as log #1.\n"
        "Added Murakami to the shared interests of Rachel Green (#1).\n"
        "Added The Strokes to the shared interests of Rachel Green (#1) and John Smith (#2).\n");
  CHECK(s.scalar("SELECT count(*) FROM interest") == "2");
  CHECK(show(s, "Rachel")["interests"] == json::array({"Murakami", "The Strokes"}));
  CHECK(show(s, "John")["interests"] == json::array({"Murakami", "The Strokes"}));
  CHECK(s.scalar("SELECT group_concat(t.name) FROM interaction_interest ii JOIN interest t ON "
                 "t.num = ii.interest") == "Murakami,The Strokes");
  // Already shared: nothing to add.
  r = s.run({"log", "John", "--interest", "MURAKAMI"});
  CHECK(r.out == "Logged a conversation with John Smith (#2) as log #2.\n");
}

TEST_CASE("follow-ups stay open until log done", "[e2e][log][followup]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"log", "Sarah", "she asked for the deck", "--follow-up", "friday"});
  CHECK(r.code == 0);
  CHECK(r.out == "Logged a conversation with Sarah Lee (#3) as log #1.\n"
                 "Follow up by Fri 2026-11-27 (in 3d); 'ally log done 1' closes it.\n");
  REQUIRE(s.run({"log", "Sarah", "no follow-up here"}).code == 0);
  auto t = s.run({"timeline"});
  CHECK(t.out.find("[follow up in 3d] she asked for the deck") != std::string::npos);

  auto before = s.dump();
  r = s.run({"log", "done", "2"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: log #2 has no follow-up\n");
  r = s.run({"log", "done", "9"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no log #9 — 'ally timeline' lists what was logged\n");
  r = s.run({"log", "done", "nine"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);

  r = s.run({"log", "done", "#1"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "Closed the follow-up of log #1: a conversation with Sarah Lee (#3) on 2026-11-24.\n");
  CHECK(s.scalar("SELECT follow_up || ' ' || follow_up_done FROM interaction WHERE num = 1") ==
        "2026-11-27 2026-11-24");
  r = s.run({"log", "done", "1"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: the follow-up of log #1 was already done on 2026-11-24\n");
  CHECK(s.run({"timeline"}).out.find("[follow up") == std::string::npos);

  r = s.run({"--json", "log", "Sarah", "--follow-up", "2026-12-01"});
  CHECK(json::parse(r.out)["follow_up"] == "2026-12-01");
  r = s.run({"log", "Sarah", "--follow-up", "soon"});
  CHECK(r.code == 2);
}

TEST_CASE("log edit corrects text, date and kind", "[e2e][log][edit]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"log", "Rachel", "--date", "2026-11-01", "first"}).code == 0);
  REQUIRE(s.run({"log", "Rachel", "--date", "2026-11-10", "second", "--kind", "call"}).code == 0);
  CHECK(show(s, "Rachel")["last_contact"] == "2026-11-10");

  auto r = s.run({"log", "edit", "1", "--date", "2026-11-20", "--kind", "Lunch", "--text",
                  "first, \"fixed\" ✓"});
  CHECK(r.code == 0);
  CHECK(r.out == "Updated log #1: lunch with Rachel Green (#1) on 2026-11-20.\n");
  CHECK(s.scalar("SELECT date || '|' || kind || '|' || note FROM interaction WHERE num = 1") ==
        "2026-11-20|lunch|first, \"fixed\" ✓");
  CHECK(s.scalar("SELECT date FROM interaction_ally WHERE interaction = 1") == "2026-11-20");
  CHECK(show(s, "Rachel")["last_contact"] == "2026-11-20");
  CHECK(s.scalar("SELECT last_kind FROM ally WHERE num = 1") == "lunch");
  CHECK(s.scalar("SELECT updated_at > created_at OR updated_at = created_at FROM interaction WHERE "
                 "num = 1") == "1");

  auto before = s.dump();
  r = s.run({"log", "edit", "1", "--date", "tomorrow"});
  CHECK(r.code == 2);
  CHECK(
      r.err ==
      "ally: error: bad date 'tomorrow': 2026-11-25 is in the future; log what already happened\n");
  r = s.run({"log", "edit", "1"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: nothing to change — give --text, --date, --kind or -e\n");
  r = s.run({"log", "edit", "7", "--text", "x"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no log #7 — 'ally timeline' lists what was logged\n");
  r = s.run({"log", "edit", "1", "--kind", "brunch"});
  CHECK(r.code == 2);
  r = s.run({"log", "edit", "1", "--interest", "Jazz"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: --interest does not apply to 'ally log edit'\n");
  r = s.run({"log", "edit", "1", "--text", "new", "stray"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: unexpected argument 'stray' for 'ally log edit'\n");
  CHECK(s.dump() == before);

  r = s.run({"--json", "log", "edit", "#2", "--text", ""});
  CHECK(r.code == 0);
  CHECK(json::parse(r.out)["note"] == "");
}

TEST_CASE("log rm deletes the log, leaves a tombstone and rewinds last contact", "[e2e][log][rm]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"log", "Rachel", "--date", "2026-11-01", "--kind", "call", "older"}).code == 0);
  REQUIRE(s.run({"log", "Rachel,John", "--interest", "Jazz", "newer", "--kind", "coffee"}).code ==
          0);
  auto id = s.scalar("SELECT id FROM interaction WHERE num = 2");
  auto r = s.run({"log", "rm", "2"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "Removed log #2: coffee with Rachel Green (#1) and John Smith (#2) on 2026-11-24.\n");
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "1");
  CHECK(s.scalar("SELECT count(*) FROM interaction_ally WHERE interaction = 2") == "0");
  CHECK(s.scalar("SELECT count(*) FROM interaction_interest") == "0");
  CHECK(s.scalar("SELECT kind FROM tombstone WHERE id = '" + id + "'") == "interaction");
  CHECK(show(s, "Rachel")["last_contact"] == "2026-11-01");
  CHECK(s.scalar("SELECT last_kind FROM ally WHERE num = 1") == "call");
  CHECK(show(s, "John")["last_contact"].is_null());
  CHECK(show(s, "John")["interests"] == json::array({"Jazz"})); // the ally keeps the topic

  auto before = s.dump();
  r = s.run({"log", "rm", "2"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no log #2 — 'ally timeline' lists what was logged\n");
  r = s.run({"log", "rm", "1", "--date", "yesterday"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);

  r = s.run({"--json", "log", "rm", "1"});
  CHECK(r.code == 0);
  CHECK(json::parse(r.out)["note"] == "older");
  CHECK(show(s, "Rachel")["last_contact"].is_null());
  // Numbers are never reused.
  r = s.run({"--json", "log", "Rachel"});
  CHECK(json::parse(r.out)["number"] == 3);
}

TEST_CASE("timeline lists newest first, for everyone or one ally, with --since",
          "[e2e][log][timeline]") {
  TempStore s;
  add_friends(s);
  REQUIRE(
      s.run({"log", "Rachel", "--date", "2026-10-01", "--kind", "coffee", "the Strokes"}).code ==
      0);
  REQUIRE(s.run({"log", "John", "--date", "2026-11-20", "--kind", "lunch", "Murakami"}).code == 0);
  REQUIRE(s.run({"log", "Rachel,Sarah", "--kind", "meeting", "kickoff"}).code == 0);
  REQUIRE(s.run({"intro", "John", "Sarah", "--date", "2026-11-22", "both write"}).code == 0);

  auto r = s.run({"timeline"});
  CHECK(r.code == 0);
  CHECK(r.out == "RECORD   DATE        KIND     WITH                     NOTE\n"
                 "log 3    2026-11-24  meeting  Rachel Green, Sarah Lee  kickoff\n"
                 "intro 1  2026-11-22  intro    John Smith → Sarah Lee   both write\n"
                 "log 2    2026-11-20  lunch    John Smith               Murakami\n"
                 "log 1    2026-10-01  coffee   Rachel Green             the Strokes\n");

  auto numbers = [&](const std::vector<std::string>& args) {
    auto t = s.run(args);
    REQUIRE(t.code == 0);
    std::vector<std::string> out;
    for (const auto& e : json::parse(t.out)) {
      out.push_back(e["type"].get<std::string>().substr(0, 5) +
                    std::to_string(e["number"].get<int>()));
    }
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(numbers({"--json", "timeline", "Rachel"}) == V{"inter3", "inter1"});
  CHECK(numbers({"--json", "timeline", "Sarah"}) == V{"inter3", "intro1"});
  CHECK(numbers({"--json", "timeline", "John"}) == V{"intro1", "inter2"});
  CHECK(numbers({"--json", "timeline", "--since", "2026-11-20"}) ==
        V{"inter3", "intro1", "inter2"});
  CHECK(numbers({"--json", "timeline", "--since", "3d"}) == V{"inter3", "intro1"});
  CHECK(numbers({"--json", "timeline", "--since", "3d ago"}) == V{"inter3", "intro1"});
  CHECK(numbers({"--json", "timeline", "John", "--since", "1w"}) == V{"intro1", "inter2"});
  CHECK(numbers({"--json", "timeline", "Rachel", "--since", "yesterday"}) == V{"inter3"});

  auto j = json::parse(s.run({"--json", "timeline", "John"}).out);
  CHECK(j[0]["type"] == "introduction");
  CHECK(j[0]["kind"] == "intro");
  CHECK(j[0]["a"] == 2);
  CHECK(j[0]["b"] == 3);
  CHECK(j[0]["allies"] == json::array({2, 3}));
  CHECK(j[0]["ally_names"] == json::array({"John Smith", "Sarah Lee"}));
  CHECK(j[1]["type"] == "interaction");
  for (const char* key : {"id", "number", "created_at", "updated_at", "date", "kind", "note",
                          "allies", "interests", "follow_up", "follow_up_done", "ally_names"}) {
    CHECK(j[1].contains(key));
  }

  r = s.run({"timeline", "Rachel", "--since", "2026-11-25"});
  CHECK(r.out == "Nothing logged with Rachel Green (#1) since 2026-11-25.\n");
  r = s.run({"timeline", "--since", "0d"});
  CHECK(r.code == 2);
  r = s.run({"timeline", "Nobody"});
  CHECK(r.code == 1);
}

TEST_CASE("timeline on an empty store says how to start", "[e2e][log][timeline]") {
  TempStore s;
  auto r = s.run({"timeline"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "Nothing logged yet. After a conversation: ally log Rachel \"coffee; talked about the "
        "Strokes\" --kind coffee\n");
  CHECK(s.run({"--json", "timeline"}).out == "[]\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
}

TEST_CASE("interests lists topics and who shares one", "[e2e][interests]") {
  TempStore s;
  auto r = s.run({"interests"});
  CHECK(r.out ==
        "No shared interests yet. Add one with: ally edit Rachel --interest \"The Strokes\"\n");
  add_friends(s);
  REQUIRE(s.run({"edit", "Rachel", "--interest", "The Strokes", "--interest", "Murakami"}).code ==
          0);
  REQUIRE(s.run({"log", "John", "--interest", "murakami"}).code == 0);
  REQUIRE(s.run({"add", "Old Friend", "--interest", "The Strokes"}).code == 0);
  REQUIRE(s.run({"rm", "Old Friend"}).code == 0); // archived: not counted

  r = s.run({"interests"});
  CHECK(r.code == 0);
  CHECK(r.out == "TOPIC        ALLIES\n"
                 "Murakami     2\n"
                 "The Strokes  1\n");
  auto j = json::parse(s.run({"--json", "interests"}).out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["name"] == "Murakami");
  CHECK(j[0]["ally_count"] == 2);
  CHECK(j[0]["id"].get<std::string>().size() == 36);

  r = s.run({"interests", "MURAKAMI"});
  CHECK(r.code == 0);
  CHECK(r.out == "Murakami, shared with 2 allies:\n  John Smith (#2)\n  Rachel Green (#1)\n");
  j = json::parse(s.run({"--json", "interests", "murakami"}).out);
  CHECK(j["name"] == "Murakami");
  CHECK(j["allies"] ==
        json::parse(R"([{"number":2,"name":"John Smith"},{"number":1,"name":"Rachel Green"}])"));

  r = s.run({"interests", "Murakamy"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no interest 'Murakamy' — did you mean 'Murakami'?\n");
  r = s.run({"interests", "strokes"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no interest 'strokes' — did you mean 'The Strokes'?\n");
  r = s.run({"interests", "knitting"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no interest 'knitting' — 'ally interests' lists every topic\n");
}

TEST_CASE("log -e writes the note in the editor, outside the transaction", "[e2e][log][editor]") {
  TempStore s;
  add_friends(s);
  // The editor records what it was given, then writes the note.
  auto dir = s.dir().string();
  auto editor = write_script(s, "write-note",
                             "cp \"$1\" '" + dir +
                                 "/seen.txt'\n"
                                 "stat -c %a \"$1\" > '" +
                                 dir +
                                 "/mode.txt'\n"
                                 "echo \"$1\" > '" +
                                 dir +
                                 "/path.txt'\n"
                                 "printf '# my own comment\\n\\nTalked about Murakami 📚\\n  "
                                 "indented line\\n\\n' > \"$1\"\n");
  auto r = run_with_env(s, {"log", "John", "-e", "--kind", "coffee"}, {{"EDITOR", editor}});
  CHECK(r.code == 0);
  CHECK(r.out == "Logged coffee with John Smith (#2) as log #1.\n");
  CHECK(s.scalar("SELECT note FROM interaction") == "Talked about Murakami 📚\n  indented line");
  CHECK(read_file(s.dir() / "seen.txt") ==
        "\n# Note for coffee with John Smith (#2) on 2026-11-24.\n"
        "# Lines starting with '#' are ignored; an empty note logs nothing.\n");
  CHECK(read_file(s.dir() / "mode.txt") == "600\n");
  auto temp = read_file(s.dir() / "path.txt");
  CHECK_FALSE(std::filesystem::exists(temp.substr(0, temp.size() - 1)));

  // The TEXT given pre-fills the note; VISUAL wins over EDITOR.
  auto keep = write_script(s, "keep", "cp \"$1\" '" + dir + "/seen.txt'\n");
  r = run_with_env(s, {"log", "Rachel", "first", "draft", "-e"},
                   {{"VISUAL", keep}, {"EDITOR", "/nonexistent"}});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT note FROM interaction WHERE num = 2") == "first draft");
  CHECK(read_file(s.dir() / "seen.txt")
            .rfind("first draft\n\n# Note for a conversation with Rachel Green (#1)", 0) == 0);
}

TEST_CASE("log -e splits the editor command on white space and starts it without a shell",
          "[e2e][log][editor]") {
  TempStore s;
  add_friends(s);
  // Like "code --wait": the first word is the program, the rest its arguments.
  auto editor = write_script(
      s, "myeditor", "[ \"$1\" = --wait ] || exit 3\nprintf 'waited; $HOME `x`\\n' >> \"$2\"\n");
  auto r = run_with_env(s, {"log", "Rachel", "pre", "-e"}, {{"EDITOR", editor + "  --wait"}});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT note FROM interaction") == "pre\n\nwaited; $HOME `x`");
}

TEST_CASE("an empty note or a failed editor aborts and stores nothing",
          "[e2e][log][editor][errors]") {
  TempStore s;
  add_friends(s);
  auto before = s.dump();
  auto empty = write_script(s, "empty", ": > \"$1\"\n");
  auto r = run_with_env(s, {"log", "Rachel", "-e"}, {{"EDITOR", empty}});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "ally: error: aborted: the note is empty — nothing was logged\n");

  // Only comments and blank lines left is empty too, even with TEXT given.
  auto comments = write_script(s, "comments", "printf '# only a comment\\n\\n   \\n' > \"$1\"\n");
  r = run_with_env(s, {"log", "Rachel", "text", "-e"}, {{"EDITOR", comments}});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: aborted: the note is empty — nothing was logged\n");

  auto fails = write_script(s, "fails", "echo written > \"$1\"\nexit 4\n");
  r = run_with_env(s, {"log", "Rachel", "-e"}, {{"EDITOR", fails}});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: aborted: the editor '" + fails +
                     "' exited with status 4 — nothing was logged\n");

  r = run_with_env(s, {"log", "Rachel", "-e"}, {{"EDITOR", "/no/such/editor"}});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "ally: error: cannot start the editor '/no/such/editor': No such file or directory — "
        "set $VISUAL or $EDITOR to your editor; nothing was logged\n");

  // A bad name is found before the editor opens: no note is written in vain.
  auto never = write_script(s, "never", "touch '" + s.dir().string() + "/opened'\n");
  r = run_with_env(s, {"log", "Nobody", "-e"}, {{"EDITOR", never}});
  CHECK(r.code == 1);
  CHECK_FALSE(std::filesystem::exists(s.dir() / "opened"));
  CHECK(s.dump() == before);
}

TEST_CASE("another command can write while the editor is open", "[e2e][log][editor]") {
  TempStore s;
  add_friends(s);
  // Were the store locked during the edit, this nested write would have to wait for it.
  auto editor = write_script(
      s, "nested",
      fmt::format("'{}' --db '{}' --today {} add 'Monica Geller' > /dev/null || exit 5\n"
                  "echo 'wrote while editing' > \"$1\"\n",
                  ALLY_BINARY, s.db(), s.today));
  auto r = run_with_env(s, {"log", "Rachel", "-e"}, {{"EDITOR", editor}});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT name FROM ally WHERE num = 4") == "Monica Geller");
  CHECK(s.scalar("SELECT note FROM interaction") == "wrote while editing");
}

TEST_CASE("log edit -e rewrites the note in the editor", "[e2e][log][editor]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"log", "Rachel", "old note"}).code == 0);
  auto editor = write_script(s, "append", "printf 'more\\n' >> \"$1\"\n");
  auto r = run_with_env(s, {"log", "edit", "1", "-e"}, {{"EDITOR", editor}});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT note FROM interaction") == "old note\n\nmore");
  auto before = s.dump();
  auto empty = write_script(s, "empty", ": > \"$1\"\n");
  r = run_with_env(s, {"log", "edit", "1", "-e"}, {{"EDITOR", empty}});
  CHECK(r.code == 1);
  CHECK(s.dump() == before);
}
