#pragma once
#include <cstdint>
// Private to the store: the SQLite connection behind ally::Store. Nothing outside src/store
// includes this file.
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

// Statements prepared once and reused: preparing a statement that fires triggers compiles
// them too, which was half the time of importing a large address book.
class StatementCache {
public:
  explicit StatementCache(SQLite::Database& db) : m_db(db) {}
  // The statement for `sql`, reset and with no bindings.
  SQLite::Statement& operator()(const std::string& sql);
  // Ends every statement a caller left part-way (before a transaction ends).
  void reset_all() noexcept;

private:
  SQLite::Database& m_db;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
};

struct Store::Impl {
  std::unique_ptr<SQLite::Database> db;
  std::optional<std::int64_t> journal_seq; // the undo entry of the write under way
  std::unique_ptr<StatementCache> statements; // after db: finalized before it closes
};

inline SQLite::Database& db_of(Store& store) { return *store.impl().db; }

// The UUID of a record an import brings in, made from what identifies it in its source
// (a calendar event's UID, a Monica uuid): the same in every store and at every import, so a
// second import finds the record, and its tombstone after a delete says "not again". Two
// FNV-1a hashes of `identity` give the 128 bits of a version-8 UUID.
std::string id_of_identity(std::string_view identity);

// The store's statement for `sql`, prepared on first use (StatementCache).
SQLite::Statement& prepared(Store& store, const std::string& sql);

// One schema step: migration i takes a store from version i to i + 1.
using Migration = std::function<void(SQLite::Database&)>;
// SQLite's application_id of an ally store ("ally"), set by migration 8.
constexpr std::int64_t k_application_id = 0x616C6C79;
// Every migration this ally knows, in order (append only).
const std::vector<Migration>& migrations();

// `ally.recent_favors` (schema 6; schema 4 wrote dates in full): the ally's k_recent_favors
// latest favors, newest first, as one text of k_recent_favor_chars characters per favor: its
// day (recent_favor_day) and '+' (gave) or '-' (got). Favors not in it are dated no later than
// its oldest. The SQL expression computing it for the ally number `ally` (an SQL expression),
// used by the triggers that keep it and by `ally check`.
constexpr std::size_t k_recent_favors = 32;
constexpr std::size_t k_recent_favor_chars = 4;
std::string recent_favors_sql(const std::string& ally);

// A favor's day in `recent_favors`: the days since 1970-01-01 as three digits of base 64, the
// digits being the characters from '0' to 'o' (so that text order is date order). Days before
// 1970 or after 2687-09-22 are k_recent_favor_unknown_day, and `due` counts that ally's favors
// themselves. The SQL expression of the day of `date` (an SQL expression).
constexpr std::int64_t k_recent_favor_days = 64 * 64 * 64;
constexpr char k_recent_favor_digit_zero = '0';
constexpr std::string_view k_recent_favor_unknown_day = "~~~";
std::string recent_favor_day_sql(const std::string& date);

// The day that three digits written by recent_favor_day_sql stand for, or -1 for the unknown
// day or any other text. Inline: `due` reads a day or more per tracked ally.
inline std::int64_t recent_favor_day(std::string_view digits) {
  std::int64_t day = 0;
  for (char c : digits) {
    unsigned digit = static_cast<unsigned char>(c);
    digit -= static_cast<unsigned char>(k_recent_favor_digit_zero); // wraps below '0'
    if (digit >= 64) return -1;
    day = day * 64 + digit;
  }
  return digits.size() == 3 ? day : -1;
}

// `ally.due_state` (schema 5): all that `due` reads of an ally, as one text that SQLite
// computes (a virtual generated column, stored only in the `ally_tracked` index). Reading one
// value per ally instead of eleven took most of the cost of stepping that index. The fields
// are in DueField order, each written as its length in bytes, ':' and its bytes; NULL is
// empty, and `cadence_days` is the integer SQLite reads it as.
enum class DueField {
  num, cadence_mode, cadence_days, added_on, last_contact, snoozed_until, circle,
  recent_favors, id, name, last_kind
};
constexpr std::size_t k_due_fields = 11;
std::string due_state_sql();
// The same fields as separate columns ("num, cadence_mode, …"), to read one ally from its row:
// computing `due_state` there cost 20,000 instructions an ally.
std::string due_state_columns();

// The JSON object a journal trigger of `table` records of a row named `row` (`r.num`, …):
// its key columns, or all its columns, as the live schema has them. For a write that journals
// rows itself while their triggers are off (import_contacts).
std::string journal_row_object(SQLite::Database& db, const std::string& table, const char* row,
                               bool keys_only);
// The names of `table`'s three journal triggers (journal_TABLE_insert, _update, _delete).
std::vector<std::string> journal_triggers_of(const std::string& table);

// Creates or upgrades the schema to the last version of `list`. Throws StoreError for a store
// newer than that. REQUIRES: inside a write transaction, or on a fresh in-memory database.
void migrate(SQLite::Database& db, const std::vector<Migration>& list = migrations());

// Throws StoreError ("written by a newer ally") when `version` is above `known`.
void refuse_newer_store(int version, int known);

// Brings the on-disk store at `path` to the last version of `list` in one BEGIN IMMEDIATE
// transaction. A store that already holds data (version >= 1) is first copied to a backup
// beside it, "<path>.v<version>-backup" (then "-2", "-3"… if taken), mode 0600; returns its
// path, or "" when nothing was migrated or the store was new.
std::string upgrade_store(SQLite::Database& db, const std::string& path,
                          const std::vector<Migration>& list = migrations());

// Writes a consistent copy of `source` to `file` (mode 0600) with SQLite's online backup, through
// a temporary file renamed into place. Without `replace`, throws Conflict if `file` exists.
void copy_database(SQLite::Database& source, const std::string& file, bool replace);
// Copies every page of `source` into `target` with SQLite's online backup, waiting out locks.
void copy_pages(SQLite::Database& source, SQLite::Database& target);

// Binds an optional date as TEXT or NULL.
void bind_date(SQLite::Statement& st, int index, const std::optional<Date>& date);
std::optional<Date> column_date(const SQLite::Column& column);
Date column_required_date(const SQLite::Column& column);
// The date itself, or StoreError for a stored date that did not parse.
Date required_date(std::optional<Date> date);

// Shared interests: the topic for a spelling (created if new, one per case-insensitive
// spelling), an ally's topics, and replacing an ally's topics.
std::int64_t topic_for(SQLite::Database& db, const std::string& name, const std::string& now);
std::vector<std::string> interests_of(Store& store, std::int64_t ally);
void set_ally_interests(Store& store, std::int64_t ally,
                        const std::vector<std::string>& topics, const std::string& now);

// An ally row as read_ally reads it: `SELECT {k_ally_columns} FROM ally ...`.
inline constexpr const char* k_ally_columns =
    "num, id, created_at, updated_at, name, org, role, city, circle, relationship, cadence_mode, "
    "cadence_days, met, goals, notes, snoozed_until, archived, snooze_all, added_on, "
    "last_contact, last_kind";
Ally read_ally(SQLite::Statement& st);

// The many-valued fields kept as ally_value rows, by their `field` code.
struct AllyValueField {
  const char* field;
  std::vector<std::string> Ally::*member;
};
inline constexpr AllyValueField k_ally_value_fields[] = {
    {"nick", &Ally::nicknames}, {"email", &Ally::emails}, {"phone", &Ally::phones},
    {"link", &Ally::links},     {"tag", &Ally::tags},     {"knows", &Ally::expertise},
    {"uid", &Ally::vcard_uids}};
// Appends an ally_value row's value to the field it belongs to.
void add_ally_value(Ally& a, std::string_view field, std::string value);

// For import and merge, which write allies at the SQL level: the folded key an `ally_value`
// row is matched by ("nick" keys like names, "uid" as written, "link" by link_key, others case-
// and accent-insensitively), writing
// an ally's many-valued fields and topics as update_ally does, and a topic's folded key.
std::string ally_value_key(const char* field, const std::string& value);

// Fills search_ally from the view that says what an ally's row holds (schema 11); add a WHERE
// on `num` for some allies. The triggers, `ally check`, undo and import all use it.
inline constexpr const char* k_search_ally_fill =
    "INSERT INTO search_ally(rowid, name, nicknames, org, role, city, circle, relationship, met, "
    "goals, notes, emails, phones, tags, expertise, interests, dates, links) "
    "SELECT * FROM search_ally_source";
void save_ally_lists(Store& store, const Ally& ally);

// The triggers whose names match any of `globs` (SQL GLOB patterns), dropped for a write that changes many
// rows and put back by restore(). Inside the write's transaction: a write that fails rolls
// them back with everything else.
class SuspendedTriggers {
public:
  SuspendedTriggers(SQLite::Database& db, const std::vector<std::string>& globs);
  void restore();

private:
  SQLite::Database& m_db;
  std::vector<std::pair<std::string, std::string>> m_triggers; // name, CREATE statement
};

// For a write that touches many allies: the triggers that rebuild an ally's search row at every
// change are off (each rebuild flushed FTS5's pending terms at the statement's end: 30,000
// LinkedIn rows took 5 s, most of it there), and finish() rebuilds the rows of the allies
// touched in one statement each.
class DeferredAllySearch {
public:
  explicit DeferredAllySearch(SQLite::Database& db) : m_db(db), m_triggers(db, {"search_ally_*"}) {}
  void finish(const std::vector<std::int64_t>& allies);

private:
  SQLite::Database& m_db;
  SuspendedTriggers m_triggers;
};
std::string topic_key(const std::string& name);

// Binds every ally column an INSERT or UPDATE names as :name, :org, … :updated_at (all but
// :id, :created_at and :added_on), with the folded match keys derived from the name.
void bind_ally_columns(SQLite::Statement& st, const Ally& ally);

// Translates SQLite's exceptions into StoreError at the store boundary.
[[noreturn]] void rethrow_sqlite(const std::exception& e);

} // namespace ally
