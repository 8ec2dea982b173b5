#pragma once
// Runs the real `ally` binary on a temporary store, as a user would, and reads the store back.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ally_test {

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

// A fresh folder with a store path inside it (the store itself is created by the first write).
class TempStore {
public:
  TempStore();
  ~TempStore();
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  const std::filesystem::path& dir() const { return m_dir; }
  std::string db() const { return (m_dir / "ally.db").string(); }

  // Runs `ally --db <db> --today <today> args…` with NO_COLOR=1 and HOME inside the folder.
  Result run(const std::vector<std::string>& args, const std::string& input = {}) const;
  // Same, without the pinned --db/--today.
  Result run_raw(const std::vector<std::string>& args, const std::string& input = {},
                 const std::map<std::string, std::string>& env = {}) const;

  // Rows of an SQL query on the store, each column as text ("NULL" for null).
  std::vector<std::vector<std::string>> query(const std::string& sql) const;
  // The first column of the first row.
  std::string scalar(const std::string& sql) const;
  // Runs SQL statements on the store behind ally's back (damage, or bulk rows for a setup);
  // the store's triggers still fire. Throws on an SQL error.
  void exec_sql(const std::string& sql) const;
  // A logical dump of every table, to check that a failed command changed nothing.
  std::string dump() const;
  // The same without the undo journal: what `ally undo` must bring back exactly.
  std::string dump_data() const;

  std::string today = "2026-11-24";

private:
  std::string dump_tables(const std::string& extra_filter) const;
  std::filesystem::path m_dir;
};

// Runs a program with arguments and environment; stdin from `input`.
Result run_process(const std::vector<std::string>& argv, const std::string& input,
                   const std::map<std::string, std::string>& env);

} // namespace ally_test
