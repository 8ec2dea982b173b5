#include "cli/sync_conflict_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ally/field_table.hpp"
#include "ally/text.hpp"

namespace ally::cli {
namespace {

std::string noun_of(const std::string& section) {
  if (section == "interactions")
    return "conversation";
  if (section == "favors")
    return "favor";
  if (section == "introductions")
    return "introduction";
  if (section == "dates")
    return "date";
  if (section == "interests")
    return "topic";
  if (section == "config")
    return "setting";
  return "ally";
}

std::string day_of(const std::string& stamp) { return stamp.substr(0, 10); }

} // namespace

std::string conflict_value(const std::string& json_text) {
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_string())
    return j.get<std::string>();
  if (j.is_null() || j.is_discarded())
    return {};
  return j.dump();
}

std::string conflict_record(const SyncConflict& c) {
  std::string number = c.record_number > 0 ? fmt::format("#{}", c.record_number) : "not here";
  if (c.section == "allies" && !c.name.empty())
    return fmt::format("{} ({})", c.name, number);
  if (!c.name.empty())
    return fmt::format("{} '{}' ({})", noun_of(c.section), c.name, number);
  if (c.record_number > 0)
    return fmt::format("{} #{}", noun_of(c.section), c.record_number);
  return fmt::format("{} {}", noun_of(c.section), c.id.substr(0, 8));
}

std::string conflict_line_text(const SyncConflict& c) {
  if (c.field.empty()) {
    return fmt::format("{}: deleted on {}; the edit made on {} ({}) was dropped",
                       conflict_record(c), c.kept_side, c.replaced_side, day_of(c.replaced_time));
  }
  return fmt::format("{}: {} — kept '{}' ({}, {}), replaced '{}' ({})", conflict_record(c),
                     c.field, truncate_to_width(conflict_value(c.kept), 30), c.kept_side,
                     day_of(c.kept_time), truncate_to_width(conflict_value(c.replaced), 30),
                     c.replaced_side);
}

std::string restore_command(const SyncConflict& c) {
  if (c.field.empty() || c.record_number <= 0)
    return {};
  std::string value = conflict_value(c.replaced);
  std::string who = shell_quoted(fmt::format("#{}", c.record_number));
  if (c.section == "allies") {
    const FieldRow* f = ally_field(c.field);
    if (!f)
      return {};
    if (c.field == "snoozed_until")
      return fmt::format("ally snooze {} {}", who, value.empty() ? "off" : value);
    if (c.field == "archived")
      return fmt::format("ally {} {}", value == "true" ? "rm" : "restore", who);
    if (f->option.empty())
      return {};
    return fmt::format("ally edit {} {} {}", who, f->option, shell_quoted(value));
  }
  std::string number = std::to_string(c.record_number);
  if (c.section == "interactions") {
    if (c.field == "note")
      return fmt::format("ally log edit {} --text {}", number, shell_quoted(value));
    if (c.field == "date" || c.field == "kind")
      return fmt::format("ally log edit {} --{} {}", number, c.field, shell_quoted(value));
  }
  if (c.section == "favors") {
    if (c.field == "text" || c.field == "date")
      return fmt::format("ally favor edit {} --{} {}", number, c.field, shell_quoted(value));
    if (c.field == "due")
      return fmt::format("ally favor edit {} --due {}", number, value.empty() ? std::string("none") : shell_quoted(value));
  }
  if (c.section == "config" && c.field == "value" && !c.name.empty())
    return fmt::format("ally config {} {}", shell_quoted(c.name), shell_quoted(value));
  return {};
}

} // namespace ally::cli
