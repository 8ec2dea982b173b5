#pragma once
// `ally backup`: a consistent copy of the store, taken with SQLite's online backup while other
// commands keep reading and writing.
#include <cstdint>
#include <string>

#include "ally/store.hpp"

namespace ally {

struct BackupResult {
  std::string file;        // where the copy was written
  std::uintmax_t bytes = 0; // its size
  int schema_version = 0;  // the schema of the copy (the store's)
};

// The default backup file: beside the store, named after it and the time (UTC) of `now`
// ("ally.db" -> "ally.db.backup-20261124-110000"), with "-2", "-3"… added if that file exists.
std::string default_backup_path(const std::string& store_path, const std::string& now);

// Copies the store to `file` (mode 0600). The copy is written beside `file` and renamed into
// place, so a failed backup leaves no partial file and an existing backup intact. Throws
// Conflict if `file` is the store itself (or one of its -wal/-shm/-journal files), if `file`
// exists and `replace` is false; StoreError when it cannot be written.
// REQUIRES: the store exists on disk.
BackupResult backup_store(Store& store, const std::string& file, bool replace);

} // namespace ally
