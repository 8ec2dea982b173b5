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

// Inputs for the active allies with a cadence, and the untracked ones with something open (a
// promise, a follow-up, an unthanked favor, a yearly date in its window); archived allies are
// left out. With `everyone`, all of them. Without, only those the ranking may list for `today`
// and `horizon_days` (`--within`): a check-in due by then, something open, or a snooze (which
// due's header counts) — a superset; rank() decides. Follow-ups and yearly dates further away than
// the horizon and their own windows are left out: the ranking would neither score nor quote them.
std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today,
                                        std::optional<int> horizon_days, bool everyone);

// One ally's input whatever its state (archived, untracked, nothing open), for
// `due --explain WHO`; none when there is no such ally.
std::optional<RankInput> load_rank_input(Store& store, const RankSettings& settings, Date today,
                                         std::int64_t number);

// Each reference's record UUID, found by its kind and number (empty when gone).
void fill_ref_ids(Store& store, std::vector<TermRef>& refs);

// The record UUIDs of each term's reference (`due --json`).
void fill_term_refs(Store& store, std::vector<RankedRow>& rows);

// What plain `ally due` lists today, in its order (its first `limit` rows, and how many in
// all): the one meaning of "due" that `list --sort due`, `show` and `stats` share.
Ranking rank_due_today(Store& store, const RankSettings& settings, Date today,
                       std::size_t limit = SIZE_MAX);

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
