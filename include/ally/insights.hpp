#pragma once
// Read-only views over the whole network for `ally suggest` and `ally stats`. Each store query
// is one statement over the whole network (GROUP BY, through an index where one fits), never a
// loop over allies.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ally/favors.hpp"
#include "ally/model.hpp"
#include "ally/ranking.hpp"
#include "ally/store.hpp"
#include "ally/suggest.hpp"

namespace ally {

// ---- suggest ----

// Every active ally with its interests and expertise, by number.
std::vector<SuggestAlly> suggest_allies(Store& store);

// Every recorded introduction between two allies, whichever way round.
IntroducedPairs introduced_pairs(Store& store);

// Pairs of allies logged together in at least one conversation, as (smaller, larger number).
IntroducedPairs met_pairs(Store& store);

// ---- stats: store queries ----

// An ally field stats groups by. Fixed columns, never user input.
enum class AllyField { circle, org, relationship, role, city };

// How many active allies have each value of a field, grouped case- and accent-insensitively
// (shown in the spelling most of them use, then the smallest). `value` empty = the field is not
// set. Most allies first; among equals, by value, the unset group last.
struct GroupCount {
  std::string value;
  int count = 0;
};
std::vector<GroupCount> count_by(Store& store, AllyField field);

struct AllyTotals {
  int active = 0;
  int archived = 0;
};
AllyTotals ally_totals(Store& store);

// Active allies with the columns check-ins need (number, id, name, circle, cadence, added,
// last contact and kind, snoozed); their list fields are left empty.
std::vector<Ally> active_schedules(Store& store);

// Promises you made (favors you gave with a due date) that are not done yet.
int open_promise_count(Store& store);

struct MonthCount {
  std::string month; // "YYYY-MM"
  int interactions = 0;
};
// Logged conversations (one per conversation, however many allies took part) per calendar
// month, dated from `first` to `last` inclusive, through the interaction date index; months
// with none are left out. Oldest first.
std::vector<MonthCount> interactions_by_month(Store& store, Date first, Date last);

// Every logged conversation.
int interaction_total(Store& store);

// ---- stats: the whole picture ----

struct AllyRef {
  std::int64_t number = 0;
  std::string id;
  std::string name;
};

struct CheckInShare {
  int tracked = 0; // active allies with a cadence
  int on_time = 0; // next check-in after today
  int overdue = 0; // next check-in today or earlier (not "due": that is what `ally due` lists)
  int snoozed = 0; // tracked, hidden from `due` for now
};

// Favors either way with every ally, archived ones included: what happened stays true. The
// same counts as `ally favors` and the ranking's reciprocity term.
struct FavorTotals {
  Date since;           // balance_window_start(today): the last 12 months
  FavorBalance recent;  // dated on or after `since`
  FavorBalance all_time;
  int open_promises = 0;
};

struct Lopsided {
  AllyRef ally;
  FavorBalance counts; // all time
};

struct Reconnect {
  AllyRef ally;
  std::optional<Date> last_contact;
  std::string last_kind;
  Date since; // last contact, else the day they were added
  int days_since = 0;
};

struct Diversity {
  int orgs = 0, roles = 0, cities = 0, relationships = 0, circles = 0; // distinct, set values
  std::optional<GroupCount> dominant_org; // one org holding most active allies
  std::string hint;                       // a gentle nudge, empty when the circle is varied
};

struct NetworkStats {
  Date today;
  AllyTotals totals;
  std::vector<GroupCount> by_circle, by_org, by_relationship;
  std::vector<GroupCount> by_role, by_city; // for diversity only
  CheckInShare check_ins;
  std::size_t due = 0; // allies plain `ally due` lists today, for any reason
  FavorTotals favors;
  std::vector<Lopsided> lopsided;     // most lopsided first, at most k_stats_top
  std::vector<MonthCount> months;     // 12, oldest first, zeros included
  int interactions_total = 0;
  Diversity diversity;
  std::vector<Reconnect> reconnect;   // due, longest since contact first, at most k_stats_top
};

inline constexpr std::size_t k_stats_top = 5;

// Gathers the whole picture; the stored ranking settings (`ally config`) decide who is tracked
// and when each is due, as for `ally due`.
NetworkStats network_stats(Store& store, Date today);

// The pure parts, for tests. Check-ins of active allies' schedules; who to reconnect with:
// tracked, unsnoozed allies whose check-in is due (today or earlier), longest since contact (or
// since added) first, then by name.
CheckInShare check_in_share(const std::vector<Ally>& allies, const RankSettings& settings,
                            Date today);
std::vector<Reconnect> reconnect_list(const std::vector<Ally>& allies,
                                      const RankSettings& settings, Date today, std::size_t limit);
// Active allies whose all-time favors are lopsided: one side at least twice the other and
// ahead by two or more. Biggest gap first, then by name.
std::vector<Lopsided> lopsided_balances(const std::map<std::int64_t, FavorBalance>& balances,
                                        const std::vector<Ally>& active, std::size_t limit);
// Distinct values per field, and a hint when one org holds more than half of four or more allies.
Diversity diversity_of(const NetworkStats& stats);
// The `count` calendar months ending with today's, oldest first, zeros filled in.
std::vector<MonthCount> fill_months(const std::vector<MonthCount>& found, Date today, int count);

} // namespace ally
