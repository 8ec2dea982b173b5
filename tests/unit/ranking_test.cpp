// The `ally due` ranking engine, on hand-built allies. Today is Wednesday 2026-03-11 unless a
// test says otherwise; docs/ranking.md's worked example is pinned here too.
#include "ally/ranking.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace ally;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const Date k_today = ymd(2026, 3, 11); // a Wednesday

Date days_ago(int n) { return k_today - std::chrono::days{n}; }
Date in_days(int n) { return k_today + std::chrono::days{n}; }

Cadence every(int days) { return {Cadence::Mode::days, days}; }

// An ally with a 30-day cadence, seen for coffee today, no circle: nothing is waiting on them.
RankInput settled(std::int64_t number, std::string name) {
  RankInput input;
  input.number = number;
  input.id = "uuid-" + std::to_string(number);
  input.name = std::move(name);
  input.cadence = every(30);
  input.added = days_ago(400);
  input.last_contact = k_today;
  input.last_kind = "coffee";
  return input;
}

// An ally last seen for coffee `days` days ago.
RankInput seen(std::int64_t number, std::string name, int days, Cadence cadence = every(30)) {
  RankInput input = settled(number, std::move(name));
  input.cadence = cadence;
  input.last_contact = days_ago(days);
  return input;
}

RankOptions on(Date today) {
  RankOptions options;
  options.today = today;
  return options;
}

const RankOptions k_plain = on(k_today);

RankOptions listing_all() {
  RankOptions options = on(k_today);
  options.all = true;
  return options;
}

RankOptions within(int days) {
  RankOptions options = on(k_today);
  options.within_days = days;
  return options;
}

std::vector<RankedRow> rank_one(const RankInput& input, const RankOptions& options = k_plain,
                                const RankSettings& settings = {}) {
  return rank({input}, settings, options);
}

const Term* find_term(const RankedRow& row, const std::string& name) {
  auto found = std::find_if(row.terms.begin(), row.terms.end(),
                            [&](const Term& term) { return term.name == name; });
  return found == row.terms.end() ? nullptr : &*found;
}

std::vector<std::string> term_list(const RankedRow& row) {
  std::vector<std::string> names;
  for (const auto& term : row.terms) names.push_back(term.name);
  return names;
}

std::vector<std::string> names_of(const std::vector<RankedRow>& rows) {
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.name);
  return names;
}

std::vector<std::int64_t> numbers_of(const std::vector<RankedRow>& rows) {
  std::vector<std::int64_t> numbers;
  for (const auto& row : rows) numbers.push_back(row.number);
  return numbers;
}

YearlyEvent birthday(unsigned month, unsigned day, std::optional<int> year = std::nullopt) {
  return {0, "birthday", YearlessDate{month, day, year}};
}

// The one term an ally is listed by, checked to be its only non-circle term.
Term only_term(const RankInput& input, const RankOptions& options = k_plain,
               const RankSettings& settings = {}) {
  auto rows = rank_one(input, options, settings);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].terms.size() == 1);
  REQUIRE(rows[0].listed_by_term);
  CHECK(rows[0].reason == rows[0].terms[0].reason);
  return rows[0].terms[0];
}

bool valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4;
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

} // namespace

TEST_CASE("term names and default weights agree", "[ranking]") {
  const std::vector<std::string> expected{"overdue",     "promise", "followup", "gratitude",
                                          "reciprocity", "date",    "circle"};
  CHECK(term_names() == expected);
  auto weights = default_weights();
  REQUIRE(weights.size() == expected.size());
  for (const auto& name : expected) {
    REQUIRE(weights.count(name) == 1);
    CHECK(weights[name] > 0);
  }
  // Circle only orders: its weight is far below any term that lists an ally.
  CHECK(weights["circle"] < weights["reciprocity"]);
}

TEST_CASE("effective cadence: ally's own, else circle's, else default", "[ranking]") {
  RankSettings settings;
  SECTION("circle defaults") {
    CHECK(effective_cadence({}, "inner", settings) == 14);
    CHECK(effective_cadence({}, "core", settings) == 30);
    CHECK(effective_cadence({}, "network", settings) == 90);
    CHECK(effective_cadence({}, "", settings) == 60);
    CHECK(effective_cadence({}, "book club", settings) == 60);
    CHECK(effective_cadence({}, "Inner", settings) == 14);
  }
  SECTION("the ally's own cadence overrides the circle's") {
    CHECK(effective_cadence(every(90), "inner", settings) == 90);
    CHECK(effective_cadence(every(7), "network", settings) == 7);
  }
  SECTION("untracked") {
    CHECK(effective_cadence({Cadence::Mode::untracked, 0}, "inner", settings) == 0);
    CHECK(effective_cadence(every(0), "inner", settings) == 0);
    CHECK(effective_cadence(every(-5), "", settings) == 0);
  }
  SECTION("config changes the defaults") {
    settings.circle_cadence_days["network"] = 45;
    settings.circle_cadence_days["book club"] = 21;
    settings.default_cadence_days = 120;
    CHECK(effective_cadence({}, "network", settings) == 45);
    CHECK(effective_cadence({}, "book club", settings) == 21);
    CHECK(effective_cadence({}, "", settings) == 120);
    CHECK(effective_cadence({}, "inner", settings) == 14);
  }
}

TEST_CASE("an ally nothing is waiting on is not listed, except with all", "[ranking]") {
  auto input = settled(1, "Rachel Green");
  CHECK(rank_one(input).empty());

  auto rows = rank_one(input, listing_all());
  REQUIRE(rows.size() == 1);
  CHECK_FALSE(rows[0].listed_by_term);
  CHECK(rows[0].terms.empty());
  CHECK(rows[0].score == 0);
  CHECK(rows[0].reason == "next check-in in 30d");
  CHECK(rows[0].next_check_in == in_days(30));
  CHECK(rows[0].days_since == 0);
  CHECK(rows[0].cadence_days == 30);
}

TEST_CASE("overdue term", "[ranking]") {
  SECTION("grows with lateness relative to the cadence") {
    auto term = only_term(seen(1, "Rachel", 42));
    CHECK(term.name == "overdue");
    CHECK(term.value == Approx(42.0 / 30.0));
    CHECK(term.weight == 4.0);
    CHECK(term.reason == "42d since coffee (every 30d)");

    auto rows = rank_one(seen(1, "Rachel", 42));
    CHECK(rows[0].days_since == 42);
    CHECK(rows[0].next_check_in == days_ago(12));
  }
  SECTION("due on the next check-in date itself, not the day before") {
    CHECK(only_term(seen(1, "Rachel", 30)).value == Approx(1.0));
    CHECK(rank_one(seen(1, "Rachel", 29)).empty());
  }
  SECTION("capped at three cadences") {
    CHECK(only_term(seen(1, "Rachel", 90)).value == Approx(3.0));
    CHECK(only_term(seen(1, "Rachel", 400)).value == Approx(3.0));
  }
  SECTION("never contacted: counts from the day the ally was added") {
    RankInput input = settled(1, "Rachel");
    input.cadence = {};
    input.last_contact.reset();
    input.last_kind.clear();
    input.added = days_ago(70);
    auto term = only_term(input);
    CHECK(term.value == Approx(70.0 / 60.0));
    CHECK(term.reason == "added 70d ago, no check-in yet (every 60d)");
    CHECK(rank_one(input)[0].next_check_in == days_ago(10));

    input.added = days_ago(10);
    CHECK(rank_one(input).empty());
  }
  SECTION("the reason names the kind of the last contact kindly") {
    auto input = seen(1, "Rachel", 35);
    input.last_kind = "call";
    CHECK(only_term(input).reason == "35d since call (every 30d)");
    input.last_kind = "";
    CHECK(only_term(input).reason == "35d since last contact (every 30d)");
    input.last_kind = "other";
    CHECK(only_term(input).reason == "35d since last contact (every 30d)");
    input.last_kind = "thanks";
    CHECK(only_term(input).reason == "35d since your thank-you (every 30d)");
  }
}

TEST_CASE("cadence: per ally, per circle, and changed", "[ranking]") {
  SECTION("the circle's default applies when the ally has none") {
    auto inner = seen(1, "Rachel", 20, {});
    inner.circle = "inner";
    auto network = seen(2, "John", 60, {});
    network.circle = "network";
    auto rows = rank({inner, network}, {}, k_plain);
    REQUIRE(names_of(rows) == std::vector<std::string>{"Rachel"});
    CHECK(rows[0].cadence_days == 14);
    CHECK(rows[0].reason == "20d since coffee (every 14d)");
  }
  SECTION("the ally's own cadence overrides the circle's") {
    auto input = seen(1, "Rachel", 20, every(90));
    input.circle = "inner";
    CHECK(rank_one(input).empty());
    input.cadence = {};
    CHECK(rank_one(input).size() == 1);
  }
  SECTION("changing the cadence moves the next check-in") {
    auto input = seen(1, "Rachel", 20, every(30));
    CHECK(rank_one(input).empty());
    CHECK(rank_one(input, listing_all())[0].next_check_in == in_days(10));
    input.cadence = every(14);
    auto rows = rank_one(input);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].next_check_in == days_ago(6));
  }
  SECTION("config changes a circle's cadence") {
    auto input = seen(1, "Rachel", 40, {});
    input.circle = "network";
    CHECK(rank_one(input).empty());
    RankSettings settings;
    settings.circle_cadence_days["network"] = 30;
    CHECK(rank_one(input, k_plain, settings).size() == 1);
  }
  SECTION("config changes the no-circle default") {
    auto input = seen(1, "Rachel", 40, {});
    CHECK(rank_one(input).empty());
    RankSettings settings;
    settings.default_cadence_days = 30;
    CHECK(only_term(input, k_plain, settings).reason == "40d since coffee (every 30d)");
  }
}

TEST_CASE("what you owe is never hidden by a cadence or a snooze", "[ranking]") {
  // Overdue, with an unthanked favor, a late promise, a reached follow-up and a birthday.
  auto waiting = seen(1, "Rachel", 100);
  waiting.unthanked.push_back({7, "intro to Sam", days_ago(3)});
  waiting.promises.push_back({21, "send the contract draft", days_ago(4)});
  waiting.follow_ups.push_back({12, "ask about the launch", days_ago(1)});
  waiting.dates = {birthday(3, 12)};
  auto terms_of = [](const std::vector<RankedRow>& rows) {
    REQUIRE(rows.size() == 1);
    return term_list(rows[0]);
  };
  REQUIRE(terms_of(rank_one(waiting)) ==
          std::vector<std::string>{"overdue", "promise", "followup", "gratitude", "date"});
  CHECK(rank_one(waiting)[0].state == DueState::tracked);

  SECTION("untracked: no check-in, the rest comes up, marked") {
    waiting.cadence = {Cadence::Mode::untracked, 0};
    auto rows = rank_one(waiting);
    CHECK(terms_of(rows) == std::vector<std::string>{"promise", "followup", "gratitude", "date"});
    CHECK(rows[0].state == DueState::untracked);
    CHECK_FALSE(rows[0].next_check_in);
    CHECK(rows[0].reason.rfind("not tracked · promise #21 4d late: send the contract draft", 0) == 0);
    CHECK(rank_one(waiting, listing_all()).size() == 1);
  }
  SECTION("untracked with nothing open: never listed, not even by all") {
    auto quiet = settled(2, "Quiet");
    quiet.cadence = {Cadence::Mode::untracked, 0};
    quiet.last_contact = days_ago(400);
    CHECK(rank_one(quiet).empty());
    CHECK(rank_one(quiet, listing_all()).empty());
    CHECK(rank_one(quiet, within(365)).empty());
  }
  SECTION("snoozed: promises, follow-ups and thanks only, marked with the date") {
    waiting.snoozed_until = in_days(2); // Friday
    auto rows = rank_one(waiting);
    CHECK(terms_of(rows) == std::vector<std::string>{"promise", "followup", "gratitude"});
    CHECK(rows[0].state == DueState::snoozed);
    CHECK(rows[0].snoozed_until == in_days(2));
    CHECK(rows[0].reason.rfind("snoozed until Fri · promise #21", 0) == 0);
    waiting.snoozed_until = in_days(30);
    CHECK(rank_one(waiting)[0].reason.rfind("snoozed until 2026-04-10 · ", 0) == 0);
  }
  SECTION("snoozed with nothing open: silent, but all lists it with when it is back") {
    auto rested = seen(3, "Rested", 100);
    rested.snoozed_until = in_days(5);
    CHECK(rank_one(rested).empty());
    auto rows = rank_one(rested, listing_all());
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].listed_by_term);
    CHECK(rows[0].reason == "snoozed until Mon · next check-in in 5d");
    CHECK(rows[0].upcoming == in_days(5));
    CHECK(rank_one(rested, within(4)).empty());
    CHECK(rank_one(rested, within(5)).size() == 1);
  }
  SECTION("archived: nothing") {
    waiting.archived = true;
    CHECK(rank_one(waiting).empty());
    CHECK(rank_one(waiting, listing_all()).empty());
    auto row = explain_one(waiting, {}, k_plain);
    CHECK(row.state == DueState::archived);
    CHECK(row.terms.empty());
  }
  SECTION("on the snooze date itself: back") {
    waiting.snoozed_until = k_today;
    CHECK(terms_of(rank_one(waiting)).front() == "overdue");
  }
  SECTION("after the snooze date: back") {
    waiting.snoozed_until = days_ago(1);
    CHECK(terms_of(rank_one(waiting)).front() == "overdue");
  }
}

TEST_CASE("explain_one explains the ally asked for, listed or not", "[ranking]") {
  auto fresh = settled(5, "Fresh"); // seen today: check-in in 30d
  auto row = explain_one(fresh, {}, k_plain);
  CHECK(row.name == "Fresh");
  CHECK_FALSE(row.listed_by_term);
  CHECK(row.reason == "next check-in in 30d");
  fresh.snoozed_until = in_days(40);
  row = explain_one(fresh, {}, k_plain);
  CHECK(row.state == DueState::snoozed);
  CHECK(row.reason == "snoozed until 2026-04-20 · next check-in in 40d");
  fresh.snoozed_until.reset();
  fresh.cadence = {Cadence::Mode::untracked, 0};
  row = explain_one(fresh, {}, k_plain);
  CHECK(row.state == DueState::untracked);
  CHECK(row.reason == "not tracked");
}

TEST_CASE("terms name the record behind them and quote it whole when asked", "[ranking]") {
  auto input = settled(1, "Rachel");
  std::string long_text(60, 'x');
  input.promises = {{21, long_text, days_ago(4)}};
  input.follow_ups = {{12, "ask\nabout it", days_ago(1)}};
  input.dates = {{3, "birthday", YearlessDate{3, 12, std::nullopt}}};
  RankOptions whole = k_plain;
  whole.whole_texts = true;
  for (const auto& options : {k_plain, whole}) {
    auto rows = rank_one(input, options);
    REQUIRE(rows.size() == 1);
    const Term* promise = find_term(rows[0], "promise");
    REQUIRE(promise);
    REQUIRE(promise->ref);
    CHECK(promise->ref->kind == "favor");
    CHECK(promise->ref->number == 21);
    CHECK(promise->text == long_text);
    const Term* follow_up = find_term(rows[0], "followup");
    REQUIRE(follow_up->ref);
    CHECK(follow_up->ref->kind == "interaction");
    CHECK(follow_up->ref->number == 12);
    CHECK(follow_up->text == "ask\nabout it");
    const Term* date = find_term(rows[0], "date");
    REQUIRE(date->ref);
    CHECK(date->ref->kind == "date");
    CHECK(date->ref->number == 3);
    bool cut = promise->reason.find("…") != std::string::npos;
    CHECK(cut == !options.whole_texts);
    CHECK((promise->reason.find(long_text) != std::string::npos) == options.whole_texts);
  }
}

TEST_CASE("the counts of due's header", "[ranking]") {
  auto late = seen(1, "Late", 5);
  late.promises = {{21, "draft", days_ago(4)}, {22, "deck", days_ago(1)}, {23, "memo", in_days(3)}};
  auto snoozed = seen(2, "Snoozed", 100);
  snoozed.snoozed_until = in_days(3);
  auto untracked_snoozed = seen(3, "Untracked", 100, {Cadence::Mode::untracked, 0});
  untracked_snoozed.snoozed_until = in_days(3);
  auto archived = seen(4, "Archived", 100);
  archived.archived = true;
  archived.promises = {{30, "gone", days_ago(9)}};
  auto due = seen(5, "Due", 40);
  TopRanking top({}, k_plain, 10);
  for (const auto& in : {late, snoozed, untracked_snoozed, archived, due}) top.add(in);
  auto ranking = top.finish();
  CHECK(ranking.listed == 2);
  CHECK(ranking.snoozed == 1);
  CHECK(ranking.late_promises == 2);
}

TEST_CASE("promise term", "[ranking]") {
  auto input = settled(1, "Rachel");
  auto promise_due = [&](int days) {
    input.promises = {{3, "review deck", in_days(days)}};
    return only_term(input);
  };

  SECTION("due soon") {
    auto term = promise_due(2);
    CHECK(term.name == "promise");
    CHECK(term.value == Approx(2.0 - 2.0 / 8.0));
    CHECK(term.weight == 5.0);
    CHECK(term.reason == "promise #3 due in 2d: review deck");
  }
  SECTION("due tomorrow, today, late") {
    CHECK(promise_due(1).reason == "promise #3 due tomorrow: review deck");
    auto today = promise_due(0);
    CHECK(today.value == Approx(2.0));
    CHECK(today.reason == "promise #3 due today: review deck");
    auto late = promise_due(-3);
    CHECK(late.value == Approx(2.0 + 3.0 / 8.0));
    CHECK(late.reason == "promise #3 3d late: review deck");
    CHECK(promise_due(-30).value == Approx(4.0)); // capped
  }
  SECTION("the window's edge counts; beyond it does not") {
    CHECK(promise_due(7).value == Approx(2.0 - 7.0 / 8.0));
    input.promises = {{3, "review deck", in_days(8)}};
    CHECK(rank_one(input).empty());
  }
  SECTION("a wider window from settings") {
    RankSettings settings;
    settings.promise_window_days = 14;
    input.promises = {{3, "review deck", in_days(10)}};
    auto term = only_term(input, k_plain, settings);
    CHECK(term.value == Approx(2.0 - 10.0 / 15.0));
    CHECK(term.reason == "promise #3 due in 10d: review deck");
  }
  SECTION("late ranks above soon, soon above far") {
    auto late = settled(1, "Late");
    late.promises = {{1, "a", in_days(-2)}};
    auto soon = settled(2, "Soon");
    soon.promises = {{2, "b", in_days(3)}};
    auto far = settled(3, "Far");
    far.promises = {{3, "c", in_days(6)}};
    auto beyond = settled(4, "Beyond");
    beyond.promises = {{4, "d", in_days(20)}};
    auto rows = rank({far, beyond, soon, late}, {}, k_plain);
    CHECK(names_of(rows) == std::vector<std::string>{"Late", "Soon", "Far"});
  }
  SECTION("several: the most urgent leads, each other active one adds 0.5") {
    input.promises = {{5, "send notes", in_days(5)},
                      {4, "review deck", in_days(1)},
                      {6, "book the room", in_days(30)}};
    auto term = only_term(input);
    CHECK(term.value == Approx(2.0 - 1.0 / 8.0 + 0.5));
    CHECK(term.reason == "promise #4 due tomorrow: review deck, +1 more");
  }
  SECTION("same due date: the lower favor number leads") {
    input.promises = {{9, "second", in_days(2)}, {8, "first", in_days(2)}};
    CHECK(only_term(input).reason == "promise #8 due in 2d: first, +1 more");
  }
}

TEST_CASE("follow-up term", "[ranking]") {
  auto input = settled(1, "Rachel");
  SECTION("reached today") {
    input.follow_ups = {{12, "ask about the launch", k_today}};
    auto term = only_term(input);
    CHECK(term.name == "followup");
    CHECK(term.value == Approx(1.0));
    CHECK(term.weight == 4.0);
    CHECK(term.reason == "follow up log #12: ask about the launch");
  }
  SECTION("grows by one a week waiting, capped") {
    input.follow_ups = {{12, "ask about the launch", days_ago(7)}};
    CHECK(only_term(input).value == Approx(2.0));
    input.follow_ups = {{12, "ask about the launch", days_ago(60)}};
    CHECK(only_term(input).value == Approx(3.0));
  }
  SECTION("not reached yet: not active") {
    input.follow_ups = {{12, "ask about the launch", in_days(1)}};
    CHECK(rank_one(input).empty());
  }
  SECTION("long notes are cut to 40 characters without splitting UTF-8") {
    input.follow_ups = {
        {12, "ask how the Lisbon offsite went and whether the new team settled", k_today}};
    CHECK(only_term(input).reason == "follow up log #12: ask how the Lisbon offsite went and whet…");

    std::string accents;
    for (int i = 0; i < 50; ++i) accents += "é";
    input.follow_ups = {{12, accents, k_today}};
    auto reason = only_term(input).reason;
    std::string expected = "follow up log #12: ";
    for (int i = 0; i < 40; ++i) expected += "é";
    CHECK(reason == expected + "…");
    CHECK(valid_utf8(reason));
  }
  SECTION("notes exactly 40 characters are kept whole; new lines become spaces") {
    std::string forty(40, 'x');
    input.follow_ups = {{12, forty, k_today}};
    CHECK(only_term(input).reason == "follow up log #12: " + forty);
    input.follow_ups = {{12, "call back\nabout the talk", k_today}};
    CHECK(only_term(input).reason == "follow up log #12: call back about the talk");
  }
  SECTION("an empty note: the log number alone") {
    input.follow_ups = {{12, "", k_today}};
    CHECK(only_term(input).reason == "follow up log #12");
  }
  SECTION("several reached: the longest waiting leads") {
    input.follow_ups = {
        {12, "newer", days_ago(1)}, {11, "older", days_ago(3)}, {13, "later", in_days(2)}};
    auto term = only_term(input);
    CHECK(term.value == Approx(1.0 + 3.0 / 7.0 + 0.5));
    CHECK(term.reason == "follow up log #11: older, +1 more");
  }
}

TEST_CASE("gratitude term", "[ranking]") {
  auto input = settled(1, "Rachel");
  SECTION("one favor not thanked") {
    input.unthanked = {{7, "intro to Sam", days_ago(3)}};
    auto term = only_term(input);
    CHECK(term.name == "gratitude");
    CHECK(term.value == Approx(1.0));
    CHECK(term.weight == 3.0);
    CHECK(term.reason == "thank for favor #7: intro to Sam");
  }
  SECTION("several: the most recent is named, each other adds 0.5, at most four others") {
    input.unthanked = {{7, "intro to Sam", days_ago(3)},
                       {9, "covered my shift", days_ago(1)},
                       {8, "lent a book", days_ago(20)}};
    RankSettings no_reciprocity;
    no_reciprocity.weights["reciprocity"] = 0; // three unthanked favors are a gap of three
    auto term = only_term(input, k_plain, no_reciprocity);
    CHECK(term.value == Approx(2.0));
    CHECK(term.reason == "thank for favor #9: covered my shift, +2 more");
    CHECK(term.text == "covered my shift");
    REQUIRE(term.ref);
    CHECK(term.ref->kind == "favor");
    CHECK(term.ref->number == 9);

    for (int i = 0; i < 7; ++i) input.unthanked.push_back({20 + i, "more", days_ago(30)});
    CHECK(only_term(input, k_plain, no_reciprocity).value == Approx(3.0));
  }
}

TEST_CASE("reciprocity term: two or more unthanked favors beyond what you gave", "[ranking]") {
  auto input = settled(1, "Rachel");
  RankSettings no_gratitude;
  no_gratitude.weights["gratitude"] = 0; // to see reciprocity alone
  auto got = [&](int count, int days) {
    for (int k = 0; k < count; ++k) input.unthanked.push_back({10 + k, "help", days_ago(days)});
  };
  SECTION("a gap of three: value 2") {
    got(4, 10);
    input.gave_recent = 1;
    auto term = only_term(input, k_plain, no_gratitude);
    CHECK(term.name == "reciprocity");
    CHECK(term.value == Approx(2.0));
    CHECK(term.weight == 1.5);
    CHECK(term.reason == "they helped 4× unthanked lately, you 1×");
    CHECK_FALSE(term.ref);
  }
  SECTION("a gap of two, nothing given: value 1") {
    got(2, 10);
    auto term = only_term(input, k_plain, no_gratitude);
    CHECK(term.value == Approx(1.0));
    CHECK(term.reason == "they helped 2× unthanked lately, you not yet");
  }
  SECTION("a gap of one is how helping goes: not active") {
    got(1, 10);
    CHECK(rank_one(input, k_plain, no_gratitude).empty());
    got(2, 10);
    input.gave_recent = 2;
    CHECK(rank_one(input, k_plain, no_gratitude).empty());
  }
  SECTION("thanked favors are settled: the caller passes only unthanked ones") {
    input.gave_recent = 0;
    CHECK(rank_one(input, k_plain, no_gratitude).empty());
  }
  SECTION("favors older than the window do not count") {
    got(3, 400);
    CHECK(rank_one(input, k_plain, no_gratitude).empty());
    RankSettings wide = no_gratitude;
    wide.reciprocity_window_days = 500;
    CHECK(only_term(input, k_plain, wide).value == Approx(2.0));
  }
}

TEST_CASE("date term", "[ranking]") {
  auto input = settled(1, "Rachel");
  auto birthday_on = [&](unsigned month, unsigned day, Date today) {
    input.last_contact = today; // nothing else waiting on another day either
    input.dates = {birthday(month, day)};
    return only_term(input, on(today));
  };

  SECTION("highest on the day") {
    auto term = birthday_on(3, 11, k_today);
    CHECK(term.name == "date");
    CHECK(term.value == Approx(2.0));
    CHECK(term.weight == 4.0);
    CHECK(term.reason == "birthday today");
  }
  SECTION("within the coming week: tomorrow, then the weekday") {
    CHECK(birthday_on(3, 12, k_today).reason == "birthday tomorrow");
    auto friday = birthday_on(3, 13, k_today);
    CHECK(friday.reason == "birthday Fri");
    CHECK(friday.value == Approx(2.0 - 2.0 / 8.0));
    CHECK(birthday_on(3, 17, k_today).reason == "birthday Tue");
  }
  SECTION("seven days out the weekday would be today's: said in days") {
    auto term = birthday_on(3, 18, k_today);
    CHECK(term.reason == "birthday in 7d");
    CHECK(term.value == Approx(2.0 - 7.0 / 8.0));
  }
  SECTION("beyond the window, or just past: not active") {
    input.dates = {birthday(3, 19)};
    CHECK(rank_one(input).empty());
    input.dates = {birthday(3, 10)};
    CHECK(rank_one(input).empty());
  }
  SECTION("a birthday with its year counts the same") {
    input.dates = {birthday(3, 13, 1990)};
    CHECK(only_term(input).reason == "birthday Fri");
  }
  SECTION("across the new year") {
    auto term = birthday_on(1, 2, ymd(2026, 12, 30));
    CHECK(term.reason == "birthday Sat");
    CHECK(term.value == Approx(2.0 - 3.0 / 8.0));
    CHECK(birthday_on(12, 31, ymd(2026, 12, 30)).reason == "birthday tomorrow");
    CHECK(birthday_on(1, 1, ymd(2026, 12, 31)).reason == "birthday tomorrow");
  }
  SECTION("Feb 29 in a non-leap year falls on Feb 28") {
    CHECK(birthday_on(2, 29, ymd(2027, 2, 28)).reason == "birthday today");
    CHECK(birthday_on(2, 29, ymd(2027, 2, 27)).reason == "birthday tomorrow");
    input.dates = {birthday(2, 29)};
    CHECK(rank_one(input, on(ymd(2027, 3, 1))).empty());
  }
  SECTION("Feb 29 in a leap year is Feb 29") {
    CHECK(birthday_on(2, 29, ymd(2028, 2, 28)).reason == "birthday tomorrow");
    CHECK(birthday_on(2, 29, ymd(2028, 2, 29)).reason == "birthday today");
    CHECK(birthday_on(2, 29, ymd(2028, 2, 25)).reason == "birthday Tue");
  }
  SECTION("any label, and a wider window from settings") {
    RankSettings settings;
    settings.date_window_days = 14;
    input.dates = {{0, "work anniversary", YearlessDate{3, 21, 2019}}};
    auto term = only_term(input, k_plain, settings);
    CHECK(term.reason == "work anniversary in 10d");
    CHECK(term.value == Approx(2.0 - 10.0 / 15.0));
  }
  SECTION("several: the nearest leads, each other in the window adds 0.5") {
    input.dates = {
        {0, "work anniversary", YearlessDate{3, 14, std::nullopt}}, birthday(3, 12), birthday(6, 1)};
    auto term = only_term(input);
    CHECK(term.value == Approx(2.0 - 1.0 / 8.0 + 0.5));
    CHECK(term.reason == "birthday tomorrow, +1 more");
  }
}

TEST_CASE("circle only orders; it never lists an ally by itself", "[ranking]") {
  auto inner = settled(1, "Zoe");
  inner.circle = "inner";
  inner.cadence = every(30);

  SECTION("alone it does not list") {
    CHECK(rank_one(inner).empty());
    auto rows = rank_one(inner, listing_all());
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].listed_by_term);
    CHECK(term_list(rows[0]) == std::vector<std::string>{"circle"});
    CHECK(rows[0].reason == "next check-in in 30d"); // circle adds no words
  }
  SECTION("values: inner 3, core 2, network 1, other circles nothing") {
    auto value_for = [&](const std::string& circle) {
      inner.circle = circle;
      auto rows = rank_one(inner, listing_all());
      const Term* term = find_term(rows.at(0), "circle");
      return term ? term->value : 0.0;
    };
    CHECK(value_for("inner") == 3.0);
    CHECK(value_for("Inner") == 3.0);
    CHECK(value_for("core") == 2.0);
    CHECK(value_for("network") == 1.0);
    CHECK(value_for("book club") == 0.0);
    CHECK(value_for("") == 0.0);
  }
  SECTION("inner before network at equal lateness, whatever the names") {
    auto a = seen(1, "Aaron", 45, every(30));
    a.circle = "network";
    auto z = seen(2, "Zoe", 45, every(30));
    z.circle = "inner";
    auto c = seen(3, "Carl", 45, every(30));
    c.circle = "core";
    auto n = seen(4, "Nadia", 45, every(30));
    CHECK(names_of(rank({a, z, c, n}, {}, k_plain)) ==
          std::vector<std::string>{"Zoe", "Carl", "Aaron", "Nadia"});
  }
  SECTION("it does not outrank real lateness") {
    auto late = seen(1, "Late", 60, every(30));
    late.circle = "network";
    auto due = seen(2, "Due", 33, every(30));
    due.circle = "inner";
    CHECK(names_of(rank({due, late}, {}, k_plain)) == std::vector<std::string>{"Late", "Due"});
  }
}

TEST_CASE("ties break by name, case-insensitively, then by number", "[ranking]") {
  std::vector<RankInput> inputs{seen(5, "carol", 45), seen(2, "Bob", 45), seen(9, "alice", 45),
                                seen(4, "Bob", 45), seen(1, "Alice", 45)};
  auto rows = rank(inputs, {}, k_plain);
  CHECK(names_of(rows) == std::vector<std::string>{"Alice", "alice", "Bob", "Bob", "carol"});
  CHECK(numbers_of(rows) == std::vector<std::int64_t>{1, 9, 2, 4, 5});

  std::reverse(inputs.begin(), inputs.end());
  CHECK(numbers_of(rank(inputs, {}, k_plain)) == std::vector<std::int64_t>{1, 9, 2, 4, 5});
}

TEST_CASE("scores equal to six decimals tie, so rounding noise never beats the name", "[ranking]") {
  RankSettings settings;
  settings.weights["overdue"] = 0.1;
  settings.weights["gratitude"] = 0.2;
  settings.weights["date"] = 0.15;
  auto zed = seen(1, "Zed", 30); // overdue 1.0 × 0.1 + gratitude 1.0 × 0.2
  zed.unthanked = {{7, "intro to Sam", days_ago(3)}};
  auto amy = settled(2, "Amy"); // date 2.0 × 0.15
  amy.dates = {birthday(3, 11)};
  auto rows = rank({zed, amy}, settings, k_plain);
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0].score != rows[1].score); // 0.30000000000000004 vs 0.3
  CHECK(names_of(rows) == std::vector<std::string>{"Amy", "Zed"});
}

TEST_CASE("score orders before name", "[ranking]") {
  auto rows = rank({seen(1, "Anna", 31), seen(2, "Zed", 80), seen(3, "Mo", 50)}, {}, k_plain);
  CHECK(names_of(rows) == std::vector<std::string>{"Zed", "Mo", "Anna"});
  CHECK(rows[0].score > rows[1].score);
  CHECK(rows[1].score > rows[2].score);
}

TEST_CASE("all and within", "[ranking]") {
  auto waiting = seen(1, "Waiting", 40);
  auto soon = seen(2, "Soon", 25);   // check-in in 5d
  auto later = seen(3, "Later", 10); // check-in in 20d
  std::vector<RankInput> inputs{later, soon, waiting};

  SECTION("plain: only allies with an active term") {
    CHECK(names_of(rank(inputs, {}, k_plain)) == std::vector<std::string>{"Waiting"});
  }
  SECTION("all: every tracked ally, the rest after the active ones, soonest first") {
    auto rows = rank(inputs, {}, listing_all());
    CHECK(names_of(rows) == std::vector<std::string>{"Waiting", "Soon", "Later"});
    CHECK(rows[1].upcoming == in_days(5));
    CHECK(rows[0].listed_by_term);
    CHECK_FALSE(rows[1].listed_by_term);
    CHECK(rows[1].reason == "next check-in in 5d");
    CHECK(rows[2].reason == "next check-in in 20d");
  }
  SECTION("within: those whose check-in comes by then") {
    auto rows = rank(inputs, {}, within(7));
    REQUIRE(names_of(rows) == std::vector<std::string>{"Waiting", "Soon"});
    CHECK_FALSE(rows[1].listed_by_term);
    CHECK(rows[1].reason == "next check-in in 5d");
    CHECK(rows[1].score == 0);
    CHECK(names_of(rank(inputs, {}, within(4))) == std::vector<std::string>{"Waiting"});
    CHECK(rank(inputs, {}, within(5)).size() == 2);
  }
  SECTION("within: a promise, follow-up or date coming by then") {
    auto promised = settled(4, "Promised");
    promised.promises = {{1, "review deck", in_days(12)}};
    auto following = settled(5, "Following");
    following.follow_ups = {{2, "ask about the move", in_days(9)}};
    auto born = settled(6, "Born");
    born.dates = {birthday(3, 31)};
    std::vector<RankInput> coming{promised, following, born};
    CHECK(rank(coming, {}, k_plain).empty());
    CHECK(rank(coming, {}, within(8)).empty());

    auto rows = rank(coming, {}, within(21));
    // By the day each comes up, not by name.
    REQUIRE(names_of(rows) == std::vector<std::string>{"Following", "Promised", "Born"});
    CHECK(rows[0].reason == "follow up log #2 in 9d: ask about the move");
    CHECK(rows[1].reason == "promise #1 due in 12d: review deck");
    CHECK(rows[2].reason == "birthday in 20d");
  }
  SECTION("within names everything coming, check-in first") {
    auto both = seen(7, "Both", 25);
    both.dates = {birthday(3, 20)};
    auto rows = rank({both}, {}, within(10));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].reason == "next check-in in 5d · birthday in 9d");
  }
  SECTION("an active term keeps its own reason under within") {
    auto rows = rank(inputs, {}, within(30));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].reason == "40d since coffee (every 30d)");
  }
}

TEST_CASE("weights", "[ranking]") {
  auto input = seen(1, "Rachel", 45);
  input.circle = "inner";
  input.cadence = every(30);

  SECTION("missing keys use the defaults; unknown keys are ignored") {
    RankSettings settings;
    settings.weights["overdue"] = 10.0;
    settings.weights["charisma"] = 99.0;
    settings.weights["circle"] = std::nan("");
    auto rows = rank_one(input, k_plain, settings);
    REQUIRE(rows.size() == 1);
    const Term* overdue = find_term(rows[0], "overdue");
    REQUIRE(overdue);
    CHECK(overdue->weight == 10.0);
    CHECK(overdue->points == Approx(1.5 * 10.0));
    CHECK(find_term(rows[0], "circle")->weight == 0.25);
    CHECK(rows[0].score == Approx(15.0 + 0.75));
  }
  SECTION("a zero weight turns a term off: not scored, not shown, never lists") {
    RankSettings settings;
    settings.weights["overdue"] = 0.0;
    CHECK(rank_one(input, k_plain, settings).empty());
    auto rows = rank_one(input, listing_all(), settings);
    REQUIRE(rows.size() == 1);
    CHECK(term_list(rows[0]) == std::vector<std::string>{"circle"});
    CHECK_FALSE(rows[0].listed_by_term);
    CHECK(rows[0].reason == "time for a check-in");

    settings.weights["circle"] = 0.0;
    rows = rank_one(input, listing_all(), settings);
    CHECK(rows[0].terms.empty());
    CHECK(rows[0].score == 0);
  }
  SECTION("a zero weight on one term leaves the others") {
    input.unthanked = {{7, "intro to Sam", days_ago(3)}};
    RankSettings settings;
    settings.weights["overdue"] = 0.0;
    auto rows = rank_one(input, k_plain, settings);
    REQUIRE(rows.size() == 1);
    CHECK(term_list(rows[0]) == std::vector<std::string>{"gratitude", "circle"});
    CHECK(rows[0].reason == "thank for favor #7: intro to Sam");
  }
  SECTION("custom weights reorder") {
    auto thanks = settled(2, "Thanks");
    thanks.unthanked = {{7, "intro to Sam", days_ago(3)}};
    auto late = seen(3, "Late", 45);
    CHECK(names_of(rank({thanks, late}, {}, k_plain)) ==
          std::vector<std::string>{"Late", "Thanks"});
    RankSettings settings;
    settings.weights["gratitude"] = 8.0;
    CHECK(names_of(rank({thanks, late}, settings, k_plain)) ==
          std::vector<std::string>{"Thanks", "Late"});
  }
  SECTION("a negative weight still lists but pushes down") {
    RankSettings settings;
    settings.weights["overdue"] = -1.0;
    auto other = settled(2, "Other");
    other.unthanked = {{7, "intro to Sam", days_ago(3)}};
    auto rows = rank({input, other}, settings, k_plain);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].name == "Other");
    CHECK(rows[1].listed_by_term);
    CHECK(rows[1].score == Approx(-1.5 + 0.75));
  }
}

TEST_CASE("explain arithmetic: points are value × weight, the score their sum", "[ranking]") {
  // The SPEC's example line: overdue, a promise and a birthday.
  auto input = seen(4, "Rachel Green", 42, every(30));
  input.circle = "core";
  input.promises = {{3, "review deck", in_days(2)}};
  input.follow_ups = {{8, "ask about the launch", days_ago(2)}};
  input.unthanked = {{5, "intro to Sam", days_ago(10)},
                     {6, "a review", days_ago(40)},
                     {9, "lunch", days_ago(90)}};
  input.gave_recent = 1;
  input.dates = {birthday(3, 13)};

  RankSettings settings;
  settings.weights["reciprocity"] = 2.0;
  auto rows = rank_one(input, k_plain, settings);
  REQUIRE(rows.size() == 1);
  const auto& row = rows[0];
  CHECK(term_list(row) == term_names()); // every term active, in the fixed order

  double sum = 0;
  for (const auto& term : row.terms) {
    CHECK(term.points == term.value * term.weight);
    sum += term.points;
  }
  CHECK(row.score == Approx(sum));
  CHECK(find_term(row, "reciprocity")->weight == 2.0);
  CHECK(row.reason == "42d since coffee (every 30d) · promise #3 due in 2d: review deck · "
                      "follow up log #8: ask about the launch · thank for favor #5: intro to Sam, "
                      "+2 more · they helped 3× unthanked lately, you 1× · birthday Fri");
}

TEST_CASE("the worked example in docs/ranking.md", "[ranking]") {
  // Rachel (core, every 30d) last had coffee 42 days ago, promised a deck due in 2 days, and
  // has a birthday on Friday. John (inner, default 14d) was called 20 days ago.
  auto rachel = seen(4, "Rachel Green", 42, every(30));
  rachel.circle = "core";
  rachel.promises = {{3, "review deck", in_days(2)}};
  rachel.dates = {birthday(3, 13)};
  auto john = seen(7, "John Smith", 20, {});
  john.circle = "inner";
  john.last_kind = "call";

  auto rows = rank({john, rachel}, {}, k_plain);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].name == "Rachel Green");
  CHECK(find_term(rows[0], "overdue")->points == Approx(5.6));
  CHECK(find_term(rows[0], "promise")->points == Approx(8.75));
  CHECK(find_term(rows[0], "date")->points == Approx(7.0));
  CHECK(find_term(rows[0], "circle")->points == Approx(0.5));
  CHECK(rows[0].score == Approx(21.85));
  CHECK(rows[0].reason ==
        "42d since coffee (every 30d) · promise #3 due in 2d: review deck · birthday Fri");

  CHECK(rows[1].name == "John Smith");
  CHECK(find_term(rows[1], "overdue")->value == Approx(20.0 / 14.0));
  CHECK(rows[1].score == Approx(20.0 / 14.0 * 4.0 + 0.75));
  CHECK(rows[1].reason == "20d since call (every 14d)");
}

// TopRanking scores everyone but keeps and words only the rows shown: it must show exactly
// rank()'s first rows, reasons and all, in whatever order the inputs come, and count what
// rank() lists.
TEST_CASE("TopRanking gives rank()'s first rows and counts the rest", "[ranking]") {
  std::vector<RankInput> inputs;
  for (int n = 1; n <= 60; ++n) {
    // Varied lateness, ties, circles, weights' terms, snoozes and allies with nothing due.
    RankInput in = seen(n, n % 7 == 0 ? "Same Name" : "Ally " + std::to_string(n % 23), 5 + (n * 37) % 90);
    in.circle = n % 3 == 0 ? "inner" : (n % 3 == 1 ? "network" : "");
    if (n % 5 == 0) in.promises.push_back({n, "send the deck " + std::to_string(n), in_days(n % 9)});
    if (n % 6 == 0) in.follow_ups.push_back({n, "ask how it went", days_ago(n % 11)});
    if (n % 8 == 0) in.unthanked.push_back({n, "an intro", days_ago(3)});
    if (n % 4 == 0) {
      for (int k = 0; k < n % 5; ++k) in.unthanked.push_back({100 + k, "help", days_ago(k)});
    }
    if (n % 11 == 0) in.cadence = {Cadence::Mode::untracked, 0};
    if (n % 17 == 0) in.archived = true;
    if (n % 9 == 0) in.dates.push_back({n, "birthday", {3, static_cast<unsigned>(11 + n % 5), {}}});
    if (n % 13 == 0) in.snoozed_until = in_days(4);
    inputs.push_back(in);
  }
  RankSettings settings;
  settings.weights["reciprocity"] = 0; // an off term lists no one
  for (const auto& options : {k_plain, on(in_days(20)), listing_all(), within(10)}) {
    auto all = rank(inputs, settings, options);
    REQUIRE(all.size() > 20);
    for (std::size_t limit : {std::size_t{0}, std::size_t{1}, std::size_t{7}, all.size(),
                              all.size() + 5, SIZE_MAX}) {
      INFO("limit " << limit);
      TopRanking forward(settings, options, limit), backward(settings, options, limit);
      for (const auto& in : inputs) forward.add(in);
      for (auto in = inputs.rbegin(); in != inputs.rend(); ++in) backward.add(*in);
      auto top = forward.finish();
      auto reversed = backward.finish();
      REQUIRE(reversed.rows.size() == top.rows.size());
      for (std::size_t i = 0; i < top.rows.size(); ++i) {
        CHECK(reversed.rows[i].number == top.rows[i].number);
      }
      CHECK(reversed.listed == top.listed);
      CHECK(top.listed == all.size());
      REQUIRE(top.rows.size() == std::min(limit, all.size()));
      for (std::size_t i = 0; i < top.rows.size(); ++i) {
        CHECK(top.rows[i].number == all[i].number);
        CHECK(top.rows[i].reason == all[i].reason);
        CHECK(top.rows[i].score == all[i].score);
        CHECK(top.rows[i].terms.size() == all[i].terms.size());
        CHECK(top.rows[i].name == all[i].name);
        CHECK(top.rows[i].id == all[i].id);
      }
    }
  }
}

TEST_CASE("rows without their terms keep the order, scores and reasons due prints", "[ranking]") {
  std::vector<RankInput> inputs;
  for (int n = 1; n <= 40; ++n) {
    RankInput in = seen(n, "Ally " + std::to_string(n % 17), 10 + (n * 29) % 80);
    if (n % 3 == 0) in.unthanked.push_back({n, "a review of my draft", days_ago(2)});
    if (n % 4 == 0) {
      in.unthanked.push_back({200, "help", days_ago(1)});
      in.unthanked.push_back({201, "more help", days_ago(2)});
    }
    if (n % 7 == 0) in.snoozed_until = in_days(3);
    if (n % 5 == 0) in.follow_ups.push_back({n, "ask about the launch", days_ago(n % 6)});
    inputs.push_back(in);
  }
  RankSettings settings;
  for (auto options : {k_plain, listing_all(), within(10)}) {
    auto with_terms = rank(inputs, settings, options);
    options.terms = false;
    for (std::size_t limit : {std::size_t{5}, SIZE_MAX}) {
      TopRanking top(settings, options, limit);
      for (const auto& in : inputs) top.add(in);
      auto rows = top.finish().rows;
      REQUIRE(rows.size() == std::min(limit, with_terms.size()));
      for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i].number == with_terms[i].number);
        CHECK(rows[i].score == with_terms[i].score);
        CHECK(rows[i].reason == with_terms[i].reason);
        CHECK(rows[i].name == with_terms[i].name);
        CHECK(rows[i].terms.empty());
      }
    }
  }
}
