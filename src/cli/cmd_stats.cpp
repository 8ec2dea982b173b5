// `ally stats`: the network at a glance. Read-only.
#include "ally/insights.hpp"
#include "cli/commands.hpp"
#include "render/stats_view.hpp"
#include "render/table.hpp"

namespace ally::cli {

void define_stats(CLI::App& cmd, Context& ctx) {
  cmd.callback([&ctx] {
    auto& store = ctx.store(Access::read);
    auto stats = network_stats(store, ctx.clock().today);
    if (ctx.options.json) return ctx.print_json(stats_json(stats));
    render_stats(ctx.out, stats, Style{ctx.color()}, terminal_width());
  });
}

} // namespace ally::cli
