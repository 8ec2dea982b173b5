// Gathering the ranking's inputs, each query from one index: the tracked allies from an index
// of the columns ranked on, open promises, open follow-ups and unthanked favors from partial
// indexes that hold only what is open (with the text a reason quotes), yearly dates from the
// index by month and day.
// Last contact and the latest favors are kept on the ally row by triggers, so nothing here
// scans the interaction log or the favors of the reciprocity window.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
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

// The (month, day) bounds of yearly dates whose next occurrence can fall within `days` of
// today, a day wider on each side (29 February and corrupt days fall next to their
// neighbours); none when the window covers a whole year.
struct DayRange {
  unsigned from_month, from_day, to_month, to_day;
  bool wraps; // runs past 31 December
};

std::optional<DayRange> yearly_window(Date today, int days) {
  if (days >= 364) return std::nullopt;
  const std::chrono::year_month_day from{today - std::chrono::days{1}};
  const std::chrono::year_month_day to{today + std::chrono::days{days + 1}};
  DayRange r{static_cast<unsigned>(from.month()), static_cast<unsigned>(from.day()),
             static_cast<unsigned>(to.month()), static_cast<unsigned>(to.day()), false};
  r.wraps = std::pair{r.to_month, r.to_day} < std::pair{r.from_month, r.from_day};
  return r;
}

// An ally's open items and recent favors, the part of RankInput read before the ally row (a
// third of its size: one per ally with a favor in the reciprocity window).
struct Open {
  std::vector<OpenPromise> promises;
  std::vector<OpenFollowUp> follow_ups;
  std::vector<UnthankedFavor> unthanked;
  std::vector<YearlyEvent> dates;
};

// Counts the favors of the reciprocity window (dated `since` or later, as text compares) from
// an ally's recent favors (`recent_favors_sql`). False when they cannot tell: all of them fall
// in the window, so older ones might too, or the text is not what the triggers write.
bool count_recent_favors(std::string_view recent, std::string_view since, RankInput& in) {
  in.gave_recent = in.got_recent = 0;
  std::size_t count = recent.size() / k_recent_favor_chars;
  if (recent.size() % k_recent_favor_chars != 0 || count > k_recent_favors) return false;
  bool all_in_window = true;
  for (std::size_t i = 0; i < count; ++i) {
    auto favor = recent.substr(i * k_recent_favor_chars, k_recent_favor_chars);
    char direction = favor.back();
    if (direction != '+' && direction != '-') return false;
    if (favor.substr(0, k_recent_favor_chars - 1) < since) {
      all_in_window = false;
      continue;
    }
    ++(direction == '+' ? in.gave_recent : in.got_recent);
  }
  return count < k_recent_favors || !all_in_window;
}

// The same counts from the ally's favors themselves.
void count_favors_since(SQLite::Statement& st, std::int64_t ally, const std::string& since,
                        RankInput& in) {
  st.reset();
  st.bind(1, ally);
  st.bind(2, since);
  in.gave_recent = in.got_recent = 0;
  while (st.executeStep()) {
    (st.getColumn(0).getInt() ? in.gave_recent : in.got_recent) = st.getColumn(1).getInt();
  }
}

} // namespace

std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today,
                                        std::optional<int> horizon_days, bool everyone) {
  auto& db = db_of(store);
  const int horizon = std::max(horizon_days.value_or(0), 0);
  // Follow-ups count once reached, or when coming within the horizon; dates within their window
  // or the horizon. Later ones are never scored nor quoted, so they are not read.
  const std::string follow_up_cutoff =
      format_date(today + std::chrono::days{std::min(horizon, 1'000'000)});
  // What each ally has open, read first so that an ally with nothing open and no check-in due
  // is passed over without copying its strings (most allies, most days).
  std::unordered_map<std::int64_t, Open> open;
  std::vector<RankInput> inputs;
  try {
    // One read transaction for all the queries: one snapshot, and one lock instead of one per
    // statement.
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    // The partial indexes below hold only what is open and the text a reason quotes.
    SQLite::Statement promises(db, "SELECT num, ally, text, due FROM favor INDEXED BY "
                                   "favor_open_promise WHERE direction = 'gave' AND due IS NOT "
                                   "NULL AND done IS NULL");
    each_row(promises, 4, [&](const Cells& row) {
      open[row.int64(1)].promises.push_back({row.int64(0), row.string(2), row.required(3)});
    });
    std::unordered_map<std::int64_t, std::string> notes;
    SQLite::Statement follow_up_notes(db, R"sql(
      SELECT num, note FROM interaction INDEXED BY interaction_open_follow_up
      WHERE follow_up IS NOT NULL AND follow_up_done IS NULL AND follow_up <= ?)sql");
    follow_up_notes.bind(1, follow_up_cutoff);
    each_row(follow_up_notes, 2,
             [&](const Cells& row) { notes.emplace(row.int64(0), row.string(1)); });
    SQLite::Statement follow_ups(db, R"sql(
      SELECT interaction, ally, follow_up FROM interaction_ally
      INDEXED BY interaction_ally_open_follow_up
      WHERE follow_up IS NOT NULL AND follow_up <= ?)sql");
    follow_ups.bind(1, follow_up_cutoff);
    each_row(follow_ups, 3, [&](const Cells& row) {
      auto note = notes.find(row.int64(0));
      if (note == notes.end()) return; // the two indexes are kept by one transaction's triggers
      open[row.int64(1)].follow_ups.push_back({row.int64(0), note->second, row.required(2)});
    });
    SQLite::Statement unthanked(db, "SELECT num, ally, text, date FROM favor INDEXED BY "
                                    "favor_unthanked WHERE direction = 'got' AND thanked IS NULL");
    each_row(unthanked, 4, [&](const Cells& row) {
      open[row.int64(1)].unthanked.push_back({row.int64(0), row.string(2), row.required(3)});
    });
    std::string dates_sql = "SELECT ally, label, month, day, year FROM important_date "
                            "INDEXED BY important_date_yearly WHERE yearly = 1";
    auto window = yearly_window(today, std::max(settings.date_window_days, horizon));
    if (window) {
      dates_sql += window->wraps ? " AND ((month, day) >= (?1, ?2) OR (month, day) <= (?3, ?4))"
                                 : " AND (month, day) >= (?1, ?2) AND (month, day) <= (?3, ?4)";
    }
    SQLite::Statement dates(db, dates_sql);
    if (window) {
      dates.bind(1, window->from_month);
      dates.bind(2, window->from_day);
      dates.bind(3, window->to_month);
      dates.bind(4, window->to_day);
    }
    each_row(dates, 5, [&](const Cells& row) {
      YearlessDate d;
      d.month = static_cast<unsigned>(row.integer(2));
      d.day = static_cast<unsigned>(row.integer(3));
      if (!row.is_null(4)) d.year = row.integer(4);
      open[row.int64(0)].dates.push_back({row.string(1), d});
    });

    // Every column here is in ally_tracked, so no ally row is read (docs/schema.md).
    SQLite::Statement allies(db, R"sql(
      SELECT num, id, name, circle, cadence_mode, cadence_days, added_on, last_contact, last_kind,
             snoozed_until, recent_favors
      FROM ally INDEXED BY ally_tracked WHERE archived = 0 AND cadence_mode <> 'none')sql");
    const std::string window_start =
        format_date(today - std::chrono::days{settings.reciprocity_window_days});
    std::optional<SQLite::Statement> favors_since; // for the few allies with many recent favors
    each_row(allies, 11, [&](const Cells& row) {
      RankInput in;
      in.circle = row.string(3);
      if (row.text(4) == "days") in.cadence = {Cadence::Mode::days, row.integer(5)};
      int cadence = effective_cadence(in.cadence, in.circle, settings);
      if (cadence <= 0) return;
      in.number = row.int64(0);
      in.added = row.required(6);
      in.last_contact = row.date(7);
      in.snoozed_until = row.date(9);
      auto found = open.find(in.number);
      if (!count_recent_favors(row.text(10), window_start, in)) {
        if (!favors_since) {
          favors_since.emplace(db, "SELECT direction = 'gave', count(*) FROM favor INDEXED BY "
                                   "favor_by_ally WHERE ally = ? AND date >= ? GROUP BY 1");
        }
        count_favors_since(*favors_since, in.number, window_start, in);
      }
      if (!everyone) {
        // A superset of what the ranking lists: a check-in due by the horizon, or anything
        // open. The ranking decides; this only spares the rest their strings.
        if (in.snoozed_until && *in.snoozed_until > today) return;
        bool check_in = days_between(in.last_contact.value_or(in.added), today) >= cadence - horizon;
        const Open* o = found == open.end() ? nullptr : &found->second;
        bool pending = in.got_recent > in.gave_recent ||
                       (o && (!o->promises.empty() || !o->follow_ups.empty() ||
                              !o->unthanked.empty() || !o->dates.empty()));
        if (!check_in && !pending) return;
      }
      if (found != open.end()) {
        auto& o = found->second;
        in.promises = std::move(o.promises);
        in.follow_ups = std::move(o.follow_ups);
        in.unthanked = std::move(o.unthanked);
        in.dates = std::move(o.dates);
      }
      in.id = row.string(1);
      in.name = row.string(2);
      in.last_kind = row.string(8);
      inputs.push_back(std::move(in));
    });
    snapshot.commit();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return inputs;
}

} // namespace ally
