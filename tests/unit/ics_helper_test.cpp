// ally-ics, the helper `ally import FILE.ics` runs so that ally itself never loads libical: the
// real binary on hand-written Google- and Outlook-style fixtures, its JSON read back.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "e2e/harness.hpp"

namespace {

using nlohmann::json;

const std::string fixtures = ALLY_TEST_DATA "/ics/";

// 2026-10-01T00:00:00Z and 2027-01-01T00:00:00Z: the fixtures' autumn.
constexpr std::int64_t autumn_from = 1790812800;
constexpr std::int64_t autumn_to = 1798761600;
// 2100-01-01T00:00:00Z.
constexpr std::int64_t far_future = 4102444800;

ally_test::Result run_ics(const std::vector<std::string>& args, const std::string& tz = "UTC",
                          const std::string& input = {}) {
  std::vector<std::string> argv{ALLY_ICS_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return ally_test::run_process(argv, input, {{"TZ", tz}, {"LANG", "C.UTF-8"}});
}

ally_test::Result run_range(const std::string& file, std::int64_t from, std::int64_t to,
                            const std::string& tz = "UTC", const std::string& input = {}) {
  return run_ics({"--from", std::to_string(from), "--to", std::to_string(to), file}, tz, input);
}

json events_of(const ally_test::Result& r) {
  INFO(r.err);
  REQUIRE(r.code == 0);
  REQUIRE(r.err.empty());
  json document = json::parse(r.out);
  REQUIRE(document["format"] == "ally-ics/1");
  return document;
}

// Calendars written inline use CRLF, as every real export does.
std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> days_of(const json& events) {
  std::vector<std::string> days;
  for (const auto& e : events) days.push_back(e["day"].get<std::string>());
  return days;
}

const json* find_summary(const json& events, const std::string& summary) {
  for (const auto& e : events) {
    if (e["summary"] == summary) return &e;
  }
  return nullptr;
}

void require_one_error_line(const ally_test::Result& r) {
  INFO(r.err);
  CHECK(r.out.empty());
  REQUIRE(r.err.rfind("ally-ics: error: ", 0) == 0);
  CHECK(r.err.find('\n') == r.err.size() - 1);
}

} // namespace

TEST_CASE("a weekly series drops its EXDATE and takes its overrides", "[ics-helper]") {
  json doc = events_of(run_range(fixtures + "recurring.ics", autumn_from, autumn_to, "Europe/Berlin"));
  const json& events = doc["events"];
  // COUNT=6 from 2026-10-05: 10-19 is an EXDATE, 10-26 moved to Tuesday 10-27, 11-02 cancelled.
  CHECK(days_of(events) ==
        std::vector<std::string>{"2026-10-05", "2026-10-12", "2026-10-27", "2026-11-02", "2026-11-09"});
  for (const auto& e : events) {
    CHECK(e["uid"] == "5s8k2qv7m1b3c9d4e6f0a1b2c3@google.com");
    CHECK(e["all_day"] == false);
  }
  // 10:00 in Berlin: 08:00Z in summer time, 09:00Z after 2026-10-25.
  CHECK(events[0]["start"] == 1791187200);
  CHECK(events[0]["recurrence_id"] == "20261005T080000Z");
  CHECK(events[4]["recurrence_id"] == "20261109T090000Z");
  CHECK(events[0]["summary"] == "Weekly 1:1");
  CHECK(events[0]["sequence"] == 1);

  const json& moved = events[2];
  CHECK(moved["summary"] == "Weekly 1:1 (moved to Tuesday)");
  CHECK(moved["start"] == 1793106000); // 2026-10-27 14:00 CET
  // The id names the instance it replaces, as the series generates it: Monday 10:00.
  CHECK(moved["recurrence_id"] == "20261026T090000Z");
  CHECK(moved["sequence"] == 2);
  CHECK(moved["attendees"][1]["partstat"] == "TENTATIVE");
  CHECK(moved["attendees"][1]["email"] == "boris.kowalski@example.org"); // was MAILTO:

  const json& cancelled = events[3];
  CHECK(cancelled["status"] == "CANCELLED");
  CHECK(cancelled["recurrence_id"] == "20261102T090000Z");
  CHECK(cancelled["attendees"].empty());

  const json& first = events[0];
  CHECK(first["organizer"] == json{{"email", "ann@example.com"}, {"name", "Ann Example"}});
  REQUIRE(first["attendees"].size() == 2);
  CHECK(first["attendees"][1] == json{{"email", "boris.kowalski@example.org"},
                                      {"name", "Boris Kowalski"}, // folded inside the name
                                      {"partstat", "NEEDS-ACTION"},
                                      {"cutype", "INDIVIDUAL"}});
  CHECK(doc["skipped"] == json{{"no_start", 0}, {"outside_range", 0}});
}

TEST_CASE("an override's recurrence id matches the instance the series would generate", "[ics-helper]") {
  // Without its overrides the series generates the instances they replace, under those ids.
  std::string text = read_file(fixtures + "recurring.ics");
  std::string series_only = text.substr(0, text.find("BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20261027")) +
                            "END:VCALENDAR\r\n";
  json plain = events_of(run_range("-", autumn_from, autumn_to, "UTC", series_only))["events"];
  std::vector<std::string> ids;
  for (const auto& e : plain) ids.push_back(e["recurrence_id"].get<std::string>());
  CHECK(ids == std::vector<std::string>{"20261005T080000Z", "20261012T080000Z", "20261026T090000Z",
                                        "20261102T090000Z", "20261109T090000Z"});
  // Zoned times do not depend on the caller's TZ; only `day` is local.
  json berlin = events_of(run_range(fixtures + "recurring.ics", autumn_from, autumn_to, "Europe/Berlin"))["events"];
  json tokyo = events_of(run_range(fixtures + "recurring.ics", autumn_from, autumn_to, "Asia/Tokyo"))["events"];
  REQUIRE(berlin.size() == tokyo.size());
  for (std::size_t i = 0; i < berlin.size(); ++i) {
    CHECK(berlin[i]["start"] == tokyo[i]["start"]);
    CHECK(berlin[i]["recurrence_id"] == tokyo[i]["recurrence_id"]);
  }
}

TEST_CASE("overrides stand on their own start", "[ics-helper]") {
  const std::string text = crlf(
      "BEGIN:VCALENDAR\nVERSION:2.0\n"
      "BEGIN:VEVENT\nUID:s@x\nDTSTART:20261102T090000Z\nRRULE:FREQ=DAILY;COUNT=5\nSUMMARY:Standup\n"
      "SEQUENCE:0\nEND:VEVENT\n"
      // Moved out of the range: neither it nor the instance it replaces is output.
      "BEGIN:VEVENT\nUID:s@x\nRECURRENCE-ID:20261103T090000Z\nDTSTART:20270103T090000Z\n"
      "SUMMARY:Standup (January)\nEND:VEVENT\n"
      // Replaces no generated instance (not on the rule's time), still output.
      "BEGIN:VEVENT\nUID:s@x\nRECURRENCE-ID:20261110T120000Z\nDTSTART:20261110T120000Z\n"
      "SUMMARY:Standup (extra)\nEND:VEVENT\n"
      // Two copies of one override: the higher SEQUENCE wins although it comes first.
      "BEGIN:VEVENT\nUID:s@x\nRECURRENCE-ID:20261104T090000Z\nDTSTART:20261104T100000Z\n"
      "SEQUENCE:4\nSUMMARY:Standup (late)\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:s@x\nRECURRENCE-ID:20261104T090000Z\nDTSTART:20261104T110000Z\n"
      "SEQUENCE:3\nSUMMARY:Standup (stale)\nEND:VEVENT\n"
      "END:VCALENDAR\n");
  json doc = events_of(run_range("-", autumn_from, autumn_to, "UTC", text));
  std::vector<std::tuple<std::string, std::string>> got;
  for (const auto& e : doc["events"])
    got.emplace_back(e["recurrence_id"].get<std::string>(), e["summary"].get<std::string>());
  CHECK(got == std::vector<std::tuple<std::string, std::string>>{
                   {"20261102T090000Z", "Standup"},
                   {"20261104T090000Z", "Standup (late)"},
                   {"20261105T090000Z", "Standup"},
                   {"20261106T090000Z", "Standup"},
                   {"20261110T120000Z", "Standup (extra)"}});
  CHECK(doc["skipped"]["outside_range"] == 1);
}

TEST_CASE("the mixed calendar: people, all-day, floating, duplicates, order", "[ics-helper]") {
  json doc = events_of(run_range(fixtures + "mixed.ics", autumn_from, autumn_to, "Europe/Berlin"));
  const json& events = doc["events"];
  CHECK(events.size() == 11);
  // No DTSTART: skipped. The 2030 reunion: outside the range.
  CHECK(doc["skipped"] == json{{"no_start", 1}, {"outside_range", 1}});

  SECTION("sorted by start, then uid, then recurrence id") {
    for (std::size_t i = 1; i < events.size(); ++i) {
      auto key = [](const json& e) {
        return std::make_tuple(e["start"].get<std::int64_t>(), e["uid"].get<std::string>(),
                               e["recurrence_id"].get<std::string>());
      };
      CHECK(key(events[i - 1]) <= key(events[i]));
    }
    std::size_t check_in = 0, design = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i]["summary"] == "Quick check-in") check_in = i;
      if (events[i]["summary"] == "Design review") design = i;
    }
    CHECK(events[check_in]["start"] == events[design]["start"]);
    CHECK(check_in + 1 == design); // same start: check-in-3@ first though later in the file
  }
  SECTION("attendees: mailto stripped in any case, names, PARTSTAT and CUTYPE") {
    const json* kickoff = find_summary(events, "Project kickoff");
    REQUIRE(kickoff);
    CHECK((*kickoff)["start"] == 1793718000); // 2026-11-03T15:00:00Z
    CHECK((*kickoff)["status"] == "CONFIRMED");
    CHECK((*kickoff)["organizer"] == json{{"email", "dana@example.com"}, {"name", "Dana Whitfield"}});
    CHECK((*kickoff)["attendees"] ==
          json::array({{{"email", "ann@example.com"}, {"name", "Ann Example"}, {"partstat", "ACCEPTED"}, {"cutype", ""}},
                       {{"email", "bob.stone@example.net"}, {"name", "Bob Stone"}, {"partstat", "NEEDS-ACTION"}, {"cutype", ""}}}));
    const json* budget = find_summary(events, "Budget review");
    REQUIRE(budget);
    CHECK((*budget)["attendees"][0]["email"] == "carol.diaz@example.com"); // folded mid-address
    CHECK((*budget)["attendees"][0]["partstat"] == "DECLINED");
    const json* design = find_summary(events, "Design review");
    REQUIRE(design);
    REQUIRE((*design)["attendees"].size() == 3);
    CHECK((*design)["attendees"][1]["cutype"] == "ROOM");
    CHECK((*design)["attendees"][1]["email"] == "room-401@resource.example.com");
    CHECK((*design)["attendees"][1]["name"] == "Room 4.01 (Berlin)");
    // A urn: is no email; the name stays.
    CHECK((*design)["attendees"][2] == json{{"email", ""}, {"name", "Projector"}, {"partstat", ""}, {"cutype", "RESOURCE"}});
    const json* focus = find_summary(events, "Focus time");
    REQUIRE(focus);
    CHECK((*focus)["attendees"].empty());
    CHECK((*focus)["organizer"]["email"] == "ann@example.com");
    const json* coffee = find_summary(events, "Coffee with Dana");
    REQUIRE(coffee);
    CHECK((*coffee)["organizer"].is_null());
    CHECK((*coffee)["uid"] == "");
  }
  SECTION("status, escapes, sequence") {
    const json* cancelled = find_summary(events, "Vendor sync");
    REQUIRE(cancelled);
    CHECK((*cancelled)["status"] == "CANCELLED");
    CHECK((*cancelled)["sequence"] == 3);
    CHECK(find_summary(events, "Dinner, drinks; and\ntalk"));
    int lunches = 0;
    for (const auto& e : events) {
      if (e["uid"] == "dup-1@example.com") {
        ++lunches;
        CHECK(e["summary"] == "Lunch (new time)");
        CHECK(e["sequence"] == 2);
        CHECK(e["recurrence_id"] == "");
      }
    }
    CHECK(lunches == 1);
  }
  SECTION("all-day: the date itself, started at local midnight") {
    const json* birthday = find_summary(events, "Ann's birthday lunch");
    REQUIRE(birthday);
    CHECK((*birthday)["all_day"] == true);
    CHECK((*birthday)["day"] == "2026-11-10");
    CHECK((*birthday)["start"] == 1794265200); // 2026-11-10 00:00 CET
  }
  SECTION("an Outlook TZID is read from the file's VTIMEZONE") {
    const json* budget = find_summary(events, "Budget review");
    REQUIRE(budget);
    CHECK((*budget)["start"] == 1793883600); // 14:00 W. Europe Standard Time = 13:00Z
  }
}

TEST_CASE("floating and all-day times follow the caller's TZ", "[ics-helper]") {
  using Start = std::pair<std::int64_t, std::string>;
  auto start_of = [](const std::string& tz, const std::string& summary) {
    json events = events_of(run_range(fixtures + "mixed.ics", autumn_from, autumn_to, tz))["events"];
    const json* e = find_summary(events, summary);
    REQUIRE(e);
    return Start{(*e)["start"].get<std::int64_t>(), (*e)["day"].get<std::string>()};
  };
  // Saturday run: DTSTART:20261107T090000, no zone.
  CHECK(start_of("Europe/Berlin", "Saturday run") == Start(1794038400, "2026-11-07"));
  CHECK(start_of("UTC", "Saturday run") == Start(1794042000, "2026-11-07"));
  CHECK(start_of("UTC", "Ann's birthday lunch") == Start(1794268800, "2026-11-10"));
  // A UTC time's day is local: 18:00Z on 11-08 is already 11-09 in Tokyo.
  CHECK(start_of("Asia/Tokyo", "Dinner, drinks; and\ntalk").second == "2026-11-09");
}

TEST_CASE("the range filters and counts what it leaves out", "[ics-helper]") {
  json wide = events_of(run_range(fixtures + "mixed.ics", autumn_from, far_future));
  CHECK(wide["events"].size() == 12);
  CHECK(wide["skipped"]["outside_range"] == 0);
  CHECK(find_summary(wide["events"], "Class reunion"));
  // Both ends are inclusive: exactly the kickoff's start.
  json exact = events_of(run_range(fixtures + "mixed.ics", 1793718000, 1793718000));
  REQUIRE(exact["events"].size() == 1);
  CHECK(exact["events"][0]["summary"] == "Project kickoff");
  CHECK(exact["skipped"]["outside_range"] == 11);
  // A series with no instance in the range counts once, each of its overrides once.
  json none = events_of(run_range(fixtures + "recurring.ics", far_future - 86400, far_future));
  CHECK(none["events"].empty());
  CHECK(none["skipped"]["outside_range"] == 3);
}

TEST_CASE("long-running series are expanded from far back, in phase", "[ics-helper]") {
  const std::string text = crlf(
      "BEGIN:VCALENDAR\nVERSION:2.0\n"
      "BEGIN:VEVENT\nUID:biweekly@x\nDTSTART;TZID=Europe/Berlin:20150105T090000\n"
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO\nSUMMARY:Biweekly\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:daily@x\nDTSTART;VALUE=DATE:20000101\nRRULE:FREQ=DAILY\nSUMMARY:Daily\n"
      "EXDATE;VALUE=DATE:20261014\nEND:VEVENT\n"
      "END:VCALENDAR\n");
  // 2026-10-10 to 2026-10-31 (UTC).
  json events = events_of(run_range("-", 1791590400, 1793404800, "UTC", text))["events"];
  std::vector<std::string> biweekly, daily;
  for (const auto& e : events)
    (e["uid"] == "biweekly@x" ? biweekly : daily).push_back(e["day"].get<std::string>());
  // 2015-01-05 + an even number of weeks: 10-12 and 10-26, not 10-19.
  CHECK(biweekly == std::vector<std::string>{"2026-10-12", "2026-10-26"});
  CHECK(daily.size() == 21); // 10-10 … 10-31, less the EXDATE 10-14
  CHECK(std::find(daily.begin(), daily.end(), "2026-10-14") == daily.end());
  CHECK(daily.front() == "2026-10-10");
}

TEST_CASE("recurrence bombs and endless rules end", "[ics-helper]") {
  SECTION("FREQ=SECONDLY without end: over the instance cap, quickly") {
    auto begin = std::chrono::steady_clock::now();
    auto r = run_range(fixtures + "bomb.ics", autumn_from - 365 * 86400, far_future);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    CHECK(r.code == 1);
    require_one_error_line(r);
    CHECK(r.err.find("200000") != std::string::npos);
    CHECK(seconds < 8);
  }
  SECTION("a COUNT in the billions started years before the range runs out of steps") {
    const std::string text = crlf(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:b@x\nDTSTART:20200101T000000Z\n"
        "RRULE:FREQ=SECONDLY;COUNT=2000000000\nEND:VEVENT\nEND:VCALENDAR\n");
    auto r = run_range("-", autumn_from, autumn_to, "UTC", text);
    CHECK(r.code == 1);
    require_one_error_line(r);
  }
  SECTION("a yearly rule without end stops where libical's years end") {
    const std::string text = crlf(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:y@x\nDTSTART;VALUE=DATE:20260301\n"
        "RRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR\n");
    // To 9999-12-31: the iterator must stop by itself (libical stops after 2582).
    json events = events_of(run_range("-", autumn_from, 253402300799, "UTC", text))["events"];
    CHECK(events.size() > 500);
    CHECK(events.size() < 8000);
    CHECK(events.front()["day"] == "2027-03-01");
  }
}

TEST_CASE("times resolve through the file, libical's zones, or float", "[ics-helper]") {
  const std::string text = crlf(
      "BEGIN:VCALENDAR\nVERSION:2.0\n"
      "BEGIN:VEVENT\nUID:ny@x\nDTSTART;TZID=America/New_York:20261105T090000\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:mars@x\nDTSTART;TZID=Mars/Olympus Mons:20261105T090000\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:rdate@x\nDTSTART:20261102T090000Z\nRDATE;VALUE=PERIOD:20261120T150000Z/PT1H\n"
      "RDATE;TZID=America/New_York:20261121T090000\nEXDATE:20261102T090000Z\nEND:VEVENT\n"
      "END:VCALENDAR\n");
  json events = events_of(run_range("-", autumn_from, autumn_to, "Asia/Tokyo", text))["events"];
  std::vector<std::tuple<std::string, std::int64_t, std::string>> got;
  for (const auto& e : events)
    got.emplace_back(e["uid"].get<std::string>(), e["start"].get<std::int64_t>(),
                     e["recurrence_id"].get<std::string>());
  CHECK(got == std::vector<std::tuple<std::string, std::int64_t, std::string>>{
                   {"mars@x", 1793836800, ""},  // unknown zone: floating, 09:00 in Tokyo
                   {"ny@x", 1793887200, ""},    // libical's America/New_York, 14:00Z
                   {"rdate@x", 1795186800, "20261120T150000Z"},
                   {"rdate@x", 1795269600, "20261121T140000Z"}});
}

TEST_CASE("stdin reads like a file", "[ics-helper]") {
  auto from_file = run_range(fixtures + "mixed.ics", autumn_from, autumn_to);
  auto from_stdin = run_range("-", autumn_from, autumn_to, "UTC", read_file(fixtures + "mixed.ics"));
  CHECK(from_file.code == 0);
  CHECK(from_file.out == from_stdin.out);
}

TEST_CASE("what is not a calendar fails with one error line", "[ics-helper]") {
  require_one_error_line(run_range(fixtures + "not_a_calendar.ics", 0, far_future));
  CHECK(run_range(fixtures + "not_a_calendar.ics", 0, far_future).code == 1);
  auto empty = run_range("-", 0, far_future, "UTC", "");
  CHECK(empty.code == 1);
  require_one_error_line(empty);
  auto missing = run_range(fixtures + "no-such-file.ics", 0, far_future);
  CHECK(missing.code == 1);
  require_one_error_line(missing);
}

TEST_CASE("usage errors exit 2 with one line", "[ics-helper]") {
  const std::string file = fixtures + "mixed.ics";
  const std::vector<std::vector<std::string>> bad = {
      {},
      {file},
      {"--from", "0", file},
      {"--to", "0", file},
      {"--from", "0", "--to", "1"},
      {"--from", "zero", "--to", "1", file},
      {"--from", "1.5", "--to", "2", file},
      {"--from", "10", "--to", "1", file},
      {"--from", "0", "--to", "1", file, file},
      {"--from", "0", "--from", "0", "--to", "1", file},
      {"--from", "0", "--to", "99999999999999999999", file},
      {"--from", "0", "--to", "1", "--verbose", file},
      {"--from", "0", "--to"},
  };
  for (const auto& args : bad) {
    auto r = run_ics(args);
    INFO(r.err);
    CHECK(r.code == 2);
    require_one_error_line(r);
  }
  auto equals_form = run_ics({"--from=" + std::to_string(autumn_from), "--to=" + std::to_string(autumn_to), file});
  CHECK(equals_form.code == 0);
}

TEST_CASE("garbage never crashes the helper", "[ics-helper]") {
  std::mt19937 rng(20261105);
  std::vector<std::string> seeds;
  // The bomb only truncated: each whole copy takes half a second to reach the instance cap.
  for (const char* name : {"recurring.ics", "mixed.ics", "bomb.ics"}) seeds.push_back(read_file(fixtures + name));
  const std::vector<std::string> splices = {
      "BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", "END:VEVENT\r\n",
      "RRULE:FREQ=DAILY;COUNT=99999999\r\n", "RRULE:FREQ=WEEKLY;INTERVAL=0;BYSETPOS=-400\r\n",
      "RRULE:FREQ=MONTHLY;BYMONTHDAY=-40,0,99\r\n", "DTSTART:99999999T999999\r\n",
      "DTSTART;VALUE=DATE:20260231\r\n", "RECURRENCE-ID:garbage\r\n", "EXDATE:2026\r\n",
      "DTSTART;TZID=Nowhere:20261005T100000\r\n", "ATTENDEE;PARTSTAT=;CN=:\r\n",
      std::string("\0\xff\xfe;:", 5), "\r\n ", "SEQUENCE:-99999999999\r\n"};
  auto check = [](const std::string& input) {
    auto r = run_range("-", 0, far_future, "Europe/Berlin", input);
    INFO("input of " << input.size() << " bytes; stderr: " << r.err);
    REQUIRE((r.code == 0 || r.code == 1)); // never a signal (128 + n), never a usage error
    if (r.code == 1) {
      require_one_error_line(r);
    } else {
      CHECK(r.err.empty());
      CHECK(json::parse(r.out)["format"] == "ally-ics/1");
    }
  };
  SECTION("random bytes") {
    for (int i = 0; i < 40; ++i) {
      std::string bytes(std::uniform_int_distribution<std::size_t>(0, 4000)(rng), '\0');
      for (char& c : bytes) c = static_cast<char>(rng() & 0xff);
      if (i % 2) bytes = "BEGIN:VCALENDAR\r\n" + bytes; // past the first check, into libical
      check(bytes);
    }
  }
  SECTION("every prefix length of the fixtures, in steps") {
    for (const auto& seed : seeds) {
      for (std::size_t n = 0; n < seed.size(); n += 97) check(seed.substr(0, n));
    }
  }
  SECTION("fixtures with bytes changed and lines spliced in") {
    for (int i = 0; i < 60; ++i) {
      std::string text = seeds[static_cast<std::size_t>(i) % 2];
      const int edits = std::uniform_int_distribution<int>(1, 12)(rng);
      for (int k = 0; k < edits; ++k) {
        std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
        if (i % 2)
          text[at] = static_cast<char>(rng() & 0xff);
        else
          text.insert(at, splices[std::uniform_int_distribution<std::size_t>(0, splices.size() - 1)(rng)]);
      }
      check(text);
    }
  }
}
