// `ally snooze WHO DURATION|DATE|off [--all]`: quiet an ally's check-in for a while, or with
// --all everything about them, saying what that hides.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/due.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "ally/ranking.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

// What `due` would still list for the ally if only snoozed: what `--all` now hides.
std::vector<std::string> hidden_by_silence(Store& store, std::int64_t number, Date today) {
  auto settings = load_rank_settings(store);
  auto input = load_rank_input(store, settings, today, number);
  if (!input) return {};
  RankOptions options;
  options.today = today;
  RankedRow row = explain_one(*input, settings, options);
  std::vector<std::string> reasons;
  for (const auto& t : row.hidden) reasons.push_back(t.reason);
  return reasons;
}

} // namespace

void define_snooze(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who, until;
    bool all = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "The ally")->required();
  cmd.add_option("until", o->until, "A duration (2w), a date (2026-12-01, friday), or off")->required();
  cmd.add_flag("--all", o->all,
               "Silence everything about them until then, promises and thanks too (due says what it hides)");
  cmd.callback([o, &ctx] {
    Date today = ctx.clock().today;
    std::optional<Date> until;
    if (fold(trim(o->until)) != "off") {
      until = parse_date(o->until, today, DateDirection::future);
      if (*until <= today) throw UsageError(fmt::format("bad snooze date '{}': it must be after today", o->until));
    } else if (o->all) {
      throw UsageError("'snooze WHO off' ends any snooze; leave out --all");
    }
    auto& store = ctx.store(Access::write);
    Ally ally;
    store.write("snooze", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      ally.snoozed_until = until;
      ally.snooze_all = until && o->all;
      update_ally(store, ally);
      store.set_write_summary(
          until ? fmt::format("snooze {} (#{}) until {}{}", ally.name, ally.meta.number,
                              format_date(*until), o->all ? ", everything" : "")
                : fmt::format("unsnooze {} (#{})", ally.name, ally.meta.number));
    });
    if (!store.last_write_changed()) ally = get_ally(store, ally.meta.number); // rolled back
    const std::string& name = ally.name;
    if (ctx.report_unchanged(until ? fmt::format("{} (#{}) is already snoozed{} until {}", name,
                                                 ally.meta.number, o->all ? " --all" : "",
                                                 format_date(*until))
                                   : fmt::format("{} (#{}) is not snoozed", name, ally.meta.number),
                             to_json(ally)))
      return;
    std::vector<std::string> hidden;
    if (ally.snooze_all) hidden = hidden_by_silence(store, ally.meta.number, today);
    if (ctx.options.json) {
      auto doc = to_json(ally);
      doc["hidden"] = hidden;
      return ctx.print_json(doc);
    }
    if (until) {
      ctx.out << fmt::format("Snoozed {} (#{}) until {} ({}){}.\n", name, ally.meta.number,
                             format_date(*until), weekday_name(*until),
                             ally.snooze_all ? ": due shows nothing about them until then"
                                             : "; what you owe them still comes up");
    } else {
      ctx.out << fmt::format("{} (#{}) is back in due.\n", name, ally.meta.number);
    }
    ctx.out.flush();
    for (const auto& reason : hidden) {
      ctx.err << fmt::format("ally: warning: snooze --all hides {}\n", reason);
    }
  });
}

} // namespace ally::cli
