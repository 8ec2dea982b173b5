#pragma once
// Favors as people read them and as JSON, shared by `favors`, `favor` and `show`.
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ally/favors.hpp"
#include "render/table.hpp"

namespace ally {

// "gave →" or "← got".
std::string favor_direction_text(const Favor& favor);

// "promise due in 2d", "promise due today", "3d late", "done", "thanked", "not thanked yet", or
// "" for a favor you gave with no due date that is not done.
std::string favor_status_text(const Favor& favor, Date today);

// The same as a stable key: "promise", "late", "done", "given", "thanked", "not_thanked".
std::string favor_status_key(const Favor& favor, Date today);

// The favor's record plus `ally_name` and `status` (favor_status_key).
nlohmann::json favor_json(const Favor& favor, const std::string& ally_name, Date today);

// "You gave 3, got 5 in the last 12 months; 4 / 7 all time."
std::string balance_sentence(const FavorBalance& recent, const FavorBalance& all_time);

// A table of favors: #, DATE, WHO, WAY, STATUS, FAVOR. `names` maps ally numbers to names.
void render_favors(std::ostream& out, const std::vector<Favor>& favors,
                   const std::map<std::int64_t, std::string>& names, Date today,
                   const Style& style, std::size_t width);

} // namespace ally
