#pragma once
#include <cstdint>
#include <string>

namespace ally_ics {

struct Options {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::string file; // "-" is stdin
  bool help = false;
};

inline constexpr const char* usage_text = "usage: ally-ics --from EPOCH --to EPOCH FILE";

// Throws UsageError.
Options parse_options(int argc, char** argv);

} // namespace ally_ics
