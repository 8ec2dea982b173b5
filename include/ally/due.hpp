#pragma once
// What `ally due` reads from the store: one RankInput per tracked, active ally, gathered with a
// handful of indexed queries whose cost does not grow with the length of the history.
#include <vector>

#include "ally/ranking.hpp"
#include "ally/store.hpp"

namespace ally {

// Inputs for every active ally with a cadence (untracked and archived allies are left out).
// Snoozed allies are included; the ranking hides them.
std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today);

} // namespace ally
