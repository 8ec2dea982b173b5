// `ally dupes`: allies that may be one person, with the evidence and the command that merges
// them. Nothing is merged here: the user decides.
#include <fmt/format.h>

#include "ally/dupes.hpp"
#include "cli/commands.hpp"
#include "render/table.hpp"

namespace ally::cli {
namespace {

std::string evidence_text(const std::vector<Evidence>& evidence) {
  std::string out;
  for (const auto& e : evidence) {
    if (!out.empty()) out += ", ";
    out += e.kind == "name" ? std::string("same name") : fmt::format("same {} {}", e.kind, e.value);
  }
  return out;
}

nlohmann::json ally_json(const NameMatch& m) { return {{"number", m.number}, {"name", m.name}}; }

} // namespace

void define_dupes(CLI::App& cmd, Context& ctx) {
  cmd.callback([&ctx] {
    auto& store = ctx.store(Access::read);
    auto pairs = store.exists_on_disk() ? likely_duplicates(store) : std::vector<LikelyDuplicate>{};
    if (ctx.options.json) {
      auto doc = nlohmann::json::array();
      for (const auto& p : pairs) {
        auto evidence = nlohmann::json::array();
        for (const auto& e : p.evidence) evidence.push_back({{"kind", e.kind}, {"value", e.value}});
        doc.push_back({{"first", ally_json(p.first)},
                       {"second", ally_json(p.second)},
                       {"evidence", evidence},
                       {"merge", fmt::format("ally merge {} {}", p.first.number, p.second.number)}});
      }
      return ctx.print_json(doc);
    }
    if (pairs.empty()) {
      ctx.out << "No likely duplicates.\n";
      return;
    }
    Table table({"FIRST", "SECOND", "MERGE", "EVIDENCE"});
    for (const auto& p : pairs) {
      table.add({fmt::format("#{} {}", p.first.number, p.first.name),
                 fmt::format("#{} {}", p.second.number, p.second.name),
                 fmt::format("ally merge {} {}", p.first.number, p.second.number),
                 evidence_text(p.evidence)});
    }
    // The evidence is what the user decides on: it keeps two fifths of the line.
    table.keep_last(terminal_width() * 2 / 5);
    table.print(ctx.out, Style{ctx.color()}, terminal_width());
    ctx.out << fmt::format("{} {}. 'ally merge --dry-run' shows a merge; 'ally undo' takes one "
                           "back.\n",
                           pairs.size(), pairs.size() == 1 ? "pair" : "pairs");
  });
}

} // namespace ally::cli
