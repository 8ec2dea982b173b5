#pragma once
// How a sync conflict is told: one line for `ally sync`, and the command that takes the value
// that lost back (from the table of an ally's fields, and the edit commands of the others).
#include <string>

#include "ally/sync.hpp"

namespace ally::cli {

// The value of a conflict side as text ("" for null), whole.
std::string conflict_value(const std::string& json_text);

// "Priya Raman (#3)", "conversation #12", or the record's id when this store lacks it.
std::string conflict_record(const SyncConflict& c);

// "Priya Raman (#3): role — kept 'Senior Staff Engineer' (desktop, 2026-12-01), replaced
// 'Staff Engineer' (laptop)", values cut to keep the line short.
std::string conflict_line_text(const SyncConflict& c);

// The command that restores the value that lost, or "" when there is none.
std::string restore_command(const SyncConflict& c);

} // namespace ally::cli
