// Favors and promises in SQL. The open ones are read through the partial indexes that hold only
// what is open, so they stay cheap however long the history grows.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/favors.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr const char* k_favor_columns =
    "num, id, created_at, updated_at, ally, direction, text, date, due, done, thanked";

const char* direction_word(FavorDirection direction) {
  return direction == FavorDirection::gave ? "gave" : "got";
}

Favor read_favor(SQLite::Statement& st) {
  Favor f;
  f.meta.number = st.getColumn(0).getInt64();
  f.meta.id = st.getColumn(1).getString();
  f.meta.created_at = st.getColumn(2).getString();
  f.meta.updated_at = st.getColumn(3).getString();
  f.ally = st.getColumn(4).getInt64();
  f.direction = st.getColumn(5).getString() == "got" ? FavorDirection::got : FavorDirection::gave;
  f.text = st.getColumn(6).getString();
  f.date = column_required_date(st.getColumn(7));
  f.due = column_date(st.getColumn(8));
  f.done = column_date(st.getColumn(9));
  f.thanked = column_date(st.getColumn(10));
  return f;
}

// The condition for one ally's favors, or for everyone's. Written out rather than as
// `(:ally IS NULL OR ally = :ally)`, which SQLite cannot answer from an index on ally.
const char* of_ally(std::optional<std::int64_t> ally) { return ally ? "ally = :ally" : "1"; }

// Runs a SELECT of k_favor_columns with an optional ally bound to `:ally`.
std::vector<Favor> select_favors(Store& store, const std::string& sql,
                                 std::optional<std::int64_t> ally) {
  try {
    SQLite::Statement st(db_of(store), sql);
    if (ally) st.bind(":ally", *ally);
    std::vector<Favor> out;
    while (st.executeStep()) out.push_back(read_favor(st));
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

void check_favor(Store& store, std::int64_t ally, FavorDirection direction,
                 const std::string& text, const std::optional<Date>& due) {
  if (trim(text).empty()) throw UsageError("empty favor text: say what the favor was");
  if (due && direction == FavorDirection::got) {
    throw UsageError("--due is for promises you make (--gave), not favors you got");
  }
  if (!find_ally(store, ally)) throw NotFound(fmt::format("no ally #{}", ally));
}

} // namespace

Favor add_favor(Store& store, const NewFavor& entry) {
  check_favor(store, entry.ally, entry.direction, entry.text, entry.due);
  auto& db = db_of(store);
  try {
    const auto& now = store.clock().now;
    SQLite::Statement st(db, "INSERT INTO favor(id, created_at, updated_at, ally, direction, text, "
                             "date, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, entry.id.empty() ? new_uuid() : entry.id);
    st.bind(2, now);
    st.bind(3, now);
    st.bind(4, entry.ally);
    st.bind(5, direction_word(entry.direction));
    st.bind(6, entry.text);
    st.bind(7, format_date(entry.date));
    bind_date(st, 8, entry.due);
    st.exec();
    return get_favor(store, db.getLastInsertRowid());
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::optional<Favor> find_favor(Store& store, std::int64_t number) {
  try {
    SQLite::Statement st(db_of(store),
                         fmt::format("SELECT {} FROM favor WHERE num = ?", k_favor_columns));
    st.bind(1, number);
    if (!st.executeStep()) return std::nullopt;
    return read_favor(st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Favor get_favor(Store& store, std::int64_t number) {
  auto favor = find_favor(store, number);
  if (!favor) throw NotFound(fmt::format("no favor #{}", number));
  return *favor;
}

void update_favor(Store& store, Favor& favor) {
  check_favor(store, favor.ally, favor.direction, favor.text, favor.due);
  auto& db = db_of(store);
  try {
    SQLite::Statement st(db, "UPDATE favor SET updated_at = ?, ally = ?, direction = ?, text = ?, "
                             "date = ?, due = ?, done = ?, thanked = ? WHERE num = ?");
    st.bind(1, store.clock().now);
    st.bind(2, favor.ally);
    st.bind(3, direction_word(favor.direction));
    st.bind(4, favor.text);
    st.bind(5, format_date(favor.date));
    bind_date(st, 6, favor.due);
    bind_date(st, 7, favor.done);
    bind_date(st, 8, favor.thanked);
    st.bind(9, favor.meta.number);
    if (st.exec() == 0) throw NotFound(fmt::format("no favor #{}", favor.meta.number));
    favor = get_favor(store, favor.meta.number);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Favor remove_favor(Store& store, std::int64_t number) {
  auto favor = get_favor(store, number);
  try {
    add_tombstone(store, favor.meta.id, "favor");
    SQLite::Statement st(db_of(store), "DELETE FROM favor WHERE num = ?");
    st.bind(1, number);
    st.exec();
    return favor;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Favor mark_favor_done(Store& store, std::int64_t number, Date on) {
  auto favor = get_favor(store, number);
  if (favor.direction == FavorDirection::got) {
    throw Conflict(fmt::format("favor #{} is one you got; only favors you gave are done", number),
                   fmt::format("to say thank you: ally thank {} --favor {}", favor.ally, number));
  }
  if (favor.done) {
    throw Conflict(fmt::format("favor #{} is already done ({})", number, format_date(*favor.done)));
  }
  favor.done = on;
  update_favor(store, favor);
  return favor;
}

Favor mark_favor_thanked(Store& store, std::int64_t number, Date on) {
  auto favor = get_favor(store, number);
  if (favor.direction == FavorDirection::gave) {
    throw Conflict(
        fmt::format("favor #{} is one you gave; only favors you got are thanked", number));
  }
  if (favor.thanked) return favor;
  favor.thanked = on;
  update_favor(store, favor);
  return favor;
}

std::vector<Favor> list_favors(Store& store, std::optional<std::int64_t> ally) {
  return select_favors(store,
                       fmt::format("SELECT {} FROM favor WHERE {} "
                                   "ORDER BY date DESC, num DESC",
                                   k_favor_columns, of_ally(ally)),
                       ally);
}

std::vector<Favor> open_favors(Store& store, std::optional<std::int64_t> ally) {
  return select_favors(store,
                       fmt::format("SELECT {} FROM favor WHERE {} "
                                   "AND ((direction = 'gave' AND due IS NOT NULL AND done IS NULL) "
                                   "OR (direction = 'got' AND thanked IS NULL)) "
                                   "ORDER BY date DESC, num DESC",
                                   k_favor_columns, of_ally(ally)),
                       ally);
}

std::vector<Favor> open_promises(Store& store, std::optional<std::int64_t> ally) {
  return select_favors(store,
                       fmt::format("SELECT {} FROM favor INDEXED BY favor_open_promise "
                                   "WHERE direction = 'gave' AND due IS NOT NULL AND done IS NULL "
                                   "AND {} ORDER BY due, num",
                                   k_favor_columns, of_ally(ally)),
                       ally);
}

std::vector<Favor> unthanked_favors(Store& store, std::optional<std::int64_t> ally) {
  return select_favors(store,
                       fmt::format("SELECT {} FROM favor INDEXED BY favor_unthanked "
                                   "WHERE direction = 'got' AND thanked IS NULL "
                                   "AND {} ORDER BY date DESC, num DESC",
                                   k_favor_columns, of_ally(ally)),
                       ally);
}

FavorBalance favor_balance(Store& store, std::int64_t ally, std::optional<Date> since) {
  try {
    SQLite::Statement st(db_of(store), "SELECT direction, count(*) FROM favor WHERE ally = ?1 "
                                       "AND (?2 IS NULL OR date >= ?2) GROUP BY direction");
    st.bind(1, ally);
    bind_date(st, 2, since);
    FavorBalance balance;
    while (st.executeStep()) {
      (st.getColumn(0).getString() == "gave" ? balance.gave : balance.got) =
          st.getColumn(1).getInt();
    }
    return balance;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::map<std::int64_t, FavorBalance> favor_balances(Store& store, std::optional<Date> since) {
  try {
    SQLite::Statement st(db_of(store), "SELECT ally, direction, count(*) FROM favor "
                                       "WHERE (?1 IS NULL OR date >= ?1) GROUP BY ally, direction");
    bind_date(st, 1, since);
    std::map<std::int64_t, FavorBalance> out;
    while (st.executeStep()) {
      auto& balance = out[st.getColumn(0).getInt64()];
      (st.getColumn(1).getString() == "gave" ? balance.gave : balance.got) =
          st.getColumn(2).getInt();
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Date balance_window_start(Date today) { return today - std::chrono::days{365}; }

} // namespace ally
