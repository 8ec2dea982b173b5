#include "cli/favor_lines.hpp"

#include "render/ally_view.hpp"

#include <fmt/format.h>

#include "ally/profile.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"

namespace ally::cli {

void print_recorded_favor(Context& ctx, Store& store, const Favor& favor, const Ally& ally) {
  // How much of a favor's text a one-line confirmation quotes.
  constexpr std::size_t quoted_width = 60;
  const Date today = ctx.clock().today;
  const std::string who = who_text(ally);
  const std::string text = truncate_to_width(favor.text, quoted_width);
  if (favor.due) {
    ctx.out << fmt::format("Recorded promise #{} to {}: {}, due {} {} ({}).\n", favor.meta.number,
                           who, text, weekday_name(*favor.due), format_date(*favor.due),
                           format_relative(*favor.due, today));
    auto silenced = check_in_silenced(ally, load_rank_settings(store), today);
    if (!silenced.empty()) {
      ctx.out << fmt::format("{} is {}: this promise still comes up in 'ally due'.\n",
                             truncate_to_width(ally.name, quoted_width), silenced);
    }
  } else {
    ctx.out << fmt::format("Recorded favor #{} {} {}: {}.\n", favor.meta.number,
                           favor.direction == FavorDirection::gave ? "for" : "from", who, text);
  }
}

} // namespace ally::cli
