#pragma once
// `ally merge KEEP OTHER`: two records that are one person become one.
// REQUIRES: inside Store::write (so `ally undo` takes the whole merge back).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

struct MergeReport {
  Ally keep;                    // as stored after the merge
  Ally other;                   // as it was before
  std::size_t interactions = 0; // conversations OTHER was in, now KEEP's
  std::size_t favors = 0;
  std::size_t to_bring_up = 0; // things to bring up (`ally next`)
  std::size_t introductions = 0;
  std::size_t dates = 0;
  std::size_t interests = 0;              // topics KEEP did not share yet
  std::size_t dropped_introductions = 0;  // OTHER introduced to KEEP: would become self-intros
  std::vector<std::string> dropped_dates; // labels KEEP already had; KEEP's date stays
  // List fields that gained values ("2 emails"), and empty fields filled from OTHER ("org").
  std::vector<std::string> united;
  std::vector<std::string> filled;
};

// Moves everything of OTHER to KEEP: conversations (one row when both were present), favors,
// introductions (dropping one between the two), important dates (on a label clash KEEP's
// stays), interests and list values (united), empty fields of KEEP filled from OTHER, notes
// appended; KEEP's cadence stays unless KEEP is untracked and OTHER is not; the earlier
// "added on" wins. Then OTHER is tombstoned and deleted. Records that moved get a new
// updated_at, so a later sync sees the change. Throws Conflict when both are the same ally,
// NotFound when either is missing.
MergeReport merge_allies(Store& store, std::int64_t keep, std::int64_t other);

} // namespace ally
