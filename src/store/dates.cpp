#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/error.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr const char* k_date_columns =
    "num, id, created_at, updated_at, ally, label, month, day, year, yearly";

ImportantDate read_date(SQLite::Statement& st) {
  ImportantDate d;
  d.meta.number = st.getColumn(0).getInt64();
  d.meta.id = st.getColumn(1).getString();
  d.meta.created_at = st.getColumn(2).getString();
  d.meta.updated_at = st.getColumn(3).getString();
  d.ally = st.getColumn(4).getInt64();
  d.label = st.getColumn(5).getString();
  d.date.month = static_cast<unsigned>(st.getColumn(6).getInt());
  d.date.day = static_cast<unsigned>(st.getColumn(7).getInt());
  if (!st.getColumn(8).isNull()) d.date.year = st.getColumn(8).getInt();
  d.yearly = st.getColumn(9).getInt() != 0;
  return d;
}

std::optional<ImportantDate> find_date(Store& store, std::int64_t ally,
                                       const std::string& label) {
  auto& st = prepared(store, fmt::format("SELECT {} FROM important_date WHERE ally = ? AND "
                                       "label_key = ?",
                                       k_date_columns));
  st.bind(1, ally);
  st.bind(2, fold(trim(label)));
  if (!st.executeStep()) return std::nullopt;
  return read_date(st);
}

} // namespace

ImportantDate set_important_date(Store& store, std::int64_t ally, const std::string& label,
                                 const YearlessDate& date, bool yearly) {
  if (trim(label).empty()) throw UsageError("empty date label");
  if (!yearly && !date.year) {
    throw UsageError("a one-off date needs a year (YYYY-MM-DD); add --yearly for MM-DD");
  }
  try {
    const auto& now = store.clock().now;
    auto bind_values = [&](SQLite::Statement& st) {
      st.bind(":month", static_cast<int>(date.month));
      st.bind(":day", static_cast<int>(date.day));
      if (date.year) {
        st.bind(":year", *date.year);
      } else {
        st.bind(":year");
      }
      st.bind(":yearly", yearly ? 1 : 0);
      st.bind(":now", now);
    };
    if (auto existing = find_date(store, ally, label)) {
      auto& st = prepared(store, "UPDATE important_date SET month = :month, day = :day, year = :year, "
                               "yearly = :yearly, updated_at = :now WHERE num = :num");
      bind_values(st);
      st.bind(":num", existing->meta.number);
      st.exec();
    } else {
      auto& st = prepared(store, "INSERT INTO important_date(id, created_at, updated_at, ally, label, "
                               "label_key, month, day, year, yearly) VALUES (:id, :now, :now, "
                               ":ally, :label, :key, :month, :day, :year, :yearly)");
      bind_values(st);
      st.bind(":id", new_uuid());
      st.bind(":ally", ally);
      st.bind(":label", trim(label));
      st.bind(":key", fold(trim(label)));
      st.exec();
    }
    return *find_date(store, ally, label);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

ImportantDate remove_important_date(Store& store, std::int64_t ally, const std::string& label) {
  auto& db = db_of(store);
  try {
    auto existing = find_date(store, ally, label);
    if (!existing) throw NotFound(fmt::format("no date labelled '{}'", truncate_to_width(label, 40)));
    add_tombstone(store, existing->meta.id, "date");
    SQLite::Statement st(db, "DELETE FROM important_date WHERE num = ?");
    st.bind(1, existing->meta.number);
    st.exec();
    return *existing;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<ImportantDate> dates_of(Store& store, std::int64_t ally) {
  try {
    auto& st = prepared(store, fmt::format("SELECT {} FROM important_date WHERE ally = ? "
                                           "ORDER BY month, day, label_key",
                                                   k_date_columns));
    st.bind(1, ally);
    std::vector<ImportantDate> out;
    while (st.executeStep()) out.push_back(read_date(st));
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<ImportantDate> yearly_dates(Store& store) {
  try {
    SQLite::Statement st(db_of(store),
                         "SELECT d.num, d.id, d.created_at, d.updated_at, d.ally, d.label, d.month, "
                         "d.day, d.year, d.yearly FROM important_date d JOIN ally a ON a.num = "
                         "d.ally WHERE d.yearly = 1 AND a.archived = 0");
    std::vector<ImportantDate> out;
    while (st.executeStep()) out.push_back(read_date(st));
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
