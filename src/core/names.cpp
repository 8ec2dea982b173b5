// The tier logic of naming an ally; where the candidates come from is the NameSource's business.
#include "ally/names.hpp"

#include <algorithm>
#include <charconv>

#include "ally/text.hpp"

namespace ally {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// The first UTF-8 character of a word.
std::string first_char(std::string_view word) {
  if (word.empty()) return {};
  auto lead = static_cast<unsigned char>(word[0]);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return std::string(word.substr(0, std::min(length, word.size())));
}

std::optional<std::int64_t> as_number(std::string_view text) {
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// "rachel g" or "rachel g." asks for first name + last initial.
std::optional<std::pair<std::string, std::string>> first_and_initial(const std::string& key) {
  auto words = words_of(key);
  if (words.size() != 2) return std::nullopt;
  std::string initial = words[1];
  if (!initial.empty() && initial.back() == '.') initial.pop_back();
  if (initial.empty() || first_char(initial) != initial) return std::nullopt;
  return std::pair{words[0], initial};
}

void add_unique(std::vector<NameMatch>& into, const std::vector<NameMatch>& more) {
  for (const auto& m : more) {
    bool seen = std::any_of(into.begin(), into.end(),
                            [&](const NameMatch& x) { return x.number == m.number; });
    if (!seen) into.push_back(m);
  }
}

std::vector<NameMatch> only(const std::vector<NameMatch>& matches, bool archived) {
  std::vector<NameMatch> out;
  for (const auto& m : matches) {
    if (m.archived == archived) out.push_back(m);
  }
  std::sort(out.begin(), out.end(),
            [](const NameMatch& a, const NameMatch& b) { return a.number < b.number; });
  return out;
}

std::optional<NameMatch> closest(const std::string& key, NameSource& source) {
  std::optional<NameMatch> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : source.all()) {
    auto keys = name_keys(candidate.name);
    std::size_t distance = std::min(edit_distance(key, keys.full), edit_distance(key, keys.first));
    // A last name is a name people type too ("lindqvst").
    if (!keys.last.empty()) distance = std::min(distance, edit_distance(key, keys.last));
    if (!best || distance < best_distance ||
        (distance == best_distance && best->archived && !candidate.archived)) {
      best = candidate;
      best_distance = distance;
    }
  }
  // Beyond this the suggestion would be a guess, not a typo.
  std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
  if (best && best_distance <= limit) return best;
  return std::nullopt;
}

} // namespace

NameKeys name_keys(std::string_view name) {
  NameKeys keys;
  auto words = words_of(fold(name));
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) keys.full += ' ';
    keys.full += words[i];
  }
  if (!words.empty()) keys.first = words.front();
  // "Martin Luther King Jr." is King: generational suffixes are not family names.
  auto suffix = [](const std::string& w) {
    return w == "jr" || w == "jr." || w == "sr" || w == "sr." || w == "ii" || w == "iii" ||
           w == "iv";
  };
  if (words.size() > 1) {
    keys.last_initial = first_char(words.back());
    std::size_t last = words.size() - 1;
    while (last > 0 && suffix(words[last])) --last;
    if (last > 0) {
      keys.last = words[last];
      while (!keys.last.empty() && keys.last.back() == ',') keys.last.pop_back();
    }
  }
  return keys;
}

std::string family_name_key(std::string_view family) {
  // The same words and suffixes as a name's last word, with a word before it so that a family
  // name of one word is a last word too.
  return name_keys("x " + std::string(family)).last;
}

Resolution resolve_name(std::string_view who, NameSource& source, Suggest suggest) {
  Resolution result;
  std::string text = trim(who);
  if (auto number = as_number(text)) {
    result.matches = source.by_number(*number);
    if (!result.matches.empty() || text.front() == '#') return result;
  }
  std::string key = name_keys(text).full;
  if (key.empty()) return result;

  std::vector<std::vector<NameMatch>> tiers;
  tiers.push_back(source.by_full_name(key));
  tiers.push_back(source.by_nickname(key));
  constexpr std::size_t k_nickname_tier = 1;
  std::size_t first_name_tier = 0; // none
  if (key.find(' ') == std::string::npos) {
    first_name_tier = tiers.size();
    tiers.push_back(source.by_first_name(key, ""));
  } else if (auto parts = first_and_initial(key)) {
    first_name_tier = tiers.size();
    tiers.push_back(source.by_first_name(parts->first, parts->second));
  }
  if (key.find(' ') == std::string::npos) tiers.push_back(source.by_last_name(key));
  tiers.push_back(source.by_prefix(key));

  for (bool archived : {false, true}) {
    for (std::size_t t = 0; t < tiers.size(); ++t) {
      auto matches = only(tiers[t], archived);
      if (matches.empty()) continue;
      add_unique(result.matches, matches);
      if (t == k_nickname_tier && result.matches.size() == 1 && first_name_tier) {
        for (const auto& other : only(tiers[first_name_tier], archived)) {
          if (other.number != result.matches.front().number) {
            result.passed_over = other;
            break;
          }
        }
      }
      return result;
    }
  }
  if (suggest == Suggest::closest)
    result.suggestion = closest(key, source);
  return result;
}

} // namespace ally
