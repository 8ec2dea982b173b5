#pragma once
// What a store keeps about its syncs in its work tree's .git folder, one JSON line per entry:
// the conflicts (values that lost, to be taken back: ally-sync-conflicts), the remote records
// it refused (ally-sync-refused, with their lines as the remote has them), and the conflicts
// the merge driver found during the merge under way (ally-sync-pending).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ally/sync.hpp"

namespace ally::sync {

struct Refused {
  RefusedRecord info;
  std::string line; // kept verbatim in this store's files until the remote changes it
};

// By section and id ("allies\t<uuid>").
using RefusedMap = std::map<std::string, Refused>;

std::string refused_key(const std::string& section, const std::string& id);

std::filesystem::path conflicts_path(const std::filesystem::path& git_dir);
std::filesystem::path refused_path(const std::filesystem::path& git_dir);
std::filesystem::path pending_path(const std::filesystem::path& git_dir);

RefusedMap read_refused(const std::filesystem::path& git_dir);
void write_refused(const std::filesystem::path& git_dir, const RefusedMap& refused);

std::string conflict_line(const SyncConflict& c);
// Conflicts in a file of conflict lines; lines that do not parse are skipped.
std::vector<SyncConflict> read_conflict_lines(const std::filesystem::path& path);
void write_conflicts(const std::filesystem::path& git_dir, const std::vector<SyncConflict>& all);
// Numbers `fresh` after the kept ones and adds them to the list.
void keep_conflicts(const std::filesystem::path& git_dir, std::vector<SyncConflict>& fresh);

} // namespace ally::sync
