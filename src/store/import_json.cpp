// JSON import: record for record into an empty store, or merged by UUID into one in use.
// Tombstones go first (the file's delete here, and every tombstone keeps its record out), then
// the records in the order their references need: settings, topics, allies, then what names
// allies.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr int k_import_cache_kib = 64 * 1024;

// A record already in the store: its row (num, or rowid for settings), UUID and version.
struct Local {
  std::int64_t row = 0;
  std::string id;
  std::string updated_at;
};

// Two records that are one setting, topic or labelled date under different UUIDs: the newer
// wins, on a tie the larger UUID, so both sides of a two-way merge pick the same one.
bool file_wins(const RecordMeta& file, const Local& local) {
  return std::tie(file.updated_at, file.id) > std::tie(local.updated_at, local.id);
}

const char* table_of(const std::string& kind) {
  if (kind == "ally")
    return "ally";
  if (kind == "date")
    return "important_date";
  if (kind == "interest")
    return "interest";
  if (kind == "interaction")
    return "interaction";
  if (kind == "favor")
    return "favor";
  if (kind == "introduction")
    return "introduction";
  if (kind == "to_bring_up")
    return "to_bring_up";
  if (kind == "config")
    return "config";
  throw Conflict(fmt::format("internal: no table for records of kind '{}'", kind));
}

std::string quoted_label(const std::string& text) {
  return text.empty() ? std::string() : fmt::format(" (\"{}\")", truncate_to_width(text, 40));
}

// The first reading of a file: checks all of it before anything is written, counts its
// records, and keeps the few records the import needs before the rest (tombstones, settings,
// topics).
class Survey : public ExportSink {
public:
  void ally(const Ally&) override {
    ++total;
    if (m_dependents)
      allies_first = false;
  }
  void date(const PortableDate&) override { dependent(); }
  void interest(const Interest& r) override {
    ++total;
    interests.push_back(r);
  }
  void interaction(const PortableInteraction&) override { dependent(); }
  void favor(const PortableFavor&) override { dependent(); }
  void introduction(const PortableIntroduction&) override { dependent(); }
  void to_bring_up(const PortableToBringUp&) override { dependent(); }
  void tombstone(const Tombstone& r) override {
    ++total;
    tombstones.push_back(r);
  }
  void config(const ConfigEntry& r) override {
    ++total;
    config_entries.push_back(r);
  }

  std::size_t total = 0;
  bool allies_first = true; // no record naming allies comes before the last ally
  std::vector<Tombstone> tombstones;
  std::vector<ConfigEntry> config_entries;
  std::vector<Interest> interests;

private:
  void dependent() {
    ++total;
    m_dependents = true;
  }
  bool m_dependents = false;
};

// An import into an empty store writes every row of the big sections, so it does the costly
// per-row work once at the end instead (profiled on 10k interactions: FTS5 flushed its pending
// terms at every statement's savepoint, a fifth of the import, and the undo journal's trigger
// wrote a step for each of the ~3.5 rows a record makes):
// - the full-text indexes are built in one pass each ('rebuild', or from the view of allies'
//   search rows) with the
//   triggers that keep it row by row dropped meanwhile (inside the import's transaction, so
//   a failed import leaves them as they were);
// - the journal is off while the rows go in, then gets one "insert" step per new record, set
//   by set. Undoing deletes those records; the rows that hang off them (who was present,
//   topics, nicknames) go with them by ON DELETE CASCADE.
class BulkLoad {
public:
  explicit BulkLoad(SQLite::Database& db)
      : m_db(db), m_triggers(db, {"search_interaction_ai", "search_favor_ai", "search_ally_*"}) {
    auto seq = m_db.execAndGet("SELECT seq FROM journal_state");
    m_journaled = !seq.isNull();
    if (m_journaled) m_seq = seq.getInt64();
    for (const auto& t : k_tables) {
      m_max.push_back(m_db.execAndGet(fmt::format("SELECT coalesce(max(num), 0) FROM {}", t))
                          .getInt64());
    }
    m_db.exec("UPDATE journal_state SET seq = NULL");
  }

  void finish() {
    for (const char* fts : {"search_interaction", "search_favor", "search_to_bring_up"}) {
      m_db.exec(fmt::format("INSERT INTO {0}({0}) VALUES ('rebuild')", fts));
    }
    // An ally's search row gathers several tables: built once from the view the triggers use.
    m_db.exec("DELETE FROM search_ally");
    m_db.exec(k_search_ally_fill);
    m_triggers.restore();
    if (!m_journaled) return;
    SQLite::Statement on(m_db, "UPDATE journal_state SET seq = ?");
    on.bind(1, m_seq);
    on.exec();
    for (std::size_t i = 0; i < std::size(k_tables); ++i) {
      SQLite::Statement steps(
          m_db, fmt::format("INSERT INTO journal_step(seq, tbl, op, pk) SELECT ?1, '{0}', "
                            "'insert', json_object('num', num) FROM {0} WHERE num > ?2 ORDER BY num",
                            k_tables[i]));
      steps.bind(1, m_seq);
      steps.bind(2, m_max[i]);
      steps.exec();
    }
    // The store had no tombstones; those the import made before this one are journaled already.
    SQLite::Statement tombstones(m_db, R"sql(
      INSERT INTO journal_step(seq, tbl, op, pk)
      SELECT ?1, 'tombstone', 'insert', json_object('id', id) FROM tombstone
      WHERE id NOT IN (SELECT json_extract(pk, '$.id') FROM journal_step
                       WHERE seq = ?1 AND tbl = 'tombstone'))sql");
    tombstones.bind(1, m_seq);
    tombstones.exec();
  }

private:
  // The records an import writes, parents before the rows that name them.
  static constexpr const char* k_tables[] = {"interest",    "ally",  "important_date",
                                             "interaction", "favor", "introduction",
                                             "to_bring_up"};

  SQLite::Database& m_db;
  bool m_journaled = false; // false: the write is not journaled (no undo entry to fill)
  std::int64_t m_seq = 0;
  std::vector<std::int64_t> m_max;
  SuspendedTriggers m_triggers;
};

class Importer : public ExportSink {
public:
  Importer(Store& store, bool keep_numbers, const Progress& progress)
      : m_store(store), m_db(db_of(store)), m_keep_numbers(keep_numbers), m_progress(progress) {}

  JsonImportReport run(const ExportSource& source, Survey& survey) {
    m_total = survey.total;
    m_report.records = survey.total;
    m_tombstones = std::move(survey.tombstones);
    m_config = std::move(survey.config_entries);
    m_interests = std::move(survey.interests);
    for (const char* section : {"allies", "dates", "interests", "interactions", "favors",
                                "introductions", "to_bring_up", "tombstones", "config"}) {
      m_report.sections.emplace_back(section, ImportCounts{});
    }
    m_report.kept_numbers = m_keep_numbers;
    SQLite::Statement known(m_db, "SELECT id FROM tombstone");
    while (known.executeStep())
      m_tombstoned.insert(known.getColumn(0).getString());
    import_tombstones();
    import_config();
    import_interests();
    // Then the records of the big sections, one at a time as the second reading meets them;
    // allies must come before what names them, so an odd file is read once more.
    std::optional<BulkLoad> bulk;
    if (m_keep_numbers) {
      bulk.emplace(m_db);
      m_fresh = true;
    }
    m_phase = survey.allies_first ? Phase::all : Phase::allies;
    source(*this);
    if (!survey.allies_first) {
      m_phase = Phase::dependents;
      source(*this);
    }
    m_fresh = false;
    if (bulk) bulk->finish();
    return m_report;
  }

  void ally(const Ally& a) override {
    if (m_phase != Phase::dependents)
      add_ally(a);
  }
  void date(const PortableDate& d) override {
    if (m_phase != Phase::allies)
      add_date(d);
  }
  void interaction(const PortableInteraction& i) override {
    if (m_phase != Phase::allies)
      add_interaction(i);
  }
  void favor(const PortableFavor& f) override {
    if (m_phase != Phase::allies)
      add_favor(f);
  }
  void introduction(const PortableIntroduction& i) override {
    if (m_phase != Phase::allies)
      add_introduction(i);
  }
  void to_bring_up(const PortableToBringUp& t) override {
    if (m_phase != Phase::allies)
      add_to_bring_up(t);
  }

private:
  ImportCounts& counts(const std::string& section) {
    for (auto& [name, c] : m_report.sections) {
      if (name == section)
        return c;
    }
    throw Conflict("internal: no section " + section);
  }

  void step() {
    ++m_done;
    if (m_progress)
      m_progress(m_done, m_total);
  }

  // Prepared once, reused for every record: imports run to a million rows.
  SQLite::Statement& sql(const std::string& text) { return prepared(m_store, text); }

  std::optional<Local> local(const std::string& query,
                             const std::function<void(SQLite::Statement&)>& bind) {
    auto& st = sql(query);
    bind(st);
    if (!st.executeStep())
      return std::nullopt;
    Local l{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString()};
    st.reset();
    return l;
  }

  std::optional<Local> by_id(const char* table, const std::string& id) {
    // Ids are unique within each section of the file (the survey checks), so a record of the
    // bulk load can only meet its own kind's rows from the same file: none with its id.
    std::string_view name = table;
    if (m_fresh && name != "interest" && name != "config") return std::nullopt;
    return local(fmt::format("SELECT {}, id, updated_at FROM {} WHERE id = ?",
                             std::string_view(table) == "config" ? "rowid" : "num", table),
                 [&](SQLite::Statement& st) { st.bind(1, id); });
  }

  // Records keep the file's number in an empty store (unless a topic already there, or a
  // record of a hand-written file that gave none, took it); merged ones get the next number.
  void bind_number(SQLite::Statement& st, std::int64_t number, const char* table) {
    if (m_keep_numbers && number > k_max_record_number) {
      ++m_report.renumbered;
      number = 0;
    }
    bool keep = m_keep_numbers && number > 0;
    if (keep) {
      auto& taken = sql(fmt::format("SELECT 1 FROM {} WHERE num = ?", table));
      taken.bind(1, number);
      keep = !taken.executeStep();
      taken.reset();
    }
    if (keep) {
      st.bind(":num", number);
    } else {
      st.bind(":num");
    }
  }

  // Adds, updates or leaves one record. `same` is the store's record with the file's UUID;
  // `clash` another one that the file's record would collide with (same setting key, topic or
  // ally + date label). `write` rewrites a row with every field of the file's record.
  void settle(const char* section, const char* kind, const RecordMeta& meta,
              const std::optional<Local>& same, const std::optional<Local>& clash,
              const std::function<void()>& insert, const std::function<void(std::int64_t)>& write) {
    auto& c = counts(section);
    step();
    if (m_tombstoned.count(meta.id)) {
      ++c.skipped;
      return;
    }
    if (same) {
      if (meta.updated_at == same->updated_at) {
        ++c.unchanged;
      } else if (meta.updated_at < same->updated_at || (clash && !file_wins(meta, *clash))) {
        ++c.skipped;
      } else {
        if (clash)
          remove(kind, *clash);
        write(same->row);
        ++c.updated;
      }
      return;
    }
    if (clash) {
      if (!file_wins(meta, *clash)) {
        ++c.skipped;
        return;
      }
      // The store's record takes the file's identity; its old UUID is gone for good.
      add_tombstone(m_store, clash->id, kind);
      m_tombstoned.insert(clash->id);
      write(clash->row);
      ++c.updated;
      return;
    }
    insert();
    ++c.added;
  }

  void remove(const char* kind, const Local& row) {
    add_tombstone(m_store, row.id, kind);
    m_tombstoned.insert(row.id);
    auto& st = sql(fmt::format("DELETE FROM {} WHERE id = ?", table_of(kind)));
    st.bind(1, row.id);
    st.exec();
  }

  // ---- Tombstones ----

  void import_tombstones() {
    // An ally goes after the records of theirs that the file deletes itself, so those count as
    // deleted by their own tombstones whatever the order in the file.
    std::vector<const Tombstone*> order;
    for (const auto& t : m_tombstones) {
      if (t.kind != "ally")
        order.push_back(&t);
    }
    for (const auto& t : m_tombstones) {
      if (t.kind == "ally")
        order.push_back(&t);
    }
    auto& c = counts("tombstones");
    for (const auto* tombstone : order) {
      const auto& t = *tombstone;
      step();
      if (delete_local(t))
        ++counts(section_of_kind(t.kind)).deleted;
      if (m_tombstoned.count(t.id)) {
        ++c.unchanged;
        continue;
      }
      auto& st =
          sql("INSERT INTO tombstone(id, kind, deleted_at) VALUES (?, ?, ?) ON CONFLICT(id) DO "
              "UPDATE SET kind = excluded.kind, deleted_at = excluded.deleted_at");
      st.bind(1, t.id);
      st.bind(2, t.kind);
      st.bind(3, t.deleted_at);
      st.exec();
      m_tombstoned.insert(t.id);
      ++c.added;
    }
  }

  bool delete_local(const Tombstone& t) {
    const char* table = table_of(t.kind);
    if (t.kind == "ally") {
      auto row = by_id(table, t.id);
      if (!row)
        return false;
      // As `rm --purge` does: what only this ally had goes too, each leaving a tombstone.
      purge_ally(m_store, row->row);
      return true;
    }
    auto& st = sql(fmt::format("DELETE FROM {} WHERE id = ?", table));
    st.bind(1, t.id);
    return st.exec() > 0;
  }

  // ---- Settings and topics ----

  void import_config() {
    for (const auto& entry : m_config) {
      auto same = by_id("config", entry.meta.id);
      auto clash = local("SELECT rowid, id, updated_at FROM config WHERE key = ? AND rowid <> ?",
                         [&](SQLite::Statement& st) {
                           st.bind(1, entry.key);
                           st.bind(2, same ? same->row : std::int64_t{-1});
                         });
      auto bind = [&](SQLite::Statement& st) {
        st.bind(":key", entry.key);
        st.bind(":value", entry.value);
        st.bind(":id", entry.meta.id);
        st.bind(":created_at", entry.meta.created_at);
        st.bind(":updated_at", entry.meta.updated_at);
      };
      settle(
          "config", "config", entry.meta, same, clash,
          [&] {
            auto& st = sql("INSERT INTO config(key, value, id, created_at, updated_at) VALUES "
                           "(:key, :value, :id, :created_at, :updated_at)");
            bind(st);
            st.exec();
          },
          [&](std::int64_t row) {
            auto& st = sql("UPDATE config SET key = :key, value = :value, id = :id, created_at = "
                           ":created_at, updated_at = :updated_at WHERE rowid = :row");
            bind(st);
            st.bind(":row", row);
            st.exec();
          });
    }
  }

  void import_interests() {
    for (const auto& topic : m_interests) {
      std::string key = topic_key(topic.name);
      auto same = by_id("interest", topic.meta.id);
      auto clash = local("SELECT num, id, updated_at FROM interest WHERE key = ? AND num <> ?",
                         [&](SQLite::Statement& st) {
                           st.bind(1, key);
                           st.bind(2, same ? same->row : std::int64_t{-1});
                         });
      auto bind = [&](SQLite::Statement& st) {
        st.bind(":id", topic.meta.id);
        st.bind(":created_at", topic.meta.created_at);
        st.bind(":updated_at", topic.meta.updated_at);
        st.bind(":name", trim(topic.name));
        st.bind(":key", key);
      };
      settle(
          "interests", "interest", topic.meta, same, clash,
          [&] {
            auto& st = sql("INSERT INTO interest(num, id, created_at, updated_at, name, key) "
                           "VALUES (:num, :id, :created_at, :updated_at, :name, :key)");
            bind(st);
            bind_number(st, topic.meta.number, "interest");
            st.exec();
          },
          [&](std::int64_t row) {
            auto& st = sql("UPDATE interest SET id = :id, created_at = :created_at, updated_at = "
                           ":updated_at, name = :name, key = :key WHERE num = :num");
            bind(st);
            st.bind(":num", row);
            st.exec();
          });
    }
  }

  // ---- Allies ----

  void add_ally(const Ally& file_ally) {
    {
      auto same = by_id("ally", file_ally.meta.id);
      settle(
          "allies", "ally", file_ally.meta, same, std::nullopt,
          [&] {
            auto& st = sql(R"sql(
              INSERT INTO ally(num, id, created_at, updated_at, name, name_key, first_key,
                last_initial, last_key, org, role, city, circle, relationship, cadence_mode,
                cadence_days, met, goals, notes, snoozed_until, archived, snooze_all, added_on)
              VALUES (:num, :id, :created_at, :updated_at, :name, :name_key, :first_key,
                :last_initial, :last_key, :org, :role, :city, :circle, :relationship, :cadence_mode,
                :cadence_days, :met, :goals, :notes, :snoozed_until, :archived, :snooze_all,
                :added_on))sql");
            bind_ally(st, file_ally);
            bind_number(st, file_ally.meta.number, "ally");
            st.exec();
            insert_lists(file_ally, m_db.getLastInsertRowid());
          },
          [&](std::int64_t row) {
            auto& st = sql(R"sql(
              UPDATE ally SET id = :id, created_at = :created_at, updated_at = :updated_at,
                name = :name, name_key = :name_key, first_key = :first_key,
                last_initial = :last_initial, last_key = :last_key, org = :org, role = :role,
                city = :city,
                circle = :circle, relationship = :relationship, cadence_mode = :cadence_mode,
                cadence_days = :cadence_days, met = :met, goals = :goals, notes = :notes,
                snoozed_until = :snoozed_until, archived = :archived, snooze_all = :snooze_all,
                added_on = :added_on
              WHERE num = :num)sql");
            bind_ally(st, file_ally);
            st.bind(":num", row);
            st.exec();
            write_lists(file_ally, row);
          });
    }
  }

  static void bind_ally(SQLite::Statement& st, const Ally& a) {
    st.bind(":id", a.meta.id);
    st.bind(":created_at", a.meta.created_at);
    st.bind(":added_on", format_date(a.added));
    bind_ally_columns(st, a);
  }

  // A new ally's many-valued fields and topics, as save_ally_lists writes them, through
  // statements prepared once (preparing them per ally was a fifth of an import).
  void insert_lists(const Ally& a, std::int64_t row) {
    for (const auto& [field, member] : k_ally_value_fields) {
      std::vector<std::string> keys;
      for (const auto& value : a.*member) {
        std::string key = ally_value_key(field, value);
        if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end())
          continue;
        auto& st = sql("INSERT INTO ally_value(ally, field, key, value, pos) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, row);
        st.bind(2, field);
        st.bind(3, key);
        st.bind(4, trim(value));
        st.bind(5, static_cast<int>(keys.size()));
        st.exec();
        keys.push_back(std::move(key));
      }
    }
    for (const auto& name : a.interests) {
      auto topic = topic_row(name, a.meta.updated_at);
      if (!topic)
        continue;
      auto& st = sql("INSERT OR IGNORE INTO ally_interest(ally, interest) VALUES (?, ?)");
      st.bind(1, row);
      st.bind(2, *topic);
      st.exec();
    }
    m_ally_rows[a.meta.id] = row;
  }

  // The topic a spelling names, made if new (topic_for), remembered: topics are only added
  // while an import runs, so the number found for a key stays true.
  std::optional<std::int64_t> topic_row(const std::string& name, const std::string& now) {
    std::string key = topic_key(name);
    if (key.empty())
      return std::nullopt;
    auto [it, added] = m_topic_rows.emplace(key, 0);
    if (added)
      it->second = topic_for(m_db, name, now);
    return it->second;
  }

  void write_lists(const Ally& file_ally, std::int64_t row) {
    Ally a = file_ally;
    a.meta.number = row;
    save_ally_lists(m_store, a);
    m_ally_rows[a.meta.id] = row;
  }

  // The ally's number here, or nullopt when it was deleted (here, or by the file's tombstones).
  // Throws Conflict naming the record when the ally is nowhere.
  std::optional<std::int64_t> ally_row(const std::string& id, const std::string& where,
                                       const char* field) {
    if (auto it = m_ally_rows.find(id); it != m_ally_rows.end())
      return it->second;
    if (auto row = by_id("ally", id))
      return m_ally_rows[id] = row->row;
    if (m_tombstoned.count(id))
      return std::nullopt;
    throw Conflict(fmt::format("{}: field \"{}\": no ally with id '{}' in the file or the store",
                               where, field, id));
  }

  // ---- Records that name allies ----

  void add_date(const PortableDate& d) {
    {
      auto where = fmt::format("dates[{}]{}", m_dates_seen++, quoted_label(d.record.label));
      auto owner = ally_row(d.ally, where, "ally");
      if (!owner) {
        skip("dates");
        return;
      }
      std::string label_key = fold(trim(d.record.label));
      auto same = by_id("important_date", d.record.meta.id);
      auto clash = local("SELECT num, id, updated_at FROM important_date WHERE ally = ? AND "
                         "label_key = ? AND num <> ?",
                         [&](SQLite::Statement& st) {
                           st.bind(1, *owner);
                           st.bind(2, label_key);
                           st.bind(3, same ? same->row : std::int64_t{-1});
                         });
      auto bind = [&](SQLite::Statement& st) {
        st.bind(":id", d.record.meta.id);
        st.bind(":created_at", d.record.meta.created_at);
        st.bind(":updated_at", d.record.meta.updated_at);
        st.bind(":ally", *owner);
        st.bind(":label", trim(d.record.label));
        st.bind(":label_key", label_key);
        st.bind(":month", static_cast<int>(d.record.date.month));
        st.bind(":day", static_cast<int>(d.record.date.day));
        if (d.record.date.year) {
          st.bind(":year", *d.record.date.year);
        } else {
          st.bind(":year");
        }
        st.bind(":yearly", d.record.yearly ? 1 : 0);
      };
      settle(
          "dates", "date", d.record.meta, same, clash,
          [&] {
            auto& st =
                sql("INSERT INTO important_date(num, id, created_at, updated_at, ally, label, "
                    "label_key, month, day, year, yearly) VALUES (:num, :id, :created_at, "
                    ":updated_at, :ally, :label, :label_key, :month, :day, :year, :yearly)");
            bind(st);
            bind_number(st, d.record.meta.number, "important_date");
            st.exec();
          },
          [&](std::int64_t row) {
            auto& st = sql("UPDATE important_date SET id = :id, created_at = :created_at, "
                           "updated_at = :updated_at, ally = :ally, label = :label, label_key = "
                           ":label_key, month = :month, day = :day, year = :year, yearly = "
                           ":yearly WHERE num = :num");
            bind(st);
            st.bind(":num", row);
            st.exec();
          });
    }
  }

  void skip(const char* section) {
    step();
    ++counts(section).skipped;
  }

  void add_interaction(const PortableInteraction& i) {
    {
      auto where = fmt::format("interactions[{}] ({} {})", m_interactions_seen++,
                               format_date(i.record.date), i.record.kind);
      std::vector<std::int64_t> present;
      for (const auto& id : i.allies) {
        if (auto row = ally_row(id, where, "allies"))
          present.push_back(*row);
      }
      if (present.empty()) {
        skip("interactions"); // everyone in it was deleted
        return;
      }
      auto bind = [&](SQLite::Statement& st) {
        st.bind(":id", i.record.meta.id);
        st.bind(":created_at", i.record.meta.created_at);
        st.bind(":updated_at", i.record.meta.updated_at);
        st.bind(":date", format_date(i.record.date));
        st.bind(":kind", i.record.kind);
        st.bind(":note", i.record.note);
        bind_date(st, st.getIndex(":follow_up"), i.record.follow_up);
        bind_date(st, st.getIndex(":follow_up_done"), i.record.follow_up_done);
        bind_optional_text(st, ":source_uid", i.record.source_uid);
        bind_optional_text(st, ":source_recurrence_id", i.record.source_recurrence_id);
      };
      settle(
          "interactions", "interaction", i.record.meta, by_id("interaction", i.record.meta.id),
          std::nullopt,
          [&] {
            auto& st = sql("INSERT INTO interaction(num, id, created_at, updated_at, date, kind, "
                           "note, follow_up, follow_up_done, source_uid, source_recurrence_id) "
                           "VALUES (:num, :id, :created_at, :updated_at, :date, :kind, :note, "
                           ":follow_up, :follow_up_done, :source_uid, :source_recurrence_id)");
            bind(st);
            bind_number(st, i.record.meta.number, "interaction");
            st.exec();
            link_interaction(m_db.getLastInsertRowid(), i, present, true);
          },
          [&](std::int64_t row) {
            auto& st =
                sql("UPDATE interaction SET id = :id, created_at = :created_at, updated_at = "
                    ":updated_at, date = :date, kind = :kind, note = :note, follow_up = "
                    ":follow_up, follow_up_done = :follow_up_done, source_uid = :source_uid, "
                    "source_recurrence_id = :source_recurrence_id WHERE num = :num");
            bind(st);
            st.bind(":num", row);
            st.exec();
            link_interaction(row, i, present, false);
          });
    }
  }

  // Sets who was present and the topics touched, keeping rows that stay (their triggers keep
  // each ally's last contact).
  void link_interaction(std::int64_t row, const PortableInteraction& i,
                        const std::vector<std::int64_t>& present, bool inserted) {
    std::vector<std::int64_t> had;
    if (!inserted) {
      auto& st = sql("SELECT ally FROM interaction_ally WHERE interaction = ?");
      st.bind(1, row);
      while (st.executeStep())
        had.push_back(st.getColumn(0).getInt64());
    }
    for (auto ally : had) {
      if (std::find(present.begin(), present.end(), ally) != present.end())
        continue;
      auto& st = sql("DELETE FROM interaction_ally WHERE interaction = ? AND ally = ?");
      st.bind(1, row);
      st.bind(2, ally);
      st.exec();
    }
    for (auto ally : present) {
      if (std::find(had.begin(), had.end(), ally) != had.end())
        continue;
      auto& st = sql("INSERT INTO interaction_ally(interaction, ally, date) VALUES (?, ?, ?)");
      st.bind(1, row);
      st.bind(2, ally);
      st.bind(3, format_date(i.record.date));
      st.exec();
    }
    std::vector<std::int64_t> topics;
    for (const auto& name : i.record.interests) {
      if (auto topic = topic_row(name, i.record.meta.updated_at))
        topics.push_back(*topic);
    }
    std::vector<std::int64_t> touched;
    if (!inserted) {
      auto& st = sql("SELECT interest FROM interaction_interest WHERE interaction = ?");
      st.bind(1, row);
      while (st.executeStep())
        touched.push_back(st.getColumn(0).getInt64());
    }
    for (auto topic : touched) {
      if (std::find(topics.begin(), topics.end(), topic) != topics.end())
        continue;
      auto& st = sql("DELETE FROM interaction_interest WHERE interaction = ? AND interest = ?");
      st.bind(1, row);
      st.bind(2, topic);
      st.exec();
    }
    for (auto topic : topics) {
      auto& st =
          sql("INSERT OR IGNORE INTO interaction_interest(interaction, interest) VALUES (?, ?)");
      st.bind(1, row);
      st.bind(2, topic);
      st.exec();
    }
  }

  void add_favor(const PortableFavor& f) {
    {
      auto where = fmt::format("favors[{}]{}", m_favors_seen++, quoted_label(f.record.text));
      auto owner = ally_row(f.ally, where, "ally");
      if (!owner) {
        skip("favors");
        return;
      }
      auto bind = [&](SQLite::Statement& st) {
        st.bind(":id", f.record.meta.id);
        st.bind(":created_at", f.record.meta.created_at);
        st.bind(":updated_at", f.record.meta.updated_at);
        st.bind(":ally", *owner);
        st.bind(":direction", f.record.direction == FavorDirection::gave ? "gave" : "got");
        st.bind(":text", f.record.text);
        st.bind(":date", format_date(f.record.date));
        bind_date(st, st.getIndex(":due"), f.record.due);
        bind_date(st, st.getIndex(":done"), f.record.done);
        bind_date(st, st.getIndex(":thanked"), f.record.thanked);
      };
      settle(
          "favors", "favor", f.record.meta, by_id("favor", f.record.meta.id), std::nullopt,
          [&] {
            auto& st =
                sql("INSERT INTO favor(num, id, created_at, updated_at, ally, direction, text, "
                    "date, due, done, thanked) VALUES (:num, :id, :created_at, :updated_at, "
                    ":ally, :direction, :text, :date, :due, :done, :thanked)");
            bind(st);
            bind_number(st, f.record.meta.number, "favor");
            st.exec();
          },
          [&](std::int64_t row) {
            auto& st =
                sql("UPDATE favor SET id = :id, created_at = :created_at, updated_at = "
                    ":updated_at, ally = :ally, direction = :direction, text = :text, date = "
                    ":date, due = :due, done = :done, thanked = :thanked WHERE num = :num");
            bind(st);
            st.bind(":num", row);
            st.exec();
          });
    }
  }

  void add_introduction(const PortableIntroduction& i) {
    {
      auto where = fmt::format("introductions[{}] ({})", m_introductions_seen++,
                               format_date(i.record.date));
      auto a = ally_row(i.a, where, "a");
      auto b = ally_row(i.b, where, "b");
      if (!a || !b) {
        skip("introductions");
        return;
      }
      auto bind = [&](SQLite::Statement& st) {
        st.bind(":id", i.record.meta.id);
        st.bind(":created_at", i.record.meta.created_at);
        st.bind(":updated_at", i.record.meta.updated_at);
        st.bind(":a", *a);
        st.bind(":b", *b);
        st.bind(":date", format_date(i.record.date));
        st.bind(":note", i.record.note);
      };
      settle(
          "introductions", "introduction", i.record.meta, by_id("introduction", i.record.meta.id),
          std::nullopt,
          [&] {
            auto& st =
                sql("INSERT INTO introduction(num, id, created_at, updated_at, a, b, date, "
                    "note) VALUES (:num, :id, :created_at, :updated_at, :a, :b, :date, :note)");
            bind(st);
            bind_number(st, i.record.meta.number, "introduction");
            st.exec();
          },
          [&](std::int64_t row) {
            auto& st =
                sql("UPDATE introduction SET id = :id, created_at = :created_at, updated_at = "
                    ":updated_at, a = :a, b = :b, date = :date, note = :note WHERE num = :num");
            bind(st);
            st.bind(":num", row);
            st.exec();
          });
    }
  }

  void add_to_bring_up(const PortableToBringUp& t) {
    auto where = fmt::format("to_bring_up[{}]{}", m_to_bring_up_seen++, quoted_label(t.record.text));
    auto owner = ally_row(t.ally, where, "ally");
    if (!owner) {
      skip("to_bring_up");
      return;
    }
    auto bind = [&](SQLite::Statement& st) {
      st.bind(":id", t.record.meta.id);
      st.bind(":created_at", t.record.meta.created_at);
      st.bind(":updated_at", t.record.meta.updated_at);
      st.bind(":ally", *owner);
      st.bind(":text", t.record.text);
      st.bind(":date", format_date(t.record.date));
      bind_date(st, st.getIndex(":done"), t.record.done);
    };
    settle(
        "to_bring_up", "to_bring_up", t.record.meta, by_id("to_bring_up", t.record.meta.id),
        std::nullopt,
        [&] {
          auto& st = sql("INSERT INTO to_bring_up(num, id, created_at, updated_at, ally, text, "
                         "date, done) VALUES (:num, :id, :created_at, :updated_at, :ally, :text, "
                         ":date, :done)");
          bind(st);
          bind_number(st, t.record.meta.number, "to_bring_up");
          st.exec();
        },
        [&](std::int64_t row) {
          auto& st = sql("UPDATE to_bring_up SET id = :id, created_at = :created_at, updated_at = "
                         ":updated_at, ally = :ally, text = :text, date = :date, done = :done "
                         "WHERE num = :num");
          bind(st);
          st.bind(":num", row);
          st.exec();
        });
  }

  static void bind_optional_text(SQLite::Statement& st, const char* name, const std::string& text) {
    if (text.empty())
      st.bind(name);
    else
      st.bind(name, text);
  }

  enum class Phase { all, allies, dependents };

  Store& m_store;
  SQLite::Database& m_db;
  bool m_keep_numbers;
  Phase m_phase = Phase::all;
  std::vector<Tombstone> m_tombstones;
  std::vector<ConfigEntry> m_config;
  std::vector<Interest> m_interests;
  std::size_t m_dates_seen = 0, m_interactions_seen = 0, m_favors_seen = 0,
              m_introductions_seen = 0, m_to_bring_up_seen = 0;
  const Progress& m_progress;
  JsonImportReport m_report;
  std::size_t m_done = 0;
  std::size_t m_total = 0;
  std::unordered_set<std::string> m_tombstoned;
  std::unordered_map<std::string, std::int64_t> m_ally_rows;
  std::unordered_map<std::string, std::int64_t> m_topic_rows; // topic key -> interest num
  bool m_fresh = false; // the bulk load of an import into an empty store is under way
};

} // namespace

ImportCounts& ImportCounts::operator+=(const ImportCounts& other) {
  added += other.added;
  updated += other.updated;
  unchanged += other.unchanged;
  skipped += other.skipped;
  deleted += other.deleted;
  return *this;
}

ImportCounts JsonImportReport::total() const {
  ImportCounts sum;
  for (const auto& [name, c] : sections)
    sum += c;
  return sum;
}

bool store_is_empty(Store& store) {
  try {
    return db_of(store)
               .execAndGet("SELECT NOT (EXISTS (SELECT 1 FROM ally) OR EXISTS (SELECT 1 FROM "
                           "interaction) OR EXISTS (SELECT 1 FROM favor) OR EXISTS (SELECT 1 FROM "
                           "introduction) OR EXISTS (SELECT 1 FROM to_bring_up) OR EXISTS (SELECT 1 FROM "
                           "tombstone))")
               .getInt() != 0;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

JsonImportReport import_json(Store& store, const ExportDocument& doc, MergeMode mode,
                             const Progress& progress) {
  return import_json(
      store,
      [&doc](ExportSink& sink) {
        for (const auto& r : doc.allies)
          sink.ally(r);
        for (const auto& r : doc.dates)
          sink.date(r);
        for (const auto& r : doc.interests)
          sink.interest(r);
        for (const auto& r : doc.interactions)
          sink.interaction(r);
        for (const auto& r : doc.favors)
          sink.favor(r);
        for (const auto& r : doc.introductions)
          sink.introduction(r);
        for (const auto& r : doc.to_bring_up)
          sink.to_bring_up(r);
        for (const auto& r : doc.tombstones)
          sink.tombstone(r);
        for (const auto& r : doc.config)
          sink.config(r);
      },
      mode, progress);
}

JsonImportReport import_json(Store& store, const ExportSource& source, MergeMode mode,
                             const Progress& progress) {
  // The whole file is checked before the store is looked at, as when it was parsed first.
  Survey survey;
  source(survey);
  bool empty = store_is_empty(store);
  if (!empty && mode != MergeMode::merge) {
    throw Conflict("the store is not empty: use --merge to merge by UUID",
                   "the newer version of each record wins; --dry-run shows what would change");
  }
  try {
    // A long import touches far more pages than SQLite's default 2 MiB cache holds; spilling
    // them to the WAL mid-transaction and reading them back cost more than the inserts.
    db_of(store).exec(fmt::format("PRAGMA cache_size = -{}", k_import_cache_kib));
    return Importer(store, empty, progress).run(source, survey);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

bool store_is_blank(Store& store) {
  try {
    return db_of(store)
               .execAndGet("SELECT (SELECT count(*) FROM ally) + (SELECT count(*) FROM config) + "
                           "(SELECT count(*) FROM journal)")
               .getInt64() == 0;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
