#pragma once
// Records as JSON. These keys are a contract: `--json` output and the export format use them.
#include <nlohmann/json.hpp>

#include "ally/model.hpp"

namespace ally {

nlohmann::json to_json(const Ally& ally);
nlohmann::json to_json(const Interaction& interaction);
nlohmann::json to_json(const Favor& favor);
nlohmann::json to_json(const ToBringUp& item);
nlohmann::json to_json(const Introduction& introduction);
nlohmann::json to_json(const ImportantDate& date);

// A date as "YYYY-MM-DD", or null.
nlohmann::json date_json(const std::optional<Date>& date);
std::string cadence_text(const Cadence& cadence); // "default", "none", "30d"

} // namespace ally
