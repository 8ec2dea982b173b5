// `ally brief WHO`: one screen before a conversation. `ally agenda`: a brief for each ally on
// today's calendar, then the first allies `due` lists today: the first thing to read in the
// morning.
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "ally/brief.hpp"
#include "ally/due.hpp"
#include "ally/exchange.hpp"
#include "ally/interactions.hpp"
#include "ally/names.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/brief_view.hpp"
#include "render/table.hpp"

namespace ally::cli {
namespace brief_cmd {
namespace {

// "15:00": when a planned meeting starts, in the time zone ally runs in.
std::string local_clock_time(std::int64_t start) {
  const std::time_t t = static_cast<std::time_t>(start);
  std::tm local{};
  if (!::localtime_r(&t, &local))
    return "--:--";
  return fmt::format("{:02}:{:02}", local.tm_hour, local.tm_min);
}

} // namespace
} // namespace brief_cmd

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
  using brief_cmd::local_clock_time;
  auto count = std::make_shared<std::size_t>(3);
  cmd.add_option("-n,--count", *count, "How many briefs (default 3)")->check(CLI::Range(1, 50));
  cmd.callback([count, &ctx] {
    auto& store = ctx.store(Access::read);
    const Date today = ctx.clock().today;
    // Whom the imported calendar says you meet today come first (those met already, then the
    // planned meetings by start); `due` fills the rest.
    auto meeting = calendar_allies_on(store, today);
    const auto planned = planned_meetings_on(store, today);
    std::map<std::int64_t, const PlannedMeeting*> plan_of;
    for (const auto& p : planned)
      for (auto ally : p.allies)
        if (std::find(meeting.begin(), meeting.end(), ally) == meeting.end()) {
          meeting.push_back(ally);
          plan_of[ally] = &p;
        }
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
      return ctx.print_json_array(briefs.size(), [&](std::size_t i) {
        auto item = brief_json(briefs[i], today);
        if (auto it = plan_of.find(who[i]); it != plan_of.end())
          item["planned_meeting"] = {{"id", it->second->id},
                                     {"summary", it->second->summary},
                                     {"starts", local_clock_time(it->second->start)}};
        return item;
      });
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
    for (std::size_t i = 0; i < briefs.size(); ++i) {
      ctx.out << '\n';
      if (auto it = plan_of.find(who[i]); it != plan_of.end())
        ctx.out << style.dim(fmt::format("At {}: {}", local_clock_time(it->second->start),
                                         truncate_to_width(it->second->summary,
                                                           terminal_width() > 12 ? terminal_width() - 10 : 60)))
                << '\n';
      render_brief(ctx.out, briefs[i], today, style, terminal_width());
    }
  });
}

} // namespace ally::cli
