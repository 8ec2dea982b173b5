#pragma once
// `ally stats` as text (bar charts in the terminal) and as JSON, from the same NetworkStats.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ally/insights.hpp"
#include "render/table.hpp"

namespace ally {

struct Bar {
  std::string label;
  long count = 0;
};

// A bar `fraction` (0..1) of `width` columns, in Unicode blocks with eighth steps; a non-zero
// fraction shows at least a sliver, so a small count never looks like none.
std::string bar_of(double fraction, std::size_t width);

// One line per bar: indent, label padded to the widest, count right-aligned, bar scaled so the
// largest count fills `width` columns, coloured when `style` asks. Nothing for no bars.
void render_bars(std::ostream& out, const std::vector<Bar>& bars, std::size_t width,
                 const Style& style, const std::string& indent = "  ");

// Bar width for a terminal of `columns` (0 = not a terminal): 40, less on narrow terminals.
std::size_t bar_width_for(std::size_t columns, std::size_t label_and_count);

void render_stats(std::ostream& out, const NetworkStats& stats, const Style& style,
                  std::size_t columns);

nlohmann::json stats_json(const NetworkStats& stats);

} // namespace ally
