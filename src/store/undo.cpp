// `ally undo`: replays one journal entry backwards. The journal triggers (schema.cpp) record, for
// every row a command changed, its primary key and, for updates and deletes, the old row as
// JSON; undoing is deleting what was inserted, restoring what was updated or deleted, newest
// step first.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <map>
#include <memory>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/undo.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

struct Step {
  std::string table;
  std::string op;
  std::string pk;  // JSON object of the primary key columns (after the change)
  std::string old; // JSON object of the whole row before the change; empty for inserts
};

struct TableColumns {
  std::vector<std::string> all;
  std::vector<std::string> key;
};

// Table and column names in the SQL below come from the store's own schema (the journal names
// the table, pragma_table_info the columns), never from user input; values are always bound.
std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// `json_extract(?N, '$."col"')` gives back the value with its SQL type (integer, text, null).
std::string value_of(int parameter, const std::string& column) {
  return fmt::format("json_extract(?{}, '$.\"{}\"')", parameter, column);
}

class Replayer {
public:
  Replayer(SQLite::Database& db, std::string summary) : m_db(db), m_summary(std::move(summary)) {}

  void revert(const Step& step) {
    const auto& columns = columns_of(step.table);
    if (step.op == "insert") {
      auto& st = statement(
          fmt::format("DELETE FROM {} WHERE {}", quoted(step.table), key_match(columns, 1)));
      st.bind(1, step.pk);
      st.exec(); // may already be gone with its parent (ON DELETE CASCADE)
      return;
    }
    auto present = columns_in(step.old, columns);
    if (step.op == "update") {
      std::string sets;
      for (const auto& c : present) {
        sets += fmt::format("{}{} = {}", sets.empty() ? "" : ", ", quoted(c), value_of(2, c));
      }
      auto& st = statement(fmt::format("UPDATE {} SET {} WHERE {}", quoted(step.table), sets,
                                       key_match(columns, 1)));
      st.bind(1, step.pk);
      st.bind(2, step.old);
      if (st.exec() == 0) diverged(step);
      return;
    }
    std::string names, values;
    for (const auto& c : present) {
      names += (names.empty() ? "" : ", ") + quoted(c);
      values += (values.empty() ? "" : ", ") + value_of(1, c);
    }
    auto& st =
        statement(fmt::format("INSERT INTO {}({}) VALUES ({})", quoted(step.table), names, values));
    st.bind(1, step.old);
    try {
      st.exec();
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() == SQLITE_CONSTRAINT) diverged(step); // the row is back already
      throw;
    }
  }

private:
  const TableColumns& columns_of(const std::string& table) {
    auto found = m_columns.find(table);
    if (found != m_columns.end()) return found->second;
    TableColumns columns;
    SQLite::Statement st(m_db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
    st.bind(1, table);
    while (st.executeStep()) {
      columns.all.push_back(st.getColumn(0).getString());
      if (st.getColumn(1).getInt() > 0) columns.key.push_back(columns.all.back());
    }
    if (columns.key.empty()) {
      throw Conflict(
          fmt::format("cannot undo '{}': the store has no table '{}' any more", m_summary, table));
    }
    return m_columns.emplace(table, std::move(columns)).first->second;
  }

  static std::string key_match(const TableColumns& columns, int parameter) {
    std::string where;
    for (const auto& k : columns.key) {
      where +=
          fmt::format("{}{} = {}", where.empty() ? "" : " AND ", quoted(k), value_of(parameter, k));
    }
    return where;
  }

  // The recorded columns that the table still has: an entry written before a migration added
  // a column leaves that column to its default (insert) or as it is (update).
  std::vector<std::string> columns_in(const std::string& row, const TableColumns& columns) {
    auto& st = statement("SELECT key FROM json_each(?)");
    st.bind(1, row);
    std::vector<std::string> recorded;
    while (st.executeStep()) recorded.push_back(st.getColumn(0).getString());
    st.reset();
    std::vector<std::string> present;
    for (const auto& c : columns.all) {
      for (const auto& r : recorded) {
        if (r == c) present.push_back(c);
      }
    }
    if (present.empty())
      throw StoreError(fmt::format("cannot undo '{}': a journal step is empty", m_summary));
    return present;
  }

  SQLite::Statement& statement(const std::string& sql) { return m_statements(sql); }

  [[noreturn]] void diverged(const Step& step) const {
    throw Conflict(fmt::format("cannot undo '{}': the store no longer matches it ({} of a {} row "
                               "{})",
                               m_summary, step.op, step.table, step.pk),
                   "it was changed outside ally; nothing was undone");
  }

  SQLite::Database& m_db;
  std::string m_summary;
  std::map<std::string, TableColumns> m_columns;
  StatementCache m_statements{m_db};
};

std::optional<JournalEntry> newest_entry(SQLite::Database& db) {
  SQLite::Statement st(
      db, "SELECT seq, at, summary FROM journal WHERE undone = 0 ORDER BY seq DESC LIMIT 1");
  if (!st.executeStep()) return std::nullopt;
  return JournalEntry{st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                      st.getColumn(2).getString(), false};
}

std::vector<Step> steps_of(SQLite::Database& db, std::int64_t seq) {
  SQLite::Statement st(db, "SELECT tbl, op, pk, coalesce(old, '') FROM journal_step WHERE seq = ? "
                           "ORDER BY step DESC");
  st.bind(1, seq);
  std::vector<Step> steps;
  while (st.executeStep()) {
    steps.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                     st.getColumn(2).getString(), st.getColumn(3).getString()});
  }
  return steps;
}

// The triggers keep an ally's last contact and search row up to date as each step is replayed,
// but replaying out of the original order (a child row restored before its ally) can leave them
// computed from a partial picture; recomputing them once at the end makes the result exact.
void refresh_derived(SQLite::Database& db, std::int64_t seq) {
  SQLite::Statement touched(db, R"sql(
    SELECT json_extract(pk, '$.num') FROM journal_step WHERE seq = ?1 AND tbl = 'ally'
    UNION SELECT json_extract(pk, '$.ally') FROM journal_step
      WHERE seq = ?1 AND tbl IN ('ally_value', 'interaction_ally', 'ally_interest')
    UNION SELECT json_extract(old, '$.ally') FROM journal_step
      WHERE seq = ?1 AND tbl IN ('ally_value', 'interaction_ally', 'ally_interest', 'important_date')
        AND old IS NOT NULL
    UNION SELECT d.ally FROM journal_step s
      JOIN important_date d ON d.num = json_extract(s.pk, '$.num')
      WHERE s.seq = ?1 AND s.tbl = 'important_date'
    UNION SELECT ai.ally FROM journal_step s
      JOIN ally_interest ai ON ai.interest = json_extract(s.pk, '$.num')
      WHERE s.seq = ?1 AND s.tbl = 'interest'
    UNION SELECT ia.ally FROM journal_step s
      JOIN interaction_ally ia ON ia.interaction = json_extract(s.pk, '$.num')
      WHERE s.seq = ?1 AND s.tbl = 'interaction')sql");
  touched.bind(1, seq);
  std::vector<std::int64_t> allies;
  while (touched.executeStep()) {
    if (!touched.getColumn(0).isNull()) allies.push_back(touched.getColumn(0).getInt64());
  }
  SQLite::Statement contact(db, R"sql(
    UPDATE ally SET
      last_contact = (SELECT ia.date FROM interaction_ally ia WHERE ia.ally = ?1
                      ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1),
      last_kind = coalesce((SELECT i.kind FROM interaction_ally ia
                            JOIN interaction i ON i.num = ia.interaction WHERE ia.ally = ?1
                            ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '')
    WHERE num = ?1)sql");
  SQLite::Statement unsearch(db, "DELETE FROM search_ally WHERE rowid = ?1");
  SQLite::Statement search(db, std::string(k_search_ally_fill) + " WHERE num = ?1");
  for (auto ally : allies) {
    for (auto* st : {&contact, &unsearch, &search}) {
      st->reset();
      st->bind(1, ally);
      st->exec();
    }
  }
}

} // namespace

std::optional<JournalEntry> undo_last(Store& store) {
  try {
    return store.write_unjournaled([&]() -> std::optional<JournalEntry> {
      auto& db = db_of(store);
      auto entry = newest_entry(db);
      if (!entry) return std::nullopt;
      // Parent and child rows come back in whatever order the journal holds them.
      db.exec("PRAGMA defer_foreign_keys = ON");
      Replayer replayer(db, entry->summary);
      for (const auto& step : steps_of(db, entry->seq)) replayer.revert(step);
      refresh_derived(db, entry->seq);
      SQLite::Statement mark(db, "UPDATE journal SET undone = 1 WHERE seq = ?");
      mark.bind(1, entry->seq);
      mark.exec();
      entry->undone = true;
      return entry;
    });
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<JournalEntry> journal_history(Store& store, std::size_t limit) {
  try {
    SQLite::Statement st(db_of(store), "SELECT seq, at, summary, undone FROM journal "
                                       "ORDER BY seq DESC LIMIT ?");
    st.bind(1, static_cast<std::int64_t>(limit));
    std::vector<JournalEntry> entries;
    while (st.executeStep()) {
      entries.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                         st.getColumn(2).getString(), st.getColumn(3).getInt() != 0});
    }
    return entries;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
