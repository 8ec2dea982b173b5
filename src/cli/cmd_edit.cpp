// `ally edit WHO [fields…]`: change an ally's fields.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "cli/ally_fields.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {

void define_edit(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    AllyFields fields;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "The ally: number, name, nickname or prefix")->required();
  declare_ally_fields(cmd, o->fields, FieldsFor::edit);
  cmd.callback([o, &ctx] {
    auto fields_given = ally::cli::fields_given(o->fields);
    if (fields_given == 0) {
      throw UsageError("nothing to change: give the fields to change",
                       fmt::format("e.g. ally edit {} --org ACME; see 'ally edit --help'", o->who));
    }
    auto birthday = birthday_option(o->fields, ctx.clock().today);
    auto& store = ctx.store(Access::write);
    std::vector<std::string> notes;
    Ally ally;
    store.write("edit", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      notes = apply_ally_fields(o->fields, ally, FieldsFor::edit);
      update_ally(store, ally);
      if (birthday) set_important_date(store, ally.meta.number, "birthday", *birthday, true);
      store.set_write_summary(fmt::format("edit {} (#{})", ally.name, ally.meta.number));
      ally = get_ally(store, ally.meta.number);
    });
    // A write that changed nothing was rolled back: show the ally as it is.
    if (!store.last_write_changed()) ally = get_ally(store, ally.meta.number);
    if (ctx.report_unchanged(fmt::format("{} (#{}) already has {}", ally.name, ally.meta.number,
                                         fields_given == 1 ? "that value" : "those values"),
                             to_json(ally)))
      return;
    if (ctx.options.json) return ctx.print_json(to_json(ally));
    ctx.out << fmt::format("Updated {} (#{}).\n", ally.name, ally.meta.number);
    for (const auto& note : notes) ctx.out << fmt::format("Note: {}.\n", note);
  });
}

} // namespace ally::cli
