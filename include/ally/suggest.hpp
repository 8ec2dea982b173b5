#pragma once
// `ally suggest`: who to introduce to whom, and who to ask about a topic. Pure functions over
// plain structs the store fills (ally/insights.hpp); they touch no store and no terminal.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ally/date.hpp"

namespace ally {

// What suggestions need to know about one active ally.
struct SuggestAlly {
  std::int64_t number = 0;
  std::string id;
  std::string name;
  std::string org;
  std::vector<std::string> interests; // topic names, as spelled
  std::vector<std::string> expertise; // `--knows` values, as spelled
  bool introduced_any = false;        // already introduced to (or by way of) anyone
  std::optional<Date> last_contact;
  std::string last_kind;
};

// Pairs already introduced, as (smaller number, larger number).
using IntroducedPairs = std::set<std::pair<std::int64_t, std::int64_t>>;

// The points each reason earns; docs/manual/60-suggest-stats.md lists them.
inline constexpr int k_points_per_topic = 2;  // a topic both care about, or one can teach
inline constexpr int k_points_bridge = 1;     // they work at different organisations
inline constexpr int k_points_newcomers = 1;  // neither has been introduced to anyone yet

// One topic linking a pair: both are interested in it, or one knows it and the other is
// interested in it (`expert` is then that ally's number, `expertise` what they know as spelled).
// An expertise teaches an interest whose every word begins one of its words: "South American
// wine" teaches "wine".
struct PairTopic {
  std::string topic; // the interest, as spelled
  std::optional<std::int64_t> expert;
  std::string expertise;
};

struct IntroSuggestion {
  std::int64_t a = 0; // numbers; a < b
  std::int64_t b = 0;
  std::vector<PairTopic> topics; // by folded topic
  bool bridges_orgs = false;
  bool newcomers = false;
  int score = 0;
  std::string why; // "both into Murakami · Joey knows wine, Rachel is curious about it · …"
};

struct IntroSuggestions {
  std::vector<IntroSuggestion> rows; // best first
  int already_introduced = 0;        // pairs that would qualify but were introduced already
  int already_met = 0; // pairs that would qualify but were together in a logged conversation
};

// Pairs of allies linked by at least one topic, not introduced yet and never together in a
// logged conversation (`met`): they know each other already. A topic (an interest of
// theirs) counts once per pair however it links them. Order: score descending, then more topics, then the two names
// (case- and accent-insensitive), then numbers.
IntroSuggestions suggest_introductions(const std::vector<SuggestAlly>& allies,
                                       const IntroducedPairs& introduced,
                                       const IntroducedPairs& met = {});

// How well a value matches the topic a user typed, 0 for no match.
enum class TopicFit { none = 0, partial = 1, words = 2, exact = 3 };

// Case- and accent-insensitive: exact (same words), words (every typed word begins a word of the
// value: "wine" fits "South American wine", "murak" fits "Murakami"), partial (the typed text
// appears inside the value, from three characters, or the value's words all appear among the
// typed ones: "wine" for "wine tasting").
TopicFit topic_fit(std::string_view value, std::string_view topic);

struct TopicMatch {
  std::int64_t number = 0;
  std::vector<std::string> knows;      // matching expertise, best fit first
  std::vector<std::string> interested; // matching interests, best fit first
  TopicFit fit = TopicFit::none;       // best fit over both
  std::optional<Date> last_contact;
  std::string last_kind;
  std::string why; // "knows South American wine — ask them to teach you"
};

// Allies whose expertise or interests fit the topic: those who know it first, then by fit,
// then by name and number. Returns nothing for a topic with no words.
std::vector<TopicMatch> match_topic(const std::vector<SuggestAlly>& allies,
                                    std::string_view topic);

// A topic as it is compared: folded, words separated by one space.
std::string topic_key_of(std::string_view topic);

} // namespace ally
