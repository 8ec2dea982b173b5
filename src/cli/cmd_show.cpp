// `ally show WHO`: the whole picture of one ally.

#include "ally/names.hpp"
#include "ally/profile.hpp"
#include "cli/commands.hpp"
#include "render/profile_view.hpp"
#include "render/table.hpp"

namespace ally::cli {

void define_show(CLI::App& cmd, Context& ctx) {
  auto who = std::make_shared<std::string>();
  cmd.add_option("who", *who, "The ally: number, name, nickname or prefix")->required();
  cmd.callback([who, &ctx] {
    auto& store = ctx.store(Access::read);
    auto profile = load_profile(store, resolve_ally(store, *who).number, ctx.clock().today);
    if (ctx.options.json) return ctx.print_json(profile_json(profile, ctx.clock().today));
    ctx.page_output();
    render_profile(ctx.out, profile, ctx.clock().today, Style{ctx.color()}, terminal_width());
  });
}

} // namespace ally::cli
