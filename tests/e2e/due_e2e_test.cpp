// End-to-end: `ally due`, `snooze` and `config` as a user meets them each morning.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "e2e/exchange_helpers.hpp"
#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

// Three allies added on different days, as in the seeds: Rachel (core), John (network, a
// birthday on Friday), Sarah (inner mentor); and one untracked contact.
void seed(TempStore& s) {
  auto add = [&](const std::string& day, std::vector<std::string> args) {
    std::vector<std::string> full{"--db", s.db(), "--today", day, "add"};
    full.insert(full.end(), args.begin(), args.end());
    REQUIRE(s.run_raw(full).code == 0);
  };
  add("2026-09-01", {"Rachel Green", "--circle", "core"});
  add("2026-10-01", {"John Smith", "--circle", "network", "--birthday", "11-27"});
  add("2026-11-01", {"Sarah Lee", "--circle", "inner", "--rel", "mentor"});
  add("2026-01-01", {"Imported Contact", "--every", "none"});
}

std::vector<std::string> names(const json& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r["name"]);
  return out;
}

} // namespace

TEST_CASE("due lists who needs attention, most urgent first, with kind reasons", "[e2e][due]") {
  TempStore s;
  seed(s);
  auto r = s.run({"due"});
  REQUIRE(r.code == 0);
  CHECK(r.out == "#1  Rachel Green  added 84d ago, no check-in yet (every 30d)\n"
                 "#3  Sarah Lee     added 23d ago, no check-in yet (every 14d)\n"
                 "#2  John Smith    birthday Fri\n");
  r = s.run({"--json", "due"});
  auto rows = json::parse(r.out);
  CHECK(names(rows) == std::vector<std::string>{"Rachel Green", "Sarah Lee", "John Smith"});
  CHECK(rows[0]["terms"][0]["term"] == "overdue");
  CHECK(rows[0]["next_check_in"] == "2026-10-01");
  // The plain list leaves the UUIDs unread; --json still carries each ally's own.
  auto shown = json::parse(s.run({"--json", "show", "1"}).out);
  CHECK(rows[0]["id"] == shown["id"]);
  CHECK(rows[0]["id"].get<std::string>().size() == 36);
  for (const auto& row : rows) {
    double sum = 0;
    for (const auto& t : row["terms"]) {
      CHECK(t["points"].get<double>() == Approx(t["value"].get<double>() * t["weight"].get<double>()));
      sum += t["points"].get<double>();
    }
    CHECK(row["score"].get<double>() == Approx(sum));
  }
}

TEST_CASE("logging nothing, untracked and archived allies stay out of due", "[e2e][due]") {
  TempStore s;
  seed(s);
  REQUIRE(s.run({"rm", "Sarah"}).code == 0);
  auto rows = json::parse(s.run({"--json", "due", "--all"}).out);
  CHECK(names(rows) == std::vector<std::string>{"Rachel Green", "John Smith"});
}

TEST_CASE("--explain shows value × weight = points and the total", "[e2e][due]") {
  TempStore s;
  seed(s);
  auto r = s.run({"due", "--explain", "John"});
  REQUIRE(r.code == 0);
  CHECK(r.out == "John Smith #2\n"
                 "  date         1.62 ×  4.00 =   6.50   birthday Fri\n"
                 "  circle       1.00 ×  0.25 =   0.25\n"
                 "  total                          6.75\n"
                 "  every 90d · 54d since last contact · next check-in 2026-12-30\n");
  // An ally due does not list is explained all the same: its state, and what comes next.
  r = s.run({"due", "--explain", "Imported"});
  CHECK(r.code == 0);
  CHECK(r.out == "Imported Contact #4\n"
                 "  not tracked: no check-ins; promises, follow-ups, thanks and yearly dates still "
                 "come up\n"
                 "  not due today · not tracked\n");
  // A snoozed ally: why nothing lists them, never another ally's status.
  REQUIRE(s.run({"snooze", "Sarah", "2w"}).code == 0);
  r = s.run({"due", "--explain", "Sarah"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("Sarah Lee #3\n", 0) == 0);
  CHECK(r.out.find("overdue") == std::string::npos);
  CHECK(r.out.find("  snoozed until 2026-12-08: the check-in, reciprocity and dates wait") !=
        std::string::npos);
  CHECK(r.out.find("  not due today · snoozed until 2026-12-08 · next check-in in 14d\n") !=
        std::string::npos);
  auto rows = json::parse(s.run({"--json", "due", "--explain", "Sarah"}).out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["name"] == "Sarah Lee");
  CHECK(rows[0]["state"] == "snoozed");
  CHECK(rows[0]["listed_by_term"] == false);
  // Archived: said so, with the way back.
  REQUIRE(s.run({"rm", "Rachel"}).code == 0);
  r = s.run({"due", "--explain", "Rachel"});
  CHECK(r.code == 0);
  CHECK(r.out == "Rachel Green #1\n"
                 "  archived: due lists nothing for them ('ally restore 1' brings them back)\n");
}

TEST_CASE("config changes cadences and weights; bad keys and values are usage errors",
          "[e2e][due][config]") {
  TempStore s;
  seed(s);
  auto r = s.run({"config", "due.cadence.core", "13w"});
  CHECK(r.code == 0);
  CHECK(r.out == "due.cadence.core = 13w\n");
  auto rows = json::parse(s.run({"--json", "due"}).out);
  CHECK(names(rows) == std::vector<std::string>{"Sarah Lee", "John Smith"});
  r = s.run({"config", "due.weight.date", "0"});
  CHECK(r.code == 0);
  rows = json::parse(s.run({"--json", "due"}).out);
  CHECK(names(rows) == std::vector<std::string>{"Sarah Lee"});
  CHECK(s.run({"config", "due.cadence.core"}).out == "13w\n");
  auto before = s.dump();
  r = s.run({"config", "due.weight.bogus", "1"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("ally: error: unknown setting 'due.weight.bogus' — valid keys: due.cadence.inner", 0) == 0);
  r = s.run({"config", "due.weight.promise", "lots"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("ally: error: bad value 'lots' for due.weight.promise", 0) == 0);
  r = s.run({"config", "due.cadence.inner", "0d"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);
  r = s.run({"config", "--unset", "due.weight.date"});
  CHECK(r.out == "due.weight.date is back to its default.\n");
  auto all = json::parse(s.run({"--json", "config"}).out);
  CHECK(all["due.weight.date"]["set"] == false);
  CHECK(all["due.cadence.core"]["value"] == "13w");
}

TEST_CASE("snooze hides an ally until the date, and off brings them back", "[e2e][due]") {
  TempStore s;
  seed(s);
  auto r = s.run({"snooze", "Rachel", "2w"});
  CHECK(r.code == 0);
  CHECK(r.out == "Snoozed Rachel Green (#1) until 2026-12-08 (Tue); what you owe them still comes up.\n");
  auto rows = json::parse(s.run({"--json", "due"}).out);
  CHECK(names(rows) == std::vector<std::string>{"Sarah Lee", "John Smith"});
  // Back on the snooze date itself.
  r = s.run_raw({"--db", s.db(), "--today", "2026-12-08", "--json", "due"});
  CHECK(json::parse(r.out)[0]["name"] == "Rachel Green");
  CHECK(s.run({"snooze", "Rachel", "off"}).out == "Rachel Green (#1) is back in due.\n");
  CHECK(json::parse(s.run({"--json", "due"}).out).size() == 3);
  r = s.run({"snooze", "Rachel", "yesterday"});
  CHECK(r.code == 2);
  r = s.run({"snooze", "Rachel", "whenever"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("ally: error: bad date 'whenever'", 0) == 0);
}

TEST_CASE("an empty due list is encouraging, and --within brings in what is coming",
          "[e2e][due]") {
  TempStore s;
  auto r = s.run({"due"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("No allies yet.", 0) == 0); // the first-run welcome
  {
    TempStore untracked;
    REQUIRE(untracked.run({"add", "Monica Geller", "--every", "none"}).code == 0);
    CHECK(untracked.run({"due"}).out.find("No one is tracked yet") != std::string::npos);
  }
  REQUIRE(s.run({"add", "Rachel Green", "--circle", "core"}).code == 0);
  r = s.run({"due"});
  CHECK(r.out == "Nobody needs a check-in today. Your circle is in good shape.\n"
                 "Next up: Rachel Green (#1), in 4w.\n");
  CHECK(json::parse(s.run({"--json", "due", "--within", "30d"}).out).size() == 1);
  CHECK(json::parse(s.run({"--json", "due", "--within", "2w"}).out).empty());
  CHECK(s.run({"due", "--within", "soon"}).code == 2);
}

TEST_CASE("due --limit cuts the list and says how many more", "[e2e][due]") {
  TempStore s;
  seed(s);
  auto r = s.run({"due", "--limit", "1"});
  CHECK(r.out == "#1  Rachel Green  added 84d ago, no check-in yet (every 30d)\n"
                 "… and 2 more (ally due --limit N, or --all)\n");
}

TEST_CASE("due --ics writes an RFC 5545 calendar with stable UIDs", "[e2e][due]") {
  TempStore s;
  seed(s);
  auto file = (s.dir() / "checkins.ics").string();
  auto r = s.run({"due", "--ics", "-o", file});
  CHECK(r.code == 0);
  auto first = s.run({"due", "--ics"}).out;
  CHECK(first.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
  CHECK(first.find("END:VCALENDAR\r\n") == first.size() - 15);
  auto id = s.scalar("SELECT id FROM ally WHERE num = 2");
  CHECK(first.find("UID:checkin-" + id + "@ally\r\n") != std::string::npos);
  CHECK(first.find("DTSTART;VALUE=DATE:20261230\r\n") != std::string::npos);
  CHECK(first.find("SUMMARY:Check in with John Smith\r\n") != std::string::npos);
  for (std::size_t pos = 0; (pos = first.find("\r\n", pos)) != std::string::npos; pos += 2) {
    auto start = first.rfind("\r\n", pos == 0 ? 0 : pos - 1);
    std::size_t length = start == std::string::npos ? pos : pos - start - 2;
    CHECK(length <= 75);
  }
  CHECK(s.run({"due", "-o", file}).code == 2);
}

// `due` reads open follow-ups from a copy on each conversation link that triggers keep; the copy
// must follow the conversation through everything that can change it.
TEST_CASE("an open follow-up reaches due through done, undo, edit and every ally present",
          "[e2e][due][followup]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--every", "1y"}).code == 0);
  REQUIRE(s.run({"add", "Monica Geller", "--every", "1y"}).code == 0);
  auto reasons = [&](const std::string& day) {
    std::vector<std::string> out;
    auto r = s.run_raw({"--db", s.db(), "--json", "--today", day, "due"});
    REQUIRE(r.code == 0);
    for (const auto& row : json::parse(r.out))
      out.push_back(row["name"].get<std::string>() + ": " + row["reason"].get<std::string>());
    return out;
  };
  auto healthy = [&] { return s.run({"check"}).code == 0; };
  REQUIRE(s.run({"log", "Rachel", "-w", "Monica", "the launch deck", "--follow-up", "in 3d"})
              .code == 0);
  CHECK(reasons("2026-11-26").empty()); // not reached yet
  CHECK(reasons("2026-11-27") == std::vector<std::string>{"Monica Geller: follow up log #1: the launch deck",
                                                          "Rachel Green: follow up log #1: the launch deck"});
  CHECK(healthy());

  REQUIRE(s.run({"log", "done", "1"}).code == 0);
  CHECK(reasons("2026-11-27").empty());
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(reasons("2026-11-27").size() == 2);
  CHECK(healthy());

  // A new note shows; an earlier follow-up of another conversation (without a note) leads.
  REQUIRE(s.run({"log", "edit", "1", "--text", "the deck, v2"}).code == 0);
  REQUIRE(s.run({"--json", "log", "Monica", "--follow-up", "2026-11-25"}).code == 0);
  CHECK(reasons("2026-11-27") ==
        std::vector<std::string>{"Monica Geller: follow up log #2, +1 more",
                                 "Rachel Green: follow up log #1: the deck, v2"});
  CHECK(healthy());

  // Removing the conversation takes its follow-up away from both.
  REQUIRE(s.run({"log", "rm", "1"}).code == 0);
  CHECK(reasons("2026-11-27") == std::vector<std::string>{"Monica Geller: follow up log #2"});
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(reasons("2026-11-27").size() == 2);
  CHECK(healthy());
}

// An import keeps the ally numbers it is given, however long. `due` scans the allies in the
// order of an index and hands each its open items as it passes; numbers of different lengths
// come out of numeric order there and must still get their own items, and a screenful (which
// reads its follow-up notes once ranked) must word them as the whole list does.
TEST_CASE("due gives each ally its own open items, whatever its number", "[e2e][due]") {
  using ally_test::ok;
  TempStore source;
  ok(source, {"add", "Rachel Green", "--every", "1y", "--birthday", "11-26"});
  ok(source, {"add", "Monica Geller", "--every", "1y"});
  ok(source, {"add", "Phoebe Buffay", "--every", "1y"});
  ok(source, {"log", "Rachel", "the launch deck", "--follow-up", "today"});
  ok(source, {"log", "Monica", "the offsite", "--follow-up", "today"});
  ok(source, {"favor", "Monica", "--gave", "the slides", "--due", "2026-11-25"});
  ok(source, {"favor", "Rachel", "--got", "an intro to Joey"});
  ok(source, {"favor", "Phoebe", "--got", "a song"});
  auto exported = source.run({"export"}).out;
  auto renumber = [&](const std::string& from, const std::string& to) {
    auto at = exported.find("\"number\": " + from + ",");
    REQUIRE(at != std::string::npos); // the allies come first
    exported.replace(at, from.size() + 11, "\"number\": " + to + ",");
  };
  renumber("1", "4000000000000");
  renumber("3", "25");
  TempStore s;
  ok(s, {"import", ally_test::write_text(s, "renumbered.json", exported)});
  const std::string rachel = "#4000000000000  Rachel Green   follow up log #1: the launch deck · "
                             "thank for favor #2: an intro to Joey · birthday Thu\n";
  const std::string monica = "            #2  Monica Geller  promise #1 due tomorrow: the slides "
                             "· follow up log #2: the offsite\n";
  const std::string phoebe = "           #25  Phoebe Buffay  thank for favor #3: a song\n";
  for (const char* limit : {"0", "3"}) {
    CHECK(s.run({"due", "--limit", limit}).out == rachel + monica + phoebe);
  }
  CHECK(s.run({"due", "--limit", "2"}).out ==
        rachel + monica + "… and 1 more (ally due --limit N, or --all)\n");
  CHECK(s.run({"due", "--limit", "1"}).out == // a column narrower
        rachel.substr(0, 28) + rachel.substr(29) + "… and 2 more (ally due --limit N, or --all)\n");
}

// `due` reads only the yearly dates near today; the window must hold across the year's end and
// for 29 February in a year without one.
TEST_CASE("yearly dates near the new year and on 29 February reach due", "[e2e][due][date]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--every", "3y", "--birthday", "01-02"}).code == 0);
  REQUIRE(s.run({"add", "Monica Geller", "--every", "3y", "--birthday", "02-29"}).code == 0);
  REQUIRE(s.run({"add", "Ross Geller", "--every", "3y", "--birthday", "12-31"}).code == 0);
  auto listed = [&](const std::string& day, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--db", s.db(), "--json", "--today", day, "due"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = s.run_raw(args);
    REQUIRE(r.code == 0);
    std::vector<std::string> out;
    for (const auto& row : json::parse(r.out))
      out.push_back(row["name"].get<std::string>() + ": " + row["reason"].get<std::string>());
    return out;
  };
  CHECK(listed("2026-12-28") == std::vector<std::string>{"Ross Geller: birthday Thu",
                                                         "Rachel Green: birthday Sat"});
  CHECK(listed("2027-01-02") == std::vector<std::string>{"Rachel Green: birthday today"});
  // In 2027 it falls on the 28th.
  CHECK(listed("2027-02-25") == std::vector<std::string>{"Monica Geller: birthday Sun"});
  CHECK(listed("2028-02-25") == std::vector<std::string>{"Monica Geller: birthday Tue"});
  // --within widens the window to the whole coming year.
  CHECK(listed("2027-01-03", {"--within", "1y"}).size() == 3);
}

// `due` counts the reciprocity window from the latest favors each ally row keeps (32 of them,
// by triggers); an ally with more than that in the window has them counted from the favors.
// The counts must follow every change to a favor.
// `due` counts the favors of the window from the days each ally row keeps of its latest favors,
// written for 1970 to 2687; a favor or a window outside those years is counted all the same.
TEST_CASE("reciprocity counts favors and windows of any year", "[e2e][due][reciprocity]") {
  TempStore s;
  auto on = [&](const std::string& day, std::vector<std::string> args) {
    std::vector<std::string> full{"--db", s.db(), "--today", day};
    full.insert(full.end(), args.begin(), args.end());
    auto r = s.run_raw(full);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return r.out;
  };
  on("1970-06-01", {"add", "Rachel Green", "--every", "3y"});
  on("1970-06-01", {"favor", "Rachel", "--got", "a loan", "--date", "1969-12-31"});
  on("1970-06-01", {"favor", "Rachel", "--got", "a ride", "--date", "1970-03-01"});
  on("1970-06-01", {"favor", "Rachel", "--got", "a tip", "--date", "1970-03-02"});
  on("1970-06-01", {"favor", "Rachel", "--gave", "a lift", "--date", "1970-04-01"});
  const std::string thanks = "#1  Rachel Green  thank for favor #3: a tip, +2 more";
  CHECK(on("1970-06-01", {"due"}) == thanks + " · they helped 3× unthanked lately, you 1×\n");
  CHECK(on("1970-12-31", {"due"}) == thanks + " · they helped 3× unthanked lately, you 1×\n");
  CHECK(on("1971-03-01", {"due"}) == thanks + "\n"); // the loan is a year old: a gap of one
  CHECK(s.run({"check"}).code == 0);
}

TEST_CASE("reciprocity counts every favor of the window, however many, through edits and merges",
          "[e2e][due][reciprocity]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--every", "3y"}).code == 0);
  REQUIRE(s.run({"add", "Monica Geller", "--every", "3y"}).code == 0);
  // Thanked favors, in bulk: 40 from Rachel in the last year, 45 from Monica two years ago.
  auto favors_got = [&](int ally, int count, int first, const std::string& from) {
    s.exec_sql(fmt::format(
        "WITH RECURSIVE n(i) AS (SELECT {2} UNION ALL SELECT i + 1 FROM n WHERE i < {2} + {1} - 1) "
        "INSERT INTO favor(id, created_at, updated_at, ally, direction, text, date, thanked) "
        "SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-11-24T12:00:00.000Z', "
        "'2026-11-24T12:00:00.000Z', {0}, 'got', 'help ' || i, date('{3}', '+' || i || ' days'), "
        "'2026-11-24' FROM n",
        ally, count, first, from));
  };
  favors_got(1, 40, 1, "2026-01-01");
  favors_got(2, 45, 41, "2024-01-01");
  // Unthanked favors got: the gratitude term's, and reciprocity's when two or more are beyond
  // what you gave back. A thanked favor is settled and counts for neither.
  REQUIRE(s.run({"favor", "Rachel", "--got", "a reference", "--date", "2026-10-01"}).code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--got", "a lift", "--date", "2026-10-02"}).code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--got", "a review", "--date", "2026-10-03"}).code == 0);
  REQUIRE(s.run({"favor", "Monica", "--got", "lent a tent", "--date", "2026-10-03"}).code == 0);
  // Favors given, in bulk: more than the 32 an ally row keeps, so they are counted from the
  // favors themselves.
  s.exec_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 34) "
             "INSERT INTO favor(id, created_at, updated_at, ally, direction, text, date) "
             "SELECT printf('00000000-0000-4000-9000-%012d', i), '2026-11-24T12:00:00.000Z', "
             "'2026-11-24T12:00:00.000Z', 2, 'gave', 'help back ' || i, "
             "date('2026-02-01', '+' || i || ' days') FROM n");
  auto reasons = [&] {
    std::vector<std::string> out;
    auto r = s.run({"--json", "due"});
    REQUIRE(r.code == 0);
    for (const auto& row : json::parse(r.out))
      out.push_back(row["name"].get<std::string>() + ": " + row["reason"].get<std::string>());
    return out;
  };
  auto healthy = [&] { return s.run({"check"}).code == 0; };
  const std::vector<std::string> both{
      "Rachel Green: thank for favor #88: a review, +2 more · they helped 3× unthanked lately, "
      "you not yet",
      "Monica Geller: thank for favor #89: lent a tent"};
  CHECK(reasons() == both);
  CHECK(healthy());

  // A thank-you settles a favor: a gap of two is left, then one, which is not a nag.
  REQUIRE(s.run({"thank", "Rachel", "--favor", "88"}).code == 0);
  CHECK(reasons().front() == "Rachel Green: thank for favor #87: a lift, +1 more · they helped "
                             "2× unthanked lately, you not yet");
  REQUIRE(s.run({"favor", "edit", "87", "--date", "2024-06-01"}).code == 0); // out of the window
  CHECK(reasons().front() == "Rachel Green: thank for favor #86: a reference, +1 more");
  REQUIRE(s.run({"undo"}).code == 0);
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(reasons() == both);
  CHECK(healthy());

  // Monica's 34 recent favors given move to Rachel with the merge: Rachel is even, and back.
  REQUIRE(s.run({"merge", "Rachel", "Monica"}).code == 0);
  CHECK(reasons() ==
        std::vector<std::string>{"Rachel Green: thank for favor #89: lent a tent, +3 more"});
  CHECK(healthy());
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(reasons() == both);
  CHECK(healthy());
}
