#pragma once
// The store: one SQLite file holding everything ally knows. This header hides SQLite; the
// functions that read and write records are declared in the headers beside it
// (allies.hpp, log.hpp, ...).
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ally/date.hpp"

namespace ally {

// What a command needs: reads never create the store, writes create it (0600 in a 0700 folder).
enum class Access { read, write };

// "Today" and "now" for one run. `--today` pins both, so scripted histories are reproducible:
// the recorded time is then that day at 12:00 local time, in UTC.
struct Clock {
  Date today;
  std::string now; // UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ"
  static Clock system();
  static Clock pinned(Date day);
};

class Store {
public:
  // Opens (and for Access::write creates and migrates) the store at `path`. A read of a missing
  // store opens an empty in-memory one and creates nothing. Throws StoreError when the path is a
  // directory, unreadable, read-only for a write, not an SQLite file, or from a newer ally.
  Store(const std::string& path, Access access, Clock clock);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  const Clock& clock() const { return m_clock; }
  const std::string& path() const { return m_path; }
  bool exists_on_disk() const { return m_on_disk; }
  // The copy made before this open upgraded the store's schema, else "".
  const std::string& upgrade_backup() const { return m_upgrade_backup; }

  // Runs `body` inside one BEGIN IMMEDIATE transaction, journaled for `ally undo` under
  // `summary` ("add Rachel Green (#4)"). Rolls back and rethrows if `body` throws.
  template <class Body> auto write(const std::string& summary, Body&& body) {
    begin_write(summary);
    return finish_write(std::forward<Body>(body));
  }
  // Same transaction, but the journal records nothing: only `ally undo` uses it, because an
  // undo must not become a new entry to undo.
  template <class Body> auto write_unjournaled(Body&& body) {
    begin_unjournaled();
    return finish_write(std::forward<Body>(body));
  }
  // Replaces the summary of the write under way (once the record's number is known).
  void set_write_summary(const std::string& summary);
  // False when the last write() left every row as it was (updated_at aside): it was rolled
  // back, so it moved no updated_at and left no undo entry. The command says "nothing to change".
  bool last_write_changed() const { return m_last_write_changed; }
  // What a command should tell the user besides its result (which ally a nickname chose over
  // a first name); the command line prints each on stderr once the command is done.
  void add_notice(std::string text) { m_notices.push_back(std::move(text)); }
  std::vector<std::string> take_notices() { return std::exchange(m_notices, {}); }

  struct Impl;
  Impl& impl() { return *m_impl; }

private:
  void begin_write(const std::string& summary);
  void begin_unjournaled();
  void commit_write();
  void rollback_write();
  template <class Body> auto finish_write(Body&& body) {
    try {
      if constexpr (std::is_void_v<decltype(body())>) {
        body();
        commit_write();
      } else {
        auto result = body();
        commit_write();
        return result;
      }
    } catch (...) {
      rollback_write();
      throw;
    }
  }

  std::unique_ptr<Impl> m_impl;
  Clock m_clock;
  std::string m_path;
  bool m_on_disk = false;
  bool m_last_write_changed = true;
  std::vector<std::string> m_notices;
  std::string m_upgrade_backup;
};

// The store path from `--db`, else $ALLY_DB, else $XDG_DATA_HOME/ally/ally.db, else
// ~/.local/share/ally/ally.db.
std::string default_store_path(const std::string& db_option);

std::string new_uuid();

// The schema version this ally writes.
int current_schema_version();

} // namespace ally
