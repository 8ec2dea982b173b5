// `ally backup` and the copy made before a migration: SQLite's online backup into a private
// temporary file beside the target, then a rename, so no reader ever sees half a backup.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "ally/backup.hpp"
#include "ally/cleanup.hpp"
#include "ally/error.hpp"
#include "ally/files.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

namespace fs = std::filesystem;

// How long a backup waits for a lock it cannot get (as long as any command waits).
constexpr auto k_lock_patience = std::chrono::minutes(10);
constexpr auto k_lock_retry = std::chrono::milliseconds(20);

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

// The store, or one of the files SQLite keeps beside it.
bool is_part_of_store(const fs::path& file, const std::string& store_path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (same_file(file, store_path + suffix)) return true;
  }
  return false;
}

} // namespace

void copy_pages(SQLite::Database& source, SQLite::Database& target) {
  SQLite::Backup backup(target, "main", source, "main");
  auto give_up = std::chrono::steady_clock::now() + k_lock_patience;
  for (;;) {
    int rc = backup.executeStep(-1);
    if (rc == SQLITE_DONE) return;
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || std::chrono::steady_clock::now() > give_up) {
      throw StoreError(fmt::format("the backup could not read the store: {}", sqlite3_errstr(rc)));
    }
    std::this_thread::sleep_for(k_lock_retry);
  }
}

namespace {

// A fresh, private (0600), empty file beside `target` to write the copy into.
} // namespace

void copy_database(SQLite::Database& source, const std::string& file, bool replace) {
  const std::string temporary = create_temporary_beside(file);
  const RemoveOnSignal cleanup(temporary), cleanup_journal(temporary + "-journal");
  try {
    {
      SQLite::Database target(temporary, SQLite::OPEN_READWRITE);
      copy_pages(source, target);
    } // closing checkpoints the copy into one self-contained file
    std::error_code ec;
    fs::remove(temporary + "-wal", ec);
    fs::remove(temporary + "-shm", ec);
    if (replace) {
      require_regular_target(file); // still, after the copy
      if (::rename(temporary.c_str(), file.c_str()) != 0) {
        throw StoreError(fmt::format("cannot write '{}': {}", file, std::strerror(errno)));
      }
    } else {
      // link() refuses an existing name, so a backup never replaces a file it was not asked to.
      if (::link(temporary.c_str(), file.c_str()) != 0) {
        if (errno == EEXIST) {
          throw Conflict(fmt::format("'{}' already exists", file), "use --force to replace it");
        }
        throw StoreError(fmt::format("cannot write '{}': {}", file, std::strerror(errno)));
      }
      ::unlink(temporary.c_str());
    }
  } catch (...) {
    std::error_code ec;
    fs::remove(temporary, ec);
    fs::remove(temporary + "-wal", ec);
    fs::remove(temporary + "-shm", ec);
    throw;
  }
}

std::string default_backup_path(const std::string& store_path, const std::string& now) {
  // now is "YYYY-MM-DDTHH:MM:SS.mmmZ"
  std::string stamp = now.size() >= 19 ? now.substr(0, 4) + now.substr(5, 2) + now.substr(8, 2) +
                                             "-" + now.substr(11, 2) + now.substr(14, 2) +
                                             now.substr(17, 2)
                                       : now;
  auto base = fmt::format("{}.backup-{}", store_path, stamp);
  std::string candidate = base;
  for (int n = 2; fs::exists(fs::symlink_status(candidate)); ++n) {
    candidate = fmt::format("{}-{}", base, n);
  }
  return candidate;
}

BackupResult backup_store(Store& store, const std::string& file, bool replace) {
  if (!store.exists_on_disk()) {
    throw NotFound(fmt::format("there is no store at '{}' yet: nothing to back up", store.path()));
  }
  if (file.empty()) throw UsageError("the backup file name is empty");
  if (is_part_of_store(file, store.path())) {
    throw Conflict(fmt::format("'{}' is the store itself: a backup must go to another file", file));
  }
  // Not a device, FIFO, folder or link, --force or not: renaming over /dev/null as root would
  // replace the device itself.
  require_regular_target(file);
  std::error_code ec;
  auto status = fs::symlink_status(file, ec);
  if (fs::exists(status) && !replace) {
    throw Conflict(fmt::format("'{}' already exists", file), "use --force to replace it");
  }
  try {
    auto& db = db_of(store);
    copy_database(db, file, replace);
    BackupResult result;
    result.file = file;
    result.bytes = fs::file_size(file, ec);
    result.schema_version = db.execAndGet("PRAGMA user_version").getInt();
    return result;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
