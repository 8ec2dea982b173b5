#pragma once
// `ally help dates` and `ally help names`: the two rules every command shares, in the words of
// the manual's DATES AND DURATIONS and NAMING AN ALLY (keep them in step).
#include <optional>
#include <string_view>

namespace ally::cli {

// The topic's text, or std::nullopt when `word` names no topic.
std::optional<std::string_view> help_topic(std::string_view word);

} // namespace ally::cli
