#pragma once
// Favors between you and one ally: `gave` (you helped them) or `got` (they helped you). A
// `gave` favor with a due date is a promise, open until done. REQUIRES for writes: inside
// Store::write.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

struct NewFavor {
  std::int64_t ally = 0;
  FavorDirection direction = FavorDirection::gave;
  std::string text; // kept exactly as given; must not be blank
  Date date{};
  std::optional<Date> due; // only with `gave`
  std::string id;          // "" for a new UUID; an import gives the id its source implies
};

// Records the favor and returns it with its meta filled in. Throws UsageError for blank text or
// a due date on a `got` favor, NotFound when the ally does not exist.
Favor add_favor(Store& store, const NewFavor& entry);

// The favor with this number, or nullopt.
std::optional<Favor> find_favor(Store& store, std::int64_t number);

// The favor with this number; throws NotFound("no favor #N").
Favor get_favor(Store& store, std::int64_t number);

// Writes every field of an existing favor and bumps its updated_at. Throws as add_favor does,
// and NotFound when it no longer exists.
void update_favor(Store& store, Favor& favor);

// Deletes the favor, leaving a tombstone of kind "favor"; returns what was deleted. Throws
// NotFound.
Favor remove_favor(Store& store, std::int64_t number);

// Sets the done date of a favor you gave (keeping a promise). Throws NotFound, or Conflict when
// it is a favor you got or is already done.
Favor mark_favor_done(Store& store, std::int64_t number, Date on);

// Sets the thanked date of a favor you got, unless it is already thanked (then the first date
// stays). Throws NotFound, or Conflict when it is a favor you gave.
Favor mark_favor_thanked(Store& store, std::int64_t number, Date on);

// Favors newest first (date, then number); all of them, or one ally's.
std::vector<Favor> list_favors(Store& store, std::optional<std::int64_t> ally = std::nullopt);

// What still asks something of you, newest first: open promises (gave, due date, not done) and
// favors you got that are not thanked yet; all of them, or one ally's.
std::vector<Favor> open_favors(Store& store, std::optional<std::int64_t> ally = std::nullopt);

// Open promises, earliest due first (then number); all of them, or one ally's.
std::vector<Favor> open_promises(Store& store, std::optional<std::int64_t> ally = std::nullopt);

// Favors you got and have not thanked, newest first; all of them, or one ally's.
std::vector<Favor> unthanked_favors(Store& store, std::optional<std::int64_t> ally = std::nullopt);

// How many favors went each way.
struct FavorBalance {
  int gave = 0;
  int got = 0;
  bool operator==(const FavorBalance&) const = default;
};

// One ally's favors dated on or after `since` (all of them without it).
FavorBalance favor_balance(Store& store, std::int64_t ally,
                           std::optional<Date> since = std::nullopt);

// Every ally's favors dated on or after `since` (all of them without it), by ally number; allies
// with no favors are absent. One grouped query, for the ranking and the `favors` summary.
std::map<std::int64_t, FavorBalance> favor_balances(Store& store,
                                                    std::optional<Date> since = std::nullopt);

// The first day of "the last 12 months" the balance counts: 365 days before today, as the
// ranking's reciprocity window.
Date balance_window_start(Date today);

} // namespace ally
