// The `ally due` ranking: each term turns facts into a value and a reason; weights turn values
// into points; the sum orders the list. docs/ranking.md is the user-facing description of
// every formula here, so change both together.
#include "ally/ranking.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "ally/text.hpp"

namespace ally {
namespace {

// Caps keep one long-forgotten item from drowning everything else on the list.
constexpr double k_overdue_cap = 3.0; // days since / cadence
constexpr double k_promise_cap = 4.0;
constexpr double k_followup_cap = 3.0;
// A promise or date on its day is worth this much; it falls linearly to just above 1 at the
// edge of its window and keeps rising (up to the cap) once a promise is late.
constexpr double k_on_the_day = 2.0;
constexpr int k_followup_growth_days = 7; // a reached follow-up gains 1 per week waiting
// Several promises, follow-ups, unthanked favors or dates: the lead item counts in full, each
// other one adds a little, and only a few of them do, so many small items stay bounded.
constexpr double k_extra_item_bonus = 0.5;
constexpr std::size_t k_max_extra_items = 4;
constexpr std::size_t k_excerpt_chars = 40;
constexpr double k_score_ticks = 1e6; // scores equal to six decimals are ties
constexpr std::string_view k_separator = " · ";

const std::map<std::string, double>& defaults() {
  static const std::map<std::string, double> weights{
      {"overdue", 4.0},     {"promise", 5.0}, {"followup", 4.0}, {"gratitude", 3.0},
      {"reciprocity", 1.5}, {"date", 4.0},    {"circle", 0.25}};
  return weights;
}

using Weights = TermWeights;

// A NaN or infinite weight would make scores unorderable, so it falls back to the default.
double weight_of(const RankSettings& settings, const std::string& term) {
  auto found = settings.weights.find(term);
  bool usable = found != settings.weights.end() && std::isfinite(found->second);
  return usable ? found->second : defaults().at(term);
}

Weights resolve_weights(const RankSettings& settings) {
  return {weight_of(settings, "overdue"),     weight_of(settings, "promise"),
          weight_of(settings, "followup"),    weight_of(settings, "gratitude"),
          weight_of(settings, "reciprocity"), weight_of(settings, "date"),
          weight_of(settings, "circle")};
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The first k_excerpt_chars characters of one line of user text, "…" when cut. Counts code
// points, cutting only before a lead byte so a UTF-8 sequence is never split.
std::string excerpt(std::string_view text) {
  std::string out;
  std::size_t chars = 0;
  bool cut = false;
  for (char c : text) {
    if (!is_continuation(c) && ++chars > k_excerpt_chars) {
      cut = true;
      break;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  auto end = out.find_last_not_of(' ');
  out.erase(end == std::string::npos ? 0 : end + 1);
  auto begin = out.find_first_not_of(' ');
  out.erase(0, begin == std::string::npos ? out.size() : begin);
  if (cut) out += "…";
  return out;
}

// How reasons are worded: not at all (a score only), with excerpts (a terminal line), or
// quoting whole texts (--json).
struct Words {
  bool on = true;
  bool whole = false;
  std::string quote(std::string_view text) const { return whole ? std::string(text) : excerpt(text); }
};

void append_number(std::string& out, std::int64_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

double extra_bonus(std::size_t count) {
  return k_extra_item_bonus * static_cast<double>(std::min(count - 1, k_max_extra_items));
}

std::string more_suffix(std::size_t count) {
  return count > 1 ? fmt::format(FMT_COMPILE(", +{} more"), count - 1) : std::string{};
}

// "today", "tomorrow", "Fri" within the coming week, else "in 9d".
std::string when_coming(Date day, int days) {
  if (days == 0) return "today";
  if (days == 1) return "tomorrow";
  if (days < 7) return weekday_name(day);
  return fmt::format(FMT_COMPILE("in {}d"), days);
}

// "due in 2d", "due tomorrow", "due today", "3d late".
std::string due_phrase(int days_until) {
  if (days_until < 0) return fmt::format(FMT_COMPILE("{}d late"), -days_until);
  if (days_until == 0) return "due today";
  if (days_until == 1) return "due tomorrow";
  return fmt::format(FMT_COMPILE("due in {}d"), days_until);
}

// The kind of the last interaction as the object of "since".
std::string kind_phrase(const std::string& kind) {
  if (kind.empty() || kind == "other") return "last contact";
  if (kind == "thanks") return "your thank-you";
  return kind;
}

// What an ally is waiting on before weighting: its value (> 0), reason, and what it quotes.
struct Signal {
  double value = 0;
  std::string reason; // left empty when not worded: only the value was asked for
  std::string text;
  std::optional<TermRef> ref;
};

TermRef ref_to(const char* kind, std::int64_t number) { return {kind, number, {}}; }

Signal value_only(double value) {
  Signal signal;
  signal.value = value;
  return signal;
}

// ---- overdue: value = days since / cadence, once the check-in is due, capped. ----

std::optional<Signal> overdue_signal(const RankInput& input, int cadence, int days_since,
                                     const Words& words) {
  if (cadence <= 0 || days_since < cadence) return std::nullopt;
  double value = std::min(static_cast<double>(days_since) / cadence, k_overdue_cap);
  if (!words.on) return value_only(value);
  std::string reason =
      input.last_contact
          ? fmt::format(FMT_COMPILE("{}d since {} (every {}d)"), days_since, kind_phrase(input.last_kind),
                        cadence)
          : fmt::format(FMT_COMPILE("added {}d ago, no check-in yet (every {}d)"), days_since, cadence);
  return Signal{value, std::move(reason), {}, {}};
}

// ---- promise: the most urgent one, value = 2 - d/(W+1), d = days until due. ----

// "promise #21 4d late: send the draft": the number is what `ally favor done` takes.
std::string promise_reason(const OpenPromise& promise, int days_until, const Words& words) {
  return fmt::format(FMT_COMPILE("promise #{} {}: {}"), promise.favor, due_phrase(days_until),
                     words.quote(promise.text));
}

// Earliest due first, then lower favor number, so the lead is the most urgent.
std::vector<OpenPromise> promises_by_urgency(std::vector<OpenPromise> promises) {
  std::sort(promises.begin(), promises.end(), [](const auto& a, const auto& b) {
    return a.due != b.due ? a.due < b.due : a.favor < b.favor;
  });
  return promises;
}

std::optional<Signal> promise_signal(const RankInput& input, Date today, int window,
                                     const Words& words) {
  std::vector<OpenPromise> active;
  for (const auto& promise : input.promises) {
    if (days_between(today, promise.due) <= window) active.push_back(promise);
  }
  if (active.empty()) return std::nullopt;
  active = promises_by_urgency(std::move(active));
  int days_until = days_between(today, active.front().due);
  double lead =
      std::min(k_on_the_day - static_cast<double>(days_until) / (window + 1), k_promise_cap);
  if (!words.on) return value_only(lead + extra_bonus(active.size()));
  return Signal{lead + extra_bonus(active.size()),
                promise_reason(active.front(), days_until, words) + more_suffix(active.size()),
                active.front().text, ref_to("favor", active.front().favor)};
}

// ---- followup: the longest-waiting reached one, value = 1 + weeks waiting, capped. ----

// The longest-waiting first: earliest date, then lower interaction number.
bool follow_up_before(const OpenFollowUp& a, const OpenFollowUp& b) {
  return a.date != b.date ? a.date < b.date : a.interaction < b.interaction;
}

// "follow up log #12: ask about the launch" (the number is what `ally log done` takes);
// `when` ("Fri", "in 9d") for one not reached yet.
std::string followup_reason(const OpenFollowUp& follow_up, const Words& words,
                            const std::string& when = {}) {
  std::string note = words.quote(follow_up.note);
  std::string head = fmt::format(FMT_COMPILE("follow up log #{}"), follow_up.interaction);
  if (!when.empty()) head += " " + when;
  if (note.empty()) return head;
  return head + ": " + note;
}

std::optional<Signal> followup_signal(const RankInput& input, Date today, const Words& words) {
  const OpenFollowUp* lead = nullptr;
  std::size_t reached = 0;
  for (const auto& follow_up : input.follow_ups) {
    if (follow_up.date > today) continue;
    ++reached;
    if (!lead || follow_up_before(follow_up, *lead)) lead = &follow_up;
  }
  if (!lead) return std::nullopt;
  double waited = static_cast<double>(days_between(lead->date, today)) / k_followup_growth_days;
  double value = std::min(1.0 + waited, k_followup_cap) + extra_bonus(reached);
  if (!words.on) return value_only(value);
  return Signal{value, followup_reason(*lead, words) + more_suffix(reached), lead->note,
                ref_to("interaction", lead->interaction)};
}

// ---- gratitude: 1 for the most recent unthanked favor, plus a little for each other. ----

std::optional<Signal> gratitude_signal(const RankInput& input, const Words& words) {
  if (input.unthanked.empty()) return std::nullopt;
  if (!words.on) return value_only(1.0 + extra_bonus(input.unthanked.size()));
  // The most recent favor is the one the ally will best remember being thanked for.
  const auto& lead =
      *std::max_element(input.unthanked.begin(), input.unthanked.end(), [](auto& a, auto& b) {
        return a.date != b.date ? a.date < b.date : a.favor < b.favor;
      });
  std::size_t count = input.unthanked.size();
  return Signal{1.0 + extra_bonus(count),
                fmt::format(FMT_COMPILE("thank for favor #{}: {}"), lead.favor, words.quote(lead.text)) +
                    more_suffix(count),
                lead.text, ref_to("favor", lead.favor)};
}

// ---- reciprocity: favors got and not yet thanked, less favors given, lately; from 2 up. ----

// A gap of one favor is how helping goes (one of you helps first), and a thank-you settles a
// favor; only a gap of two or more unthanked favors asks for a favor back.
constexpr int k_reciprocity_gap = 2;

std::optional<Signal> reciprocity_signal(const RankInput& input, Date today, int window,
                                         const Words& words) {
  const Date since = today - std::chrono::days{window};
  int got = static_cast<int>(std::count_if(input.unthanked.begin(), input.unthanked.end(),
                                           [&](const UnthankedFavor& f) { return f.date >= since; }));
  int difference = got - input.gave_recent;
  if (difference < k_reciprocity_gap) return std::nullopt;
  double value = static_cast<double>(difference - k_reciprocity_gap + 1);
  if (!words.on) return value_only(value);
  // Written by hand into room reserved once: this reason may be worded for many rows.
  std::string reason;
  reason.reserve(64);
  reason += "they helped ";
  append_number(reason, got);
  reason += "× unthanked lately, you ";
  if (input.gave_recent > 0) {
    append_number(reason, input.gave_recent);
    reason += "×";
  } else {
    reason += "not yet";
  }
  return Signal{value, std::move(reason), {}, {}};
}

// ---- date: the nearest yearly date in the window, value = 2 - d/(W+1). ----

struct Coming {
  const YearlyEvent* event;
  Date day;
  int days;
};

// Every yearly date's next occurrence, nearest first (then by label, for determinism).
std::vector<Coming> coming_dates(const RankInput& input, Date today) {
  std::vector<Coming> coming;
  for (const auto& event : input.dates) {
    Date day = next_yearly(event.date, today);
    coming.push_back({&event, day, days_between(today, day)});
  }
  std::sort(coming.begin(), coming.end(), [](const Coming& a, const Coming& b) {
    return a.days != b.days ? a.days < b.days : a.event->label < b.event->label;
  });
  return coming;
}

std::string date_reason(const Coming& coming, const Words& words) {
  return words.quote(coming.event->label) + " " + when_coming(coming.day, coming.days);
}

std::optional<Signal> date_signal(const RankInput& input, Date today, int window,
                                  const Words& words) {
  auto coming = coming_dates(input, today);
  auto in_window = std::count_if(coming.begin(), coming.end(),
                                 [&](const Coming& c) { return c.days <= window; });
  if (in_window == 0) return std::nullopt;
  auto count = static_cast<std::size_t>(in_window);
  double lead = k_on_the_day - static_cast<double>(coming.front().days) / (window + 1);
  if (!words.on) return value_only(lead + extra_bonus(count));
  return Signal{lead + extra_bonus(count), date_reason(coming.front(), words) + more_suffix(count),
                coming.front().event->label, ref_to("date", coming.front().event->number)};
}

// ---- circle: orders at equal urgency; never lists an ally by itself. ----

std::optional<Signal> circle_signal(std::string_view circle) {
  // Compared in place, ASCII letters lower-cased: this runs for every row.
  auto is = [circle](std::string_view name) {
    return std::equal(circle.begin(), circle.end(), name.begin(), name.end(),
                      [](char a, char b) { return lower_ascii(a) == b; });
  };
  if (is("inner")) return value_only(3);
  if (is("core")) return value_only(2);
  if (is("network")) return value_only(1);
  return std::nullopt;
}

// ---- assembling a row ----

std::string join_reasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& reason : reasons) {
    if (reason.empty()) continue;
    if (!out.empty()) out += k_separator;
    out += reason;
  }
  return out;
}

std::string check_in_reason(int days_until) {
  if (days_until <= 0) return "time for a check-in";
  if (days_until == 1) return "next check-in tomorrow";
  return fmt::format(FMT_COMPILE("next check-in in {}d"), days_until);
}

// Which terms may count in each state: issue 27's table, docs/ranking.md "Who due lists".
struct Gate {
  bool check_in = false; // overdue
  bool owed = false;     // promise, followup, gratitude
  bool reciprocity = false;
  bool date = false;
};

Gate gate_of(DueState state) {
  switch (state) {
  case DueState::tracked: return {true, true, true, true};
  case DueState::untracked: return {false, true, false, true};
  case DueState::snoozed: return {false, true, false, false};
  case DueState::silenced:
  case DueState::archived: break;
  }
  return {};
}

DueState state_of(const RankInput& input, int cadence, Date today) {
  if (input.archived) return DueState::archived;
  if (input.snoozed_until && *input.snoozed_until > today)
    return input.snooze_all ? DueState::silenced : DueState::snoozed;
  return cadence > 0 ? DueState::tracked : DueState::untracked;
}

// Said first on the line of an ally whose check-in does not count: what is listed is what
// you owe or have open, not a nag to meet.
std::string state_phrase(const RankedRow& row, Date today) {
  if (row.state == DueState::untracked) return "not tracked";
  if (!is_snoozed(row.state) || !row.snoozed_until) return {};
  Date until = *row.snoozed_until;
  int days = days_between(today, until);
  return std::string(row.state == DueState::silenced ? "snoozed --all until " : "snoozed until ") +
         (days < 7 ? weekday_name(until) : format_date(until));
}

void prefix_state(RankedRow& row, Date today) {
  std::string phrase = state_phrase(row, today);
  if (phrase.empty()) return;
  row.reason = row.reason.empty() ? phrase : phrase + std::string(k_separator) + row.reason;
}

// The day the check-in comes up: after the snooze, while snoozed.
std::optional<Date> check_in_day(const RankedRow& row) {
  if (!row.next_check_in) return std::nullopt;
  if (is_snoozed(row.state) && row.snoozed_until) {
    return std::max(*row.next_check_in, *row.snoozed_until);
  }
  return row.next_check_in;
}

// The earliest day anything of this row comes up, today at the earliest.
Date upcoming_day(const RankInput& input, const RankedRow& row, Date today) {
  const Gate gate = gate_of(row.state);
  std::optional<Date> first = check_in_day(row);
  auto consider = [&](Date day) {
    if (!first || day < *first) first = day;
  };
  if (gate.owed) {
    for (const auto& promise : input.promises) consider(promise.due);
    for (const auto& follow_up : input.follow_ups) consider(follow_up.date);
  }
  if (gate.date) {
    for (const auto& event : input.dates) consider(next_yearly(event.date, today));
  }
  return std::max(first.value_or(today), today);
}

// What is coming by `horizon` days from today, for rows no active term lists.
std::vector<std::string> upcoming_reasons(const RankInput& input, const RankedRow& row, Date today,
                                          int horizon, const Words& words) {
  const Gate gate = gate_of(row.state);
  std::vector<std::string> reasons;
  if (auto day = check_in_day(row)) {
    int days = days_between(today, *day);
    if (days <= horizon) reasons.push_back(check_in_reason(days));
  }
  if (gate.owed) {
    auto promises = promises_by_urgency(input.promises);
    if (!promises.empty() && days_between(today, promises.front().due) <= horizon) {
      reasons.push_back(
          promise_reason(promises.front(), days_between(today, promises.front().due), words));
    }
    auto follow_up =
        std::min_element(input.follow_ups.begin(), input.follow_ups.end(), follow_up_before);
    if (follow_up != input.follow_ups.end()) {
      int days = days_between(today, follow_up->date);
      if (days <= horizon) {
        reasons.push_back(followup_reason(*follow_up, words,
                                          days <= 0 ? "" : when_coming(follow_up->date, days)));
      }
    }
  }
  if (gate.date) {
    auto dates = coming_dates(input, today);
    if (!dates.empty() && dates.front().days <= horizon)
      reasons.push_back(date_reason(dates.front(), words));
  }
  return reasons;
}

// Every term's signal for one ally, in term_names() order, handed to `add(name, signal,
// weight)`; the terms its state does not count are handed none. Unworded signals carry their
// value only.
template <typename Add>
void each_signal(const RankInput& input, DueState state, int cadence, int days_since,
                 const RankSettings& settings, const Weights& weights, Date today,
                 const Words& words, Add add) {
  const Gate gate = gate_of(state);
  int promise_window = std::max(settings.promise_window_days, 0);
  int date_window = std::max(settings.date_window_days, 0);
  int reciprocity_window = std::max(settings.reciprocity_window_days, 0);
  auto when = [](bool counted, auto signal) {
    return counted ? signal() : std::optional<Signal>{};
  };
  add("overdue", when(gate.check_in, [&] { return overdue_signal(input, cadence, days_since, words); }),
      weights.overdue);
  add("promise", when(gate.owed, [&] { return promise_signal(input, today, promise_window, words); }),
      weights.promise);
  add("followup", when(gate.owed, [&] { return followup_signal(input, today, words); }),
      weights.followup);
  add("gratitude", when(gate.owed, [&] { return gratitude_signal(input, words); }),
      weights.gratitude);
  add("reciprocity",
      when(gate.reciprocity,
           [&] { return reciprocity_signal(input, today, reciprocity_window, words); }),
      weights.reciprocity);
  add("date", when(gate.date, [&] { return date_signal(input, today, date_window, words); }),
      weights.date);
  add("circle", when(state != DueState::archived && state != DueState::silenced, [&] { return circle_signal(input.circle); }),
      weights.circle);
}

int days_since_of(const RankInput& input, Date today) {
  return days_between(input.last_contact.value_or(input.added), today);
}

// What ordering and listing a row need, without its strings: most allies due are cut by
// --limit (a terminal's screenful), and their reasons would be built for nothing. Sums the
// points in the same order as build_row, so the score is the same double.
struct Score {
  double score = 0;
  bool listed_by_term = false;
};

Score score_of(const RankInput& input, DueState state, int cadence, const RankSettings& settings,
               const Weights& weights, Date today) {
  Score out;
  each_signal(input, state, cadence, days_since_of(input, today), settings, weights, today,
              Words{false, false},
              [&](const char* name, std::optional<Signal> signal, double weight) {
                if (!signal || weight == 0) return; // as build_row: a zero weight is off
                out.score += signal->value * weight;
                if (std::string_view(name) != "circle") out.listed_by_term = true;
              });
  return out;
}

// An ally's row but its id and name, which the caller copies or moves in. Without `keep_terms`
// the row keeps only their points and joined reasons, all that `due`'s list prints.
RankedRow build_row(const RankInput& input, DueState state, int cadence,
                    const RankSettings& settings, const Weights& weights, Date today,
                    const Words& words, bool keep_terms) {
  RankedRow row;
  row.number = input.number;
  row.state = state;
  if (is_snoozed(state)) row.snoozed_until = input.snoozed_until;
  row.cadence_days = std::max(cadence, 0);
  row.last_contact = input.last_contact;
  row.days_since = days_since_of(input, today);
  if (cadence > 0) {
    row.next_check_in = input.last_contact.value_or(input.added) + std::chrono::days{cadence};
  }
  // Each active term's points added in term order, its reason joined on (as join_reasons
  // would). The list's rows (most of a long list) make no Term.
  each_signal(input, state, cadence, row.days_since, settings, weights, today, words,
              [&](const char* name, std::optional<Signal> signal, double weight) {
                if (!signal || weight == 0) return; // a zero weight turns the term off
                double points = signal->value * weight;
                row.score += points;
                if (std::string_view(name) != "circle") row.listed_by_term = true;
                auto& reason = signal->reason;
                if (!reason.empty()) {
                  if (row.reason.empty() && !keep_terms) {
                    row.reason = std::move(reason);
                  } else {
                    if (!row.reason.empty()) row.reason += k_separator;
                    row.reason += reason;
                  }
                }
                if (keep_terms) {
                  row.terms.push_back({name, signal->value, weight, points, std::move(reason),
                                       std::move(signal->text), std::move(signal->ref)});
                }
              });
  row.upcoming = row.listed_by_term ? today : upcoming_day(input, row, today);
  if (row.listed_by_term) prefix_state(row, today);
  return row;
}

// Scores equal to six decimals are ties, broken by name (ASCII letters lower-cased, compared
// byte by byte, in place: a lower-cased copy of every name cost an allocation per row), then
// by number.
double ticks_of(double score) { return std::round(score * k_score_ticks); } // double: no overflow

bool name_before(std::string_view a, std::string_view b) {
  auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(lower_ascii(a[i]));
    auto y = static_cast<unsigned char>(lower_ascii(b[i]));
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

bool ranks_before(double ticks_a, std::string_view name_a, std::int64_t number_a, double ticks_b,
                  std::string_view name_b, std::int64_t number_b) {
  if (ticks_a != ticks_b) return ticks_a > ticks_b;
  if (name_before(name_a, name_b)) return true;
  if (name_before(name_b, name_a)) return false;
  return number_a < number_b;
}

// The first 8 bytes of a name as name_before orders them, packed big-endian: most rows tied on
// score (thousands listed for the same reciprocity) are told apart by one integer comparison.
std::uint64_t name_prefix(std::string_view name) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    key <<= 8;
    if (i < name.size()) key |= static_cast<unsigned char>(lower_ascii(name[i]));
  }
  return key;
}

// Rows listed by a term come first, by score; then those listed only for what is coming, by
// the day it comes (an earlier day ranks as a higher score would).
struct Order {
  int group;
  double ticks;
};

Order order_of(const RankedRow& row) {
  if (row.listed_by_term) return {0, ticks_of(row.score)};
  return {1, -static_cast<double>((row.upcoming - Date{}).count())};
}

void sort_rows(std::vector<RankedRow>& rows) {
  // Sorted as keys, then each row moved once into its place: swapping whole rows inside the
  // sort cost three times as much, and a sorted copy doubled the memory.
  struct SortKey {
    Order order;
    std::uint64_t prefix; // equal prefixes say nothing: the whole names decide
    std::size_t index;
  };
  std::vector<SortKey> keys;
  keys.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    keys.push_back({order_of(rows[i]), name_prefix(rows[i].name), i});
  }
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (a.order.group != b.order.group) return a.order.group < b.order.group;
    if (a.order.ticks != b.order.ticks) return a.order.ticks > b.order.ticks;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const auto &x = rows[a.index], &y = rows[b.index];
    return ranks_before(a.order.ticks, x.name, x.number, b.order.ticks, y.name, y.number);
  });
  // Position k takes the row at keys[k].index: follow each cycle of that permutation.
  std::vector<bool> placed(rows.size());
  for (std::size_t start = 0; start < rows.size(); ++start) {
    if (placed[start]) continue;
    RankedRow first = std::move(rows[start]);
    std::size_t k = start;
    while (keys[k].index != start) {
      rows[k] = std::move(rows[keys[k].index]);
      placed[k] = true;
      k = keys[k].index;
    }
    rows[k] = std::move(first);
    placed[k] = true;
  }
}

Words words_for(const RankOptions& options) { return Words{true, options.whole_texts}; }

// The reason of a row no term lists: what is coming within `horizon` days, or (with
// `fallback`) when its check-in is. Empty when there is nothing to say.
std::string coming_reason(const RankInput& input, const RankedRow& row, Date today,
                          std::optional<int> horizon, bool fallback, const Words& words) {
  auto coming = horizon ? upcoming_reasons(input, row, today, std::max(*horizon, 0), words)
                        : std::vector<std::string>{};
  if (coming.empty() && fallback) {
    if (auto day = check_in_day(row)) coming.push_back(check_in_reason(days_between(today, *day)));
  }
  return join_reasons(coming);
}

// rank()'s row for one input, if it lists it, but its id and name (as build_row).
std::optional<RankedRow> ranked_row(const RankInput& input, const RankSettings& settings,
                                    const Weights& weights, const RankOptions& options) {
  const Date today = options.today;
  int cadence = effective_cadence(input.cadence, input.circle, settings);
  DueState state = state_of(input, cadence, today);
  if (state == DueState::archived) return std::nullopt;
  RankedRow row = build_row(input, state, cadence, settings, weights, today, words_for(options),
                            options.terms);
  if (!row.listed_by_term) {
    // Not waiting on anything now: listed only for what is coming, or by `all` (which lists
    // every ally with a cadence, snoozed or not).
    bool fallback = options.all && cadence > 0;
    row.reason = coming_reason(input, row, today, options.within_days, fallback, words_for(options));
    if (row.reason.empty()) return std::nullopt;
    prefix_state(row, today);
  }
  return row;
}

// What `snooze --all` keeps out of sight for a silenced ally: the terms it would have if only
// snoozed (what you owe and what is open).
std::vector<Term> hidden_terms(const RankInput& input, const RankSettings& settings,
                               const Weights& weights, const RankOptions& options) {
  int cadence = effective_cadence(input.cadence, input.circle, settings);
  auto terms = build_row(input, DueState::snoozed, cadence, settings, weights, options.today,
                         words_for(options), true)
                   .terms;
  std::erase_if(terms, [](const Term& t) { return t.name == "circle"; }); // nothing owed
  return terms;
}

std::size_t late_promises(const RankInput& input, Date today) {
  if (input.archived) return 0;
  return static_cast<std::size_t>(std::count_if(input.promises.begin(), input.promises.end(),
                                                [&](const OpenPromise& p) { return p.due < today; }));
}

} // namespace

const std::vector<std::string>& term_names() {
  static const std::vector<std::string> names{"overdue",     "promise", "followup", "gratitude",
                                              "reciprocity", "date",    "circle"};
  return names;
}

std::map<std::string, double> default_weights() { return defaults(); }

const char* due_state_name(DueState state) {
  switch (state) {
  case DueState::tracked: return "tracked";
  case DueState::untracked: return "untracked";
  case DueState::snoozed: return "snoozed";
  case DueState::silenced: return "silenced";
  case DueState::archived: return "archived";
  }
  return "tracked";
}

DueState due_state_of(const RankInput& input, const RankSettings& settings, Date today) {
  return state_of(input, effective_cadence(input.cadence, input.circle, settings), today);
}

RankedRow explain_one(const RankInput& input, const RankSettings& settings,
                      const RankOptions& options) {
  const Date today = options.today;
  int cadence = effective_cadence(input.cadence, input.circle, settings);
  DueState state = state_of(input, cadence, today);
  RankedRow row = build_row(input, state, cadence, settings, resolve_weights(settings), today,
                            words_for(options), true);
  if (state == DueState::silenced)
    row.hidden = hidden_terms(input, settings, resolve_weights(settings), options);
  if (!row.listed_by_term) {
    // What comes next, however far: the explanation of why nothing is due yet.
    constexpr int k_year = 366;
    row.reason = coming_reason(input, row, today, k_year, true, words_for(options));
    prefix_state(row, today);
  }
  row.id = input.id;
  row.name = input.name;
  return row;
}

void note_to_bring_up(RankedRow& row, std::size_t count) {
  row.to_bring_up = count;
  if (count == 0) return;
  std::string words = fmt::format("{} to bring up", count);
  row.reason = row.reason.empty() ? words : row.reason + std::string(k_separator) + words;
}

int effective_cadence(const Cadence& cadence, const std::string& circle,
                      const RankSettings& settings) {
  switch (cadence.mode) {
  case Cadence::Mode::untracked:
    return 0;
  case Cadence::Mode::days:
    return std::max(cadence.days, 0);
  case Cadence::Mode::default_cadence:
    break;
  }
  auto found = settings.circle_cadence_days.find(circle);
  if (found == settings.circle_cadence_days.end()) {
    found = settings.circle_cadence_days.find(lower_ascii(circle));
  }
  int days = circle.empty() || found == settings.circle_cadence_days.end()
                 ? settings.default_cadence_days
                 : found->second;
  return std::max(days, 0);
}

std::vector<RankedRow> rank(const std::vector<RankInput>& inputs, const RankSettings& settings,
                            const RankOptions& options) {
  const Weights weights = resolve_weights(settings);
  std::vector<RankedRow> rows;
  rows.reserve(inputs.size());
  for (const auto& input : inputs) {
    if (auto row = ranked_row(input, settings, weights, options)) {
      row->id = input.id;
      row->name = input.name;
      rows.push_back(std::move(*row));
    }
  }
  sort_rows(rows);
  return rows;
}

TopRanking::TopRanking(const RankSettings& settings, const RankOptions& options,
                       std::size_t limit)
    : m_settings(settings), m_options(options), m_limit(limit),
      // Rows listed for what is coming say so in words, and with no cut every row is shown, so
      // every row is built in full, once (scoring first would compute each signal twice).
      m_everything(options.all || options.within_days || limit == SIZE_MAX),
      m_weights(resolve_weights(settings)) {}

bool TopRanking::before(const Key& a, const Key& b, const RankInput* candidate) const {
  auto input = [&](const Key& k) -> const RankInput& {
    return k.slot == SIZE_MAX ? *candidate : m_kept[k.slot];
  };
  return ranks_before(a.ticks, input(a).name, a.number, b.ticks, input(b).name, b.number);
}

void TopRanking::reserve(std::size_t inputs) {
  m_rows.reserve(std::min(inputs, m_rows.max_size()));
}

void TopRanking::add(RankInput input) {
  const Date today = m_options.today;
  int cadence = effective_cadence(input.cadence, input.circle, m_settings);
  DueState state = state_of(input, cadence, today);
  if (state == DueState::archived) return;
  if (state == DueState::snoozed && cadence > 0) ++m_snoozed;
  if (state == DueState::silenced) {
    ++m_silenced;
    m_hidden += hidden_terms(input, m_settings, m_weights, m_options).size();
  } else {
    m_late_promises += late_promises(input, today);
  }
  if (m_everything) {
    // Worded at once, so the input's memory serves the next one.
    if (auto row = ranked_row(input, m_settings, m_weights, m_options)) {
      row->id = std::move(input.id);
      row->name = std::move(input.name);
      m_rows.push_back(std::move(*row));
    }
    return;
  }
  Score score = score_of(input, state, cadence, m_settings, m_weights, today);
  if (!score.listed_by_term) return;
  ++m_listed;
  Key key{ticks_of(score.score), input.number, SIZE_MAX};
  auto last_on_top = [this](const Key& a, const Key& b) { return before(a, b); };
  if (m_kept.size() < m_limit) {
    key.slot = m_kept.size();
    m_kept.push_back(std::move(input));
    m_heap.push_back(key);
    std::push_heap(m_heap.begin(), m_heap.end(), last_on_top);
  } else if (!m_heap.empty() && before(key, m_heap.front(), &input)) {
    // Takes the place of the one ranked last so far.
    std::pop_heap(m_heap.begin(), m_heap.end(), last_on_top);
    key.slot = m_heap.back().slot;
    m_kept[key.slot] = std::move(input);
    m_heap.back() = key;
    std::push_heap(m_heap.begin(), m_heap.end(), last_on_top);
  }
}

Ranking TopRanking::finish() {
  Ranking out;
  out.snoozed = m_snoozed;
  out.silenced = m_silenced;
  out.hidden = m_hidden;
  out.late_promises = m_late_promises;
  if (m_everything) {
    sort_rows(m_rows);
    out.rows = std::move(m_rows);
    out.listed = out.rows.size();
    if (out.rows.size() > m_limit) out.rows.resize(m_limit);
    return out;
  }
  std::sort_heap(m_heap.begin(), m_heap.end(),
                 [this](const Key& a, const Key& b) { return before(a, b); });
  out.listed = m_listed;
  out.rows.reserve(m_heap.size());
  for (const auto& key : m_heap) {
    auto& input = m_kept[key.slot];
    int cadence = effective_cadence(input.cadence, input.circle, m_settings);
    auto row = build_row(input, state_of(input, cadence, m_options.today), cadence, m_settings,
                         m_weights, m_options.today, words_for(m_options), m_options.terms);
    row.id = std::move(input.id);
    row.name = std::move(input.name);
    out.rows.push_back(std::move(row));
  }
  return out;
}

} // namespace ally
