#pragma once
// Reading and writing allies. REQUIRES for every write: inside Store::write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

struct AllyFilter {
  std::string tag, circle, relationship, interest, org, city, knows; // empty = any
  bool archived = false;  // list archived allies instead of active ones
  bool untracked = false; // only allies with no cadence
  // false: leave the many-valued fields (nicknames, emails, phones, tags, expertise,
  // interests) empty, for callers that show only the ally's own columns.
  bool with_lists = true;
};

// Inserts a new ally, filling its meta (number, UUID, timestamps) and added_on.
void insert_ally(Store& store, Ally& ally);

// Writes every field of an existing ally and bumps its updated_at. Topics in `ally.interests`
// are created as needed, one per case-insensitive spelling.
void update_ally(Store& store, Ally& ally);

// The ally with this number (archived or not), or nullopt.
std::optional<Ally> find_ally(Store& store, std::int64_t number);

// The ally with this number; throws NotFound.
Ally get_ally(Store& store, std::int64_t number);

// Allies matching every non-empty filter, by name.
std::vector<Ally> list_allies(Store& store, const AllyFilter& filter);

// Deletes the ally and everything only it has (favors, dates, introductions, conversations
// with no one else), leaving tombstones.
void purge_ally(Store& store, std::int64_t number);

// Records a tombstone for a deleted record.
void add_tombstone(Store& store, const std::string& id, const std::string& kind);

} // namespace ally
