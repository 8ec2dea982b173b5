#include "options.hpp"

#include <charconv>
#include <optional>
#include <string_view>

#include "failure.hpp"

namespace ally_ics {
namespace {

// Years 1 to 9999 hold every date libical and the C library convert without overflow.
constexpr std::int64_t min_epoch = -62135596800; // 0001-01-01T00:00:00Z
constexpr std::int64_t max_epoch = 253402300799; // 9999-12-31T23:59:59Z

std::int64_t parse_epoch(std::string_view name, std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end)
    throw UsageError(std::string(name) + " needs whole seconds since 1970, not '" +
                     std::string(text) + "'");
  if (value < min_epoch || value > max_epoch)
    throw UsageError(std::string(name) + " is outside the years 1 to 9999");
  return value;
}

} // namespace

Options parse_options(int argc, char** argv) {
  Options options;
  std::optional<std::int64_t> from, to;
  std::optional<std::string> file;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!options_done && arg.size() > 1 && arg.front() == '-') {
      if (arg == "--") {
        options_done = true;
        continue;
      }
      if (arg == "--help" || arg == "-h") {
        options.help = true;
        return options;
      }
      std::string_view name = arg, value;
      bool inline_value = false;
      if (auto eq = arg.find('='); eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        value = arg.substr(eq + 1);
        inline_value = true;
      }
      if (name != "--from" && name != "--to") throw UsageError("unknown option " + std::string(name));
      if (!inline_value) {
        if (i + 1 >= argc) throw UsageError(std::string(name) + " needs a value");
        value = argv[++i];
      }
      auto& slot = name == "--from" ? from : to;
      if (slot) throw UsageError(std::string(name) + " given twice");
      slot = parse_epoch(name, value);
      continue;
    }
    if (file) throw UsageError("one FILE only (got '" + *file + "' and '" + std::string(arg) + "')");
    file = std::string(arg);
  }
  if (!from) throw UsageError("--from is required");
  if (!to) throw UsageError("--to is required");
  if (!file) throw UsageError("FILE is required (- for stdin)");
  if (*from > *to) throw UsageError("--from is after --to");
  options.from = *from;
  options.to = *to;
  options.file = *file;
  return options;
}

} // namespace ally_ics
