#pragma once
// What `ally due` reads from the store: one RankInput per tracked, active ally, gathered with a
// handful of indexed queries whose cost does not grow with the length of the history.
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "ally/ranking.hpp"
#include "ally/store.hpp"

namespace ally {

// Inputs for the active allies with a cadence (untracked and archived allies are left out).
// With `everyone`, all of them (snoozed included; the ranking hides them). Without, only those
// the ranking may list for `today` and `horizon_days` (`--within`): a check-in due by then, or
// something open (a superset; rank() decides). Follow-ups and yearly dates further away than
// the horizon and their own windows are left out: the ranking would neither score nor quote them.
std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today,
                                        std::optional<int> horizon_days, bool everyone);

// The most inputs there can be (the largest ally number, up to a million), to reserve room for:
// memory reserved is touched only as far as it is used, while growing a list moves it into
// fresh memory each time.
std::size_t rank_inputs_bound(Store& store);

// The same inputs handed to `take` one by one as they are read (TopRanking keeps a screenful).
// Without `ids`, their `id` is left empty: `due`'s list does not print it. With `chosen`, the
// follow-ups' notes are left empty as they are handed over; once all are, `chosen()` gives the
// inputs whose rows will be worded, and only theirs are read (from the same snapshot).
void read_rank_inputs(Store& store, const RankSettings& settings, Date today,
                      std::optional<int> horizon_days, bool everyone, bool ids,
                      const std::function<void(RankInput&&)>& take,
                      const std::function<std::span<RankInput>()>& chosen = {});

} // namespace ally
