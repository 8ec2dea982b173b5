#pragma once
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "ally/profile.hpp"
#include "render/table.hpp"

namespace ally {

// `ally show` for people: a header, the fields that are set, then each section that has
// something to say.
void render_profile(std::ostream& out, const Profile& profile, Date today, const Style& style);

// `ally show --json`.
nlohmann::json profile_json(const Profile& profile, Date today);

} // namespace ally
