#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "instance.hpp"
#include "vevent.hpp"

namespace ally_ics {

// Calls of libical's iterator for the whole file. A real calendar needs a few per instance
// (long-running daily and weekly series are fast-forwarded); a FREQ=SECONDLY rule with a COUNT
// in the billions, started years before the range, would otherwise run for hours.
inline constexpr std::size_t max_iterator_steps = 1'000'000;

struct StepBudget {
  std::size_t left = max_iterator_steps;
};

struct Occurrence {
  std::string recurrence_id; // the instance's original start, recurrence_id_text
  std::int64_t start = 0;
  icaltimetype time{};
};

// The instances of a recurring event that start within `range`, by start: DTSTART and every
// RRULE and RDATE, less the EXDATEs. Throws Failure when the budget runs out or the event
// alone has more than `max_instances` instances in the range.
std::vector<Occurrence> occurrences(const Vevent& event, const Range& range,
                                    std::size_t max_instances, StepBudget& budget);

} // namespace ally_ics
