// `ally timeline [WHO] [--since DATE|DURATION]`: what you logged and the introductions you made,
// newest first, across all allies or for one.
#include <fmt/format.h>

#include "ally/interactions.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/table.hpp"
#include "render/timeline_view.hpp"

namespace ally::cli {
namespace {

// A bare duration ("2w") means that long ago; anything else is a past-context date.
Date parse_since(const std::string& text, Date today) {
  std::string t = trim(text);
  bool duration = !t.empty() && t.front() >= '0' && t.front() <= '9' &&
                  t.find_first_of(" -") == std::string::npos;
  if (duration)
    return today - std::chrono::days{parse_duration_days(t)};
  return parse_date(t, today, DateDirection::past);
}

} // namespace

void define_timeline(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    std::string since;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "Only this ally's timeline")->check(non_empty("ally name"));
  cmd.add_option("--since", o->since,
                 "From this date (2026-11-01, monday) or this long ago (2w, 3m)");
  cmd.callback([o, &ctx] {
    const Date today = ctx.clock().today;
    TimelineQuery query;
    if (!o->since.empty())
      query.since = parse_since(o->since, today);
    auto& store = ctx.store(Access::read);
    std::optional<NameMatch> ally;
    if (!o->who.empty()) {
      ally = resolve_ally(store, o->who);
      query.ally = ally->number;
    }
    auto entries = timeline(store, query);
    if (ctx.options.json) {
      auto doc = nlohmann::json::array();
      for (const auto& e : entries)
        doc.push_back(timeline_entry_json(e));
      return ctx.print_json(doc);
    }
    if (entries.empty()) {
      std::string since = query.since ? " since " + format_date(*query.since) : "";
      if (ally) {
        ctx.out << fmt::format("Nothing logged with {} (#{}){}.\n", ally->name, ally->number,
                               since);
      } else if (query.since) {
        ctx.out << fmt::format("Nothing logged{}.\n", since);
      } else {
        ctx.out << "Nothing logged yet. After a conversation: ally log Rachel \"coffee; talked "
                   "about the Strokes\" --kind coffee\n";
      }
      return;
    }
    ctx.page_output();
    render_timeline(ctx.out, entries, Style{ctx.color()}, terminal_width(), today,
                    ally ? std::optional<std::int64_t>(ally->number) : std::nullopt);
  });
}

} // namespace ally::cli
