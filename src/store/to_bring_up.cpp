// Things to bring up in SQL. Each ally's open ones are a seek in to_bring_up_by_ally.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/to_bring_up.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr const char* k_columns = "num, id, created_at, updated_at, ally, text, date, done";

ToBringUp read_item(SQLite::Statement& st) {
  ToBringUp t;
  t.meta.number = st.getColumn(0).getInt64();
  t.meta.id = st.getColumn(1).getString();
  t.meta.created_at = st.getColumn(2).getString();
  t.meta.updated_at = st.getColumn(3).getString();
  t.ally = st.getColumn(4).getInt64();
  t.text = st.getColumn(5).getString();
  t.date = column_required_date(st.getColumn(6));
  t.done = column_date(st.getColumn(7));
  return t;
}

void check_item(Store& store, std::int64_t ally, const std::string& text) {
  if (trim(text).empty()) throw UsageError("empty text: say what to bring up");
  if (!find_ally(store, ally)) throw NotFound(fmt::format("no ally #{}", ally));
}

} // namespace

ToBringUp add_to_bring_up(Store& store, std::int64_t ally, const std::string& text, Date on) {
  check_item(store, ally, text);
  auto& db = db_of(store);
  try {
    const auto& now = store.clock().now;
    SQLite::Statement st(db, "INSERT INTO to_bring_up(id, created_at, updated_at, ally, text, date) "
                             "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, new_uuid());
    st.bind(2, now);
    st.bind(3, now);
    st.bind(4, ally);
    st.bind(5, trim(text));
    st.bind(6, format_date(on));
    st.exec();
    return get_to_bring_up(store, db.getLastInsertRowid());
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::optional<ToBringUp> find_to_bring_up(Store& store, std::int64_t number) {
  try {
    SQLite::Statement st(db_of(store),
                         fmt::format("SELECT {} FROM to_bring_up WHERE num = ?", k_columns));
    st.bind(1, number);
    if (!st.executeStep()) return std::nullopt;
    return read_item(st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

ToBringUp get_to_bring_up(Store& store, std::int64_t number) {
  auto item = find_to_bring_up(store, number);
  if (!item) throw NotFound(fmt::format("no thing to bring up #{}", number), "ally next lists them");
  return *item;
}

void update_to_bring_up(Store& store, ToBringUp& item) {
  check_item(store, item.ally, item.text);
  try {
    SQLite::Statement st(db_of(store), "UPDATE to_bring_up SET updated_at = ?, ally = ?, text = ?, "
                                       "done = ? WHERE num = ?");
    st.bind(1, store.clock().now);
    st.bind(2, item.ally);
    st.bind(3, trim(item.text));
    bind_date(st, 4, item.done);
    st.bind(5, item.meta.number);
    if (st.exec() == 0) throw NotFound(fmt::format("no thing to bring up #{}", item.meta.number));
    item = get_to_bring_up(store, item.meta.number);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

ToBringUp mark_to_bring_up_done(Store& store, std::int64_t number, Date on) {
  auto item = get_to_bring_up(store, number);
  if (item.done) {
    throw Conflict(fmt::format("#{} is already done ({})", number, format_date(*item.done)));
  }
  item.done = on;
  update_to_bring_up(store, item);
  return item;
}

ToBringUp remove_to_bring_up(Store& store, std::int64_t number) {
  auto item = get_to_bring_up(store, number);
  try {
    add_tombstone(store, item.meta.id, "to_bring_up");
    SQLite::Statement st(db_of(store), "DELETE FROM to_bring_up WHERE num = ?");
    st.bind(1, number);
    st.exec();
    return item;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<ToBringUp> open_to_bring_up(Store& store, std::optional<std::int64_t> ally) {
  try {
    SQLite::Statement st(db_of(store),
                         fmt::format("SELECT {} FROM to_bring_up WHERE done IS NULL{} "
                                     "ORDER BY date, num",
                                     k_columns, ally ? " AND ally = ?" : ""));
    if (ally) st.bind(1, *ally);
    std::vector<ToBringUp> out;
    while (st.executeStep()) out.push_back(read_item(st));
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::map<std::int64_t, std::size_t> open_to_bring_up_counts(Store& store,
                                                             const std::vector<std::int64_t>& allies) {
  // A seek per ally for a few; for more, one pass over the index is cheaper (a piped `due`
  // lists thousands of allies: 6 M instructions in seeks at 10k allies, 6% of its time).
  constexpr std::size_t k_most_seeks = 16;
  std::map<std::int64_t, std::size_t> counts;
  try {
    if (allies.size() <= k_most_seeks) {
      auto& st = prepared(store, "SELECT count(*) FROM to_bring_up WHERE ally = ? AND done IS NULL");
      for (auto ally : allies) {
        st.reset();
        st.bind(1, ally);
        if (st.executeStep() && st.getColumn(0).getInt64() > 0)
          counts[ally] = static_cast<std::size_t>(st.getColumn(0).getInt64());
      }
      st.reset();
      return counts;
    }
    std::vector<std::int64_t> wanted(allies);
    std::sort(wanted.begin(), wanted.end());
    auto& st = prepared(store, "SELECT ally, count(*) FROM to_bring_up INDEXED BY to_bring_up_by_ally "
                               "WHERE done IS NULL GROUP BY ally");
    while (st.executeStep()) {
      auto ally = st.getColumn(0).getInt64();
      if (std::binary_search(wanted.begin(), wanted.end(), ally))
        counts[ally] = static_cast<std::size_t>(st.getColumn(1).getInt64());
    }
    st.reset();
    return counts;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
