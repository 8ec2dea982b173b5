#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ally/store.hpp"

namespace ally {

// What a command that makes a missing store would leave behind: the store's files and the
// folders made for them. A command that fails removes exactly those (`remove_if_blank`), so the
// file system is as it was before it ran.
class NewStorePaths {
public:
  // Notes what is missing now; a store that exists is never touched later (its -wal may hold
  // another process's writes).
  explicit NewStorePaths(const std::string& store);

  // Removes what was missing, when the store there now holds nothing: another ally may have
  // made it, and written to it, meanwhile. An unreadable store is not ours to judge, and stays.
  void remove_if_blank(const Clock& clock) const;

private:
  std::filesystem::path m_store;
  std::vector<std::filesystem::path> m_files;
  std::vector<std::filesystem::path> m_dirs;
};

} // namespace ally
