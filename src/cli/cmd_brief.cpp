// `ally brief WHO`: one screen before a conversation. `ally agenda`: a brief for each ally on
// today's calendar, then the first allies `due` lists today: the first thing to read in the
// morning.
#include <fmt/format.h>

#include <algorithm>

#include "ally/brief.hpp"
#include "ally/due.hpp"
#include "ally/interactions.hpp"
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
    // Whom the imported calendar says you meet today come first; `due` fills the rest.
    auto meeting = calendar_allies_on(store, today);
    if (meeting.size() > *count) meeting.resize(*count);
    std::vector<std::int64_t> who = meeting;
    auto ranked = rank_due_today(store, load_rank_settings(store), today, *count + who.size());
    for (const auto& row : ranked.rows) {
      if (who.size() == *count) break;
      if (std::find(who.begin(), who.end(), row.number) == who.end()) who.push_back(row.number);
    }
    std::vector<Brief> briefs;
    for (auto number : who) briefs.push_back(load_brief(store, number, today));
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
    std::string header =
        meeting.empty()
            ? fmt::format("The first {} of 'ally due' today, {}:", briefs.size(), format_date(today))
            : fmt::format("{} on today's calendar ({})", meeting.size(), format_date(today));
    if (!meeting.empty() && briefs.size() > meeting.size())
      header += fmt::format(", then the first {} of 'ally due'", briefs.size() - meeting.size());
    ctx.out << style.dim(meeting.empty() ? header : header + ":") << '\n';
    for (const auto& brief : briefs) {
      ctx.out << '\n';
      render_brief(ctx.out, brief, today, style, terminal_width());
    }
  });
}

} // namespace ally::cli
