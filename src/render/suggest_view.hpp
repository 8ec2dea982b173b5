#pragma once
// `ally suggest` as text and JSON: introductions worth making, and who to ask about a topic.
#include <cstddef>
#include <iosfwd>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ally/suggest.hpp"
#include "render/table.hpp"

namespace ally {

// `limit` 0 shows every row; otherwise the rest are counted in one closing line.
void render_introductions(std::ostream& out, const IntroSuggestions& found,
                          const std::vector<SuggestAlly>& allies, std::size_t limit,
                          const Style& style);
nlohmann::json introductions_json(const IntroSuggestions& found,
                                  const std::vector<SuggestAlly>& allies, std::size_t limit);

void render_topic_matches(std::ostream& out, std::string_view topic,
                          const std::vector<TopicMatch>& found, const std::vector<SuggestAlly>& allies,
                          Date today, std::size_t limit, const Style& style, std::size_t columns);
nlohmann::json topic_matches_json(std::string_view topic, const std::vector<TopicMatch>& found,
                                  const std::vector<SuggestAlly>& allies, std::size_t limit);

} // namespace ally
