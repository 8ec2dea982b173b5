// Gathering the ranking's inputs, each query from one index: the tracked allies from an index
// of one generated value per ally (`due_state`), open promises, open follow-ups and unthanked
// favors from partial indexes that hold only what is open (with the text a reason quotes),
// yearly dates from the index by month and day.
// Last contact and the latest favors are kept on the ally row by triggers, so nothing here
// scans the interaction log or the favors of the reciprocity window.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <string_view>
#include <unordered_map>

#include "ally/due.hpp"
#include "ally/error.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

// A statement read through SQLite's C API. `due` reads ~100,000 values at 10k allies;
// SQLiteCpp's Column takes a shared_ptr and two or three API calls per value. NULL text reads
// as "", as with SQLiteCpp.
class Query {
public:
  Query(SQLite::Database& db, const char* sql) : m_db(db.getHandle()) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr));
    m_statement.reset(statement);
  }
  void bind(int i, const std::string& text) {
    check(sqlite3_bind_text(m_statement.get(), i, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
  }
  void bind(int i, std::int64_t value) { check(sqlite3_bind_int64(m_statement.get(), i, value)); }
  bool step() {
    int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) check(rc);
    return false;
  }
  void reset() { sqlite3_reset(m_statement.get()); }

  std::int64_t int64(int i) const { return sqlite3_column_int64(m_statement.get(), i); }
  int integer(int i) const { return sqlite3_column_int(m_statement.get(), i); }
  bool is_null(int i) const { return sqlite3_column_type(m_statement.get(), i) == SQLITE_NULL; }
  std::string_view text(int i) const {
    // The text before its length, as SQLite asks.
    const auto* data = sqlite3_column_text(m_statement.get(), i);
    if (!data) return {};
    return {reinterpret_cast<const char*>(data),
            static_cast<std::size_t>(sqlite3_column_bytes(m_statement.get(), i))};
  }
  std::string string(int i) const { return std::string(text(i)); }
  std::optional<Date> date(int i) const {
    if (is_null(i)) return std::nullopt;
    return parse_iso_date(text(i));
  }
  Date required(int i) const { return required_date(date(i)); }

private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(m_db, rc);
  }
  sqlite3* m_db;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> m_statement{nullptr, sqlite3_finalize};
};

// An ally's `due_state` split into its fields (database.hpp). Text that is not what SQLite
// computes for it means a damaged store.
class DueStateText {
public:
  explicit DueStateText(std::string_view text) {
    for (auto& field : m_fields) {
      std::size_t length = 0, digits = 0;
      for (; digits < text.size() && text[digits] >= '0' && text[digits] <= '9'; ++digits) {
        length = length * 10 + static_cast<std::size_t>(text[digits] - '0');
      }
      if (digits == 0 || digits > 9 || digits == text.size() || text[digits] != ':' ||
          length > text.size() - digits - 1) {
        throw StoreError("the store holds a damaged index of tracked allies; run 'ally check'");
      }
      field = text.substr(digits + 1, length);
      text.remove_prefix(digits + 1 + length);
    }
  }
  // The fields read as separate columns (due_state_columns()).
  explicit DueStateText(const std::array<std::string_view, k_due_fields>& fields)
      : m_fields(fields) {}
  std::string_view operator[](DueField f) const { return m_fields[static_cast<std::size_t>(f)]; }
  // As SQLite reads a column as an integer: the number it starts with, else 0.
  std::int64_t integer(DueField f) const {
    auto text = (*this)[f];
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  std::optional<Date> date(DueField f) const {
    auto text = (*this)[f];
    if (text.empty()) return std::nullopt;
    return parse_iso_date(text);
  }

private:
  std::array<std::string_view, k_due_fields> m_fields;
};

// effective_cadence(), with the cadence of each distinct circle looked up once instead of once
// per ally (a handful of circles, thousands of allies).
class Cadences {
public:
  explicit Cadences(const RankSettings& settings) : m_settings(settings) {}
  int of(const Cadence& cadence, std::string_view circle) {
    if (cadence.mode != Cadence::Mode::default_cadence) {
      return effective_cadence(cadence, {}, m_settings); // the ally's own; no circle needed
    }
    for (const auto& [name, days] : m_known) {
      if (name == circle) return days;
    }
    std::string name(circle);
    int days = effective_cadence(Cadence{}, name, m_settings);
    m_known.emplace_back(std::move(name), days);
    return days;
  }

private:
  const RankSettings& m_settings;
  std::vector<std::pair<std::string, int>> m_known;
};

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

// One kind of open item of every ally, sorted by ally (the order of the index it is read
// from), handed to each ally as the scan of allies reaches it. That scan goes in number order
// (`due_state` begins with the number), so a cursor moves forward through the items; an ally
// out of that order is found by a binary search. A map of every ally's items cost a node and
// four lists per ally with anything open, at 1M interactions most of reading them.
template <typename Item>
class ItemsByAlly {
public:
  void add(std::int64_t ally, Item item) { m_items.push_back({ally, std::move(item)}); }
  // Once all are added. Stable: each ally's items keep the order they were read in.
  void sort() {
    auto by_ally = [](const Entry& a, const Entry& b) { return a.ally < b.ally; };
    if (!std::is_sorted(m_items.begin(), m_items.end(), by_ally)) {
      std::stable_sort(m_items.begin(), m_items.end(), by_ally);
    }
  }
  // Whether `ally` has any item; moves the cursor to its first.
  bool has(std::int64_t ally) {
    if (m_next > 0 && m_items[m_next - 1].ally >= ally) {
      m_next = static_cast<std::size_t>(
          std::lower_bound(m_items.begin(), m_items.end(), ally,
                           [](const Entry& e, std::int64_t a) { return e.ally < a; }) -
          m_items.begin());
    }
    while (m_next < m_items.size() && m_items[m_next].ally < ally) ++m_next;
    return m_next < m_items.size() && m_items[m_next].ally == ally;
  }
  // The items of `ally`, appended to `out`.
  // Every ally with an item, in order, once each, appended to `out`.
  void allies(std::vector<std::int64_t>& out) const {
    for (std::size_t i = 0; i < m_items.size(); ++i) {
      if (i == 0 || m_items[i].ally != m_items[i - 1].ally) out.push_back(m_items[i].ally);
    }
  }
  void take(std::int64_t ally, std::vector<Item>& out) {
    if (!has(ally)) return;
    for (; m_next < m_items.size() && m_items[m_next].ally == ally; ++m_next) {
      out.push_back(std::move(m_items[m_next].item));
    }
  }

private:
  struct Entry {
    std::int64_t ally;
    Item item;
  };
  std::vector<Entry> m_items;
  std::size_t m_next = 0;
};

// Every ally's open items, read before the allies.
struct OpenItems {
  ItemsByAlly<OpenPromise> promises;
  ItemsByAlly<OpenFollowUp> follow_ups;
  ItemsByAlly<UnthankedFavor> unthanked;
  ItemsByAlly<YearlyEvent> dates;

  void sort() {
    promises.sort();
    follow_ups.sort();
    unthanked.sort();
    dates.sort();
  }
  // The allies with anything open, in number order, once each.
  std::vector<std::int64_t> allies() const {
    std::vector<std::int64_t> out;
    promises.allies(out);
    follow_ups.allies(out);
    unthanked.allies(out);
    dates.allies(out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  bool has(std::int64_t ally) {
    return promises.has(ally) || follow_ups.has(ally) || unthanked.has(ally) || dates.has(ally);
  }
  void take(RankInput& in) {
    promises.take(in.number, in.promises);
    follow_ups.take(in.number, in.follow_ups);
    unthanked.take(in.number, in.unthanked);
    dates.take(in.number, in.dates);
  }
};

// Counts the favors of the reciprocity window (from `since`, in days since 1970-01-01) from an
// ally's recent favors (`recent_favors_sql`). False when they cannot tell: all of them fall in
// the window, so older ones might too, a day is out of the range written, or the text is not
// what the triggers write.
bool count_recent_favors(std::string_view recent, std::int64_t since, RankInput& in) {
  in.gave_recent = 0;
  std::size_t count = recent.size() / k_recent_favor_chars;
  if (recent.size() % k_recent_favor_chars != 0 || count > k_recent_favors) return false;
  if (since < 0 || since >= k_recent_favor_days) return false;
  for (std::size_t i = 0; i < count; ++i) {
    auto favor = recent.substr(i * k_recent_favor_chars, k_recent_favor_chars);
    char direction = favor.back();
    std::int64_t day = recent_favor_day(favor.substr(0, k_recent_favor_chars - 1));
    if ((direction != '+' && direction != '-') || day < 0) return false;
    if (day < since) return true; // newest first: the rest are older still
    if (direction == '+') ++in.gave_recent;
  }
  return count < k_recent_favors;
}

// The same counts from the ally's favors themselves.
void count_favors_since(Query& query, std::int64_t ally, const std::string& since,
                        RankInput& in) {
  query.reset();
  query.bind(1, ally);
  query.bind(2, since);
  in.gave_recent = 0;
  if (query.step()) in.gave_recent = query.integer(0);
}

// The notes of `inputs`' follow-ups, each found in the index of open follow-ups by its date
// and number.
void read_notes(SQLite::Database& db, std::span<RankInput> inputs) {
  std::optional<Query> note;
  for (auto& in : inputs) {
    for (auto& follow_up : in.follow_ups) {
      if (!note) {
        note.emplace(db, "SELECT note FROM interaction INDEXED BY interaction_open_follow_up "
                         "WHERE follow_up = ? AND follow_up_done IS NULL AND num = ?");
      }
      note->reset();
      note->bind(1, format_date(follow_up.date));
      note->bind(2, follow_up.interaction);
      if (note->step()) follow_up.note = note->string(0);
    }
  }
}

} // namespace

namespace {

void read_inputs(Store& store, const RankSettings& settings, Date today,
                 std::optional<int> horizon_days, bool everyone, bool ids,
                 std::optional<std::int64_t> only, const std::function<void(RankInput&&)>& take,
                 const std::function<std::span<RankInput>()>& chosen) {
  auto& db = db_of(store);
  const int horizon = std::max(horizon_days.value_or(0), 0);
  // Follow-ups count once reached, or when coming within the horizon; dates within their window
  // or the horizon. Later ones are never scored nor quoted, so they are not read.
  const std::string follow_up_cutoff =
      format_date(today + std::chrono::days{std::min(horizon, 1'000'000)});
  // What each ally has open, read first so that an ally with nothing open and no check-in due
  // is passed over without copying its strings (most allies, most days).
  OpenItems open;
  try {
    // One read transaction for all the queries: one snapshot, and one lock instead of one per
    // statement.
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    // Every query below reads its index pages once, in order: SQLite's default 2 MiB page cache
    // would only hold pages never read again (a sixth of `due`'s memory at 10k allies).
    db.exec("PRAGMA cache_size = -256");
    // The partial indexes below hold only what is open and the text a reason quotes, by ally.
    Query promises(db, "SELECT num, ally, text, due FROM favor INDEXED BY favor_open_promise "
                       "WHERE direction = 'gave' AND due IS NOT NULL AND done IS NULL "
                       "ORDER BY ally");
    while (promises.step()) {
      open.promises.add(promises.int64(1),
                        {promises.int64(0), promises.string(2), promises.required(3)});
    }
    // A follow-up's note lies in another index, by date. Read for every follow-up when every
    // row is worded; else only for the rows chosen, once they are known (below).
    std::unordered_map<std::int64_t, std::string> notes;
    if (!chosen) {
      Query follow_up_notes(db, R"sql(
        SELECT num, note FROM interaction INDEXED BY interaction_open_follow_up
        WHERE follow_up IS NOT NULL AND follow_up_done IS NULL AND follow_up <= ?)sql");
      follow_up_notes.bind(1, follow_up_cutoff);
      while (follow_up_notes.step()) {
        notes.emplace(follow_up_notes.int64(0), follow_up_notes.string(1));
      }
    }
    Query follow_ups(db, R"sql(
      SELECT interaction, ally, follow_up FROM interaction_ally
      INDEXED BY interaction_ally_open_follow_up
      WHERE follow_up IS NOT NULL AND follow_up <= ? ORDER BY ally)sql");
    follow_ups.bind(1, follow_up_cutoff);
    while (follow_ups.step()) {
      OpenFollowUp follow_up{follow_ups.int64(0), {}, follow_ups.required(2)};
      if (!chosen) {
        auto note = notes.find(follow_up.interaction);
        // The two indexes are kept by one transaction's triggers.
        if (note == notes.end()) continue;
        follow_up.note = note->second;
      }
      open.follow_ups.add(follow_ups.int64(1), std::move(follow_up));
    }
    Query unthanked(db, "SELECT num, ally, text, date FROM favor INDEXED BY favor_unthanked "
                        "WHERE direction = 'got' AND thanked IS NULL ORDER BY ally");
    while (unthanked.step()) {
      open.unthanked.add(unthanked.int64(1),
                         {unthanked.int64(0), unthanked.string(2), unthanked.required(3)});
    }
    std::string dates_sql = "SELECT ally, label, month, day, year, num FROM important_date "
                            "INDEXED BY important_date_yearly WHERE yearly = 1";
    auto window = yearly_window(today, std::max(settings.date_window_days, horizon));
    if (window) {
      dates_sql += window->wraps ? " AND ((month, day) >= (?1, ?2) OR (month, day) <= (?3, ?4))"
                                 : " AND (month, day) >= (?1, ?2) AND (month, day) <= (?3, ?4)";
    }
    Query dates(db, dates_sql.c_str());
    if (window) {
      dates.bind(1, std::int64_t{window->from_month});
      dates.bind(2, std::int64_t{window->from_day});
      dates.bind(3, std::int64_t{window->to_month});
      dates.bind(4, std::int64_t{window->to_day});
    }
    while (dates.step()) {
      YearlessDate d;
      d.month = static_cast<unsigned>(dates.integer(2));
      d.day = static_cast<unsigned>(dates.integer(3));
      if (!dates.is_null(4)) d.year = dates.integer(4);
      open.dates.add(dates.int64(0), {dates.int64(5), dates.string(1), d});
    }
    open.sort();

    const Date window_first = today - std::chrono::days{settings.reciprocity_window_days};
    const std::string window_start = format_date(window_first);
    const std::int64_t window_day = (window_first - Date{}).count(); // Date{}: 1970-01-01
    std::optional<Query> favors_since; // for the few allies with many recent favors
    Cadences cadences(settings);
    // The allies snoozed with --all (few): their state is not in `due_state`.
    std::vector<std::int64_t> silenced;
    {
      Query st(db, "SELECT num FROM ally INDEXED BY ally_snooze_all WHERE snooze_all = 1 ORDER BY num");
      while (st.step()) silenced.push_back(st.int64(0));
    }
    // One ally's `due_state`, handed on unless nothing can list it (an untracked ally with
    // nothing open; without `everyone`, an ally with no check-in due by the horizon, nothing
    // open and no snooze, which due's header counts). Most tracked allies are passed over, so
    // each is first read only as far as it takes to tell; the strings are copied for those
    // kept. Returns the ally's number.
    auto consider = [&](const DueStateText& state, bool archived, bool keep) {
      RankInput in;
      in.archived = archived;
      std::string_view circle = state[DueField::circle];
      if (state[DueField::cadence_mode] == "days") {
        in.cadence = {Cadence::Mode::days, static_cast<int>(state.integer(DueField::cadence_days))};
      } else if (state[DueField::cadence_mode] == "none") {
        in.cadence = {Cadence::Mode::untracked, 0};
      }
      int cadence = cadences.of(in.cadence, circle);
      in.number = state.integer(DueField::num);
      bool has_open = open.has(in.number);
      if (cadence <= 0 && !has_open && !keep) return in.number;
      in.last_contact = state.date(DueField::last_contact);
      in.snoozed_until = state.date(DueField::snoozed_until);
      in.snooze_all = !silenced.empty() && std::binary_search(silenced.begin(), silenced.end(), in.number);
      if (!count_recent_favors(state[DueField::recent_favors], window_day, in)) {
        if (!favors_since) {
          favors_since.emplace(db, "SELECT count(*) FROM favor INDEXED BY favor_by_ally "
                                   "WHERE ally = ? AND date >= ? AND direction = 'gave'");
        }
        count_favors_since(*favors_since, in.number, window_start, in);
      }
      if (!everyone && !keep && !has_open) {
        // A superset of what the ranking lists: a check-in due by the horizon, or anything
        // open. The ranking decides; this only spares the rest their strings.
        bool snoozed = in.snoozed_until && *in.snoozed_until > today;
        Date since = in.last_contact ? *in.last_contact : required_date(state.date(DueField::added_on));
        bool check_in = days_between(since, today) >= cadence - horizon;
        if (!check_in && !snoozed) return in.number;
      }
      if (has_open) open.take(in);
      in.added = required_date(state.date(DueField::added_on));
      in.circle = circle;
      if (ids) in.id = state[DueField::id];
      in.name = state[DueField::name];
      in.last_kind = state[DueField::last_kind];
      std::int64_t number = in.number;
      take(std::move(in));
      return number;
    };
    const std::string by_number_sql =
        "SELECT " + due_state_columns() + ", archived FROM ally WHERE num = ?";
    Query by_number(db, by_number_sql.c_str());
    auto consider_number = [&](std::int64_t number, bool keep) {
      by_number.reset();
      by_number.bind(1, number);
      if (!by_number.step()) return;
      bool archived = by_number.integer(static_cast<int>(k_due_fields)) != 0;
      if (archived && !keep) return;
      std::array<std::string_view, k_due_fields> fields;
      for (std::size_t i = 0; i < k_due_fields; ++i) fields[i] = by_number.text(static_cast<int>(i));
      consider(DueStateText(fields), archived, keep);
    };
    if (only) {
      consider_number(*only, true);
    } else {
      // One value per tracked ally, read from the index alone (docs/schema.md).
      Query allies(db, "SELECT due_state FROM ally INDEXED BY ally_tracked "
                       "WHERE archived = 0 AND cadence_mode <> 'none'");
      // The allies seen, to tell which of those with something open are not in that index.
      std::vector<std::int64_t> seen;
      const auto with_open = open.allies();
      while (allies.step()) {
        std::int64_t number = consider(DueStateText(allies.text(0)), false, false);
        if (std::binary_search(with_open.begin(), with_open.end(), number)) seen.push_back(number);
      }
      // Then the untracked allies with something open: what you owe is listed whatever the
      // cadence. Few, each found by its number.
      std::sort(seen.begin(), seen.end());
      for (std::int64_t number : with_open) {
        if (!std::binary_search(seen.begin(), seen.end(), number)) {
          consider_number(number, false);
        }
      }
    }
    if (chosen) read_notes(db, chosen());
    snapshot.commit();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace

void read_rank_inputs(Store& store, const RankSettings& settings, Date today,
                      std::optional<int> horizon_days, bool everyone, bool ids,
                      const std::function<void(RankInput&&)>& take,
                      const std::function<std::span<RankInput>()>& chosen) {
  read_inputs(store, settings, today, horizon_days, everyone, ids, std::nullopt, take, chosen);
}

std::optional<RankInput> load_rank_input(Store& store, const RankSettings& settings, Date today,
                                         std::int64_t number) {
  std::optional<RankInput> found;
  read_inputs(store, settings, today, std::nullopt, true, true, number,
              [&](RankInput&& in) { found = std::move(in); }, {});
  return found;
}

namespace {

template <typename Each>
void fill_ids(Store& store, Each each) {
  try {
    auto& db = db_of(store);
    Query favor(db, "SELECT id FROM favor WHERE num = ?");
    Query interaction(db, "SELECT id FROM interaction WHERE num = ?");
    Query date(db, "SELECT id FROM important_date WHERE num = ?");
    each([&](TermRef& ref) {
      Query& query = ref.kind == "favor" ? favor : ref.kind == "date" ? date : interaction;
      query.reset();
      query.bind(1, ref.number);
      if (query.step()) ref.id = query.string(0);
    });
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace

void fill_ref_ids(Store& store, std::vector<TermRef>& refs) {
  fill_ids(store, [&](auto fill) {
    for (auto& ref : refs) fill(ref);
  });
}

void fill_term_refs(Store& store, std::vector<RankedRow>& rows) {
  fill_ids(store, [&](auto fill) {
    for (auto& row : rows) {
      for (auto* terms : {&row.terms, &row.hidden}) {
        for (auto& term : *terms) {
          if (term.ref) fill(*term.ref);
        }
      }
    }
  });
}

Ranking rank_due_today(Store& store, const RankSettings& settings, Date today,
                       std::size_t limit) {
  RankOptions options;
  options.today = today;
  options.terms = false;
  TopRanking top(settings, options, limit);
  std::function<std::span<RankInput>()> chosen;
  if (!top.keeps_every_row()) chosen = [&top] { return top.chosen(); };
  read_rank_inputs(store, settings, today, std::nullopt, false, false,
                   [&](RankInput&& in) { top.add(std::move(in)); }, chosen);
  return top.finish();
}

std::size_t rank_inputs_bound(Store& store) {
  // Numbers are dense where ally gave them, but an import keeps the numbers it is given, so
  // the largest one may be anything: beyond this, the list grows as it fills instead.
  constexpr std::int64_t k_most_reserved = 1 << 20;
  try {
    return static_cast<std::size_t>(std::clamp<std::int64_t>(
        db_of(store).execAndGet("SELECT max(num) FROM ally").getInt64(), 0, k_most_reserved));
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today,
                                        std::optional<int> horizon_days, bool everyone) {
  std::vector<RankInput> inputs;
  inputs.reserve(rank_inputs_bound(store));
  read_rank_inputs(store, settings, today, horizon_days, everyone, true,
                   [&](RankInput&& in) { inputs.push_back(std::move(in)); });
  return inputs;
}

} // namespace ally
