#pragma once
// The number a user types for a favor, a log entry or an introduction: `3` or `#3`.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/text.hpp"

namespace ally::cli {

// Throws UsageError("bad favor number 'x'") unless `text` is a positive number, with or
// without a leading '#'. `what` names the record kind ("favor").
inline std::int64_t parse_record_number(std::string_view text, std::string_view what) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '#') digits.remove_prefix(1);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
      value <= 0) {
    throw UsageError(fmt::format("bad {} number '{}'", what, truncate_to_width(text, 40)),
                     "use the number shown in the list, e.g. 3 or '#3'");
  }
  return value;
}

} // namespace ally::cli
