// Conversation starters from what the store holds (issue 26.4): no invented facts, and each
// names where it comes from.
#include <fmt/format.h>

#include <algorithm>

#include "ally/brief.hpp"
#include "ally/suggest.hpp"
#include "ally/text.hpp"

namespace ally {
namespace {

// Whether a recent conversation touched the topic: tagged with it, or its words in the note.
bool talked_about(const std::string& topic, const std::vector<Interaction>& recent) {
  const std::string key = topic_key_of(topic);
  for (const auto& i : recent) {
    for (const auto& tagged : i.interests) {
      if (topic_key_of(tagged) == key) return true;
    }
    if (fold(i.note).find(fold(topic)) != std::string::npos) return true;
  }
  return false;
}

std::string quoted(const std::string& text) { return "'" + truncate_to_width(text, 60) + "'"; }

} // namespace

std::vector<Starter> conversation_starters(const StarterInput& input, std::size_t limit) {
  std::vector<Starter> out;
  auto add = [&](Starter s) {
    if (out.size() < limit) out.push_back(std::move(s));
  };
  for (const auto& topic : input.interests) {
    if (talked_about(topic, input.recent)) continue;
    add({fmt::format("ask about {}", topic),
         input.recent.empty()
             ? std::string("a shared interest")
             : fmt::format("a shared interest, not in your last {} conversation{}",
                           input.recent.size(), input.recent.size() == 1 ? "" : "s"),
         "interest"});
    break; // one interest; the other kinds get their turn
  }
  if (!trim(input.goals).empty()) {
    add({fmt::format("ask how it goes: {}", quoted(trim(input.goals))), "their goals", "goal"});
  }
  for (const auto& know : input.my_knows) {
    bool fits = std::any_of(input.interests.begin(), input.interests.end(), [&](const auto& topic) {
      return topic_fit(topic, know) != TopicFit::none;
    });
    bool in_goals = !trim(input.goals).empty() && fold(input.goals).find(fold(know)) != std::string::npos;
    if (!fits && !in_goals) continue;
    add({fmt::format("offer help with {}", know),
         fmt::format("you know it (me.knows) and {}", fits ? "they are into it" : "their goals name it"),
         "help"});
    break;
  }
  for (const auto& i : input.recent) {
    if (i.kind != "event" || days_between(i.date, input.today) > 90) continue;
    std::string what = trim(i.note).empty() ? std::string("the event") : quoted(trim(i.note));
    add({fmt::format("talk about {}", what),
         fmt::format("you were both there, {} (log #{})", format_date(i.date), i.meta.number), "event"});
    break;
  }
  return out;
}

} // namespace ally
