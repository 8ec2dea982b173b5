// Introductions between two allies.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/introductions.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr const char* k_intro_columns = "num, id, created_at, updated_at, a, b, date, note";
constexpr const char* k_newest_first = " ORDER BY date DESC, created_at DESC, num DESC";

Introduction read_intro(SQLite::Statement& st) {
  Introduction i;
  i.meta.number = st.getColumn(0).getInt64();
  i.meta.id = st.getColumn(1).getString();
  i.meta.created_at = st.getColumn(2).getString();
  i.meta.updated_at = st.getColumn(3).getString();
  i.a = st.getColumn(4).getInt64();
  i.b = st.getColumn(5).getInt64();
  i.date = column_required_date(st.getColumn(6));
  i.note = st.getColumn(7).getString();
  return i;
}

std::vector<Introduction> read_all(SQLite::Statement& st) {
  std::vector<Introduction> out;
  while (st.executeStep())
    out.push_back(read_intro(st));
  return out;
}

} // namespace

Introduction add_introduction(Store& store, std::int64_t a, std::int64_t b, Date date,
                              const std::string& note, const std::string& id) {
  auto& db = db_of(store);
  try {
    auto first = get_ally(store, a);
    if (a == b) {
      throw Conflict(fmt::format("{} (#{}) cannot be introduced to themselves", first.name, a),
                     "name two different allies");
    }
    get_ally(store, b);
    const auto& now = store.clock().now;
    SQLite::Statement st(db,
                         "INSERT INTO introduction(id, created_at, updated_at, a, b, date, note) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, id.empty() ? new_uuid() : id);
    st.bind(2, now);
    st.bind(3, now);
    st.bind(4, a);
    st.bind(5, b);
    st.bind(6, format_date(date));
    st.bind(7, note);
    st.exec();
    return get_introduction(store, db.getLastInsertRowid());
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::optional<Introduction> find_introduction(Store& store, std::int64_t number) {
  try {
    SQLite::Statement st(db_of(store),
                         fmt::format("SELECT {} FROM introduction WHERE num = ?", k_intro_columns));
    st.bind(1, number);
    if (!st.executeStep())
      return std::nullopt;
    return read_intro(st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Introduction get_introduction(Store& store, std::int64_t number) {
  auto found = find_introduction(store, number);
  if (!found) {
    throw NotFound(fmt::format("no introduction #{}", number),
                   "'ally timeline' lists introductions as kind 'intro'");
  }
  return *found;
}

Introduction remove_introduction(Store& store, std::int64_t number) {
  auto current = get_introduction(store, number);
  try {
    add_tombstone(store, current.meta.id, "introduction");
    SQLite::Statement st(db_of(store), "DELETE FROM introduction WHERE num = ?");
    st.bind(1, number);
    st.exec();
    return current;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<Introduction> intros_of(Store& store, std::int64_t ally) {
  try {
    SQLite::Statement st(db_of(store), fmt::format("SELECT {} FROM introduction WHERE a = ?1 OR "
                                                   "b = ?1{}",
                                                   k_intro_columns, k_newest_first));
    st.bind(1, ally);
    return read_all(st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<Introduction> list_introductions(Store& store, std::optional<Date> since) {
  try {
    SQLite::Statement st(db_of(store), fmt::format("SELECT {} FROM introduction WHERE date >= ?{}",
                                                   k_intro_columns, k_newest_first));
    st.bind(1, since ? format_date(*since) : std::string());
    return read_all(st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
