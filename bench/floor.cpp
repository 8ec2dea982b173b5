// ally-bench-floor: the least any program can do with an ally store, to measure ally against.
// Only SQLite's C API, nothing of ally.
//
//   ally-bench-floor query DB        opens the store and runs one indexed query
//   ally-bench-floor insert SRC DST  creates DST with SRC's schema (same indexes, FTS and
//                                    triggers) and inserts every row of SRC by plain prepared
//                                    statements in one transaction: the floor of an import
#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const std::string& sql) {
  check(db, sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), sql.c_str());
}

sqlite3* open(const char* path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path, &db, flags, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("cannot open ") + path);
  return db;
}

int query(const char* path) {
  sqlite3* db = open(path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt* st = nullptr;
  check(db, sqlite3_prepare_v2(db, "SELECT num, name FROM ally WHERE num = ?", -1, &st, nullptr),
        "prepare");
  sqlite3_bind_int(st, 1, 1);
  if (sqlite3_step(st) == SQLITE_ROW)
    std::printf("%lld %s\n", sqlite3_column_int64(st, 0),
                reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return 0;
}

// Every schema statement of SRC in creation order, without SQLite's own tables and the shadow
// tables FTS5 makes for itself.
std::vector<std::string> schema_of(sqlite3* src) {
  std::vector<std::string> virtual_tables, statements;
  sqlite3_stmt* st = nullptr;
  check(src, sqlite3_prepare_v2(src, "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
                                -1, &st, nullptr),
        "schema");
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    std::string sql = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    bool shadow = false;
    for (const auto& v : virtual_tables)
      shadow = shadow || name.rfind(v + "_", 0) == 0;
    if (shadow) continue;
    if (sql.rfind("CREATE VIRTUAL TABLE", 0) == 0) virtual_tables.push_back(name);
    statements.push_back(sql);
  }
  sqlite3_finalize(st);
  return statements;
}

// The stored columns of a table, comma-separated: generated ones are computed, not inserted.
std::string stored_columns(sqlite3* db, const char* table) {
  sqlite3_stmt* st = nullptr;
  check(db, sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &st, nullptr),
        table);
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  std::string columns;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (!columns.empty()) columns += ", ";
    columns += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return columns;
}

void copy_table(sqlite3* src, sqlite3* dst, const char* table) {
  std::string columns = stored_columns(src, table);
  sqlite3_stmt* read = nullptr;
  check(src, sqlite3_prepare_v2(src, ("SELECT " + columns + " FROM " + table).c_str(), -1, &read,
                                nullptr),
        table);
  int count = sqlite3_column_count(read);
  std::string insert = std::string("INSERT INTO ") + table + " (" + columns + ") VALUES (";
  for (int c = 0; c < count; ++c)
    insert += c ? ", ?" : "?";
  insert += ")";
  sqlite3_stmt* write = nullptr;
  check(dst, sqlite3_prepare_v2(dst, insert.c_str(), -1, &write, nullptr), insert.c_str());
  while (sqlite3_step(read) == SQLITE_ROW) {
    for (int c = 0; c < count; ++c)
      sqlite3_bind_value(write, c + 1, sqlite3_column_value(read, c));
    check(dst, sqlite3_step(write), insert.c_str());
    sqlite3_reset(write);
  }
  sqlite3_finalize(write);
  sqlite3_finalize(read);
}

int insert(const char* from, const char* to) {
  sqlite3* src = open(from, SQLITE_OPEN_READONLY);
  std::remove(to);
  sqlite3* dst = open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  exec(dst, "PRAGMA journal_mode = WAL");
  exec(dst, "PRAGMA foreign_keys = ON");
  exec(dst, "PRAGMA cache_size = -65536"); // as ally's import sets it
  exec(dst, "BEGIN IMMEDIATE");
  for (const auto& sql : schema_of(src))
    exec(dst, sql);
  exec(dst, "INSERT INTO journal_state VALUES (1, NULL)");
  for (const char* table : {"config", "tombstone", "interest", "ally", "ally_value",
                            "ally_interest", "important_date", "interaction", "interaction_ally",
                            "interaction_interest", "favor", "introduction"}) {
    copy_table(src, dst, table);
  }
  exec(dst, "COMMIT");
  sqlite3_close(dst);
  sqlite3_close(src);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::strcmp(argv[1], "query") == 0) return query(argv[2]);
    if (argc == 4 && std::strcmp(argv[1], "insert") == 0) return insert(argv[2], argv[3]);
    std::fprintf(stderr, "usage: ally-bench-floor query DB | insert SRC DST\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ally-bench-floor: %s\n", e.what());
    return 1;
  }
}
