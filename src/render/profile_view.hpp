#pragma once
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "ally/profile.hpp"
#include "render/table.hpp"

namespace ally {

// `ally show` for people: a header, the fields that are set, then each section that has
// something to say. Lines fit `width` columns (0: no limit): field values wrap under their
// column, list lines cut their text with "…" and keep their number and date.
void render_profile(std::ostream& out, const Profile& profile, Date today, const Style& style,
                    std::size_t width = 0);

// `ally show --json`.
nlohmann::json profile_json(const Profile& profile, Date today);

} // namespace ally
