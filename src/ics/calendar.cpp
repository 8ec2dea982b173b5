#include "calendar.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "expand.hpp"
#include "failure.hpp"
#include "ical_time.hpp"
#include "latest.hpp"
#include "vevent.hpp"

namespace ally_ics {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Tree = std::unique_ptr<icalcomponent, ComponentFree>;

// libical "parses" anything, a vCard included, into an empty or X- component; the marker
// tells a calendar from other text before that.
bool mentions_vcalendar(std::string_view text) {
  constexpr std::string_view marker = "BEGIN:VCALENDAR";
  auto it = std::search(text.begin(), text.end(), marker.begin(), marker.end(), [](char a, char b) {
    return (a >= 'a' && a <= 'z' ? static_cast<char>(a - 'a' + 'A') : a) == b;
  });
  return it != text.end();
}

// One VCALENDAR as the parser's root, or several under an XROOT (concatenated exports).
std::vector<icalcomponent*> calendars_in(icalcomponent* root) {
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) return {root};
  std::vector<icalcomponent*> found;
  for (icalcomponent* c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c;
       c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
    found.push_back(c);
  return found;
}

Instance instance_of(const Vevent& event, std::string recurrence_id, const icaltimetype& time,
                     std::int64_t start) {
  Instance instance;
  instance.uid = event.uid;
  instance.recurrence_id = std::move(recurrence_id);
  instance.sequence = event.sequence;
  instance.start = start;
  instance.day = day_text(time, start);
  instance.all_day = time.is_date != 0;
  instance.status = event.status;
  instance.summary = event.summary;
  instance.organizer = event.organizer;
  instance.attendees = event.attendees;
  return instance;
}

class Collector {
public:
  explicit Collector(Extraction& out) : m_out(out) {}
  void add(Instance instance) {
    if (m_out.events.size() >= max_instances)
      throw Failure("more than " + std::to_string(max_instances) + " event instances in the range");
    m_out.events.push_back(std::move(instance));
  }
  std::size_t room() const { return max_instances - m_out.events.size(); }

private:
  Extraction& m_out;
};

} // namespace

Extraction extract_events(const std::string& text, const Range& range) {
  if (!mentions_vcalendar(text)) throw Failure("not an iCalendar file (no BEGIN:VCALENDAR)");
  Tree root(icalparser_parse_string(text.c_str()));
  if (!root) throw Failure("cannot parse the calendar");
  const std::vector<icalcomponent*> calendars = calendars_in(root.get());
  if (calendars.empty()) throw Failure("not an iCalendar file (no VCALENDAR component)");

  Extraction out;
  std::vector<Vevent> events;
  for (icalcomponent* calendar : calendars) {
    std::vector<icalcomponent*> components; // listed first: reading one must not move the walk
    for (icalcomponent* c = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT))
      components.push_back(c);
    for (icalcomponent* c : components) {
      Vevent event = read_vevent(c, calendar, events.size());
      // An override whose RECURRENCE-ID cannot be read replaces nothing we can name.
      if (event.has_recurrence_id && !event.recurrence_id) {
        ++out.skipped.no_start;
        continue;
      }
      events.push_back(std::move(event));
    }
  }
  events = keep_latest(std::move(events));

  std::unordered_map<std::string, std::unordered_set<std::string>> overridden; // uid → ids
  for (const auto& event : events) {
    if (event.recurrence_id && !event.uid.empty())
      overridden[event.uid].insert(recurrence_id_text(*event.recurrence_id));
  }

  Collector collect(out);
  StepBudget budget;
  for (const auto& event : events) {
    if (event.recurrence_id) {
      // An override stands on its own: its own start decides, whether or not the series
      // generates the instance it replaces. Without DTSTART it keeps the original time.
      const icaltimetype time = event.start ? *event.start : *event.recurrence_id;
      const std::int64_t start = epoch_of(time);
      if (range.contains(start))
        collect.add(instance_of(event, recurrence_id_text(*event.recurrence_id), time, start));
      else
        ++out.skipped.outside_range;
      continue;
    }
    if (!event.start) {
      ++out.skipped.no_start;
      continue;
    }
    if (!event.recurring) {
      const std::int64_t start = epoch_of(*event.start);
      if (range.contains(start))
        collect.add(instance_of(event, "", *event.start, start));
      else
        ++out.skipped.outside_range;
      continue;
    }
    const auto replaced = overridden.find(event.uid);
    const auto series = occurrences(event, range, collect.room(), budget);
    if (series.empty()) ++out.skipped.outside_range;
    for (const auto& occurrence : series) {
      if (replaced != overridden.end() && replaced->second.count(occurrence.recurrence_id)) continue;
      collect.add(instance_of(event, occurrence.recurrence_id, occurrence.time, occurrence.start));
    }
  }

  std::stable_sort(out.events.begin(), out.events.end(), [](const Instance& a, const Instance& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.uid != b.uid) return a.uid < b.uid;
    return a.recurrence_id < b.recurrence_id;
  });
  return out;
}

} // namespace ally_ics
