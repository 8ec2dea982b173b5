#pragma once
// What every kind of `ally import` shares: its options, how it names the file, and the one
// transaction it runs in (a dry run included).
#include <string>

#include <nlohmann/json.hpp>

#include "ally/exchange.hpp"

#include "ally/store.hpp"
#include "ally/text.hpp"
#include "cli/context.hpp"
#include "render/progress.hpp"

namespace ally::cli {

struct ImportOptions {
  std::string file;
  std::string format;
  std::string map;
  std::string since; // calendars: only events on or after this day
  bool merge = false;
  bool dry_run = false;
  bool verbose = false;
};

inline std::string shown_name(const std::string& file) {
  return file == "-" ? "standard input" : truncate_to_width(file, 60);
}

// Runs `body` in one write transaction. A dry run does the same and rolls it back, so what it
// reports is exactly what the import would do; on a missing store it uses an empty one in
// memory rather than creating the file.
template <class Body> void in_transaction(Context& ctx, bool dry_run, Body&& body) {
  if (!dry_run) {
    auto& store = ctx.store(Access::write);
    store.write("import", [&] { body(store); });
    return;
  }
  auto& reader = ctx.store(Access::read);
  if (!reader.exists_on_disk()) {
    body(reader);
    return;
  }
  struct RollBack {};
  auto& store = ctx.store(Access::write);
  try {
    store.write("import (dry run)", [&] {
      body(store);
      throw RollBack{};
    });
  } catch (const RollBack&) {
  }
}

// Logs the meetings of an iCalendar file (BEGIN:VCALENDAR) as conversations with the allies
// who attended; src/cli/import_calendar.cpp.
void import_calendar_file(Context& ctx, const ImportOptions& o, std::string bytes);

// Brings in another tool's history (format "friends" or "monica"): its people as allies, and
// their conversations, favors and introductions; src/cli/import_history.cpp.
void import_history_file(Context& ctx, const ImportOptions& o, const std::string& format,
                         std::string bytes, ProgressBar& bar);

// The lines of a contact import that say what changed (all, or a screenful of each kind), and
// the same as --json; src/cli/cmd_import.cpp.
// `place` names where a contact is in the file: "card", "line" or "contact" (and its number).
void print_contact_lines(Context& ctx, const ContactImportReport& report, bool all,
                         std::string_view place);
nlohmann::json contact_outcome_json(const CardOutcome& outcome);

} // namespace ally::cli
