// Gathering the ranking's inputs. Open promises, open follow-ups and unthanked favors come from
// partial indexes that hold only what is open; last contact is kept on the ally row. Nothing here
// scans the interaction log.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string_view>
#include <unordered_map>

#include "ally/due.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

// A statement's columns, taken once at its first row and read at every row after: SQLiteCpp's
// Column reads the statement's current row whenever asked, while getColumn copies a shared_ptr
// per value and getString a string (~150,000 values at 10k allies, a tenth of `due`). Same
// conversions as Column's getters (NULL text reads as "").
class Cells {
public:
  Cells(const SQLite::Statement& statement, int count) {
    m_columns.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) m_columns.push_back(statement.getColumn(i));
  }
  std::int64_t int64(int i) const { return at(i).getInt64(); }
  int integer(int i) const { return at(i).getInt(); }
  bool is_null(int i) const { return at(i).isNull(); }
  std::string_view text(int i) const {
    const char* data = at(i).getText(); // before getBytes, as SQLite asks
    return {data, static_cast<std::size_t>(at(i).getBytes())};
  }
  std::string string(int i) const { return std::string(text(i)); }
  std::optional<Date> date(int i) const {
    if (is_null(i)) return std::nullopt;
    return parse_iso_date(text(i));
  }
  Date required(int i) const { return required_date(date(i)); }

private:
  const SQLite::Column& at(int i) const { return m_columns[static_cast<std::size_t>(i)]; }
  std::vector<SQLite::Column> m_columns;
};

// Steps `statement` through its rows, handing each to `on_row` as Cells.
template <typename OnRow> void each_row(SQLite::Statement& statement, int count, OnRow on_row) {
  std::optional<Cells> cells;
  while (statement.executeStep()) {
    if (!cells) cells.emplace(statement, count);
    on_row(*cells);
  }
}

} // namespace

std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today) {
  auto& db = db_of(store);
  std::vector<RankInput> inputs;
  std::unordered_map<std::int64_t, std::size_t> index;
  try {
    // Sized once: growing a vector of 10,000 inputs by doubling held two copies at its peak,
    // a third of `due`'s memory. Counting every ally reads only the smallest index.
    inputs.reserve(static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM ally").getInt64()));
    index.reserve(inputs.capacity());
    SQLite::Statement allies(db, R"sql(
      SELECT num, id, name, circle, cadence_mode, cadence_days, added_on, last_contact, last_kind,
             snoozed_until
      FROM ally WHERE archived = 0 AND cadence_mode <> 'none')sql");
    each_row(allies, 10, [&](const Cells& row) {
      RankInput in;
      in.number = row.int64(0);
      in.id = row.string(1);
      in.name = row.string(2);
      in.circle = row.string(3);
      if (row.text(4) == "days") in.cadence = {Cadence::Mode::days, row.integer(5)};
      in.added = row.required(6);
      in.last_contact = row.date(7);
      in.last_kind = row.string(8);
      in.snoozed_until = row.date(9);
      if (effective_cadence(in.cadence, in.circle, settings) <= 0) return;
      index.emplace(in.number, inputs.size());
      inputs.push_back(std::move(in));
    });
    auto input_for = [&](std::int64_t ally) -> RankInput* {
      auto it = index.find(ally);
      return it == index.end() ? nullptr : &inputs[it->second];
    };

    SQLite::Statement promises(db, "SELECT num, ally, text, due FROM favor INDEXED BY "
                                   "favor_open_promise WHERE direction = 'gave' AND due IS NOT "
                                   "NULL AND done IS NULL");
    each_row(promises, 4, [&](const Cells& row) {
      if (auto* in = input_for(row.int64(1))) {
        in->promises.push_back({row.int64(0), row.string(2), row.required(3)});
      }
    });
    SQLite::Statement follow_ups(db, R"sql(
      SELECT i.num, ia.ally, i.note, i.follow_up
      FROM interaction i INDEXED BY interaction_open_follow_up
      JOIN interaction_ally ia ON ia.interaction = i.num
      WHERE i.follow_up IS NOT NULL AND i.follow_up_done IS NULL)sql");
    each_row(follow_ups, 4, [&](const Cells& row) {
      if (auto* in = input_for(row.int64(1))) {
        in->follow_ups.push_back({row.int64(0), row.string(2), row.required(3)});
      }
    });
    SQLite::Statement unthanked(db, "SELECT num, ally, text, date FROM favor INDEXED BY "
                                    "favor_unthanked WHERE direction = 'got' AND thanked IS NULL");
    each_row(unthanked, 4, [&](const Cells& row) {
      if (auto* in = input_for(row.int64(1))) {
        in->unthanked.push_back({row.int64(0), row.string(2), row.required(3)});
      }
    });
    // One pass over the favor table, counted here: through favor_by_ally or favor_by_date every
    // favor of the window costs a random read of its row (for the direction) and a GROUP BY
    // sort; at 50,000 favors this was a third of `due` (profiled: 120 ms -> 30 ms cold).
    SQLite::Statement recent(db, "SELECT ally, direction = 'gave' FROM favor NOT INDEXED "
                                 "WHERE date >= ?");
    recent.bind(1, format_date(today - std::chrono::days{settings.reciprocity_window_days}));
    each_row(recent, 2, [&](const Cells& row) {
      if (auto* in = input_for(row.int64(0))) ++(row.integer(1) ? in->gave_recent : in->got_recent);
    });
    SQLite::Statement dates(db, "SELECT ally, label, month, day, year FROM important_date "
                                "WHERE yearly = 1");
    each_row(dates, 5, [&](const Cells& row) {
      if (auto* in = input_for(row.int64(0))) {
        YearlessDate d;
        d.month = static_cast<unsigned>(row.integer(2));
        d.day = static_cast<unsigned>(row.integer(3));
        if (!row.is_null(4)) d.year = row.integer(4);
        in->dates.push_back({row.string(1), d});
      }
    });
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return inputs;
}

} // namespace ally
