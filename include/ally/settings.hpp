#pragma once
// Settings kept in the store's config table (`ally config`): check-in cadences per circle,
// ranking weights, the default `due` limit.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ally/ranking.hpp"
#include "ally/store.hpp"

namespace ally {

struct SettingInfo {
  std::string key;
  std::string default_value; // empty: no default
  std::string help;
};

// The fixed keys (`due.cadence.<circle>` accepts any circle word besides these).
const std::vector<SettingInfo>& known_settings();

// Every setting stored, by key.
std::map<std::string, std::string> stored_settings(Store& store);

// Throws UsageError, listing the valid keys, unless `key` is one.
void check_setting_key(const std::string& key);

// The value as `config` stores it ("2w" stays "2w", " 7" becomes "7"). Throws UsageError
// describing the valid values. Also what JSON import checks each setting with.
std::string checked_setting_value(const std::string& key, const std::string& raw);

// Checks the key and value, normalises the value ("2w" stays "2w"), and stores it.
// Throws UsageError listing the valid keys or describing the valid values.
std::string set_setting(Store& store, const std::string& key, const std::string& value);

// Removes a stored setting so its default applies again; false if it was not set.
bool unset_setting(Store& store, const std::string& key);

// The ranking settings with the stored values applied over the defaults.
RankSettings load_rank_settings(Store& store);

// `due.limit`, if set.
std::optional<int> due_limit_setting(Store& store);

} // namespace ally
