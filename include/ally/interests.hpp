#pragma once
// Shared interests: topics of common ground, one per case-insensitive spelling.
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/names.hpp"
#include "ally/store.hpp"

namespace ally {

// Every topic with how many active allies share it, most shared first, then by name.
std::vector<Interest> list_interests(Store& store);

// The topic spelled `name` (any case or accents); nullopt when there is none.
std::optional<Interest> find_interest(Store& store, const std::string& name);

// Active allies who share the topic, by name.
std::vector<NameMatch> allies_sharing(Store& store, const Interest& topic);

} // namespace ally
