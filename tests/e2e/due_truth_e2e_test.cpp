// End-to-end: nothing you owe is hidden from `ally due` by a cadence or a snooze, every row
// names the record to act on, and the list reads in the order a person works through it
// (issue 22). Today is 2026-11-24, a Tuesday.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "e2e/exchange_helpers.hpp"
#include "e2e/harness.hpp"
#include "e2e/pty.hpp"

using ally_test::ok;
using ally_test::TempStore;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Rachel snoozed with a late promise; Ivan imported (untracked) with a promise due tomorrow;
// Monica simply overdue.
void seed(TempStore& s) {
  ok(s, {"add", "Rachel Green", "--circle", "core"});
  ok(s, {"add", "Ivan Petrov", "--every", "none"});
  ok(s, {"add", "Monica Geller", "--every", "30d"});
  s.exec_sql("UPDATE ally SET added_on = '2026-09-01' WHERE num = 3");
  auto snoozed = ok(s, {"snooze", "Rachel", "2026-11-27"});
  auto late = ok(s, {"favor", "Rachel", "--gave", "send the contract draft with every annex signed",
                     "--date", "2026-11-10", "--due", "2026-11-23"});
  CHECK(contains(late.out, "Rachel Green is snoozed until 2026-11-27: this promise still comes "
                           "up in 'ally due'."));
  auto promise = ok(s, {"favor", "Ivan", "--gave", "the slides", "--due", "tomorrow"});
  CHECK(contains(promise.out, "Ivan Petrov is not tracked: this promise still comes up"));
}

} // namespace

TEST_CASE("a late promise to a snoozed ally and a promise to an untracked one are listed, marked",
          "[e2e][due]") {
  TempStore s;
  seed(s);
  auto out = ok(s, {"due"}).out;
  CHECK(contains(out, "#1  Rachel Green   snoozed until Fri · promise #1 1d late: send the "
                      "contract draft with every annex…\n"));
  CHECK(contains(out, "#2  Ivan Petrov    not tracked · promise #2 due tomorrow: the slides\n"));
  CHECK(contains(out, "#3  Monica Geller  added 84d ago, no check-in yet (every 30d)\n"));
  CHECK(contains(ok(s, {"due", "--all"}).out, "Rachel Green   snoozed until Fri · promise #1"));
  // The number on the row is the one that closes it.
  ok(s, {"favor", "done", "1"});
  CHECK_FALSE(contains(ok(s, {"due"}).out, "Rachel"));
  CHECK(contains(ok(s, {"due", "--all"}).out, "Rachel Green   snoozed until Fri · next check-in"));
}

TEST_CASE("due --json terms carry their record and its whole text", "[e2e][due]") {
  TempStore s;
  seed(s);
  auto listed = json::parse(ok(s, {"--json", "due"}).out);
  REQUIRE(listed.size() == 3);
  // Monica's check-in is 84 days late and ranks first; then Rachel, then Ivan.
  json rows = json::array({listed[1], listed[2], listed[0]});
  CHECK(listed[0]["name"] == "Monica Geller");
  CHECK(rows[0]["state"] == "snoozed");
  CHECK(rows[0]["snoozed_until"] == "2026-11-27");
  CHECK(rows[1]["state"] == "untracked");
  CHECK(rows[1]["cadence_days"].is_null());
  CHECK(rows[1]["next_check_in"].is_null());
  const auto& term = rows[0]["terms"][0];
  CHECK(term["term"] == "promise");
  CHECK(term["text"] == "send the contract draft with every annex signed");
  CHECK(term["reason"] == "promise #1 1d late: send the contract draft with every annex signed");
  CHECK(term["ref"]["kind"] == "favor");
  CHECK(term["ref"]["number"] == 1);
  CHECK(term["ref"]["id"] == s.scalar("SELECT id FROM favor WHERE num = 1"));
  CHECK_FALSE(contains(rows[0]["reason"].get<std::string>(), "…"));
}

TEST_CASE("rows listed only by --within come by the day they come up", "[e2e][due]") {
  TempStore s;
  ok(s, {"add", "Aaron Able", "--every", "30d"});  // check-in in 30d
  ok(s, {"add", "Zoe Zed", "--every", "10d"});     // check-in in 10d
  ok(s, {"add", "Mia Mole", "--every", "60d", "--birthday", "11-29"}); // birthday in 5d
  auto rows = json::parse(ok(s, {"--json", "due", "--within", "40d"}).out);
  std::vector<std::string> names;
  for (const auto& r : rows) names.push_back(r["name"]);
  CHECK(names == std::vector<std::string>{"Mia Mole", "Zoe Zed", "Aaron Able"});
}

TEST_CASE("due's header counts on a terminal only, and rows fit 80 and 200 columns",
          "[e2e][due][pty]") {
  TempStore s;
  seed(s);
  for (unsigned short columns : {80, 200}) {
    INFO(columns << " columns");
    auto r = ally_test::run_on_terminal(s, {"due"}, columns);
    CHECK(r.code == 0);
    CHECK(r.out.rfind("3 need attention · 1 snoozed · 1 promise late\n", 0) == 0);
    CHECK(ally_test::widest_line(r.out) <= columns);
    CHECK(contains(r.out, "Rachel Green"));
  }
  auto wide = ally_test::run_on_terminal(s, {"due"}, 200).out;
  CHECK_FALSE(contains(wide, "send the contract draft with every annex signed")); // an excerpt
  CHECK_FALSE(contains(ok(s, {"due"}).out, "need attention")); // piped: data only
  ok(s, {"snooze", "Monica", "1w"});
  auto r = ally_test::run_on_terminal(s, {"due"}, 80);
  CHECK(r.out.rfind("2 need attention · 2 snoozed · 1 promise late\n", 0) == 0);
}

TEST_CASE("due --ics carries dated text and one event per promise and follow-up",
          "[e2e][due][ics]") {
  TempStore s;
  seed(s);
  ok(s, {"log", "Monica", "the offsite", "--follow-up", "2026-11-30"});
  auto ics = ok(s, {"due", "--ics"}).out;
  CHECK(contains(ics, "SUMMARY:Check in with Monica Geller\r\n"));
  CHECK(contains(ics, "DESCRIPTION:check in with Monica Geller — last contact 2026-11-24"));
  CHECK(contains(ics, "UID:promise-" + s.scalar("SELECT id FROM favor WHERE num = 2") + "@ally"));
  CHECK(contains(ics, "SUMMARY:Promise to Ivan Petrov: the slides\r\n"));
  CHECK(contains(ics, "UID:followup-" + s.scalar("SELECT id FROM interaction WHERE num = 1") +
                          "@ally"));
  CHECK(contains(ics, "DTSTART;VALUE=DATE:20261130\r\n"));
  CHECK_FALSE(contains(ics, "in 11d"));
}

TEST_CASE("suggest leaves out pairs already logged together", "[e2e][suggest]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--interest", "Murakami"});
  ok(s, {"add", "John Smith", "--interest", "Murakami"});
  ok(s, {"add", "Sarah Lee", "--interest", "Murakami"});
  ok(s, {"log", "Rachel", "-w", "John", "book club"});
  auto j = json::parse(ok(s, {"--json", "suggest"}).out);
  CHECK(j["already_met"] == 1);
  CHECK(j["total"] == 2);
  for (const auto& row : j["introductions"]) {
    std::set<std::int64_t> pair{row["a"]["number"].get<std::int64_t>(),
                                row["b"]["number"].get<std::int64_t>()};
    CHECK(pair != std::set<std::int64_t>{1, 2});
  }
}

TEST_CASE("snooze --all silences everything about an ally and says what it hides",
          "[e2e][due][snooze]") {
  TempStore s;
  seed(s);
  // Rachel has a late promise: a plain snooze leaves it listed, --all hides it and says so.
  auto r = s.run({"snooze", "Rachel", "2026-11-27", "--all"});
  CHECK(r.code == 0);
  CHECK(r.out == "Snoozed Rachel Green (#1) until 2026-11-27 (Fri): due shows nothing about them "
                 "until then.\n");
  CHECK(r.err == "ally: warning: snooze --all hides promise #1 1d late: send the contract draft "
                 "with every annex…\n");
  CHECK_FALSE(contains(ok(s, {"due"}).out, "Rachel"));
  CHECK_FALSE(contains(ok(s, {"due", "--all"}).out, "promise #1"));
  auto header = ally_test::run_on_terminal(s, {"due"}, 80).out;
  CHECK(header.rfind("2 need attention · 1 snoozed --all (hiding 1 you owe or left open)\n", 0) ==
        0);
  // --explain still explains Rachel, and names what is hidden.
  auto explained = ok(s, {"due", "--explain", "Rachel"}).out;
  CHECK(contains(explained, "snoozed --all until 2026-11-27: nothing about them comes up"));
  CHECK(contains(explained, "hidden by snooze --all:\n    promise #1 1d late: send the contract"));
  auto row = json::parse(ok(s, {"--json", "due", "Rachel"}).out)[0];
  CHECK(row["state"] == "silenced");
  CHECK(row["terms"].empty());
  REQUIRE(row["hidden_terms"].size() == 1);
  CHECK(row["hidden_terms"][0]["ref"]["kind"] == "favor");
  CHECK(row["hidden_terms"][0]["text"] == "send the contract draft with every annex signed");
  CHECK(contains(ok(s, {"show", "Rachel"}).out, "snoozed --all until 2026-11-27"));
  // The same silence again changes nothing; a plain snooze on the same day lifts the silence.
  CHECK(s.run({"snooze", "Rachel", "2026-11-27", "--all"}).out ==
        "nothing to change: Rachel Green (#1) is already snoozed --all until 2026-11-27\n");
  ok(s, {"snooze", "Rachel", "2026-11-27"});
  CHECK(contains(ok(s, {"due"}).out, "Rachel Green   snoozed until Fri · promise #1"));
  // On the day it ends, everything is back.
  ok(s, {"snooze", "Rachel", "2026-11-27", "--all"});
  s.today = "2026-11-27";
  CHECK(contains(ok(s, {"due"}).out, "promise #1 4d late"));
  CHECK(s.run({"snooze", "Rachel", "off", "--all"}).code == 2);
}
