#pragma once
#include <vector>

#include "vevent.hpp"

namespace ally_ics {

// Calendars hold several copies of one event when an export merges updates: of the copies
// with one UID and RECURRENCE-ID, the highest SEQUENCE is the current one (the later in the
// file on a tie). Events without a UID cannot be told apart and are all kept. File order is
// kept otherwise.
std::vector<Vevent> keep_latest(std::vector<Vevent> events);

} // namespace ally_ics
