#pragma once
// `ally due` as people read it, as JSON, and as an iCalendar file.
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ally/ranking.hpp"
#include "render/table.hpp"

namespace ally {

// One line per ally, most urgent first: number, name, reasons. `hidden` more rows exist.
void render_due(std::ostream& out, const std::vector<RankedRow>& rows, std::size_t hidden,
                const Style& style, std::size_t width);

// The line above a terminal's list: "9 need attention · 2 snoozed · 1 promise late".
std::string due_header(const Ranking& ranking);

// Each term as `value × weight = points`, then the total, then what the ally's state means
// and, when no term lists them, what comes next.
void render_explain(std::ostream& out, const RankedRow& row, const Style& style);

nlohmann::json due_json(const RankedRow& row);

struct IcsEvent {
  std::string uid;
  Date date;
  std::string summary;
  std::string description;
};

// An RFC 5545 calendar of all-day events (CRLF lines, folded at 75 octets, text escaped).
std::string render_ics(const std::vector<IcsEvent>& events, const std::string& now_utc);

} // namespace ally
