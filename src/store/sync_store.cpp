// The little SQL the sync needs beyond the JSON import.
#include <SQLiteCpp/SQLiteCpp.h>

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

} // namespace ally
