// `ally add NAME [fields…]`: a new ally.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/error.hpp"
#include "ally/text.hpp"
#include "cli/ally_fields.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {

void define_add(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string name;
    AllyFields fields;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("name", o->name, "Full name")->required();
  declare_ally_fields(cmd, o->fields, FieldsFor::add);
  cmd.callback([o, &ctx] {
    if (trim(o->name).empty()) throw UsageError("empty name: an ally needs a name");
    Ally ally;
    ally.name = trim(o->name);
    if (ally.name.find('\0') != std::string::npos) throw UsageError("name contains a NUL byte");
    apply_ally_fields(o->fields, ally, FieldsFor::add);
    auto birthday = birthday_option(o->fields, ctx.clock().today);
    auto& store = ctx.store(Access::write);
    store.write("add " + ally.name, [&] {
      insert_ally(store, ally);
      if (birthday) set_important_date(store, ally.meta.number, "birthday", *birthday, true);
      store.set_write_summary(fmt::format("add {} (#{})", ally.name, ally.meta.number));
      ally = get_ally(store, ally.meta.number);
    });
    if (ctx.options.json) return ctx.print_json(to_json(ally));
    ctx.out << fmt::format("Added {} (#{}).\n", ally.name, ally.meta.number);
  });
}

} // namespace ally::cli
