// `ally undo`: revert the last change; `ally undo --list`: the recent changes, newest first.
#include <ctime>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/undo.hpp"
#include "cli/commands.hpp"
#include "render/table.hpp"

namespace ally::cli {
namespace {

constexpr std::size_t k_history_shown = 20;

nlohmann::json entry_json(const JournalEntry& entry) {
  return {{"seq", entry.seq}, {"summary", entry.summary}, {"at", entry.at}};
}

// "2026-11-24 12:00" in local time, from the stored UTC "2026-11-24T11:00:00.000Z".
std::string local_time(const std::string& utc) {
  std::tm tm{};
  if (std::sscanf(utc.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return utc;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t seconds = timegm(&tm);
  std::tm local{};
  localtime_r(&seconds, &local);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", local.tm_year + 1900, local.tm_mon + 1,
                     local.tm_mday, local.tm_hour, local.tm_min);
}

void print_history(Context& ctx) {
  auto& store = ctx.store(Access::read);
  auto entries = journal_history(store, k_history_shown);
  if (ctx.options.json) {
    auto doc = nlohmann::json::array();
    for (const auto& e : entries) {
      auto j = entry_json(e);
      j["undone"] = e.undone;
      doc.push_back(j);
    }
    return ctx.print_json(doc);
  }
  if (entries.empty()) {
    ctx.out << "No changes yet.\n";
    return;
  }
  Style style{ctx.color()};
  Table table({"WHEN", "CHANGE", ""});
  for (const auto& e : entries) {
    table.add({local_time(e.at), e.summary, e.undone ? "undone" : ""});
  }
  ctx.page_output();
  table.print(ctx.out, style, terminal_width());
}

} // namespace

void define_undo(CLI::App& cmd, Context& ctx) {
  auto list = std::make_shared<bool>(false);
  cmd.add_flag("--list", *list, "Show the recent changes, newest first, instead of undoing");
  cmd.callback([list, &ctx] {
    if (*list) return print_history(ctx);
    // A missing store has nothing to undo, and a read must not create it.
    if (!ctx.store(Access::read).exists_on_disk()) throw NotFound("nothing to undo");
    auto entry = undo_last(ctx.store(Access::write));
    if (!entry) throw NotFound("nothing to undo");
    if (ctx.options.json) return ctx.print_json({{"undone", entry_json(*entry)}});
    ctx.out << fmt::format("Undid: {}.\n", entry->summary);
  });
}

} // namespace ally::cli
