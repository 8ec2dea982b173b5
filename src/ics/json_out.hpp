#pragma once
#include <string>

#include "instance.hpp"

namespace ally_ics {

inline constexpr const char* output_format = "ally-ics/1";

// One JSON object and a newline. Bytes that are not UTF-8 (a Latin-1 export) become U+FFFD
// instead of failing the whole calendar.
std::string render_json(const Extraction& extraction);

} // namespace ally_ics
