#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr std::string_view k_cadence_prefix = "due.cadence.";
constexpr std::string_view k_weight_prefix = "due.weight.";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string valid_keys() {
  std::string out;
  for (const auto& s : known_settings()) out += (out.empty() ? "" : ", ") + s.key;
  return out + ", due.cadence.<circle>";
}

// "did you mean" first (as git does for config keys), then every key.
[[noreturn]] void throw_unknown_setting(const std::string& key) {
  std::vector<std::string> keys;
  for (const auto& s : known_settings()) keys.push_back(s.key);
  const std::string close = closest_choice(key, keys);
  throw UsageError(fmt::format("unknown setting '{}'", truncate_to_width(key, 40)),
                   (close.empty() ? "" : fmt::format("did you mean '{}'? ", close)) +
                       "valid keys: " + valid_keys());
}

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

} // namespace

std::string checked_setting_value(const std::string& key, const std::string& raw) {
  std::string value = trim(raw);
  if (starts_with(key, k_cadence_prefix)) {
    if (fold(value) == "none") return "none";
    parse_duration_days(value);
    return value;
  }
  if (starts_with(key, k_weight_prefix)) {
    auto number = parse_number(value);
    if (!number || std::fabs(*number) > 1e6) {
      throw UsageError(fmt::format("bad value '{}' for {}: use a number such as 1.5 (0 turns the "
                                   "term off)",
                                   truncate_to_width(raw, 40), key));
    }
    return value;
  }
  if (key == "due.limit") {
    int limit = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
    if (error != std::errc{} || end != value.data() + value.size() || limit < 0 || limit > 100000) {
      throw UsageError(fmt::format("bad value '{}' for due.limit: use a whole number (0 = no limit)",
                                   truncate_to_width(raw, 40)));
    }
    return std::to_string(limit);
  }
  if (key == "import.max_attendees") {
    int most = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), most);
    if (error != std::errc{} || end != value.data() + value.size() || most < 1 || most > 100000) {
      throw UsageError(fmt::format("bad value '{}' for import.max_attendees: use a whole number "
                                   "of people, 1 or more",
                                   truncate_to_width(raw, 40)));
    }
    return std::to_string(most);
  }
  if (starts_with(key, "me.")) {
    // A comma-separated list, kept as "a, b, c" so that two spellings of one list are one value.
    std::string list;
    for (const auto& item : split_list(value, ',')) {
      std::string t = trim(item);
      if (t.empty()) continue;
      if (std::any_of(t.begin(), t.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
        throw UsageError(fmt::format("bad value for {}: it holds a control character", key));
      list += (list.empty() ? "" : ", ") + t;
    }
    if (list.empty()) {
      throw UsageError(fmt::format("bad value '{}' for {}: give a comma-separated list, such as "
                                   "'kubernetes, public speaking'",
                                   truncate_to_width(raw, 40), key));
    }
    return list;
  }
  throw_unknown_setting(key);
}

void check_setting_key(const std::string& key) {
  if (starts_with(key, k_cadence_prefix)) {
    auto circle = key.substr(k_cadence_prefix.size());
    if (!circle.empty() && circle.find_first_of(" \t\n") == std::string::npos) return;
  }
  for (const auto& s : known_settings()) {
    if (s.key == key) return;
  }
  throw_unknown_setting(key);
}

const std::vector<SettingInfo>& known_settings() {
  static const std::vector<SettingInfo> list = [] {
    std::vector<SettingInfo> out{
        {"due.cadence.inner", "14d", "check-in cadence of the inner circle"},
        {"due.cadence.core", "30d", "check-in cadence of the core circle"},
        {"due.cadence.network", "90d", "check-in cadence of the network circle"},
        {"due.cadence.default", "60d", "cadence of allies with no or another circle"},
    };
    auto weights = default_weights();
    for (const auto& term : term_names()) {
      out.push_back({"due.weight." + term, fmt::format("{}", weights[term]),
                     "weight of the " + term + " term in `due`"});
    }
    out.push_back({"due.limit", "", "how many allies `due` lists (default: what fits the screen)"});
    out.push_back({"me.knows", "", "what you know, comma-separated: `brief` offers help with it"});
    out.push_back({"import.max_attendees", "15",
                   "a calendar event with more people than this besides you is not logged"});
    out.push_back({"me.email", "", "your own email addresses, comma-separated: a calendar import "
                                   "tells your meetings by them"});
    return out;
  }();
  return list;
}

std::map<std::string, std::string> stored_settings(Store& store) {
  std::map<std::string, std::string> out;
  try {
    SQLite::Statement st(db_of(store), "SELECT key, value FROM config");
    while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getString();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return out;
}

std::string set_setting(Store& store, const std::string& key, const std::string& value) {
  check_setting_key(key);
  std::string stored = checked_setting_value(key, value);
  try {
    SQLite::Statement st(db_of(store), R"sql(
      INSERT INTO config(key, value, id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
      WHERE value <> excluded.value)sql");
    st.bind(1, key);
    st.bind(2, stored);
    st.bind(3, new_uuid());
    st.bind(4, store.clock().now);
    st.exec();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return stored;
}

bool unset_setting(Store& store, const std::string& key) {
  check_setting_key(key);
  try {
    SQLite::Statement find(db_of(store), "SELECT id FROM config WHERE key = ?");
    find.bind(1, key);
    if (!find.executeStep()) return false;
    add_tombstone(store, find.getColumn(0).getString(), "config");
    SQLite::Statement del(db_of(store), "DELETE FROM config WHERE key = ?");
    del.bind(1, key);
    del.exec();
    return true;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

RankSettings load_rank_settings(Store& store) {
  RankSettings settings;
  settings.weights = default_weights();
  for (const auto& [key, value] : stored_settings(store)) {
    try {
      if (starts_with(key, k_cadence_prefix)) {
        int days = value == "none" ? 0 : parse_duration_days(value);
        auto circle = key.substr(k_cadence_prefix.size());
        if (circle == "default") {
          settings.default_cadence_days = days;
        } else {
          settings.circle_cadence_days[circle] = days;
        }
      } else if (starts_with(key, k_weight_prefix)) {
        if (auto number = parse_number(value)) settings.weights[key.substr(k_weight_prefix.size())] = *number;
      }
    } catch (const UsageError&) {
      // A value damaged outside ally: its default applies; `ally check` reports it.
    }
  }
  return settings;
}

std::optional<int> due_limit_setting(Store& store) {
  auto stored = stored_settings(store);
  auto it = stored.find("due.limit");
  if (it == stored.end()) return std::nullopt;
  auto number = parse_number(it->second);
  if (!number) return std::nullopt;
  return static_cast<int>(*number);
}

} // namespace ally
