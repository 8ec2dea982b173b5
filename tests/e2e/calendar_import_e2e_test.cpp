// End-to-end: a calendar (.ics) brought in with `ally import`: each past meeting with allies is
// one conversation of kind "meeting" with all of them; the rest is skipped and counted; the
// same calendar again (or a newer export of it) adds nothing; what you edited or deleted stays.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/exchange_helpers.hpp"

namespace fs = std::filesystem;
using ally_test::import_json;
using ally_test::ok;
using ally_test::read_text;
using ally_test::TempStore;
using ally_test::write_text;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

std::string calendar(const std::string& name) {
  return (fs::path(ALLY_TEST_DATA) / "ics" / name).string();
}


// Ann's store: Dana and Bob are allies, Carol too (she declined the budget review).
void ann(const TempStore& s) {
  ok(s, {"add", "Dana Whitfield", "--email", "dana@example.com", "--every", "30d"});
  ok(s, {"add", "Bob Stone", "--email", "Bob.Stone@example.net"});
  ok(s, {"add", "Carol Diaz", "--email", "carol.diaz@example.com"});
  ok(s, {"config", "me.email", "ann@example.com, ann.example@home.example"});
}

} // namespace

TEST_CASE("a calendar import needs your own address, and says how to give it",
          "[e2e][intake][ics]") {
  TempStore s;
  ok(s, {"add", "Dana Whitfield", "--email", "dana@example.com"});
  const auto before = s.dump();
  auto r = s.run({"import", calendar("mixed.ics")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("needs your own email address"));
  CHECK_THAT(r.err, Contains("ally config me.email"));
  CHECK(s.dump() == before);
}

TEST_CASE("past meetings with allies become conversations; the rest is counted",
          "[e2e][intake][ics]") {
  TempStore s;
  ann(s);
  auto doc = import_json(s, {calendar("mixed.ics")});
  CHECK(doc["format"] == "ics");
  CHECK(doc["added"] == 3);
  CHECK(doc["skipped"]["cancelled"] == 1);
  CHECK(doc["skipped"]["future"] == 1);
  CHECK(doc["skipped"]["only_you"] == 7);
  CHECK(doc["skipped"]["no_start"] == 1);
  // One conversation with everyone who was there, dated the event's day, its summary the note.
  auto rows = s.query("SELECT i.date, i.kind, i.note, group_concat(a.ally, ' ') FROM interaction i "
                      "JOIN (SELECT * FROM interaction_ally ORDER BY ally) a ON a.interaction = "
                      "i.num GROUP BY i.num ORDER BY i.date, i.note");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"2026-11-03", "meeting", "Project kickoff", "1 2"});
  // Carol declined the budget review: it is no conversation with her.
  CHECK(rows[1] == std::vector<std::string>{"2026-11-05", "meeting", "Budget review", "1"});
  CHECK(rows[2] == std::vector<std::string>{"2026-11-05", "meeting", "Quick check-in", "1"});
  CHECK(s.scalar("SELECT last_contact FROM ally WHERE num = 1") == "2026-11-05");
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE source_uid = 'kickoff-2026-11@example.com' "
                 "AND source_recurrence_id IS NULL") == "1");
  // Rooms and projectors are nobody to meet.
  for (const auto& stranger : doc["not_allies"])
    CHECK_THAT(stranger["email"].get<std::string>(), !Contains("room"));
}

TEST_CASE("a meeting with more people than import.max_attendees is counted, not logged",
          "[e2e][intake][ics]") {
  TempStore s;
  ann(s);
  ok(s, {"config", "import.max_attendees", "1"});
  CHECK(s.run({"config", "import.max_attendees", "0"}).code == 2);
  auto doc = import_json(s, {calendar("mixed.ics")});
  // The kickoff had Dana and Bob besides Ann, the budget review Dana and Carol (invited, though
  // she declined): two people each, over the limit of one. The check-in was Dana alone.
  CHECK(doc["skipped"]["large"] == 2);
  CHECK(doc["added"] == 1);
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE note = 'Project kickoff'") == "0");
}

TEST_CASE("the same calendar again, or a newer export of it, adds no duplicate",
          "[e2e][intake][ics]") {
  TempStore s;
  ann(s);
  ok(s, {"import", calendar("mixed.ics")});
  const auto before = s.dump();
  auto again = s.run({"import", calendar("mixed.ics")});
  CHECK(again.code == 0);
  CHECK_THAT(again.out, Contains("0 meetings logged, 0 updated, 3 unchanged"));
  CHECK(s.dump() == before); // not even an undo entry

  SECTION("your note stays; the day and who was there follow the calendar") {
    const std::string kickoff =
        s.scalar("SELECT num FROM interaction WHERE note = 'Project kickoff'");
    ok(s, {"log", "edit", kickoff, "--text", "Kickoff: Bob owns the budget"});
    std::string text = read_text(calendar("mixed.ics"));
    const std::string from = "DTSTART:20261103T150000Z";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "DTSTART:20261102T150000Z");
    auto newer = write_text(s, "newer.ics", text);
    auto doc = import_json(s, {newer});
    CHECK(doc["updated"] == 1);
    CHECK(doc["added"] == 0);
    CHECK(s.scalar("SELECT date || ' ' || note FROM interaction WHERE num = " + kickoff) ==
          "2026-11-02 Kickoff: Bob owns the budget");
    CHECK(s.scalar("SELECT count(*) FROM interaction") == "3");
  }
  SECTION("a conversation you deleted is not imported again") {
    const std::string check_in =
        s.scalar("SELECT num FROM interaction WHERE note = 'Quick check-in'");
    ok(s, {"log", "rm", check_in});
    auto doc = import_json(s, {calendar("mixed.ics")});
    CHECK(doc["added"] == 0);
    CHECK(doc["skipped"]["deleted"] == 1);
    CHECK(s.scalar("SELECT count(*) FROM interaction") == "2");
  }
}

TEST_CASE("a recurring meeting: each instance once, exceptions and --since respected",
          "[e2e][intake][ics]") {
  TempStore s;
  ok(s, {"add", "Boris Kowalski", "--email", "boris.kowalski@example.org"});
  ok(s, {"config", "me.email", "ann@example.com"});
  auto doc = import_json(s, {calendar("recurring.ics"), "--since", "2026-10-06"});
  // Mondays from Oct 5, 6 times: the 19th is an EXDATE, the 26th moved to the 27th, Nov 2
  // cancelled; --since leaves out the 5th.
  auto days = s.query("SELECT date, note FROM interaction ORDER BY date");
  REQUIRE(days.size() == 3);
  CHECK(days[0][0] == "2026-10-12");
  CHECK(days[1] == std::vector<std::string>{"2026-10-27", "Weekly 1:1 (moved to Tuesday)"});
  CHECK(days[2][0] == "2026-11-09");
  CHECK(doc["skipped"]["cancelled"] == 1);
  CHECK(s.scalar("SELECT count(DISTINCT source_recurrence_id) FROM interaction") == "3");
  // Without --since, the 5th comes in too, and the others are not repeated.
  auto all = import_json(s, {calendar("recurring.ics")});
  CHECK(all["added"] == 1);
  CHECK(all["unchanged"] == 3);
}

TEST_CASE("people met who are not allies are listed with the command that adds them",
          "[e2e][intake][ics]") {
  TempStore s;
  ok(s, {"config", "me.email", "ann@example.com"});
  ok(s, {"add", "Someone Else", "--email", "else@example.org"});
  const auto before = s.dump();
  auto r = ok(s, {"import", calendar("recurring.ics"), "--dry-run"});
  CHECK_THAT(r.out, Contains("People you met who are not allies yet (1):"));
  CHECK_THAT(r.out, Contains("Boris Kowalski <boris.kowalski@example.org>: 4 meetings, last "
                             "2026-11-09"));
  CHECK_THAT(r.out, Contains("ally add 'Boris Kowalski' --email"));
  CHECK_THAT(r.out, Contains("Nothing was changed (--dry-run)."));
  CHECK(s.dump() == before);
}

TEST_CASE("a calendar import refuses what it cannot read and changes nothing",
          "[e2e][intake][ics]") {
  TempStore s;
  ann(s);
  const auto before = s.dump();
  auto bad = s.run({"import", calendar("not_a_calendar.ics"), "--format", "ics"});
  CHECK(bad.code == 1);
  CHECK_THAT(bad.err, Contains("ally: error: import: cannot read the calendar"));
  auto bomb = s.run({"import", calendar("bomb.ics")});
  CHECK(bomb.code == 1);
  CHECK(s.dump() == before);
  auto usage = s.run({"import", calendar("mixed.ics"), "--format", "vcard", "--since", "90d"});
  CHECK(usage.code == 2);
  CHECK_THAT(usage.err, Contains("--since is for calendars"));
}

TEST_CASE("agenda briefs whom today's calendar meets first, then who is due",
          "[e2e][intake][ics][agenda]") {
  TempStore s;
  s.today = "2026-11-05";
  ann(s);
  ok(s, {"add", "Erin Moss", "--every", "7d"});
  ok(s, {"log", "Erin", "coffee in September", "--date", "2026-09-01"}); // due
  ok(s, {"import", calendar("mixed.ics")});
  auto briefs = json::parse(ok(s, {"--json", "agenda"}).out);
  REQUIRE(briefs.size() >= 2);
  // Dana had the budget review and a check-in today; Bob's kickoff was two days ago.
  CHECK(briefs[0]["name"] == "Dana Whitfield");
  for (std::size_t i = 1; i < briefs.size(); ++i) CHECK(briefs[i]["name"] != "Dana Whitfield");
  auto out = ok(s, {"agenda"}).out;
  CHECK_THAT(out, Contains("1 on today's calendar (2026-11-05), then the first"));
  // Another day's calendar is not today's.
  s.today = "2026-11-06";
  CHECK_THAT(ok(s, {"agenda"}).out, Contains("The first"));
}

namespace {

// One event of Ann's calendar, in UTC (the tests run without TZ, so UTC is local time too).
std::string event(const std::string& uid, const std::string& start, const std::string& summary,
                  const std::vector<std::string>& attendees, const std::string& status = "CONFIRMED") {
  std::string text = "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261201T120000Z\r\nDTSTART:" +
                     start + "\r\nSUMMARY:" + summary +
                     "\r\nORGANIZER:mailto:ann@example.com\r\n";
  for (const auto& a : attendees) text += "ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + a + "\r\n";
  return text + "STATUS:" + status + "\r\nEND:VEVENT\r\n";
}

std::string vcalendar(const std::vector<std::string>& events) {
  std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ally tests//EN\r\n";
  for (const auto& e : events) text += e;
  return text + "END:VCALENDAR\r\n";
}

} // namespace

TEST_CASE("meetings that have not started are planned for agenda, not logged, and follow the "
          "calendar",
          "[e2e][intake][ics][agenda]") {
  TempStore s;
  s.today = "2026-12-07"; // --today is noon of that day
  ann(s);
  const std::string morning = event("sync@x", "20261207T090000Z", "Morning sync", {"dana@example.com"});
  const std::string review =
      event("review@x", "20261207T150000Z", "Budget review", {"dana@example.com", "bob.stone@example.net"});
  const std::string roadmap = event("roadmap@x", "20261208T100000Z", "Roadmap", {"carol.diaz@example.com"});
  const std::string offsite = event("offsite@x", "20261207T160000Z", "Offsite",
                                    {"carol.diaz@example.com"}, "CANCELLED");
  const auto file = write_text(s, "ann.ics", vcalendar({morning, review, roadmap, offsite}));

  auto doc = import_json(s, {file});
  CHECK(doc["added"] == 1); // the morning sync was held
  REQUIRE(doc["planned"].size() == 2);
  CHECK(doc["planned"][0]["summary"] == "Budget review");
  CHECK(doc["planned"][0]["allies"] == json::array({1, 2}));
  CHECK(doc["planned"][1]["summary"] == "Roadmap");
  CHECK(doc["skipped"]["cancelled"] == 1);
  // A planned meeting is no conversation and no contact.
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "1");
  CHECK(s.scalar("SELECT last_contact FROM ally WHERE num = 2") == "NULL");
  CHECK_THAT(ok(s, {"import", file}).out, Contains("planned    2 meetings"));

  // Dana was met this morning; Bob comes to the review at 15:00; Carol's roadmap is tomorrow.
  auto briefs = json::parse(ok(s, {"--json", "agenda"}).out);
  REQUIRE(briefs.size() >= 2);
  CHECK(briefs[0]["name"] == "Dana Whitfield");
  CHECK(briefs[0].find("planned_meeting") == briefs[0].end());
  CHECK(briefs[1]["name"] == "Bob Stone");
  CHECK(briefs[1]["planned_meeting"]["summary"] == "Budget review");
  CHECK(briefs[1]["planned_meeting"]["starts"] == "15:00");
  for (const auto& b : briefs) CHECK(b["name"] != "Carol Diaz");
  auto out = ok(s, {"agenda"}).out;
  CHECK_THAT(out, Contains("2 on today's calendar (2026-12-07)"));
  CHECK_THAT(out, Contains("At 15:00: Budget review"));

  // The same calendar again changes nothing, not even the undo history.
  const auto before = s.dump();
  ok(s, {"import", file});
  CHECK(s.dump() == before);

  // The review moves to tomorrow: today's agenda no longer has it; undo brings the old plan back.
  const std::string moved =
      event("review@x", "20261208T150000Z", "Budget review", {"dana@example.com", "bob.stone@example.net"});
  ok(s, {"import", write_text(s, "moved.ics", vcalendar({morning, moved, roadmap}))});
  CHECK(s.scalar("SELECT day FROM planned_meeting WHERE summary = 'Budget review'") == "2026-12-08");
  CHECK_THAT(ok(s, {"agenda"}).out, !Contains("Budget review"));
  ok(s, {"undo"});
  CHECK(s.scalar("SELECT day FROM planned_meeting WHERE summary = 'Budget review'") == "2026-12-07");
  CHECK(s.scalar("SELECT count(*) FROM planned_meeting_ally") == "3");

  // The next day at noon the review and the roadmap (10:00) were held: the import logs them and
  // nothing is planned any more.
  s.today = "2026-12-08";
  doc = import_json(s, {file});
  CHECK(doc["added"] == 2);
  CHECK(doc["planned"].empty());
  CHECK(s.scalar("SELECT count(*) FROM planned_meeting") == "0");
  CHECK(s.scalar("SELECT group_concat(note, ', ') FROM (SELECT note FROM interaction ORDER BY "
                 "date, note)") == "Budget review, Morning sync, Roadmap");
}
