#pragma once
// The confirmation of a favor or promise just recorded, shared by `ally favor` and by
// `ally log --gave/--got/--promise`, so both say it in the same words.
#include "ally/model.hpp"
#include "ally/store.hpp"
#include "cli/context.hpp"

namespace ally::cli {

// "Recorded promise #4 to Rachel Green (#1): …, due Fri 2026-11-27 (in 3d)." or "Recorded favor
// #5 from …: …."; for a promise to a snoozed or untracked ally, a line saying it still comes up.
void print_recorded_favor(Context& ctx, Store& store, const Favor& favor, const Ally& ally);

} // namespace ally::cli
