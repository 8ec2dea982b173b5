#pragma once
// Things to bring up the next time you talk with an ally (`ally next`, `log --next`): open until
// marked done, shown by `show`, `brief` and on a `due` row listed anyway; they never list an
// ally in `due` by themselves. REQUIRES for writes: inside Store::write.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

// Notes one for the ally, dated `on`. Throws UsageError for blank text, NotFound when the ally
// does not exist.
ToBringUp add_to_bring_up(Store& store, std::int64_t ally, const std::string& text, Date on);

std::optional<ToBringUp> find_to_bring_up(Store& store, std::int64_t number);
// Throws NotFound("no thing to bring up #N").
ToBringUp get_to_bring_up(Store& store, std::int64_t number);

// Writes its text, ally and done date, bumping updated_at (a write that changes nothing is
// rolled back by Store::write). Throws as add_to_bring_up does.
void update_to_bring_up(Store& store, ToBringUp& item);

// Marks it done on `on`. Throws NotFound, or Conflict when it is done already.
ToBringUp mark_to_bring_up_done(Store& store, std::int64_t number, Date on);

// Deletes it, leaving a tombstone of kind "to_bring_up". Throws NotFound.
ToBringUp remove_to_bring_up(Store& store, std::int64_t number);

// The open ones, oldest first (date, then number); everyone's or one ally's.
std::vector<ToBringUp> open_to_bring_up(Store& store, std::optional<std::int64_t> ally = std::nullopt);

// How many open ones each of these allies has (absent: none).
std::map<std::int64_t, std::size_t> open_to_bring_up_counts(Store& store,
                                                             const std::vector<std::int64_t>& allies);

} // namespace ally
