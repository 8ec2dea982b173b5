#pragma once
// Everything `ally show` tells about one ally, gathered in one place, and the check-in
// schedule `list` and `show` print.
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/ranking.hpp"
#include "ally/store.hpp"

namespace ally {

struct CheckIn {
  int cadence_days = 0;        // effective; 0 = not tracked
  std::string cadence_source;  // "own", a circle name, or "default"
  std::optional<Date> next;    // last contact (or added) + cadence; none when not tracked
};

CheckIn check_in_of(const Ally& ally, const RankSettings& settings);

struct Profile {
  Ally ally;
  CheckIn check_in;
  std::vector<ImportantDate> dates;
};

// Gathers the profile of the ally with this number; throws NotFound.
Profile load_profile(Store& store, std::int64_t number);

} // namespace ally
