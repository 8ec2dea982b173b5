// `ally check`: SQLite's integrity check and ally's own consistency rules, one line per check.
#include <fmt/format.h>

#include "ally/check.hpp"
#include "ally/error.hpp"
#include "cli/commands.hpp"
#include "render/table.hpp"

namespace ally::cli {

void define_check(CLI::App& cmd, Context& ctx) {
  cmd.callback([&ctx] {
    auto& store = ctx.store(Access::read);
    auto outcomes = check_store(store);
    std::size_t failed = 0;
    for (const auto& c : outcomes) failed += c.problems.empty() ? 0 : 1;
    if (ctx.options.json) {
      auto checks = nlohmann::json::array();
      for (const auto& c : outcomes) {
        nlohmann::json j{{"name", c.name},
                         {"description", c.description},
                         {"ok", c.problems.empty()},
                         {"problems", c.problems}};
        if (!c.skipped.empty()) j["skipped"] = c.skipped;
        checks.push_back(j);
      }
      ctx.print_json({{"store", store.path()}, {"ok", failed == 0}, {"checks", checks}});
    } else {
      Style style{ctx.color()};
      for (const auto& c : outcomes) {
        std::string mark = !c.problems.empty() ? style.red("FAIL")
                           : !c.skipped.empty() ? style.yellow("skip")
                                                : style.green("ok  ");
        ctx.out << fmt::format("{}  {}\n", mark, c.description);
        if (!c.skipped.empty()) ctx.out << fmt::format("      {}\n", c.skipped);
        for (const auto& p : c.problems) ctx.out << fmt::format("      {}\n", p);
      }
      if (failed == 0) {
        ctx.out << fmt::format("All {} checks passed: {} is sound.\n", outcomes.size(),
                               store.exists_on_disk() ? store.path() : "the (empty) store");
      }
    }
    if (failed > 0) {
      throw StoreError(fmt::format("{} of {} checks found problems in {}", failed, outcomes.size(),
                                   store.path()),
                       "keep a copy ('ally backup'); an earlier backup or 'ally export' and "
                       "'ally import' into a new store can bring the data back");
    }
  });
}

} // namespace ally::cli
