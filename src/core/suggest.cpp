// Introductions worth making and allies to ask about a topic: plain scoring, every point
// explained in words.
#include "ally/suggest.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "ally/text.hpp"

namespace ally {
namespace {

std::vector<std::string> key_words(std::string_view key) { return split_list(key, ' '); }

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Every typed word begins some word of the value: "am wi" in "south american wine".
bool words_begin(const std::vector<std::string>& value_words,
                 const std::vector<std::string>& typed_words) {
  return std::all_of(typed_words.begin(), typed_words.end(), [&](const std::string& typed) {
    return std::any_of(value_words.begin(), value_words.end(),
                       [&](const std::string& w) { return starts_with(w, typed); });
  });
}

// "A", "A and B", "A, B and C".
std::string join_words(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// ---- introductions ----

// One ally's topics by key, with the spelling to show.
struct Topics {
  std::map<std::string, std::string> interests;
  std::map<std::string, std::string> knows;
};

Topics topics_of(const SuggestAlly& ally) {
  Topics t;
  for (const auto& name : ally.interests) {
    if (auto key = topic_key_of(name); !key.empty()) t.interests.emplace(key, trim(name));
  }
  for (const auto& name : ally.expertise) {
    if (auto key = topic_key_of(name); !key.empty()) t.knows.emplace(key, trim(name));
  }
  return t;
}

using PairKey = std::pair<std::size_t, std::size_t>; // indexes into the allies, smaller first

// Every pair linked by a topic, with its topics by key. Built from topic → allies indexes, so
// only pairs that share something are ever looked at.
std::map<PairKey, std::map<std::string, PairTopic>> linked_pairs(
    const std::vector<SuggestAlly>& allies, const std::vector<Topics>& topics) {
  std::map<std::string, std::vector<std::size_t>> curious; // interest key -> allies
  std::map<std::string, std::vector<std::size_t>> experts; // knows key -> allies
  for (std::size_t i = 0; i < topics.size(); ++i) {
    for (const auto& entry : topics[i].interests) curious[entry.first].push_back(i);
    for (const auto& entry : topics[i].knows) experts[entry.first].push_back(i);
  }
  std::map<PairKey, std::map<std::string, PairTopic>> pairs;
  for (const auto& [key, members] : curious) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        pairs[std::minmax(members[x], members[y])].emplace(
            key, PairTopic{topics[members[x]].interests.at(key), std::nullopt, {}});
      }
    }
  }
  // Distinct topics are few next to pairs of allies, so every expertise meets every interest.
  std::vector<std::pair<const std::string*, std::vector<std::string>>> interest_words;
  interest_words.reserve(curious.size());
  for (const auto& entry : curious) interest_words.emplace_back(&entry.first, key_words(entry.first));
  for (const auto& [known, knowers] : experts) {
    auto known_words = key_words(known);
    for (const auto& [interest, words] : interest_words) {
      if (!words_begin(known_words, words)) continue;
      for (std::size_t expert : knowers) {
        for (std::size_t learner : curious.at(*interest)) {
          if (expert == learner) continue;
          auto& topic = pairs[std::minmax(expert, learner)]
                            .emplace(*interest, PairTopic{topics[learner].interests.at(*interest),
                                                          std::nullopt, {}})
                            .first->second;
          // Knowing beats merely sharing: "Joey knows wine" says more than "both like wine".
          if (!topic.expert) {
            topic.expert = allies[expert].number;
            topic.expertise = topics[expert].knows.at(known);
          }
        }
      }
    }
  }
  return pairs;
}

std::string pair_why(const IntroSuggestion& s, const SuggestAlly& a, const SuggestAlly& b) {
  std::vector<std::string> parts;
  std::vector<std::string> shared;
  std::map<std::int64_t, std::vector<const PairTopic*>> taught; // expert -> topics
  for (const auto& t : s.topics) {
    if (t.expert) {
      taught[*t.expert].push_back(&t);
    } else {
      shared.push_back(t.topic);
    }
  }
  if (!shared.empty()) parts.push_back("both interested in " + join_words(shared));
  for (const auto& [expert, items] : taught) {
    const auto& knower = expert == a.number ? a : b;
    const auto& learner = expert == a.number ? b : a;
    std::vector<std::string> known, wanted;
    bool same_words = true;
    for (const auto* t : items) {
      if (std::find(known.begin(), known.end(), t->expertise) == known.end()) {
        known.push_back(t->expertise);
      }
      wanted.push_back(t->topic);
      same_words = same_words && topic_key_of(t->expertise) == topic_key_of(t->topic);
    }
    std::string what = same_words ? (items.size() == 1 ? "it" : "them") : join_words(wanted);
    parts.push_back(fmt::format("{} knows {}, {} is curious about {}", knower.name,
                                join_words(known), learner.name, what));
  }
  if (s.bridges_orgs) parts.push_back(fmt::format("bridges {} and {}", a.org, b.org));
  if (s.newcomers) parts.push_back("neither has been introduced to anyone yet");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

} // namespace

std::string topic_key_of(std::string_view topic) {
  std::string key;
  for (const auto& word : key_words(fold(topic))) key += (key.empty() ? "" : " ") + word;
  return key;
}

IntroSuggestions suggest_introductions(const std::vector<SuggestAlly>& allies,
                                       const IntroducedPairs& introduced,
                                       const IntroducedPairs& met) {
  std::vector<Topics> topics;
  topics.reserve(allies.size());
  for (const auto& ally : allies) topics.push_back(topics_of(ally));

  IntroSuggestions result;
  for (auto& [pair, linked] : linked_pairs(allies, topics)) {
    const auto& a = allies[pair.first];
    const auto& b = allies[pair.second];
    if (a.number == b.number) continue;
    if (introduced.count(std::minmax(a.number, b.number))) {
      ++result.already_introduced;
      continue;
    }
    if (met.count(std::minmax(a.number, b.number))) {
      ++result.already_met;
      continue;
    }
    bool a_first = a.number < b.number;
    const auto& first = a_first ? a : b;
    const auto& second = a_first ? b : a;
    IntroSuggestion s;
    s.a = first.number;
    s.b = second.number;
    for (auto& entry : linked) s.topics.push_back(std::move(entry.second));
    auto org_a = topic_key_of(first.org);
    auto org_b = topic_key_of(second.org);
    s.bridges_orgs = !org_a.empty() && !org_b.empty() && org_a != org_b;
    s.newcomers = !first.introduced_any && !second.introduced_any;
    s.score = k_points_per_topic * static_cast<int>(s.topics.size()) +
              (s.bridges_orgs ? k_points_bridge : 0) + (s.newcomers ? k_points_newcomers : 0);
    s.why = pair_why(s, first, second);
    result.rows.push_back(std::move(s));
  }

  std::map<std::int64_t, std::string> sort_names;
  for (const auto& ally : allies) sort_names.emplace(ally.number, fold(ally.name));
  std::sort(result.rows.begin(), result.rows.end(),
            [&](const IntroSuggestion& x, const IntroSuggestion& y) {
              auto key = [&](const IntroSuggestion& s) {
                return std::make_tuple(-s.score, -static_cast<int>(s.topics.size()),
                                       std::cref(sort_names[s.a]), std::cref(sort_names[s.b]), s.a,
                                       s.b);
              };
              return key(x) < key(y);
            });
  return result;
}

TopicFit topic_fit(std::string_view value, std::string_view topic) {
  auto v = topic_key_of(value);
  auto t = topic_key_of(topic);
  if (v.empty() || t.empty()) return TopicFit::none;
  if (v == t) return TopicFit::exact;
  auto value_words = key_words(v);
  auto typed_words = key_words(t);
  if (words_begin(value_words, typed_words)) return TopicFit::words;
  // Three characters keep "c" or "go" from matching half the network.
  constexpr std::size_t k_min_inside = 3;
  if (t.size() >= k_min_inside && v.find(t) != std::string::npos) return TopicFit::partial;
  auto typed = [&](const std::string& w) {
    return std::find(typed_words.begin(), typed_words.end(), w) != typed_words.end();
  };
  if (std::all_of(value_words.begin(), value_words.end(), typed)) return TopicFit::partial;
  return TopicFit::none;
}

namespace {

// The values that fit, best first (stable among equals), and the best fit.
std::vector<std::string> fitting(const std::vector<std::string>& values, std::string_view topic,
                                 TopicFit& best) {
  std::vector<std::pair<TopicFit, std::string>> found;
  for (const auto& v : values) {
    auto fit = topic_fit(v, topic);
    if (fit != TopicFit::none) found.emplace_back(fit, trim(v));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  std::vector<std::string> out;
  for (auto& f : found) {
    best = std::max(best, f.first);
    out.push_back(std::move(f.second));
  }
  return out;
}

std::string topic_why(const TopicMatch& m) {
  if (!m.knows.empty()) {
    std::string why = "knows " + join_words(m.knows) + " — ask them to teach you";
    std::vector<std::string> more;
    for (const auto& i : m.interested) {
      bool same = std::any_of(m.knows.begin(), m.knows.end(), [&](const std::string& k) {
        return topic_key_of(k) == topic_key_of(i);
      });
      if (!same) more.push_back(i);
    }
    if (!more.empty()) why += "; also into " + join_words(more);
    return why;
  }
  return "interested in " + join_words(m.interested) + " — learn it together";
}

} // namespace

std::vector<TopicMatch> match_topic(const std::vector<SuggestAlly>& allies,
                                    std::string_view topic) {
  std::vector<TopicMatch> out;
  if (topic_key_of(topic).empty()) return out;
  std::map<std::int64_t, std::string> sort_names;
  for (const auto& ally : allies) {
    TopicMatch m;
    m.number = ally.number;
    m.knows = fitting(ally.expertise, topic, m.fit);
    m.interested = fitting(ally.interests, topic, m.fit);
    if (m.knows.empty() && m.interested.empty()) continue;
    m.last_contact = ally.last_contact;
    m.last_kind = ally.last_kind;
    m.why = topic_why(m);
    sort_names.emplace(ally.number, fold(ally.name));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [&](const TopicMatch& x, const TopicMatch& y) {
    auto key = [&](const TopicMatch& m) {
      return std::make_tuple(m.knows.empty(), -static_cast<int>(m.fit),
                             std::cref(sort_names[m.number]), m.number);
    };
    return key(x) < key(y);
  });
  return out;
}

} // namespace ally
