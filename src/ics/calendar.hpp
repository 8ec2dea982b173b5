#pragma once
#include <cstddef>
#include <string>

#include "instance.hpp"

namespace ally_ics {

// More output than any person's calendar holds in a range; a FREQ=SECONDLY rule reaches it
// in well under a second, and the caller gets an error instead of gigabytes of JSON.
inline constexpr std::size_t max_instances = 200'000;

// The events of an iCalendar text that start within `range`, sorted by start, uid and
// recurrence id. Throws Failure when the text is not an iCalendar or expands too far.
Extraction extract_events(const std::string& text, const Range& range);

} // namespace ally_ics
