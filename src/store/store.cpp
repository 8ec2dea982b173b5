// Opening the store file safely, and the write transaction every command goes through.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "store/database.hpp"
#include "store/net_change.hpp"

namespace ally {
namespace {

// Longer than the longest import, so concurrent commands wait instead of failing.
constexpr int k_busy_timeout_ms = 10 * 60 * 1000;

// One thread uses a connection: without SQLite's per-call mutex, `due` at 10k allies ran 13%
// fewer instructions (every column read took and released it).
const int k_no_mutex = SQLITE_OPEN_NOMUTEX;

std::string format_utc(std::time_t seconds, int millis) {
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

// Creates each missing folder of `dir` with mode 0700.
void make_private_dirs(const std::filesystem::path& dir) {
  if (dir.empty() || std::filesystem::exists(dir)) return;
  make_private_dirs(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw StoreError(fmt::format("cannot create folder '{}': {}", dir.string(), std::strerror(errno)));
  }
}

// Creates the file 0600 before SQLite sees it, whatever the umask; SQLite gives its -wal and
// -shm files the same mode.
void create_private_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;
    throw StoreError(fmt::format("cannot create store '{}': {}", path, std::strerror(errno)));
  }
  ::close(fd);
}

void check_path(const std::string& path, bool& exists) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      exists = false;
      return;
    }
    throw StoreError(fmt::format("cannot open store '{}': {}", path, std::strerror(errno)));
  }
  exists = true;
  if (S_ISDIR(st.st_mode)) throw StoreError(fmt::format("store '{}' is a directory", path));
  // A FIFO would hang the open forever, a device is nobody's store.
  if (!S_ISREG(st.st_mode)) {
    throw StoreError(fmt::format("store '{}' is not a regular file ({})", path,
                                 S_ISFIFO(st.st_mode) ? "a named pipe" : S_ISSOCK(st.st_mode) ? "a socket" : "a device"));
  }
}

// What the file's header says, read without SQLite so that another program's database or a
// store from a newer ally is refused before anything could write to it. `known` is false when
// the header means nothing yet (an empty file, or one a hot journal will roll back on opening).
struct Header {
  bool known = false;
  int user_version = 0;
  std::uint32_t application_id = 0;
};

std::uint32_t big_endian_at(const unsigned char* bytes, int at) {
  return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) |
         (std::uint32_t{bytes[at + 2]} << 8) | std::uint32_t{bytes[at + 3]};
}

Header read_sqlite_header(const std::string& path) {
  // A write killed in rollback mode (a new store switching to WAL) leaves a hot journal beside a
  // half-written file; the checks after opening still refuse a foreign or newer file then.
  std::error_code ec;
  auto journal_bytes = std::filesystem::file_size(path + "-journal", ec);
  if (!ec && journal_bytes > 0) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StoreError(fmt::format("cannot read store '{}': {}", path, std::strerror(errno)));
  unsigned char header[100] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (in.gcount() == 0) return {}; // an empty file becomes a new store
  if (in.gcount() < 16 || std::memcmp(header, "SQLite format 3", 16) != 0) {
    throw StoreError(fmt::format("'{}' is not an ally store (not an SQLite database)", path));
  }
  if (in.gcount() < 72) return {};
  // Offsets per SQLite's file format.
  return {true, static_cast<int>(big_endian_at(header, 60)), big_endian_at(header, 68)};
}

[[noreturn]] void refuse_foreign(const std::string& path) {
  throw StoreError(fmt::format("'{}' is an SQLite database but not an ally store", path),
                   "it was left untouched; name an ally store or a new file with --db");
}

// Another program's SQLite file is refused before anything is written to it: no ally marker, and
// not an ally store from before the marker (its tables, a known schema version) nor the blank
// file a first write killed midway leaves.
void refuse_foreign_database(SQLite::Database& db, const std::string& path, int version) {
  const std::int64_t id = db.execAndGet("PRAGMA application_id").getInt64();
  if (id == k_application_id) return;
  if (id == 0) {
    const int tables = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    const int ally_tables = db.execAndGet(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('ally', 'interaction', 'favor')").getInt();
    if (tables == 0 && version == 0) return;
    if (ally_tables == 3 && version >= 1) return;
  }
  refuse_foreign(path);
}

// A file URI for SQLite: every byte but the plainest percent-encoded.
std::string file_uri(const std::string& path) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return uri;
}

// Refuses another program's file from its header, or (unmarked: an ally store from before the
// marker, or something else) from its tables read through an immutable connection, which takes
// no lock and creates no -wal, -shm or -journal beside the file. A file that cannot be read
// that way is left to the checks after opening.
void refuse_foreign_file(const std::string& path, const Header& header) {
  if (!header.known || header.application_id == static_cast<std::uint32_t>(k_application_id)) return;
  if (header.application_id != 0) refuse_foreign(path);
  // Every store from schema 8 on carries the marker.
  if (header.user_version >= 8) refuse_foreign(path);
  try {
    SQLite::Database probe(file_uri(path) + "?immutable=1",
                           SQLite::OPEN_READONLY | SQLITE_OPEN_URI | k_no_mutex);
    refuse_foreign_database(probe, path, header.user_version);
  } catch (const Error&) {
    // An immutable read takes no lock: a process creating the store at this moment can be
    // checkpointing its first write into the file as it is read. A file whose header moved
    // meanwhile is left to the checks after opening, which read under SQLite's locks.
    const Header again = read_sqlite_header(path);
    if (!again.known || again.user_version != header.user_version ||
        again.application_id != header.application_id)
      return;
    throw;
  } catch (const std::exception&) {
  }
}

bool can_add_files_beside(const std::string& path) {
  const auto dir = std::filesystem::path(path).parent_path();
  return ::access(dir.empty() ? "." : dir.c_str(), W_OK) == 0;
}

// Switching to WAL needs the file to itself for a moment; several processes creating the store
// at once wait for each other here as they do for any other lock.
void enable_wal(SQLite::Database& db) {
  auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_busy_timeout_ms);
  for (;;) {
    try {
      db.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xFF;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
          std::chrono::steady_clock::now() > give_up) {
        throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

// "<store>.v1-backup", or with "-2", "-3"… when an earlier upgrade left one.
std::string free_upgrade_backup_name(const std::string& path, int version) {
  auto base = fmt::format("{}.v{}-backup", path, version);
  std::string candidate = base;
  for (int n = 2; std::filesystem::exists(std::filesystem::symlink_status(candidate)); ++n) {
    candidate = fmt::format("{}-{}", base, n);
  }
  return candidate;
}

void configure(SQLite::Database& db) {
  db.setBusyTimeout(k_busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
  // Statement journals (every write with triggers has one) stay in memory rather than in a
  // temporary file: an import of a million rows made a third of a million writes to one.
  // Must be set outside a transaction.
  db.exec("PRAGMA temp_store = MEMORY");
}

} // namespace

Clock Clock::system() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  std::tm local{};
  localtime_r(&ts.tv_sec, &local);
  Clock clock;
  clock.today = Date{std::chrono::year{local.tm_year + 1900} /
                     std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
                     std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
  clock.now = format_utc(ts.tv_sec, static_cast<int>(ts.tv_nsec / 1000000));
  return clock;
}

Clock Clock::pinned(Date day) {
  std::chrono::year_month_day ymd{day};
  std::tm local{};
  local.tm_year = static_cast<int>(ymd.year()) - 1900;
  local.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  local.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  local.tm_hour = 12;
  local.tm_isdst = -1;
  Clock clock;
  clock.today = day;
  clock.now = format_utc(std::mktime(&local), 0);
  return clock;
}

std::string new_uuid() {
  static std::random_device device;
  static std::mt19937_64 engine{(static_cast<std::uint64_t>(device()) << 32) ^ device()};
  std::uint64_t hi = engine();
  std::uint64_t lo = engine();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

std::string default_store_path(const std::string& db_option) {
  if (!db_option.empty()) return db_option;
  if (const char* env = std::getenv("ALLY_DB")) {
    // Set but empty is a mistake (`ALLY_DB=$UNSET_VARIABLE`), refused as `--db ""` is rather
    // than read as the default store.
    if (!*env) throw UsageError("ALLY_DB is set but empty", "unset it, or name the store file");
    return env;
  }
  // The XDG Base Directory spec: a relative value is invalid and is ignored.
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/') {
    return (std::filesystem::path(xdg) / "ally" / "ally.db").string();
  }
  const char* home = std::getenv("HOME");
  if (!home || !*home) throw StoreError("cannot find the store: set HOME, ALLY_DB or --db");
  return (std::filesystem::path(home) / ".local" / "share" / "ally" / "ally.db").string();
}

Store::Store(const std::string& path, Access access, Clock clock)
    : m_impl(std::make_unique<Impl>()), m_clock(std::move(clock)), m_path(path) {
  // SQLite's memory statistics take a global mutex on every allocation (3% of an import);
  // ally never reads them. Only possible before SQLite's first use; later calls change nothing.
  static const int k_no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)k_no_memstatus;
  try {
    bool exists = false;
    check_path(path, exists);
    if (!exists && access == Access::read) {
      // Reads of a missing store see an empty one and create nothing.
      m_impl->db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | k_no_mutex);
      configure(*m_impl->db);
      migrate(*m_impl->db);
      return;
    }
    if (!exists) {
      make_private_dirs(std::filesystem::path(path).parent_path());
      create_private_file(path);
    } else {
      const Header header = read_sqlite_header(path);
      refuse_foreign_file(path, header);
      refuse_newer_store(header.user_version, current_schema_version());
    }
    m_on_disk = true;
    int flags = access == Access::write ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY;
    if (access == Access::read && ::access(path.c_str(), W_OK) == 0) {
      flags = SQLite::OPEN_READWRITE; // lets WAL readers create -shm; nothing is written
    }
    if (access == Access::write && ::access(path.c_str(), W_OK) != 0) {
      throw StoreError(fmt::format("store '{}' is read-only", path), "nothing was changed");
    }
    if (access == Access::write && !can_add_files_beside(path) &&
        !(std::filesystem::exists(path + "-wal") && std::filesystem::exists(path + "-shm"))) {
      throw StoreError(fmt::format("the folder of store '{}' is read-only", path),
                       "SQLite writes its -wal and -shm files beside the store; nothing was changed");
    }
    if (access == Access::read && !can_add_files_beside(path) && !std::filesystem::exists(path + "-wal")) {
      // A read-only folder (a mounted backup, a shared read-only copy): SQLite cannot create
      // the -shm file a WAL reader needs, and with no -wal nobody can be writing, so the file
      // is read as it is.
      m_impl->db = std::make_unique<SQLite::Database>(file_uri(path) + "?immutable=1",
                                                      SQLite::OPEN_READONLY | SQLITE_OPEN_URI | k_no_mutex);
    } else {
      m_impl->db = std::make_unique<SQLite::Database>(path, flags | k_no_mutex);
    }
    configure(*m_impl->db);
    // One read transaction: the version and the tables are seen at the same moment, even while
    // another process creates the store.
    m_impl->db->exec("BEGIN");
    int version = 0;
    try {
      version = m_impl->db->execAndGet("PRAGMA user_version").getInt();
      refuse_foreign_database(*m_impl->db, path, version);
    } catch (...) {
      m_impl->db->exec("ROLLBACK");
      throw;
    }
    m_impl->db->exec("COMMIT");
    refuse_newer_store(version, current_schema_version());
    if (version < current_schema_version()) {
      if (access == Access::read && (::access(path.c_str(), W_OK) != 0 || !can_add_files_beside(path))) {
        // An older store we may not write: read an upgraded copy of it in memory.
        auto copy = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | k_no_mutex);
        copy_pages(*m_impl->db, *copy);
        m_impl->db = std::move(copy);
        configure(*m_impl->db);
        migrate(*m_impl->db);
        m_on_disk = false;
        return;
      }
      // An older store is upgraded on first use, read or write, as git and taskwarrior do:
      // refusing `ally due` until some write ran would leave a user stuck after an update.
      enable_wal(*m_impl->db);
      m_upgrade_backup = upgrade_store(*m_impl->db, path);
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::string upgrade_store(SQLite::Database& db, const std::string& path,
                          const std::vector<Migration>& list) {
  db.exec("BEGIN IMMEDIATE");
  try {
    // Another process may have upgraded the store while this one waited for the lock.
    int version = db.execAndGet("PRAGMA user_version").getInt();
    int target = static_cast<int>(list.size());
    std::string backup;
    if (version >= 1 && version < target) {
      // SQLite will not back up from a connection inside a write transaction; a second one
      // reads the last committed state, which this transaction's lock keeps as it is.
      SQLite::Database committed(path, SQLite::OPEN_READONLY);
      committed.setBusyTimeout(k_busy_timeout_ms);
      backup = free_upgrade_backup_name(path, version);
      copy_database(committed, backup, false);
    }
    migrate(db, list);
    db.exec("COMMIT");
    return backup;
  } catch (...) {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) db.exec("ROLLBACK");
    throw;
  }
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

void Store::begin_write(const std::string& summary) {
  if (!m_on_disk) throw StoreError("internal: write on a store opened for reading");
  try {
    auto& db = *m_impl->db;
    db.exec("BEGIN IMMEDIATE");
    SQLite::Statement add(db, "INSERT INTO journal(at, summary) VALUES (?, ?)");
    add.bind(1, m_clock.now);
    add.bind(2, summary);
    add.exec();
    m_impl->journal_seq = db.getLastInsertRowid();
    SQLite::Statement on(db, "UPDATE journal_state SET seq = ?");
    on.bind(1, *m_impl->journal_seq);
    on.exec();
  } catch (const std::exception& e) {
    rollback_write();
    rethrow_sqlite(e);
  }
}

void Store::begin_unjournaled() {
  if (!m_on_disk) throw StoreError("internal: write on a store opened for reading");
  try {
    auto& db = *m_impl->db;
    db.exec("BEGIN IMMEDIATE");
    // NULL is what commit leaves; saying it again keeps this write out of the journal for sure.
    db.exec("UPDATE journal_state SET seq = NULL");
    m_impl->journal_seq.reset();
  } catch (const std::exception& e) {
    rollback_write();
    rethrow_sqlite(e);
  }
}

void Store::set_write_summary(const std::string& summary) {
  if (!m_impl->journal_seq) return;
  SQLite::Statement st(*m_impl->db, "UPDATE journal SET summary = ? WHERE seq = ?");
  st.bind(1, summary);
  st.bind(2, *m_impl->journal_seq);
  st.exec();
}

void Store::commit_write() {
  try {
    auto& db = *m_impl->db;
    db.exec("UPDATE journal_state SET seq = NULL");
    m_last_write_changed = true;
    if (m_impl->journal_seq) {
      SQLite::Statement steps(db, "SELECT count(*) FROM journal_step WHERE seq = ?");
      steps.bind(1, *m_impl->journal_seq);
      steps.executeStep();
      if (steps.getColumn(0).getInt64() == 0) {
        // Only derived rows changed (or none): no undo entry, but what changed is kept.
        SQLite::Statement drop(db, "DELETE FROM journal WHERE seq = ?");
        drop.bind(1, *m_impl->journal_seq);
        drop.exec();
        m_last_write_changed = false;
      } else if (!journal_entry_changes_anything(db, *m_impl->journal_seq, m_clock.now)) {
        // Every row it touched is as it was but for updated_at: the write is dropped whole, so
        // no updated_at moves, no undo entry is left and sync sees no change.
        m_impl->journal_seq.reset();
        if (m_impl->statements) m_impl->statements->reset_all();
        db.exec("ROLLBACK");
        m_last_write_changed = false;
        return;
      }
    }
    m_impl->journal_seq.reset();
    if (m_impl->statements) m_impl->statements->reset_all();
    db.exec("COMMIT");
  } catch (const std::exception& e) {
    rollback_write();
    rethrow_sqlite(e);
  }
}

void Store::rollback_write() {
  m_impl->journal_seq.reset();
  if (m_impl->statements) m_impl->statements->reset_all();
  try {
    if (!m_impl->db->getHandle()) return;
    if (sqlite3_get_autocommit(m_impl->db->getHandle()) == 0) m_impl->db->exec("ROLLBACK");
  } catch (...) {
    // Nothing more can be done; SQLite rolls back an open transaction when the file closes.
  }
}

void bind_date(SQLite::Statement& st, int index, const std::optional<Date>& date) {
  if (date) {
    st.bind(index, format_date(*date));
  } else {
    st.bind(index);
  }
}

std::optional<Date> column_date(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  // Parsed in place: a std::string per date was a tenth of reading `due`'s inputs.
  const char* text = column.getText(); // before getBytes, as SQLite asks
  return parse_iso_date({text, static_cast<std::size_t>(column.getBytes())});
}

Date required_date(std::optional<Date> date) {
  if (!date) throw StoreError("the store holds a malformed date; run 'ally check'");
  return *date;
}

Date column_required_date(const SQLite::Column& column) { return required_date(column_date(column)); }

void rethrow_sqlite(const std::exception& e) {
  // Ours already: rethrow the exception being handled as it is, since `throw *error` would
  // slice a NotFound or Conflict down to a plain Error.
  if (const auto* error = dynamic_cast<const Error*>(&e)) {
    if (auto current = std::current_exception()) std::rethrow_exception(current);
    throw *error;
  }
  std::string what = e.what();
  if (what.find("file is not a database") != std::string::npos ||
      what.find("malformed") != std::string::npos) {
    throw StoreError("the store is corrupt or not an ally store: " + what,
                     "restore it from a backup ('ally backup' makes one)");
  }
  if (what.find("readonly") != std::string::npos || what.find("read-only") != std::string::npos) {
    throw StoreError("the store is read-only: " + what);
  }
  if (what.find("disk is full") != std::string::npos || what.find("database or disk is full") != std::string::npos) {
    throw StoreError("the disk is full; nothing was changed");
  }
  if (what.find("disk I/O error") != std::string::npos) {
    throw StoreError("cannot write the store: " + what, "is the disk full? nothing was changed");
  }
  throw StoreError("store error: " + what);
}

} // namespace ally
