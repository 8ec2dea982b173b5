// `ally list [filters] [--sort name|last|due]`: a table of allies with their last contact.
#include <algorithm>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/profile.hpp"
#include "ally/settings.hpp"
#include "cli/commands.hpp"
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
  cmd.add_option("--tag", f.tag, "Only allies with this tag");
  cmd.add_option("--circle", f.circle, "Only allies in this circle");
  cmd.add_option("--rel", f.relationship, "Only allies with this relationship");
  cmd.add_option("--interest", f.interest, "Only allies who share this interest");
  cmd.add_option("--org", f.org, "Only allies whose organisation contains this");
  cmd.add_option("--city", f.city, "Only allies whose city contains this");
  cmd.add_option("--knows", f.knows, "Only allies with this expertise");
  cmd.add_flag("--archived", f.archived, "List archived allies instead");
  cmd.add_flag("--untracked", f.untracked, "Only allies with no check-in cadence");
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
      std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
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
      bool filtered = o->filter.archived || o->filter.untracked || !o->filter.tag.empty() ||
                      !o->filter.circle.empty() || !o->filter.relationship.empty() ||
                      !o->filter.interest.empty() || !o->filter.org.empty() ||
                      !o->filter.city.empty() || !o->filter.knows.empty();
      ctx.out << (filtered ? "No allies match.\n"
                           : "No allies yet. Add one with: ally add \"Rachel Green\" --circle core\n");
      return;
    }
    Style style{ctx.color()};
    Table table({"#", "NAME", "CIRCLE", "ORG", "LAST CONTACT", "NEXT"});
    for (const auto& r : rows) {
      table.add({std::to_string(r.ally.meta.number), r.ally.name, r.ally.circle, r.ally.org,
                 last_contact_text(r.ally, today), next_check_in_text(r.ally, r.check_in, today)});
    }
    table.print(ctx.out, style, terminal_width());
  });
}

} // namespace ally::cli
