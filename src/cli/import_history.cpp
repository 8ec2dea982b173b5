// `ally import friends.md` / `ally import monica.json`: another tool's history, its people as
// allies and what happened between you as conversations, favors and introductions.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "ally/exchange.hpp"
#include "ally/intake.hpp"
#include "ally/text.hpp"
#include "cli/import_common.hpp"

namespace ally::cli {
namespace {

// "12 conversations (3 already here, 1 deleted here before)".
std::string counts_line(const HistoryCounts& c, const char* one, const char* many) {
  std::string out = fmt::format("{} {}", c.added, c.added == 1 ? one : many);
  std::vector<std::string> notes;
  if (c.present) notes.push_back(fmt::format("{} already here", c.present));
  if (c.deleted) notes.push_back(fmt::format("{} deleted here before", c.deleted));
  if (!notes.empty()) out += " (" + join(notes, ", ") + ")";
  return out;
}

nlohmann::json counts_json(const HistoryCounts& c) {
  return {{"added", c.added}, {"present", c.present}, {"deleted", c.deleted}};
}

} // namespace

void import_history_file(Context& ctx, const ImportOptions& o, const std::string& format,
                         std::string bytes, ProgressBar& bar) {
  const auto history = format == "friends" ? parse_friends_md(bytes) : parse_monica_json(bytes);
  std::string().swap(bytes);
  HistoryImportReport report;
  in_transaction(ctx, o.dry_run, [&](Store& store) {
    report = import_history(store, history,
                            [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    store.set_write_summary(fmt::format("import {} ({} people, {} conversations)",
                                        shown_name(o.file), history.contacts.size(),
                                        report.conversations.added));
  });
  bar.finish();
  for (const auto& warning : report.contacts.warnings)
    ctx.err << "ally: warning: " << warning << '\n';
  const auto& people = report.contacts;
  auto added = people.count(CardResult::added), updated = people.count(CardResult::updated),
       unchanged = people.count(CardResult::unchanged), skipped = people.count(CardResult::skipped);
  if (ctx.options.json) {
    return ctx.print_json_streaming({{"format", format},
                                     {"dry_run", o.dry_run},
                                     {"people", people.cards.size()},
                                     {"added", added},
                                     {"updated", updated},
                                     {"unchanged", unchanged},
                                     {"skipped", skipped},
                                     {"conversations", counts_json(report.conversations)},
                                     {"favors", counts_json(report.favors)},
                                     {"introductions", counts_json(report.introductions)},
                                     {"left_out", report.left_out},
                                     {"warnings", people.warnings}},
                                    "allies", people.cards.size(),
                                    [&](std::size_t i) { return contact_outcome_json(people.cards[i]); });
  }
  std::string text = fmt::format("{} {} {} from {}: {} new, {} updated, {} unchanged",
                                 o.dry_run ? "Would import" : "Imported", people.cards.size(),
                                 people.cards.size() == 1 ? "person" : "people",
                                 shown_name(o.file), added, updated, unchanged);
  if (skipped > 0) text += fmt::format(", {} skipped", skipped);
  ctx.out << text << ".\n";
  const bool all = o.verbose || !ctx.out_is_tty;
  print_contact_lines(ctx, people, all, format == "friends" ? "line" : "contact");
  ctx.out << fmt::format("{} {}, {}, {}.\n", o.dry_run ? "Would log" : "Logged",
                         counts_line(report.conversations, "conversation", "conversations"),
                         counts_line(report.favors, "favor", "favors"),
                         counts_line(report.introductions, "introduction", "introductions"));
  if (!report.left_out.empty()) {
    // Never dated or guessed: the user sees each line ally could not place.
    ctx.out << fmt::format("Not imported ({}):\n", report.left_out.size());
    std::size_t shown = 0;
    for (const auto& line : report.left_out) {
      if (!all && shown == 20) {
        ctx.out << fmt::format("  … and {} more (ally import --verbose lists them all)\n",
                               report.left_out.size() - shown);
        break;
      }
      ctx.out << "  " << line << '\n';
      ++shown;
    }
  }
  if (o.dry_run) ctx.out << "Nothing was changed (--dry-run).\n";
}

} // namespace ally::cli
