// `ally rm WHO` (archive), `ally rm WHO --purge --yes` (delete for good), `ally restore WHO`.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {

void define_rm(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    bool purge = false;
    bool yes = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "The ally")->required();
  cmd.add_flag("--purge", o->purge, "Delete for good, with all their history (needs --yes)");
  cmd.add_flag("--yes", o->yes, "Confirm --purge");
  cmd.callback([o, &ctx] {
    if (o->purge && !o->yes) {
      throw UsageError("--purge deletes the ally and their history for good; add --yes to confirm");
    }
    auto& store = ctx.store(Access::write);
    Ally ally;
    store.write("rm", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      if (o->purge) {
        purge_ally(store, ally.meta.number);
        store.set_write_summary(fmt::format("purge {} (#{})", ally.name, ally.meta.number));
        return;
      }
      if (ally.archived) throw Conflict(fmt::format("{} (#{}) is already archived", ally.name, ally.meta.number));
      ally.archived = true;
      update_ally(store, ally);
      store.set_write_summary(fmt::format("archive {} (#{})", ally.name, ally.meta.number));
    });
    if (ctx.options.json) {
      auto doc = to_json(ally);
      if (o->purge) doc = {{"id", ally.meta.id}, {"number", ally.meta.number}, {"name", ally.name}, {"purged", true}};
      return ctx.print_json(doc);
    }
    if (o->purge) {
      ctx.out << fmt::format("Deleted {} (#{}) and their history for good.\n", ally.name, ally.meta.number);
    } else {
      ctx.out << fmt::format("Archived {} (#{}); 'ally restore {}' brings them back.\n", ally.name,
                             ally.meta.number, ally.meta.number);
    }
  });
}

void define_restore(CLI::App& cmd, Context& ctx) {
  auto who = std::make_shared<std::string>();
  cmd.add_option("who", *who, "The archived ally")->required();
  cmd.callback([who, &ctx] {
    auto& store = ctx.store(Access::write);
    Ally ally;
    store.write("restore", [&] {
      ally = get_ally(store, resolve_ally(store, *who).number);
      if (!ally.archived) throw Conflict(fmt::format("{} (#{}) is not archived", ally.name, ally.meta.number));
      ally.archived = false;
      update_ally(store, ally);
      store.set_write_summary(fmt::format("restore {} (#{})", ally.name, ally.meta.number));
    });
    if (ctx.options.json) return ctx.print_json(to_json(ally));
    ctx.out << fmt::format("Restored {} (#{}).\n", ally.name, ally.meta.number);
  });
}

} // namespace ally::cli
