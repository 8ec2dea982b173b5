#pragma once
// `ally brief WHO` for a person (one screen, in the order a conversation needs it) and as data.
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "ally/brief.hpp"
#include "render/table.hpp"

namespace ally {

// Lines fit `width` columns (0: no limit); whole notes of the last conversations wrap.
void render_brief(std::ostream& out, const Brief& brief, Date today, const Style& style,
                  std::size_t width = 0);

// `ally brief --json`: the same sections as keys (docs/manual, "ally brief").
nlohmann::json brief_json(const Brief& brief, Date today);

} // namespace ally
