// `ally snooze WHO DURATION|DATE|off`: hide an ally from `due` for a while.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {

void define_snooze(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who, until;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "The ally")->required();
  cmd.add_option("until", o->until, "A duration (2w), a date (2026-12-01, friday), or off")->required();
  cmd.callback([o, &ctx] {
    Date today = ctx.clock().today;
    std::optional<Date> until;
    if (fold(trim(o->until)) != "off") {
      until = parse_date(o->until, today, DateDirection::future);
      if (*until <= today) throw UsageError(fmt::format("bad snooze date '{}': it must be after today", o->until));
    }
    auto& store = ctx.store(Access::write);
    Ally ally;
    store.write("snooze", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      ally.snoozed_until = until;
      update_ally(store, ally);
      store.set_write_summary(until ? fmt::format("snooze {} (#{}) until {}", ally.name, ally.meta.number, format_date(*until))
                                    : fmt::format("unsnooze {} (#{})", ally.name, ally.meta.number));
    });
    if (!store.last_write_changed()) ally = get_ally(store, ally.meta.number); // rolled back
    if (ctx.report_unchanged(until ? fmt::format("{} (#{}) is already snoozed until {}", ally.name,
                                                 ally.meta.number, format_date(*until))
                                   : fmt::format("{} (#{}) is not snoozed", ally.name, ally.meta.number),
                             to_json(ally)))
      return;
    if (ctx.options.json) return ctx.print_json(to_json(ally));
    if (until) {
      ctx.out << fmt::format("Snoozed {} (#{}) until {} ({}).\n", ally.name, ally.meta.number,
                             format_date(*until), weekday_name(*until));
    } else {
      ctx.out << fmt::format("{} (#{}) is back in due.\n", ally.name, ally.meta.number);
    }
  });
}

} // namespace ally::cli
