#pragma once
// `ally check`: SQLite's integrity check plus ally's own consistency rules (derived columns
// agree with the log, search indexes with their records, no orphans, a settled journal, a
// private file).
#include <string>
#include <vector>

#include "ally/store.hpp"

namespace ally {

struct CheckOutcome {
  std::string name;                  // short and stable, for --json: "integrity", "last_contact", …
  std::string description;           // what it checks, in words
  std::vector<std::string> problems; // empty when the check passed
  std::string skipped;               // why it could not run (a read-only store), else empty
};

// Runs every check, in a fixed order, and reports each. Reads only. A check that cannot run
// reports that as its problem.
std::vector<CheckOutcome> check_store(Store& store);

} // namespace ally
