#pragma once
// One VEVENT read into plain values, before duplicates are resolved and recurrences expanded.
#include <libical/ical.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "instance.hpp"

namespace ally_ics {

struct Vevent {
  icalcomponent* component = nullptr; // inside the parsed tree, which outlives this
  icalcomponent* calendar = nullptr;  // its VCALENDAR, where its TZIDs are looked up
  std::size_t order = 0;              // position in the file: the later copy wins a tie
  std::string uid;
  bool has_recurrence_id = false;
  std::optional<icaltimetype> recurrence_id; // set when has_recurrence_id and readable
  int sequence = 0;
  std::optional<icaltimetype> start; // DTSTART, when present and a real date
  bool recurring = false;            // has RRULE or RDATE
  std::string status;
  std::string summary;
  std::optional<Person> organizer;
  std::vector<Attendee> attendees;
};

Vevent read_vevent(icalcomponent* component, icalcomponent* calendar, std::size_t order);

} // namespace ally_ics
