#include "ally/new_store_paths.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "ally/exchange.hpp"
#include "store/database.hpp"

namespace ally {

namespace fs = std::filesystem;

NewStorePaths::NewStorePaths(const std::string& store) : m_store(store) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(m_store, ec))) return;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::path file = m_store.string() + suffix;
    if (!fs::exists(fs::symlink_status(file, ec))) m_files.push_back(file);
  }
  // symlink_status: a dangling symlink is something that was there, and stays.
  for (auto dir = m_store.parent_path(); !dir.empty() && !fs::exists(fs::symlink_status(dir, ec));
       dir = dir.parent_path()) {
    m_dirs.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
}

void NewStorePaths::remove_if_blank(const Clock& clock) const {
  if (m_files.empty()) return;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(m_store, ec))) {
    try {
      Store store(m_store.string(), Access::read, clock);
      if (!store_is_blank(store)) return;
    } catch (const std::exception&) {
      return;
    }
  }
  for (const auto& file : m_files) fs::remove(file, ec);
  for (const auto& dir : m_dirs) fs::remove(dir, ec); // deepest first; only when empty
}

} // namespace ally
