// `ally config [KEY [VALUE]]`, `ally config --unset KEY`: settings kept in the store.
#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/settings.hpp"
#include "cli/commands.hpp"
#include "render/table.hpp"

namespace ally::cli {

void define_config(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string key, value;
    bool unset = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("key", o->key, "Setting name, e.g. due.cadence.core or due.weight.promise")
      ->check(non_empty("setting name"));
  cmd.add_option("value", o->value, "New value")->check(non_empty("value (--unset KEY restores the default)"));
  cmd.add_flag("--unset", o->unset, "Remove the setting so its default applies again");
  cmd.callback([o, &ctx] {
    if (o->unset) {
      if (o->key.empty() || !o->value.empty()) throw UsageError("--unset takes one KEY");
      auto& store = ctx.store(Access::write);
      bool removed = store.write("config --unset " + o->key, [&] { return unset_setting(store, o->key); });
      if (!removed) {
        if (ctx.options.json) {
          return ctx.print_json({{"key", o->key}, {"unset", false}, {"changed", false}});
        }
        ctx.out << fmt::format("nothing to change: {} is not set\n", o->key);
        return;
      }
      if (ctx.options.json) return ctx.print_json({{"key", o->key}, {"unset", true}});
      ctx.out << fmt::format("{} is back to its default.\n", o->key);
      return;
    }
    if (!o->key.empty() && !o->value.empty()) {
      auto& store = ctx.store(Access::write);
      std::string stored = store.write(fmt::format("config {} {}", o->key, o->value),
                                       [&] { return set_setting(store, o->key, o->value); });
      if (ctx.report_unchanged(fmt::format("{} is already {}", o->key, stored),
                               {{"key", o->key}, {"value", stored}}))
        return;
      if (ctx.options.json) return ctx.print_json({{"key", o->key}, {"value", stored}});
      ctx.out << fmt::format("{} = {}\n", o->key, stored);
      return;
    }
    auto& store = ctx.store(Access::read);
    auto stored = stored_settings(store);
    struct Row {
      std::string key, value, default_value;
      bool set;
    };
    std::vector<Row> rows;
    for (const auto& info : known_settings()) {
      auto it = stored.find(info.key);
      rows.push_back({info.key, it != stored.end() ? it->second : info.default_value, info.default_value,
                      it != stored.end()});
    }
    for (const auto& [key, value] : stored) {
      bool known = false;
      for (const auto& info : known_settings()) known = known || info.key == key;
      if (!known) rows.push_back({key, value, "", true});
    }
    if (!o->key.empty()) {
      std::erase_if(rows, [&](const Row& r) { return r.key != o->key; });
      if (rows.empty()) {
        check_setting_key(o->key); // throws for an unknown key, listing the valid ones
        rows.push_back({o->key, "", "", false});
      }
    }
    if (ctx.options.json) {
      auto doc = nlohmann::json::object();
      for (const auto& r : rows) {
        doc[r.key] = {{"value", r.value.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.value)},
                      {"default", r.default_value.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.default_value)},
                      {"set", r.set}};
      }
      return ctx.print_json(doc);
    }
    if (!o->key.empty()) {
      ctx.out << (rows.front().value.empty() ? "(not set)" : rows.front().value) << '\n';
      return;
    }
    Table table({"KEY", "VALUE", "DEFAULT"});
    for (const auto& r : rows) {
      table.add({r.key, r.value.empty() ? "-" : r.value,
                 r.set ? (r.default_value.empty() ? "-" : r.default_value) : "(default)"});
    }
    table.print(ctx.out, Style{ctx.color()}, terminal_width());
  });
}

} // namespace ally::cli
