#pragma once
// `ally undo`: every write command leaves one journal entry (its summary and the old values of
// each row it changed); undo replays the newest entry not yet undone backwards. There is no
// redo: a later write simply becomes the newest entry, and undone entries stay undone.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ally/store.hpp"

namespace ally {

struct JournalEntry {
  std::int64_t seq = 0;
  std::string at;      // UTC, when the command ran
  std::string summary; // "add Rachel Green (#1)"
  bool undone = false;
};

// Reverts the newest entry not yet undone, in its own transaction that is not journaled, and
// marks it undone. Returns nullopt when there is nothing to undo (the store is untouched then).
// Throws Conflict when the store no longer matches the entry (it was changed behind ally's back).
// REQUIRES: `store` opened for writing, no write under way.
std::optional<JournalEntry> undo_last(Store& store);

// The most recent `limit` entries, newest first, undone ones included.
std::vector<JournalEntry> journal_history(Store& store, std::size_t limit);

} // namespace ally
