#pragma once
#include <cstddef>
#include <string>

namespace ally_ics {

// Beyond this no calendar is real, and libical would hold several times it in memory.
inline constexpr std::size_t max_input_bytes = std::size_t{256} << 20;

// The whole file ("-": stdin). Throws Failure when it cannot be read or is too large.
std::string read_input(const std::string& file);

} // namespace ally_ics
