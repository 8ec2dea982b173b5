// `ally show WHO`: the whole picture of one ally.
#include <sstream>

#include "ally/names.hpp"
#include "ally/profile.hpp"
#include "cli/commands.hpp"
#include "cli/pager.hpp"
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
    std::ostringstream text;
    render_profile(text, profile, ctx.clock().today, Style{ctx.color()});
    print_paged(ctx, text.str());
  });
}

} // namespace ally::cli
