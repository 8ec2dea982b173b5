#include "cli/to_bring_up_lines.hpp"

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/text.hpp"
#include "ally/to_bring_up.hpp"

namespace ally::cli {

void print_open_to_bring_up(Context& ctx, Store& store, const std::vector<std::int64_t>& allies) {
  for (auto number : allies) {
    auto open = open_to_bring_up(store, number);
    if (open.empty()) continue;
    Ally ally = get_ally(store, number);
    ctx.out << fmt::format("Still to bring up with {} (#{}):\n", ally.name, number);
    for (const auto& item : open) {
      ctx.out << fmt::format("  #{} {} · done: ally next done {}\n", item.meta.number,
                             truncate_to_width(item.text, 60), item.meta.number);
    }
  }
}

} // namespace ally::cli
