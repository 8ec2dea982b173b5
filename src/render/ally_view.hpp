#pragma once
// Words and JSON for an ally's name and check-in schedule, shared by list, show and the
// commands' confirmations.
#include <string>

#include <nlohmann/json.hpp>

#include "ally/profile.hpp"

namespace ally {

// "Rachel Green (#1)": how a confirmation names an ally.
std::string who_text(const Ally& ally);
// "3w ago (coffee)", "never"
std::string last_contact_text(const Ally& ally, Date today);
// "in 5d", "today", "due 2w ago", "not tracked", "snoozed until …", "archived"
std::string next_check_in_text(const Ally& ally, const CheckIn& check_in, Date today);
// "every 30d (core circle)", "every 60d (default)", "every 2w", "not tracked"
std::string cadence_description(const CheckIn& check_in);

// The ally's JSON plus `cadence_days` (effective, null when untracked) and `next_check_in`.
nlohmann::json ally_with_check_in_json(const Ally& ally, const CheckIn& check_in);

} // namespace ally
