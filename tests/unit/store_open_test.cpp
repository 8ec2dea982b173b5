// Opening a store while other processes hold it: a new store's switch to WAL waits for a lock
// like every other step, instead of failing with "database is locked".
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <future>
#include <thread>

#include "unit/temp_db.hpp"

// SQLite answers "locked" at once, without waiting, when a connection that reads wants to write
// while another holds the write lock (waiting could deadlock); the switch to WAL is such a
// write, so ally retries it.
TEST_CASE("a new store waits for another creator before switching to WAL",
          "[store][concurrency]") {
  ally_test::TempDb temp;
  auto path = (temp.dir / "ally.db").string();
  // What another process creating the store a moment earlier does: the file exists, not yet in
  // WAL mode, and it holds the write lock while it sets up the schema.
  SQLite::Database other(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  other.exec("BEGIN IMMEDIATE");
  other.exec("CREATE TABLE held(x)");

  auto opened = std::async(std::launch::async, [&] {
    auto store = temp.open();
    return ally_test::add_ally(store, "Rachel Green");
  });
  // Give the opener time to meet the lock; the test holds whatever the timing.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  other.exec("COMMIT");
  CHECK(opened.get() == 1);
  SQLite::Database after(path, SQLite::OPEN_READONLY);
  CHECK(after.execAndGet("PRAGMA journal_mode").getString() == "wal");
}
