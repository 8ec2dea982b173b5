#include "cli/help_topics.hpp"

namespace ally::cli {
namespace {

constexpr std::string_view k_dates = R"(Dates: one grammar for every option. Each option looks back (log --date,
favor --date, thank --date, intro --date, timeline --since, add --birthday) or
ahead (--due, --follow-up, snooze, ally date); forms that could mean either take
the option's side. Examples for Wednesday 2026-03-11:

  you type                           back         ahead
  2026-03-01, 2026-3-1               2026-03-01   2026-03-01
  today, yesterday, tomorrow         03-11, 03-10, 03-12 either way
  friday, fri (never today)          03-06        03-13
  last friday, next friday           03-06, 03-13 (strictly before / after)
  3 days ago, 2 weeks ago, 3d ago    03-08, 02-25, 03-08
  in 2 weeks, in 5d, in 1 month      03-25, 03-16, 04-10
  3d, 2w (a duration)                03-08, 02-25 03-14, 03-25
  last week, next week               03-04, 03-18 (7 days)
  last month, next month             02-09, 04-10 (30 days; year: 365)
  jan 5, 5 January, 5th jan, 12-25   2026-01-05   2027-01-05
  January 5 2026, 5 jan 26           2026-01-05   2026-01-05

Where GNU date -d reads a form (next friday, last monday, 2 weeks ago), ally
gives the same day; it also reads "in N", bare durations and month names without
a year (the nearest such day on the option's side, today included). Two-digit
years: 69-99 are 19xx, 00-68 are 20xx. English names, from three letters on.
Durations: N followed by d, w, m (30 days) or y (365 days), N >= 1.
)";

constexpr std::string_view k_names = R"(Naming an ally (WHO): tiers in this order, the first with a match decides:

  4 or '#4'          the ally's number
  Rachel Green       the full name
  Rach               a nickname
  Rachel             the first name
  Rachel G           first name and last initial
  green              the last name (Jr., Sr., II-IV are not last names)
  Rach, gre          a unique prefix of any of these

Case and accents do not matter (jose finds José). Several matches are ambiguous
(exit 1, each listed with its number). Archived allies match only when no active
one does. A miss suggests the closest name. log and thank take several allies:
"Rachel,John" or -w John.
)";

} // namespace

std::optional<std::string_view> help_topic(std::string_view word) {
  if (word == "dates" || word == "date-formats") return k_dates;
  if (word == "names" || word == "who") return k_names;
  return std::nullopt;
}

} // namespace ally::cli
