#include "render/ally_view.hpp"

#include <fmt/format.h>

#include "render/records_json.hpp"

namespace ally {

std::string last_contact_text(const Ally& ally, Date today) {
  if (!ally.last_contact) return "never";
  std::string text = format_relative(*ally.last_contact, today);
  if (!ally.last_kind.empty()) text += " (" + ally.last_kind + ")";
  return text;
}

std::string who_text(const Ally& ally) { return fmt::format("{} (#{})", ally.name, ally.meta.number); }

std::string next_check_in_text(const Ally& ally, const CheckIn& check_in, Date today) {
  if (ally.archived) return "archived";
  if (!check_in.next) return "not tracked";
  if (ally.snoozed_until && *ally.snoozed_until > today) {
    return (ally.snooze_all ? "snoozed --all until " : "snoozed until ") +
           format_date(*ally.snoozed_until);
  }
  int days = days_between(today, *check_in.next);
  if (days == 0) return "today";
  if (days > 0) return format_relative(*check_in.next, today);
  // Kind words: the check-in is waiting, not failed.
  return "due since " + format_relative(*check_in.next, today);
}

std::string cadence_description(const CheckIn& c) {
  if (c.cadence_days <= 0) return "not tracked";
  if (c.cadence_source == "own") return fmt::format("every {}d", c.cadence_days);
  if (c.cadence_source == "default") return fmt::format("every {}d (default)", c.cadence_days);
  return fmt::format("every {}d ({} circle)", c.cadence_days, c.cadence_source);
}

nlohmann::json ally_with_check_in_json(const Ally& ally, const CheckIn& c) {
  auto j = to_json(ally);
  j["cadence_days"] = c.cadence_days > 0 ? nlohmann::json(c.cadence_days) : nlohmann::json(nullptr);
  j["next_check_in"] = date_json(c.next);
  return j;
}

} // namespace ally
