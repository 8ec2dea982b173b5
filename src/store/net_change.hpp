#pragma once
// Private to the store: whether a journaled write changed anything a user could see.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>

namespace ally {

// True when some row the journal entry `seq` touched differs from how it was before the write,
// but for an `updated_at` set to `now` (this write's own stamp): a row inserted and deleted
// again, or updated to the values it had, is no change. A command that sets a field to the
// value it holds writes nothing (no updated_at, no undo entry, no sync change), whichever
// command it is. An `updated_at` moved to another time is a change: sync and import settle ties
// between machines by it.
bool journal_entry_changes_anything(SQLite::Database& db, std::int64_t seq, const std::string& now);

} // namespace ally
