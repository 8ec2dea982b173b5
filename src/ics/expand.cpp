#include "expand.hpp"

#include <algorithm>
#include <climits>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "failure.hpp"
#include "ical_time.hpp"

namespace ally_ics {
namespace {

struct IteratorFree {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

std::string date_key(const icaltimetype& t) {
  icaltimetype date = t;
  date.is_date = 1;
  return recurrence_id_text(date);
}

// A daily or weekly rule without COUNT is the same set of instances from any start a whole
// number of intervals later (same weekday, same wall-clock time), so the iterator can begin
// just before the range instead of walking every day since DTSTART. libical's own
// icalrecur_iterator_set_start is not used: in 3.0 it crashes on some rules (FREQ=YEARLY;
// INTERVAL=4;BYMONTH=2;BYMONTHDAY=29 with a DTSTART off the rule). Monthly and yearly rules
// take few steps anyway; sub-daily ones are not shifted, as libical does not keep their
// INTERVAL's phase across the gaps its BY-filters leave.
icaltimetype fast_forward(const icalrecurrencetype& rule, const icaltimetype& dtstart,
                          std::int64_t from) {
  if (rule.count > 0) return dtstart;
  std::int64_t unit_days = rule.freq == ICAL_DAILY_RECURRENCE    ? 1
                           : rule.freq == ICAL_WEEKLY_RECURRENCE ? 7
                                                                 : 0;
  if (unit_days == 0) return dtstart;
  const std::int64_t period = unit_days * std::max<std::int64_t>(rule.interval, 1);
  // Two days of margin for the zone difference between local time and the event's zone.
  const icaltimetype limit = wall_time_at(from - 2 * 86400, dtstart);
  const std::int64_t gap = days_from_civil(limit.year, limit.month, limit.day) -
                           days_from_civil(dtstart.year, dtstart.month, dtstart.day);
  if (gap < period) return dtstart;
  const std::int64_t shift = gap / period * period;
  if (shift > INT_MAX) return dtstart;
  icaltimetype shifted = dtstart;
  icaltime_adjust(&shifted, static_cast<int>(shift), 0, 0, 0);
  return shifted;
}

} // namespace

std::vector<Occurrence> occurrences(const Vevent& event, const Range& range,
                                    std::size_t max_instances, StepBudget& budget) {
  const icaltimetype dtstart = *event.start;
  icalcomponent* component = event.component;

  std::unordered_set<std::string> excluded;      // recurrence ids
  std::unordered_set<std::string> excluded_days; // EXDATE;VALUE=DATE on a timed series
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_EXDATE_PROPERTY); p;
       p = icalcomponent_get_next_property(component, ICAL_EXDATE_PROPERTY)) {
    icaltimetype t = with_zone(p, icalproperty_get_exdate(p), event.calendar);
    if (!is_plausible(t)) continue;
    if (t.is_date && !dtstart.is_date)
      excluded_days.insert(recurrence_id_text(t));
    else
      excluded.insert(recurrence_id_text(t));
  }

  std::unordered_map<std::string, Occurrence> found;
  auto add = [&](const icaltimetype& t, std::int64_t start) {
    std::string id = recurrence_id_text(t);
    if (excluded.count(id) || (!excluded_days.empty() && excluded_days.count(date_key(t)))) return;
    found.try_emplace(std::move(id), Occurrence{recurrence_id_text(t), start, t});
    if (found.size() > max_instances)
      throw Failure("more than " + std::to_string(max_instances) + " event instances in the range");
  };
  auto add_if_in_range = [&](const icaltimetype& t) {
    if (!is_plausible(t)) return;
    std::int64_t start = epoch_of(t);
    if (range.contains(start)) add(t, start);
  };

  // RFC 5545: DTSTART is the first instance whether or not the rule matches it.
  add_if_in_range(dtstart);

  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY); p;
       p = icalcomponent_get_next_property(component, ICAL_RRULE_PROPERTY)) {
    icalrecurrencetype rule = icalproperty_get_rrule(p);
    if (rule.freq == ICAL_NO_RECURRENCE) continue;
    std::unique_ptr<icalrecur_iterator, IteratorFree> it(
        icalrecur_iterator_new(rule, fast_forward(rule, dtstart, range.from)));
    if (!it) continue; // a rule libical rejects adds nothing
    for (;;) {
      if (budget.left == 0)
        throw Failure("recurrence rules need more than " + std::to_string(max_iterator_steps) +
                      " steps to expand");
      --budget.left;
      icaltimetype t = icalrecur_iterator_next(it.get());
      if (icaltime_is_null_time(t)) break; // UNTIL, COUNT, or libical's last year (2582)
      t.zone = dtstart.zone;
      t.is_date = dtstart.is_date;
      if (!is_plausible(t)) break;
      std::int64_t start = epoch_of(t);
      if (start > range.to) break; // instances come in order: nothing later is in range
      if (start >= range.from) add(t, start);
    }
  }

  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY); p;
       p = icalcomponent_get_next_property(component, ICAL_RDATE_PROPERTY)) {
    icaldatetimeperiodtype rdate = icalproperty_get_rdate(p);
    icaltimetype t = icaltime_is_null_time(rdate.time) ? rdate.period.start : rdate.time;
    add_if_in_range(with_zone(p, t, event.calendar));
  }

  std::vector<Occurrence> result;
  result.reserve(found.size());
  for (auto& [id, occurrence] : found) result.push_back(std::move(occurrence));
  std::sort(result.begin(), result.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.start != b.start ? a.start < b.start : a.recurrence_id < b.recurrence_id;
  });
  return result;
}

} // namespace ally_ics
