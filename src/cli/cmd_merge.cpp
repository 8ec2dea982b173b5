// `ally merge KEEP OTHER`: two records that are one person become KEEP.
#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/merge.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ", ") + item;
  return out;
}

void print_report(std::ostream& out, const MergeReport& r, bool dry_run) {
  out << fmt::format("{} {} (#{}) into {} (#{}).\n", dry_run ? "Would merge" : "Merged",
                     r.other.name, r.other.meta.number, r.keep.name, r.keep.meta.number);
  std::vector<std::string> moved;
  if (r.interactions)
    moved.push_back(counted(r.interactions, "conversation", "conversations"));
  if (r.favors)
    moved.push_back(counted(r.favors, "favor", "favors"));
  if (r.to_bring_up)
    moved.push_back(counted(r.to_bring_up, "thing to bring up", "things to bring up"));
  if (r.introductions)
    moved.push_back(counted(r.introductions, "introduction", "introductions"));
  if (r.dates)
    moved.push_back(counted(r.dates, "date", "dates"));
  if (!moved.empty())
    out << "Moved: " << listed(moved) << ".\n";
  std::vector<std::string> added = r.united;
  if (r.interests)
    added.insert(added.begin(), counted(r.interests, "interest", "interests"));
  if (!added.empty())
    out << "Added: " << listed(added) << ".\n";
  if (!r.filled.empty())
    out << "Filled in: " << listed(r.filled) << ".\n";
  std::vector<std::string> dropped;
  if (r.dropped_introductions) {
    dropped.push_back(counted(r.dropped_introductions, "introduction of the two to each other",
                              "introductions of the two to each other"));
  }
  for (const auto& label : r.dropped_dates) {
    dropped.push_back(fmt::format("{}'s \"{}\" (kept {}'s)", r.other.name, label, r.keep.name));
  }
  if (!dropped.empty())
    out << "Dropped: " << listed(dropped) << ".\n";
  out << (dry_run ? "Nothing was changed (--dry-run).\n" : "'ally undo' takes the merge back.\n");
}

} // namespace

void define_merge(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string keep;
    std::string other;
    bool dry_run = false;
  };
  struct RollBack {};
  auto o = std::make_shared<Options>();
  cmd.add_option("keep", o->keep, "The ally to keep")->required();
  cmd.add_option("other", o->other, "The ally whose records move to KEEP, then removed")
      ->required();
  cmd.add_flag("--dry-run", o->dry_run, "Show what would move, change nothing");
  cmd.callback([o, &ctx] {
    auto& store = ctx.store(Access::write);
    MergeReport report;
    // A dry run merges inside the transaction and rolls it back, so it reports exactly what
    // the merge would do.
    try {
      store.write("merge", [&] {
        auto keep = resolve_ally(store, o->keep);
        auto other = resolve_ally(store, o->other);
        if (keep.number == other.number) {
          throw Conflict(fmt::format("'{}' and '{}' are the same ally, {} (#{}): nothing to merge",
                                     truncate_to_width(o->keep, 40), truncate_to_width(o->other, 40),
                                     keep.name, keep.number));
        }
        report = merge_allies(store, keep.number, other.number);
        store.set_write_summary(fmt::format("merge {} (#{}) into {} (#{})", other.name, other.number,
                                            keep.name, keep.number));
        if (o->dry_run) throw RollBack{};
      });
    } catch (const RollBack&) {
    }
    if (ctx.options.json) {
      auto doc = to_json(report.keep);
      doc["merged"] = {{"id", report.other.meta.id},
                       {"number", report.other.meta.number},
                       {"name", report.other.name}};
      doc["moved"] = {{"interactions", report.interactions},
                      {"favors", report.favors},
                      {"to_bring_up", report.to_bring_up},
                      {"introductions", report.introductions},
                      {"dates", report.dates},
                      {"interests", report.interests}};
      doc["dropped"] = {{"introductions", report.dropped_introductions},
                        {"dates", report.dropped_dates}};
      doc["dry_run"] = o->dry_run;
      return ctx.print_json(doc);
    }
    print_report(ctx.out, report, o->dry_run);
  });
}

} // namespace ally::cli
