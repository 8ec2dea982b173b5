#pragma once
// `ally sync`: two or three stores converge through a git repository. The store's records are
// written as deterministic files (one JSON record per line, sorted by UUID, sharded by the
// UUID's first two hex digits) in a work tree beside the store; git commits, fetches, merges
// (a merge driver of ours resolves each conflicting record: newer updated_at wins) and pushes;
// what came in is imported with the rules of `import --merge`. See docs/sync.md.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

// The sync work tree of the store at `store_path`: "<store_path>.sync".
std::string sync_dir_of(const std::string& store_path);

// Records per export section ("allies", "interactions", ...).
struct SyncCounts {
  std::map<std::string, std::size_t> sections;
  std::size_t total() const;
};

struct SyncInitResult {
  std::string dir;
  std::string remote;
  bool existed = false; // the work tree was there; only the remote changed
};

// Creates the work tree (0700) for the store at `store_path`, a git repository whose remote
// "origin" is `remote` (any URL or path git accepts), with ally's merge driver registered
// (`program` is this ally's path, which git runs as the driver). Run again, it changes the
// remote. Throws Conflict when git fails, StoreError when the folder cannot be made.
SyncInitResult sync_init(const std::string& store_path, const std::string& remote,
                         const std::string& program);

struct SyncReport {
  std::string remote;
  SyncCounts sent;     // records this store changed since the last sync
  SyncCounts received; // records that came from the remote and were imported
  int attempts = 0;    // pushes tried (more than one when the remote moved meanwhile)
};

// Sends the store's changes and imports the remote's: commit, fetch, merge, push (retried
// when another store pushed first), then one write transaction importing what came in. An
// earlier interrupted sync is repaired first. Throws Conflict with git's reason when the remote
// cannot be reached or refuses the push; the store is then as it was.
// REQUIRES: `store` opened for writing; not inside Store::write (git runs outside it).
SyncReport sync_now(Store& store, const std::string& program);

struct SyncStatus {
  std::string remote;
  bool fetched = false;
  std::string fetch_error;          // why the fetch failed, when it did
  SyncCounts to_send;               // records changed here that the remote lacks
  SyncCounts to_receive;            // records on the remote not merged here yet
  std::size_t commits_to_receive = 0;
};

// What `ally sync` would send and receive, after a fetch (its failure is reported, not thrown).
SyncStatus sync_status(Store& store, const std::string& program);

// The merge driver: merges two versions of a record file (`ours`, `theirs`) that both come from
// `base`, record by record by UUID: a record deleted on one side stays deleted, one changed on
// both sides takes the newer updated_at (tombstones: deleted_at); on a tie between different
// versions the larger line wins and its time moves on by one millisecond, so that every store
// takes it as newer. Lines stay sorted by UUID. Throws Conflict on a line that is not a record.
std::string merge_record_files(std::string_view base, std::string_view ours,
                               std::string_view theirs);

// Store side: makes the store's tombstones carry these deletion times (what the merge decided
// when two stores deleted one record). REQUIRES: inside Store::write.
void adopt_tombstones(Store& store, const std::vector<Tombstone>& tombstones);

} // namespace ally
