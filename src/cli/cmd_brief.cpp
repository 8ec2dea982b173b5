// `ally brief WHO`: one screen before a conversation. `ally agenda`: a brief for each of the
// first allies `due` lists today, the first thing to read in the morning.
#include <fmt/format.h>

#include "ally/brief.hpp"
#include "ally/due.hpp"
#include "ally/names.hpp"
#include "ally/settings.hpp"
#include "cli/commands.hpp"
#include "render/brief_view.hpp"
#include "render/table.hpp"

namespace ally::cli {

void define_brief(CLI::App& cmd, Context& ctx) {
  auto who = std::make_shared<std::string>();
  cmd.add_option("who", *who, "The ally: number, name, nickname or prefix")->required();
  cmd.callback([who, &ctx] {
    auto& store = ctx.store(Access::read);
    const Date today = ctx.clock().today;
    auto brief = load_brief(store, resolve_ally(store, *who).number, today);
    if (ctx.options.json) return ctx.print_json(brief_json(brief, today));
    ctx.page_output(); // only when longer than the screen (less -F)
    render_brief(ctx.out, brief, today, Style{ctx.color()}, terminal_width());
  });
}

void define_agenda(CLI::App& cmd, Context& ctx) {
  auto count = std::make_shared<std::size_t>(3);
  cmd.add_option("-n,--count", *count, "How many briefs (default 3)")->check(CLI::Range(1, 50));
  cmd.callback([count, &ctx] {
    auto& store = ctx.store(Access::read);
    const Date today = ctx.clock().today;
    auto ranked = rank_due_today(store, load_rank_settings(store), today, *count);
    std::vector<Brief> briefs;
    for (const auto& row : ranked.rows) briefs.push_back(load_brief(store, row.number, today));
    if (ctx.options.json) {
      return ctx.print_json_array(briefs.size(),
                                  [&](std::size_t i) { return brief_json(briefs[i], today); });
    }
    if (briefs.empty()) {
      ctx.out << "Nobody needs attention today: no briefs. 'ally brief WHO' before any meeting.\n";
      return;
    }
    ctx.page_output();
    Style style{ctx.color()};
    ctx.out << style.dim(fmt::format("The first {} of 'ally due' today, {}:", briefs.size(),
                                     format_date(today)))
            << '\n';
    for (const auto& brief : briefs) {
      ctx.out << '\n';
      render_brief(ctx.out, brief, today, style, terminal_width());
    }
  });
}

} // namespace ally::cli
