#pragma once
// Words, tables and JSON for logged conversations and introductions: shared by `log`,
// `timeline`, `intro` and the recent timeline of `show`.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ally/interactions.hpp"
#include "ally/names.hpp"
#include "render/table.hpp"

namespace ally {

// "Rachel Green (#1)", "Rachel Green (#1) and John Smith (#3)", "A (#1), B (#2) and C (#3)".
std::string allies_text(const std::vector<NameMatch>& allies);

// The kind as it reads in a sentence: "coffee", "a call", "an email", "a conversation".
std::string kind_phrase(const std::string& kind);

// The others in an entry as seen from ally `self`: "with A, B" for a conversation,
// "introduced to A" for an introduction; empty when `self` was alone.
std::string others_text(const TimelineEntry& entry, std::int64_t self);

// The timeline as an aligned table, newest first as given; notes are cut to `max_width`
// (0 = no limit) and kept on one line, and keep at least two fifths of it. With `self`, the
// timeline is that ally's: no WITH column, the others lead the note in brackets.
void render_timeline(std::ostream& out, const std::vector<TimelineEntry>& entries,
                     const Style& style, std::size_t max_width, Date today,
                     std::optional<std::int64_t> self = std::nullopt);

// One timeline entry: the record's own keys (as `to_json`) plus `type` ("interaction" or
// "introduction"), `kind` ("intro" for introductions), `allies` (numbers) and `ally_names`.
nlohmann::json timeline_entry_json(const TimelineEntry& entry);

} // namespace ally
