// The migration runner, with a test-only migration appended to this ally's list: it backs the
// store up first, runs in one transaction, and a failed migration changes nothing.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "ally/date.hpp"
#include "ally/error.hpp"
#include "store/database.hpp"
#include "unit/temp_db.hpp"

namespace fs = std::filesystem;

namespace {

// A store of the current schema with one ally, on disk at `dir/ally.db`.
std::string current_store(const ally_test::TempDb& temp) {
  auto store = temp.open();
  ally_test::add_ally(store, "Rachel Green");
  return store.path();
}

std::vector<ally::Migration> with_test_migration(ally::Migration extra) {
  auto list = ally::migrations();
  list.push_back(std::move(extra));
  return list;
}

void add_column(SQLite::Database& db) {
  db.exec("ALTER TABLE ally ADD COLUMN test_flag INTEGER NOT NULL DEFAULT 7");
}

int version_of(const std::string& file) {
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

} // namespace

TEST_CASE("a migration backs the store up, then upgrades it in one step", "[store][migration]") {
  ally_test::TempDb temp;
  auto path = current_store(temp);
  const int current = ally::current_schema_version();
  auto list = with_test_migration(add_column);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    auto backup = ally::upgrade_store(db, path, list);
    CHECK(backup == path + ".v" + std::to_string(current) + "-backup");
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == current + 1);
    CHECK(db.execAndGet("SELECT test_flag FROM ally").getInt() == 7);
  }
  auto backup = path + ".v" + std::to_string(current) + "-backup";
  REQUIRE(fs::exists(backup));
  struct stat st {};
  REQUIRE(::stat(backup.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(version_of(backup) == current);
  SQLite::Database copy(backup, SQLite::OPEN_READONLY);
  CHECK(copy.execAndGet("SELECT name FROM ally").getString() == "Rachel Green");
  CHECK_FALSE(copy.execAndGet("SELECT count(*) FROM pragma_table_info('ally') WHERE name = "
                              "'test_flag'").getInt());

  SECTION("a second upgrade from the same version keeps the first backup") {
    fs::copy_file(backup, path, fs::copy_options::overwrite_existing);
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    CHECK(ally::upgrade_store(db, path, list) == backup + "-2");
    CHECK(fs::exists(backup));
  }
}

TEST_CASE("a migration that fails leaves the store as it was", "[store][migration]") {
  ally_test::TempDb temp;
  auto path = current_store(temp);
  const int current = ally::current_schema_version();
  auto list = with_test_migration([](SQLite::Database& db) {
    add_column(db);
    throw ally::StoreError("test migration failed half-way");
  });
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  CHECK_THROWS_AS(ally::upgrade_store(db, path, list), ally::StoreError);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == current);
  CHECK(db.execAndGet("SELECT count(*) FROM pragma_table_info('ally') WHERE name = 'test_flag'")
            .getInt() == 0);
  // The ally opens it as before, and can write.
  auto store = temp.open();
  CHECK(ally_test::add_ally(store, "Monica Geller") == 2);
}

TEST_CASE("an up-to-date or new store is migrated without a backup", "[store][migration]") {
  ally_test::TempDb temp;
  auto path = current_store(temp);
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  CHECK(ally::upgrade_store(db, path).empty());
  auto fresh = (temp.dir / "fresh.db").string();
  SQLite::Database empty(fresh, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  CHECK(ally::upgrade_store(empty, fresh).empty());
  CHECK(empty.execAndGet("PRAGMA user_version").getInt() == ally::current_schema_version());
  CHECK_FALSE(fs::exists(fresh + ".v0-backup"));
}

TEST_CASE("a store newer than the migrations is refused", "[store][migration]") {
  ally_test::TempDb temp;
  auto path = current_store(temp);
  auto list = ally::migrations();
  list.pop_back();
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(ally::upgrade_store(db, path, list),
                    Catch::Contains("written by a newer ally"));
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == ally::current_schema_version());
}

// `due` reads the days the triggers write in SQL: each must stand for its own day, in order,
// and the range must end where both say it does.
TEST_CASE("a recent favor's day reads back as the day the triggers wrote", "[store][due]") {
  SQLite::Database db(":memory:");
  SQLite::Statement day_sql(db, "SELECT " + ally::recent_favor_day_sql("?"));
  auto in_sql = [&](const std::string& date) {
    day_sql.reset();
    day_sql.bind(1, date);
    REQUIRE(day_sql.executeStep());
    return day_sql.getColumn(0).getString();
  };
  std::string previous;
  for (const char* text : {"1970-01-01", "1970-01-02", "1970-03-06", "2000-02-29", "2025-11-24",
                           "2026-11-24", "2687-09-21", "2687-09-22"}) {
    INFO(text);
    auto written = in_sql(text);
    auto days = (*ally::parse_iso_date(text) - ally::Date{}).count();
    CHECK(ally::recent_favor_day(written) == days);
    CHECK(written.size() == 3);
    CHECK(written > previous); // text order is date order
    previous = written;
  }
  CHECK(previous == "ooo"); // the last day written
  for (const char* text : {"1969-12-31", "1066-10-14", "2687-09-23", "9999-12-31", "not a day"}) {
    INFO(text);
    CHECK(in_sql(text) == ally::k_recent_favor_unknown_day);
    CHECK(ally::recent_favor_day(in_sql(text)) == -1);
  }
  for (const char* damaged : {"", "00", "0000", "0p0", "/00"}) CHECK(ally::recent_favor_day(damaged) == -1);
}

TEST_CASE("schema 14's checks are comparisons that still refuse what is not allowed",
          "[store][migration]") {
  ally_test::TempDb temp;
  auto path = current_store(temp);
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  // No list left for SQLite to build an index of on every write.
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                      "('ally', 'ally_value', 'journal_step') AND sql LIKE '% IN (''%'")
            .getInt() == 0);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK_THROWS(db.exec("INSERT INTO ally_value(ally, field, key, value, pos) VALUES (1, 'shoe', "
                       "'x', 'x', 0)"));
  CHECK_THROWS(db.exec("UPDATE ally SET cadence_mode = 'weekly'"));
  CHECK_THROWS(db.exec("INSERT INTO journal_step(seq, tbl, op, pk) VALUES (1, 'ally', 'upsert', "
                       "'{}')"));
  db.exec("INSERT INTO ally_value(ally, field, key, value, pos) VALUES (1, 'link', 'x', 'x', 0)");
  db.exec("UPDATE ally SET cadence_mode = 'none'");
}
