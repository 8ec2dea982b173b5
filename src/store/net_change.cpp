// The store's one rule for "a write that changes nothing writes nothing": rather than each
// command comparing its fields before writing, the journal the triggers keep already names every
// row a write touched with its old values, so the write is compared with them before it commits.
#include "store/net_change.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace ally {
namespace {

struct RowKey {
  std::string table;
  std::string pk; // JSON object of the primary key columns
};

struct RowReader {
  explicit RowReader(SQLite::Database& db) : m_db(db) {}

  // The row as the journal triggers write it (json_object of every column in order); nullopt
  // when it is gone. Table and column names come from the store's own schema.
  std::optional<std::string> current(const RowKey& row) {
    auto& st = statement_for(row.table);
    st.reset();
    st.clearBindings();
    st.bind(1, row.pk);
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    return st.getColumn(0).getString();
  }

  // The row without its updated_at, and its updated_at ("" when the table has none).
  std::pair<std::string, std::string> split_updated_at(const std::string& json) {
    if (!m_split) {
      m_split.emplace(m_db, "SELECT json_remove(?1, '$.updated_at'), "
                            "coalesce(json_extract(?1, '$.updated_at'), '')");
    }
    m_split->reset();
    m_split->bind(1, json);
    m_split->executeStep();
    return {m_split->getColumn(0).getString(), m_split->getColumn(1).getString()};
  }

private:
  SQLite::Statement& statement_for(const std::string& table) {
    auto found = m_statements.find(table);
    if (found != m_statements.end()) return found->second;
    std::string object, where;
    SQLite::Statement columns(m_db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
    columns.bind(1, table);
    while (columns.executeStep()) {
      auto name = columns.getColumn(0).getString();
      object += fmt::format("{}'{}', \"{}\"", object.empty() ? "" : ", ", name, name);
      if (columns.getColumn(1).getInt() > 0) {
        where += fmt::format("{}\"{}\" = json_extract(?1, '$.\"{}\"')", where.empty() ? "" : " AND ",
                             name, name);
      }
    }
    auto sql = fmt::format("SELECT json_object({}) FROM \"{}\" WHERE {}", object, table, where);
    return m_statements.emplace(table, SQLite::Statement(m_db, sql)).first->second;
  }

  SQLite::Database& m_db;
  std::map<std::string, SQLite::Statement> m_statements;
  std::optional<SQLite::Statement> m_split;
};

} // namespace

bool journal_entry_changes_anything(SQLite::Database& db, std::int64_t seq, const std::string& now) {
  // Each row's state before the write is the old value of its first step (none for an insert),
  // compared with the row as it is now as soon as that first step is read: a write that changed
  // something (an import of a million records) stops at its first row, instead of first
  // gathering every row's state (a map of a million keys).
  SQLite::Statement steps(db, "SELECT tbl, pk, op, old FROM journal_step WHERE seq = ? "
                              "ORDER BY step");
  steps.bind(1, seq);
  std::set<std::pair<std::string, std::string>> seen;
  RowReader reader(db);
  while (steps.executeStep()) {
    auto key = std::make_pair(steps.getColumn(0).getString(), steps.getColumn(1).getString());
    if (!seen.insert(key).second)
      continue;
    std::optional<std::string> old;
    if (steps.getColumn(2).getString() != "insert")
      old = steps.getColumn(3).getString();
    auto current = reader.current({key.first, key.second});
    if (!old || !current) {
      if (old.has_value() != current.has_value()) return true;
      continue;
    }
    auto [old_row, old_stamp] = reader.split_updated_at(*old);
    auto [new_row, new_stamp] = reader.split_updated_at(*current);
    if (old_row != new_row || (new_stamp != old_stamp && new_stamp != now)) return true;
  }
  return false;
}

} // namespace ally
