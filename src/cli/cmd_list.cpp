// `ally list [filters] [--sort name|last|due]`: a table of allies with their last contact.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/due.hpp"
#include "ally/error.hpp"
#include "ally/profile.hpp"
#include "ally/settings.hpp"
#include "cli/ally_fields.hpp"
#include "cli/commands.hpp"
#include "cli/welcome.hpp"
#include "render/ally_view.hpp"
#include "render/records_json.hpp"
#include "render/table.hpp"

namespace ally::cli {

void define_list(CLI::App& cmd, Context& ctx) {
  struct Options {
    AllyFilter filter;
    std::string sort = "name";
  };
  auto o = std::make_shared<Options>();
  auto& f = o->filter;
  declare_ally_filters(cmd, f);
  cmd.add_option("--sort", o->sort, "Order: name, last (longest since contact first) or due")
      ->check(CLI::IsMember({"name", "last", "due"}));
  cmd.callback([o, &ctx] {
    auto& store = ctx.store(Access::read);
    // The table shows none of the many-valued fields; JSON gives every field.
    AllyFilter filter = o->filter;
    filter.with_lists = ctx.options.json;
    auto allies = list_allies(store, filter);
    auto settings = load_rank_settings(store);
    Date today = ctx.clock().today;
    struct Row {
      Ally ally;
      CheckIn check_in;
    };
    std::vector<Row> rows;
    rows.reserve(allies.size());
    for (auto& a : allies) {
      auto check_in = check_in_of(a, settings);
      rows.push_back({std::move(a), check_in});
    }
    if (o->sort == "last") {
      // Longest since contact (or since added) first.
      std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
        return x.ally.last_contact.value_or(x.ally.added) < y.ally.last_contact.value_or(y.ally.added);
      });
    } else if (o->sort == "due") {
      // Those `ally due` lists today first, in its order; then the rest by next check-in.
      std::unordered_map<std::int64_t, std::size_t> due_order;
      auto due = rank_due_today(store, settings, today);
      for (std::size_t i = 0; i < due.rows.size(); ++i) due_order.emplace(due.rows[i].number, i);
      auto place = [&](const Row& r) {
        auto found = due_order.find(r.ally.meta.number);
        return found == due_order.end() ? due_order.size() : found->second;
      };
      std::stable_sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
        if (place(x) != place(y)) return place(x) < place(y);
        if (x.check_in.next.has_value() != y.check_in.next.has_value()) return x.check_in.next.has_value();
        return x.check_in.next < y.check_in.next;
      });
    }
    if (ctx.options.json) {
      auto doc = nlohmann::json::array();
      for (const auto& r : rows) doc.push_back(ally_with_check_in_json(r.ally, r.check_in));
      return ctx.print_json(doc);
    }
    if (rows.empty()) {
      if (any_filter(o->filter)) {
        ctx.out << "No allies match.\n";
      } else if (store_is_new(store)) {
        print_welcome(ctx.out);
      } else {
        ctx.out << "No allies yet. Add one with: ally add \"Rachel Green\" --circle core\n";
      }
      return;
    }
    Style style{ctx.color()};
    Table table({"#", "NAME", "CIRCLE", "ORG", "LAST CONTACT", "NEXT"});
    for (const auto& r : rows) {
      table.add({std::to_string(r.ally.meta.number), r.ally.name, r.ally.circle, r.ally.org,
                 last_contact_text(r.ally, today), next_check_in_text(r.ally, r.check_in, today)});
    }
    ctx.page_output();
    table.print(ctx.out, style, terminal_width());
  });
}

} // namespace ally::cli
