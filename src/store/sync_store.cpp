// The little SQL the sync needs beyond the JSON import.
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <map>

#include "ally/sync.hpp"
#include "store/database.hpp"

namespace ally {

void adopt_tombstones(Store& store, const std::vector<Tombstone>& tombstones) {
  try {
    SQLite::Statement st(db_of(store),
                         "UPDATE tombstone SET kind = ?, deleted_at = ? WHERE id = ? AND "
                         "(kind <> ? OR deleted_at <> ?)");
    for (const auto& t : tombstones) {
      st.reset();
      st.bind(1, t.kind);
      st.bind(2, t.deleted_at);
      st.bind(3, t.id);
      st.bind(4, t.kind);
      st.bind(5, t.deleted_at);
      st.exec();
    }
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

void within_savepoint(Store& store, const std::function<void()>& body) {
  auto& db = db_of(store);
  try {
    db.exec("SAVEPOINT sync_record");
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  try {
    body();
  } catch (...) {
    try {
      db.exec("ROLLBACK TO sync_record");
      db.exec("RELEASE sync_record");
    } catch (const std::exception& e) {
      rethrow_sqlite(e);
    }
    throw;
  }
  try {
    db.exec("RELEASE sync_record");
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::int64_t record_number_of(Store& store, const std::string& section, const std::string& id) {
  static const std::map<std::string, const char*, std::less<>> k_tables{
      {"allies", "ally"},           {"interactions", "interaction"},
      {"favors", "favor"},          {"introductions", "introduction"},
      {"dates", "important_date"},  {"interests", "interest"},
      {"to_bring_up", "to_bring_up"}};
  auto table = k_tables.find(section);
  if (table == k_tables.end())
    return 0;
  try {
    // The table's name comes from the list above, never from the data.
    SQLite::Statement st(db_of(store), std::string("SELECT num FROM ") + table->second +
                                           " WHERE id = ?");
    st.bind(1, id);
    return st.executeStep() ? st.getColumn(0).getInt64() : 0;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
