#pragma once
// `ally sync`: two or three stores converge through a git repository. The store's records are
// written as deterministic files (one JSON record per line, sorted by UUID, sharded by the
// UUID's first two hex digits) in a work tree beside the store; git commits, fetches, merges
// (a merge driver of ours merges a record changed on both sides field by field) and pushes;
// what came in is imported with the rules of `import --merge`. The remote is untrusted input:
// its commit is checked before anything is merged or written. See docs/sync.md.
#include <cstddef>
#include <cstdint>
#include <functional>
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
  std::string label;    // this store's name in reports and conflicts
  bool existed = false; // the work tree was there; only the remote (or label) changed
  bool recovered = false; // a damaged work tree was set aside and made again
  std::string unreachable; // why the remote could not be checked now, when it could not
};

// Creates the work tree (0700) for the store at `store_path`, a git repository whose remote
// "origin" is `remote` (any URL or path git accepts), with ally's merge driver registered
// (`program` is this ally's path, which git runs as the driver). Run again, it changes the
// remote (and the label, when `label` is not empty), and a work tree in any state is repaired
// or made again. The remote is fetched first: a branch that is not an ally layout, or an
// ally-sync.json of a newer or foreign format, is refused with nothing changed. Throws
// Conflict when git fails or the remote is refused, StoreError when the folder cannot be made,
// UsageError for a bad label.
SyncInitResult sync_init(const std::string& store_path, const std::string& remote,
                         const std::string& program, const std::string& label = {});

// Two stores changed one field of one record to different values: the later change was kept,
// the other is here, to be taken back. `field` empty: one store deleted the record, the other
// edited it; the deletion won and `replaced` is the edited record.
struct SyncConflict {
  std::int64_t number = 0; // its number in `ally sync conflicts`
  std::string section, id, name, field;
  std::string kept, replaced;           // JSON texts of the values ("null": the deletion)
  std::string kept_side, replaced_side; // the stores' labels ("ours"/"theirs" in the driver)
  std::string kept_time, replaced_time; // the versions' updated_at
  std::string file;                     // the record file, in the driver
  std::int64_t record_number = 0;       // the record's number in this store, 0 when gone
};

// A record from the remote this store could not take: reported, left out, and its line kept
// as it is in this store's files until the remote changes it.
struct RefusedRecord {
  std::string section, id, file, commit, reason;
};

// A record of this store with a text over the size limit, which other stores would refuse.
struct OversizedRecord {
  std::string section, id, field;
  std::int64_t record_number = 0;
  std::size_t bytes = 0;
};

struct SyncReport {
  std::string remote;
  std::string label;
  SyncCounts sent;     // records this store changed since the last sync
  SyncCounts received; // records that came from the remote and were imported
  int attempts = 0;    // pushes tried (more than one when the remote moved meanwhile)
  std::vector<SyncConflict> conflicts; // new ones, as kept in `ally sync conflicts`
  std::vector<RefusedRecord> refused;  // remote records not taken (this sync or still)
  std::vector<OversizedRecord> oversized;
};

// Sends the store's changes and imports the remote's: commit, fetch, check, merge, push
// (retried when another store pushed first), then one write transaction importing what came
// in. An earlier interrupted sync is repaired first. Throws Conflict with git's reason when the
// remote cannot be reached or refuses the push, or when its commit is not an ally layout; the
// store is then as it was. Bad records are not thrown: they come back in `refused`.
// REQUIRES: `store` opened for writing; not inside Store::write (git runs outside it).
SyncReport sync_now(Store& store, const std::string& program);

struct SyncStatus {
  std::string remote;
  std::string label;
  bool fetched = false;
  std::string fetch_error;          // why the fetch failed, when it did
  SyncCounts to_send;               // records changed here that the remote lacks
  SyncCounts to_receive;            // records on the remote not merged here yet
  std::size_t commits_to_receive = 0;
  std::vector<RefusedRecord> refused;
  std::size_t conflicts = 0;        // kept in `ally sync conflicts`
};

// What `ally sync` would send and receive, after a fetch (its failure is reported, not thrown).
SyncStatus sync_status(Store& store, const std::string& program);

// The conflicts kept for the store at `store_path`, oldest first, with their record numbers.
std::vector<SyncConflict> sync_conflicts(Store& store);

// Forgets conflict `number` (0: all of them). Returns how many were forgotten.
std::size_t clear_sync_conflicts(Store& store, std::int64_t number);

struct RecordMerge {
  std::string text;
  std::vector<SyncConflict> conflicts;
};

// The merge driver: merges two versions of a record file (`ours`, `theirs`) that both come from
// `base`, record by record by UUID. A record deleted on one side stays deleted (reported when
// the other side had edited it); one changed on both sides is merged field by field against
// `base`: a field changed on one side takes that change, lists merge as sets, a field changed
// to two values keeps the later change's (the record's updated_at; on a tie the larger line)
// and reports the other. A merged record differing from the later side's takes a time one
// millisecond after both, so every store takes it as newer. Lines stay sorted by UUID. Throws
// Conflict on a line that is not a record.
RecordMerge merge_record_files(std::string_view base, std::string_view ours,
                               std::string_view theirs, const std::string& section = "allies");

// What git runs: merges the files in place (OURS gets the result) and, when the sync that
// started git says where, appends the conflicts to its list. `path` is the file's path in the
// repository (its folder is the section).
void run_merge_driver(const std::string& base, const std::string& ours, const std::string& theirs,
                      const std::string& path);

// Store side: makes the store's tombstones carry these deletion times (what the merge decided
// when two stores deleted one record). REQUIRES: inside Store::write.
void adopt_tombstones(Store& store, const std::vector<Tombstone>& tombstones);

// Runs `body` so that what it wrote is undone when it throws, the rest of the transaction
// staying (one bad record among many). REQUIRES: inside Store::write.
void within_savepoint(Store& store, const std::function<void()>& body);

// The record's number in this store (0 when it has none there). For reports.
std::int64_t record_number_of(Store& store, const std::string& section, const std::string& id);

} // namespace ally
