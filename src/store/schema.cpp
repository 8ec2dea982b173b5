// The store's schema and its migrations. Version 1 holds everything SPEC.md §1 names; later
// versions append a migration and never edit an earlier one, so old stores keep working.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <functional>
#include <string>
#include <vector>

#include "ally/error.hpp"
#include "ally/names.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

// Records carry a never-reused number (AUTOINCREMENT), a UUID and UTC timestamps.
constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE ally (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  first_key TEXT NOT NULL,
  last_initial TEXT NOT NULL,
  org TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  circle TEXT NOT NULL DEFAULT '',
  relationship TEXT NOT NULL DEFAULT '',
  cadence_mode TEXT NOT NULL DEFAULT 'default' CHECK (cadence_mode IN ('default','days','none')),
  cadence_days INTEGER,
  met TEXT NOT NULL DEFAULT '',
  goals TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  snoozed_until TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  vcard_uid TEXT,
  added_on TEXT NOT NULL,
  last_contact TEXT,
  last_kind TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ally_name_key ON ally(name_key);
CREATE INDEX ally_first_key ON ally(first_key, last_initial);
CREATE INDEX ally_vcard_uid ON ally(vcard_uid) WHERE vcard_uid IS NOT NULL;

CREATE TABLE ally_value (
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  field TEXT NOT NULL CHECK (field IN ('nick','email','phone','tag','knows')),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  pos INTEGER NOT NULL,
  PRIMARY KEY (ally, field, key)
) WITHOUT ROWID;
CREATE INDEX ally_value_lookup ON ally_value(field, key);

CREATE TABLE interest (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  name TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE
);
CREATE TABLE ally_interest (
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  interest INTEGER NOT NULL REFERENCES interest(num) ON DELETE CASCADE,
  PRIMARY KEY (ally, interest)
) WITHOUT ROWID;
CREATE INDEX ally_interest_by_topic ON ally_interest(interest, ally);

CREATE TABLE interaction (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  follow_up TEXT,
  follow_up_done TEXT
);
CREATE INDEX interaction_date ON interaction(date);
CREATE INDEX interaction_open_follow_up ON interaction(follow_up)
  WHERE follow_up IS NOT NULL AND follow_up_done IS NULL;

CREATE TABLE interaction_ally (
  interaction INTEGER NOT NULL REFERENCES interaction(num) ON DELETE CASCADE,
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  date TEXT NOT NULL,
  PRIMARY KEY (interaction, ally)
) WITHOUT ROWID;
CREATE INDEX interaction_ally_timeline ON interaction_ally(ally, date, interaction);

CREATE TABLE interaction_interest (
  interaction INTEGER NOT NULL REFERENCES interaction(num) ON DELETE CASCADE,
  interest INTEGER NOT NULL REFERENCES interest(num) ON DELETE CASCADE,
  PRIMARY KEY (interaction, interest)
) WITHOUT ROWID;
CREATE INDEX interaction_interest_by_topic ON interaction_interest(interest);

CREATE TABLE favor (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('gave','got')),
  text TEXT NOT NULL,
  date TEXT NOT NULL,
  due TEXT,
  done TEXT,
  thanked TEXT
);
CREATE INDEX favor_by_ally ON favor(ally, date);
CREATE INDEX favor_by_date ON favor(date);
CREATE INDEX favor_open_promise ON favor(due)
  WHERE direction = 'gave' AND due IS NOT NULL AND done IS NULL;
CREATE INDEX favor_unthanked ON favor(ally)
  WHERE direction = 'got' AND thanked IS NULL;

CREATE TABLE introduction (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  a INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  b INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  CHECK (a <> b)
);
CREATE INDEX introduction_a ON introduction(a);
CREATE INDEX introduction_b ON introduction(b);

CREATE TABLE important_date (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  label TEXT NOT NULL,
  label_key TEXT NOT NULL,
  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
  year INTEGER,
  yearly INTEGER NOT NULL DEFAULT 1,
  UNIQUE (ally, label_key)
);
CREATE INDEX important_date_yearly ON important_date(month, day) WHERE yearly = 1;

CREATE TABLE config (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE tombstone (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  deleted_at TEXT NOT NULL
) WITHOUT ROWID;

-- The undo journal: one entry per write command, one step per row it changed.
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  summary TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE journal_step (
  step INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  pk TEXT NOT NULL,
  old TEXT
);
CREATE INDEX journal_step_by_seq ON journal_step(seq, step);
-- While a write command runs, `seq` names its journal entry; NULL means "do not record".
CREATE TABLE journal_state (only INTEGER PRIMARY KEY CHECK (only = 1), seq INTEGER);
INSERT INTO journal_state VALUES (1, NULL);

-- Full-text search. Interactions and favors index their own columns (external content);
-- an ally's row gathers its name, nicknames and free text.
CREATE VIRTUAL TABLE search_interaction USING fts5(
  note, content='interaction', content_rowid='num', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_favor USING fts5(
  text, content='favor', content_rowid='num', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_ally USING fts5(
  name, nicknames, org, role, city, met, goals, notes, tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER search_interaction_ai AFTER INSERT ON interaction BEGIN
  INSERT INTO search_interaction(rowid, note) VALUES (new.num, new.note);
END;
CREATE TRIGGER search_interaction_ad AFTER DELETE ON interaction BEGIN
  INSERT INTO search_interaction(search_interaction, rowid, note) VALUES ('delete', old.num, old.note);
END;
CREATE TRIGGER search_interaction_au AFTER UPDATE OF note ON interaction BEGIN
  INSERT INTO search_interaction(search_interaction, rowid, note) VALUES ('delete', old.num, old.note);
  INSERT INTO search_interaction(rowid, note) VALUES (new.num, new.note);
END;
CREATE TRIGGER search_favor_ai AFTER INSERT ON favor BEGIN
  INSERT INTO search_favor(rowid, text) VALUES (new.num, new.text);
END;
CREATE TRIGGER search_favor_ad AFTER DELETE ON favor BEGIN
  INSERT INTO search_favor(search_favor, rowid, text) VALUES ('delete', old.num, old.text);
END;
CREATE TRIGGER search_favor_au AFTER UPDATE OF text ON favor BEGIN
  INSERT INTO search_favor(search_favor, rowid, text) VALUES ('delete', old.num, old.text);
  INSERT INTO search_favor(rowid, text) VALUES (new.num, new.text);
END;
CREATE TRIGGER search_ally_ai AFTER INSERT ON ally BEGIN
  INSERT INTO search_ally(rowid, name, nicknames, org, role, city, met, goals, notes)
  VALUES (new.num, new.name, '', new.org, new.role, new.city, new.met, new.goals, new.notes);
END;
CREATE TRIGGER search_ally_au AFTER UPDATE OF name, org, role, city, met, goals, notes ON ally BEGIN
  UPDATE search_ally SET name = new.name, org = new.org, role = new.role, city = new.city,
    met = new.met, goals = new.goals, notes = new.notes WHERE rowid = new.num;
END;
CREATE TRIGGER search_ally_ad AFTER DELETE ON ally BEGIN
  DELETE FROM search_ally WHERE rowid = old.num;
END;
CREATE TRIGGER search_ally_nick_ai AFTER INSERT ON ally_value WHEN new.field = 'nick' BEGIN
  UPDATE search_ally SET nicknames = (SELECT group_concat(value, ' ') FROM ally_value
    WHERE ally = new.ally AND field = 'nick') WHERE rowid = new.ally;
END;
CREATE TRIGGER search_ally_nick_ad AFTER DELETE ON ally_value WHEN old.field = 'nick' BEGIN
  UPDATE search_ally SET nicknames = coalesce((SELECT group_concat(value, ' ') FROM ally_value
    WHERE ally = old.ally AND field = 'nick'), '') WHERE rowid = old.ally;
END;

-- An ally's last contact is kept on the ally row, so `due` never aggregates the whole log.
-- The latest entry is the newest date, then the newest interaction of that day.
CREATE TRIGGER contact_ai AFTER INSERT ON interaction_ally BEGIN
  UPDATE ally SET
    last_contact = (SELECT ia.date FROM interaction_ally ia WHERE ia.ally = new.ally
                    ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1),
    last_kind = coalesce((SELECT i.kind FROM interaction_ally ia JOIN interaction i ON i.num = ia.interaction
                 WHERE ia.ally = new.ally ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '')
  WHERE num = new.ally;
END;
CREATE TRIGGER contact_ad AFTER DELETE ON interaction_ally BEGIN
  UPDATE ally SET
    last_contact = (SELECT ia.date FROM interaction_ally ia WHERE ia.ally = old.ally
                    ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1),
    last_kind = coalesce((SELECT i.kind FROM interaction_ally ia JOIN interaction i ON i.num = ia.interaction
                 WHERE ia.ally = old.ally ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '')
  WHERE num = old.ally;
END;
CREATE TRIGGER contact_date_au AFTER UPDATE OF date ON interaction BEGIN
  UPDATE interaction_ally SET date = new.date WHERE interaction = new.num;
END;
CREATE TRIGGER contact_ally_date_au AFTER UPDATE OF date ON interaction_ally BEGIN
  UPDATE ally SET
    last_contact = (SELECT ia.date FROM interaction_ally ia WHERE ia.ally = new.ally
                    ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1),
    last_kind = coalesce((SELECT i.kind FROM interaction_ally ia JOIN interaction i ON i.num = ia.interaction
                 WHERE ia.ally = new.ally ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '')
  WHERE num = new.ally;
END;
CREATE TRIGGER contact_kind_au AFTER UPDATE OF kind ON interaction BEGIN
  UPDATE ally SET last_kind = new.kind
  WHERE num IN (SELECT ally FROM interaction_ally WHERE interaction = new.num)
    AND (SELECT ia.interaction FROM interaction_ally ia WHERE ia.ally = ally.num
         ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1) = new.num;
END;
)sql";

// Tables whose every row change `ally undo` can revert. Derived tables (search, journal) are
// rebuilt by their triggers and not journaled.
constexpr const char* k_journal_ops[] = {"insert", "update", "delete"};

constexpr const char* k_journaled_tables[] = {
    "ally",     "ally_value", "interest",     "ally_interest",  "interaction", "interaction_ally",
    "interaction_interest", "favor", "introduction", "important_date", "config", "tombstone",
    "card_import", "to_bring_up", "planned_meeting", "planned_meeting_ally"};

struct Column {
  std::string name;
  bool primary_key = false;
};

// Columns the store's triggers derive from other rows: undo restores them by undoing those
// rows, so a change to them alone is not journaled.
bool is_derived(const std::string& table, const std::string& column) {
  return (table == "ally" && (column == "last_contact" || column == "last_kind" ||
                              column == "recent_favors")) ||
         (table == "interaction_ally" && column == "follow_up");
}

// The `UPDATE OF ...` list of a table's journal trigger: every column but derived ones.
std::string journaled_update(const std::vector<Column>& columns, const std::string& table) {
  std::string list;
  for (const auto& c : columns) {
    if (is_derived(table, c.name)) continue;
    list += (list.empty() ? "" : ", ") + c.name;
  }
  return list;
}

std::vector<Column> columns_of(SQLite::Database& db, const std::string& table) {
  std::vector<Column> columns;
  SQLite::Statement st(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
  st.bind(1, table);
  while (st.executeStep()) {
    columns.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt() > 0});
  }
  return columns;
}

std::string json_object_of(const std::vector<Column>& columns, const char* row, bool keys_only) {
  std::string out = "json_object(";
  bool first = true;
  for (const auto& c : columns) {
    if (keys_only && !c.primary_key) continue;
    if (!first) out += ", ";
    first = false;
    out += fmt::format("'{0}', {1}.{0}", c.name, row);
  }
  return out + ")";
}

// Journal triggers are generated from the live schema, so a migration that adds a column only
// has to call this again.
// While migrate() runs, the migrations' calls only mark the triggers stale, and it makes them
// once at the end from the final columns: a new store went through nine rounds of dropping and
// making all 48 (7% of importing 5,000 contacts into a new store).
bool g_deferring_triggers = false;
bool g_triggers_stale = false;

void make_journal_triggers(SQLite::Database& db);

void create_journal_triggers(SQLite::Database& db) {
  if (g_deferring_triggers) {
    g_triggers_stale = true;
    return;
  }
  make_journal_triggers(db);
}

void make_journal_triggers(SQLite::Database& db) {
  for (const char* table : k_journaled_tables) {
    auto columns = columns_of(db, table);
    if (columns.empty()) continue; // a table a later migration makes
    bool has_pk = false;
    for (const auto& c : columns) has_pk = has_pk || c.primary_key;
    if (!has_pk) throw StoreError(fmt::format("internal: table {} has no primary key", table));
    for (const auto& name : journal_triggers_of(table)) {
      db.exec(fmt::format("DROP TRIGGER IF EXISTS {}", name));
    }
    const auto recording = "(SELECT seq FROM journal_state WHERE seq IS NOT NULL)";
    db.exec(fmt::format(
        "CREATE TRIGGER journal_{0}_insert AFTER INSERT ON {0} WHEN {1} IS NOT NULL BEGIN "
        "INSERT INTO journal_step(seq, tbl, op, pk) VALUES ({1}, '{0}', 'insert', {2}); END",
        table, recording, json_object_of(columns, "new", true)));
    db.exec(fmt::format(
        "CREATE TRIGGER journal_{0}_update AFTER UPDATE OF {4} ON {0} WHEN {1} IS NOT NULL BEGIN "
        "INSERT INTO journal_step(seq, tbl, op, pk, old) VALUES ({1}, '{0}', 'update', {2}, {3}); "
        "END",
        table, recording, json_object_of(columns, "new", true),
        json_object_of(columns, "old", false), journaled_update(columns, table)));
    db.exec(fmt::format(
        "CREATE TRIGGER journal_{0}_delete AFTER DELETE ON {0} WHEN {1} IS NOT NULL BEGIN "
        "INSERT INTO journal_step(seq, tbl, op, pk, old) VALUES ({1}, '{0}', 'delete', {2}, {3}); "
        "END",
        table, recording, json_object_of(columns, "old", true),
        json_object_of(columns, "old", false)));
  }
}

void migrate_to_1(SQLite::Database& db) {
  db.exec(k_schema_v1);
  create_journal_triggers(db);
}

// Version 2, for speed at a million interactions: a new interaction updates its allies' last
// contact only when it is their latest (an import of a long history used to rewrite each ally
// row once per interaction), and that derived update is no longer journaled (undoing the
// interaction recomputes it).
constexpr const char* k_schema_v2 = R"sql(
DROP TRIGGER contact_ai;
CREATE TRIGGER contact_ai AFTER INSERT ON interaction_ally BEGIN
  UPDATE ally SET
    last_contact = (SELECT ia.date FROM interaction_ally ia WHERE ia.ally = new.ally
                    ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1),
    last_kind = coalesce((SELECT i.kind FROM interaction_ally ia JOIN interaction i ON i.num = ia.interaction
                 WHERE ia.ally = new.ally ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '')
  WHERE num = new.ally AND (last_contact IS NULL OR new.date >= last_contact);
END;
)sql";

void migrate_to_2(SQLite::Database& db) {
  db.exec(k_schema_v2);
  create_journal_triggers(db);
}

// Version 3, so `due` and `show` read only small indexes (issue 6, docs/performance.md):
// - each conversation's open follow-up is copied onto its ally links (kept by triggers, not
//   journaled), indexed by ally, so an ally's open follow-ups are a seek and everyone's a scan
//   of a few hundred index entries instead of a random read per conversation and per link;
// - open follow-ups, open promises and unthanked favors are indexed with the text their
//   reasons quote, and favors by date and by ally with their direction, so `due` and `show`
//   read no favor or conversation row for them;
// - the ally columns `due` ranks on form a covering index of the tracked, active allies.
constexpr const char* k_schema_v3 = R"sql(
ALTER TABLE interaction_ally ADD COLUMN follow_up TEXT;
UPDATE interaction_ally SET follow_up =
  (SELECT i.follow_up FROM interaction i WHERE i.num = interaction_ally.interaction)
WHERE interaction IN (SELECT num FROM interaction
                      WHERE follow_up IS NOT NULL AND follow_up_done IS NULL);
CREATE INDEX interaction_ally_open_follow_up ON interaction_ally(ally, follow_up)
  WHERE follow_up IS NOT NULL;
CREATE TRIGGER follow_up_link_ai AFTER INSERT ON interaction_ally
WHEN new.follow_up IS NOT (SELECT CASE WHEN i.follow_up_done IS NULL THEN i.follow_up END
                           FROM interaction i WHERE i.num = new.interaction) BEGIN
  UPDATE interaction_ally SET follow_up =
    (SELECT CASE WHEN i.follow_up_done IS NULL THEN i.follow_up END
     FROM interaction i WHERE i.num = new.interaction)
  WHERE interaction = new.interaction AND ally = new.ally;
END;
CREATE TRIGGER follow_up_au AFTER UPDATE OF follow_up, follow_up_done ON interaction BEGIN
  UPDATE interaction_ally SET follow_up =
    CASE WHEN new.follow_up_done IS NULL THEN new.follow_up END
  WHERE interaction = new.num;
END;
DROP INDEX interaction_open_follow_up;
CREATE INDEX interaction_open_follow_up ON interaction(follow_up, note)
  WHERE follow_up IS NOT NULL AND follow_up_done IS NULL;
DROP INDEX favor_by_ally;
CREATE INDEX favor_by_ally ON favor(ally, date, direction);
DROP INDEX favor_by_date;
CREATE INDEX favor_by_date ON favor(date, ally, direction);
DROP INDEX favor_open_promise;
CREATE INDEX favor_open_promise ON favor(ally, due, text)
  WHERE direction = 'gave' AND due IS NOT NULL AND done IS NULL;
DROP INDEX favor_unthanked;
CREATE INDEX favor_unthanked ON favor(ally, date, text)
  WHERE direction = 'got' AND thanked IS NULL;
CREATE INDEX ally_tracked ON ally(num, id, name, circle, cadence_mode, cadence_days, added_on,
  last_contact, last_kind, snoozed_until) WHERE archived = 0 AND cadence_mode <> 'none';
)sql";

void migrate_to_3(SQLite::Database& db) {
  db.exec(k_schema_v3);
  create_journal_triggers(db);
}

// The latest favors of the ally number `ally` (an SQL expression), newest first: per favor
// `day` (an SQL expression of its `date`) and '+' or '-'. Ordered as favor_by_ally holds them,
// so the latest are read from its end without a sort.
std::string latest_favors_sql(const std::string& ally, const std::string& day) {
  return fmt::format(
      "(SELECT coalesce(group_concat({} || CASE direction WHEN 'gave' THEN '+' ELSE '-' END, "
      "''), '') FROM (SELECT date, direction FROM favor INDEXED BY favor_by_ally WHERE ally = {} "
      "ORDER BY date DESC, direction DESC LIMIT {}))",
      day, ally, k_recent_favors);
}

// Schema 4's `recent_favors`, as migration 4 wrote it: each favor's date in full.
std::string recent_favors_v4_sql(const std::string& ally) { return latest_favors_sql(ally, "date"); }

// Fills `ally.recent_favors` as `favors_of(ally)` computes it, and creates the three triggers
// that keep it so: on a favor added, removed, or moved to another ally, date or direction.
void keep_recent_favors(SQLite::Database& db, std::string (*favors_of)(const std::string&)) {
  db.exec(fmt::format("UPDATE ally SET recent_favors = {} "
                      "WHERE num IN (SELECT DISTINCT ally FROM favor)",
                      favors_of("ally.num")));
  db.exec(fmt::format(R"sql(
CREATE TRIGGER recent_favors_ai AFTER INSERT ON favor BEGIN
  UPDATE ally SET recent_favors = {0} WHERE num = new.ally;
END;
CREATE TRIGGER recent_favors_ad AFTER DELETE ON favor BEGIN
  UPDATE ally SET recent_favors = {1} WHERE num = old.ally;
END;
CREATE TRIGGER recent_favors_au AFTER UPDATE OF ally, date, direction ON favor BEGIN
  UPDATE ally SET recent_favors = {2} WHERE num IN (old.ally, new.ally);
END;
)sql",
                      favors_of("new.ally"), favors_of("old.ally"), favors_of("ally.num")));
}

// Version 4, so `due` counts the reciprocity window without reading the favors in it: each
// ally row carries its latest favors (`recent_favors_v4_sql`), kept by three triggers and not
// journaled, and the index of tracked allies holds them. At 10k allies the window held 22,582
// favors, read one index entry each, every morning.
void migrate_to_4(SQLite::Database& db) {
  db.exec("ALTER TABLE ally ADD COLUMN recent_favors TEXT NOT NULL DEFAULT ''");
  keep_recent_favors(db, recent_favors_v4_sql);
  db.exec(R"sql(
DROP INDEX ally_tracked;
CREATE INDEX ally_tracked ON ally(num, id, name, circle, cadence_mode, cadence_days, added_on,
  last_contact, last_kind, snoozed_until, recent_favors)
  WHERE archived = 0 AND cadence_mode <> 'none';
)sql");
  create_journal_triggers(db);
}

// Version 5, so `due` reads one value per tracked ally (`due_state_sql`) from an index that
// holds only it. A generated column is never written by ally, so it needs no trigger, no
// journal and no check of its own: SQLite keeps the index.
void migrate_to_5(SQLite::Database& db) {
  db.exec(fmt::format(R"sql(
ALTER TABLE ally ADD COLUMN due_state TEXT GENERATED ALWAYS AS ({}) VIRTUAL;
DROP INDEX ally_tracked;
CREATE INDEX ally_tracked ON ally(due_state) WHERE archived = 0 AND cadence_mode <> 'none';
)sql",
                      due_state_sql()));
}

// Version 6, so what `due` reads stays small as the history grows:
// - `recent_favors` takes 4 characters a favor instead of 11 (`recent_favors_sql`): with 50,000
//   favors, the 11-character dates made the index of tracked allies 371 pages instead of 270;
// - the index of yearly dates holds the ally, label and year a reason quotes, so the dates near
//   today are read without a row each.
void migrate_to_6(SQLite::Database& db) {
  db.exec(R"sql(
DROP TRIGGER recent_favors_ai;
DROP TRIGGER recent_favors_ad;
DROP TRIGGER recent_favors_au;
)sql");
  keep_recent_favors(db, recent_favors_sql);
  db.exec(R"sql(
DROP INDEX important_date_yearly;
CREATE INDEX important_date_yearly ON important_date(month, day, ally, label, year)
  WHERE yearly = 1;
)sql");
}

} // namespace

namespace {

// In DueField order.
constexpr const char* k_due_state_columns[k_due_fields] = {
    "num",    "cadence_mode",  "CAST(cadence_days AS INTEGER)", "added_on", "last_contact",
    "snoozed_until", "circle", "recent_favors", "id", "name", "last_kind"};

} // namespace

std::string journal_row_object(SQLite::Database& db, const std::string& table, const char* row,
                               bool keys_only) {
  return json_object_of(columns_of(db, table), row, keys_only);
}

std::vector<std::string> journal_triggers_of(const std::string& table) {
  std::vector<std::string> names;
  for (const char* op : k_journal_ops)
    names.push_back(fmt::format("journal_{}_{}", table, op));
  return names;
}

std::string due_state_sql() {
  // CAST AS BLOB counts bytes where length() of text counts characters.
  std::string sql;
  for (const char* column : k_due_state_columns) {
    if (!sql.empty()) sql += " || ";
    sql += fmt::format("length(CAST(ifnull({0}, '') AS BLOB)) || ':' || ifnull({0}, '')", column);
  }
  return sql;
}

std::string due_state_columns() {
  std::string sql;
  for (const char* column : k_due_state_columns) {
    if (!sql.empty()) sql += ", ";
    sql += column;
  }
  return sql;
}

std::string recent_favor_day_sql(const std::string& date) {
  // Whole days since 1970-01-01 (julianday counts from noon), as three base-64 digits.
  return fmt::format(
      "(SELECT CASE WHEN d BETWEEN 0 AND {1} THEN char({2} + d / 4096, {2} + d / 64 % 64, "
      "{2} + d % 64) ELSE '{3}' END FROM (SELECT CAST(julianday({0}) - 2440587.5 AS INTEGER) AS d))",
      date, k_recent_favor_days - 1, static_cast<int>(k_recent_favor_digit_zero),
      k_recent_favor_unknown_day);
}

std::string recent_favors_sql(const std::string& ally) {
  return latest_favors_sql(ally, recent_favor_day_sql("date"));
}

// What each address-book card said when it was last imported, per ally and card: a re-import
// applies only what the card changed since, so an edit made in ally is never reverted by an
// unchanged card. Local to this store (not exported or synced): it describes imports made here.
void migrate_to_7(SQLite::Database& db) {
  db.exec(R"sql(
CREATE TABLE card_import (
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  source TEXT NOT NULL,
  fields TEXT NOT NULL,
  PRIMARY KEY (ally, source)
) WITHOUT ROWID;
)sql");
  create_journal_triggers(db);
}

// The ally marker in SQLite's header (application_id, "ally" in ASCII): a store is told from
// another program's SQLite file without reading its tables, and never taken for one.
void migrate_to_8(SQLite::Database& db) { db.exec(fmt::format("PRAGMA application_id = {}", k_application_id)); }

// Version 9: the last-name key, so naming an ally by last name ("green") is one indexed query
// like the other tiers, tried before the prefix tier. Older rows get theirs from the same
// function new writes use.
void migrate_to_9(SQLite::Database& db) {
  db.exec("ALTER TABLE ally ADD COLUMN last_key TEXT NOT NULL DEFAULT ''");
  SQLite::Statement read(db, "SELECT num, name FROM ally");
  SQLite::Statement write(db, "UPDATE ally SET last_key = ? WHERE num = ?");
  while (read.executeStep()) {
    auto last = name_keys(read.getColumn(1).getString()).last;
    if (last.empty()) continue;
    write.bind(1, last);
    write.bind(2, read.getColumn(0).getInt64());
    write.exec();
    write.reset();
  }
  db.exec("CREATE INDEX ally_last_key ON ally(last_key) WHERE last_key <> ''");
  create_journal_triggers(db);
}

// Version 10: search finds an ally by every word ally keeps about them (issue 24): emails,
// phones, tags, what they know, shared interests, circle, relationship and the labels of their
// dates join the name and free-text fields. One view says what an ally's search row holds; every
// trigger, `ally check` and undo rebuild the row from it, so they cannot disagree.
void migrate_to_10(SQLite::Database& db) {
  db.exec(R"sql(
DROP TRIGGER search_ally_ai;
DROP TRIGGER search_ally_au;
DROP TRIGGER search_ally_ad;
DROP TRIGGER search_ally_nick_ai;
DROP TRIGGER search_ally_nick_ad;
DROP TABLE search_ally;
CREATE VIRTUAL TABLE search_ally USING fts5(
  name, nicknames, org, role, city, circle, relationship, met, goals, notes, emails, phones, tags,
  expertise, interests, dates, tokenize='unicode61 remove_diacritics 2');
CREATE VIEW search_ally_source AS SELECT a.num AS num, a.name AS name,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'nick'), '') AS nicknames,
  a.org AS org, a.role AS role, a.city AS city, a.circle AS circle, a.relationship AS relationship,
  a.met AS met, a.goals AS goals, a.notes AS notes,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'email'), '') AS emails,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'phone'), '') AS phones,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'tag'), '') AS tags,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'knows'), '') AS expertise,
  coalesce((SELECT group_concat(i.name, ' ') FROM ally_interest ai JOIN interest i ON i.num = ai.interest
            WHERE ai.ally = a.num), '') AS interests,
  coalesce((SELECT group_concat(label, ' ') FROM important_date WHERE ally = a.num), '') AS dates
  FROM ally a;
INSERT INTO search_ally(rowid, name, nicknames, org, role, city, circle, relationship, met, goals,
  notes, emails, phones, tags, expertise, interests, dates) SELECT * FROM search_ally_source;

CREATE TRIGGER search_ally_ai AFTER INSERT ON ally BEGIN
  INSERT INTO search_ally(rowid, name, nicknames, org, role, city, circle, relationship, met, goals,
    notes, emails, phones, tags, expertise, interests, dates)
    SELECT * FROM search_ally_source WHERE num = new.num;
END;
CREATE TRIGGER search_ally_ad AFTER DELETE ON ally BEGIN
  DELETE FROM search_ally WHERE rowid = old.num;
END;
)sql");
  // The same refresh of one ally's row from every table that feeds it.
  const auto refresh = [](const std::string& who) {
    return fmt::format(
        "DELETE FROM search_ally WHERE rowid = {0}; "
        "INSERT INTO search_ally(rowid, name, nicknames, org, role, city, circle, relationship, "
        "met, goals, notes, emails, phones, tags, expertise, interests, dates) "
        "SELECT * FROM search_ally_source WHERE num = {0};",
        who);
  };
  const std::pair<const char*, const char*> sources[] = {
      {"search_ally_au AFTER UPDATE OF name, org, role, city, circle, relationship, met, goals, "
       "notes ON ally",
       "new.num"},
      {"search_ally_value_ai AFTER INSERT ON ally_value", "new.ally"},
      {"search_ally_value_ad AFTER DELETE ON ally_value", "old.ally"},
      {"search_ally_value_au AFTER UPDATE ON ally_value", "new.ally"},
      {"search_ally_interest_ai AFTER INSERT ON ally_interest", "new.ally"},
      {"search_ally_interest_ad AFTER DELETE ON ally_interest", "old.ally"},
      {"search_ally_date_ai AFTER INSERT ON important_date", "new.ally"},
      {"search_ally_date_ad AFTER DELETE ON important_date", "old.ally"},
      {"search_ally_date_au AFTER UPDATE OF label ON important_date", "new.ally"},
  };
  for (const auto& [trigger, who] : sources)
    db.exec(fmt::format("CREATE TRIGGER {} BEGIN {} END", trigger, refresh(who)));
  // A renamed topic changes the row of everyone who shares it.
  db.exec(R"sql(
CREATE TRIGGER search_ally_topic_au AFTER UPDATE OF name ON interest BEGIN
  DELETE FROM search_ally WHERE rowid IN (SELECT ally FROM ally_interest WHERE interest = new.num);
  INSERT INTO search_ally(rowid, name, nicknames, org, role, city, circle, relationship, met, goals,
    notes, emails, phones, tags, expertise, interests, dates)
    SELECT * FROM search_ally_source
    WHERE num IN (SELECT ally FROM ally_interest WHERE interest = new.num);
END;
)sql");
}

// Version 11, export format 2 (issue 27): an ally's links and the UIDs of every card it came
// from are many-valued fields like emails (ally_value is rebuilt for its wider CHECK, and the one
// vcard_uid column becomes its first 'uid' row); `snooze --all`; the calendar event a
// conversation was logged from; things to bring up. Search gains the links.
void migrate_to_11(SQLite::Database& db) {
  // What reads ally_value or the ally columns going away goes first, or SQLite refuses the
  // rename and the drop; all of it is made again below.
  SQLite::Statement dependants(db, "SELECT type, name FROM sqlite_master WHERE type IN "
                                   "('trigger', 'view') AND (name GLOB 'search_ally_*' OR name "
                                   "GLOB 'journal_ally_*')");
  std::vector<std::pair<std::string, std::string>> drop;
  while (dependants.executeStep())
    drop.emplace_back(dependants.getColumn(0).getString(), dependants.getColumn(1).getString());
  for (const auto& [type, name] : drop) db.exec(fmt::format("DROP {} \"{}\"", type, name));
  db.exec(R"sql(
DROP TABLE search_ally;
CREATE TABLE ally_value_v11 (
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  field TEXT NOT NULL CHECK (field IN ('nick','email','phone','tag','knows','link','uid')),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  pos INTEGER NOT NULL,
  PRIMARY KEY (ally, field, key)
) WITHOUT ROWID;
INSERT INTO ally_value_v11(ally, field, key, value, pos)
  SELECT ally, field, key, value, pos FROM ally_value;
INSERT OR IGNORE INTO ally_value_v11(ally, field, key, value, pos)
  SELECT num, 'uid', trim(vcard_uid), trim(vcard_uid), 0 FROM ally WHERE trim(vcard_uid) <> '';
DROP TABLE ally_value;
ALTER TABLE ally_value_v11 RENAME TO ally_value;
CREATE INDEX ally_value_lookup ON ally_value(field, key);
DROP INDEX ally_vcard_uid;
ALTER TABLE ally DROP COLUMN vcard_uid;
ALTER TABLE ally ADD COLUMN snooze_all INTEGER NOT NULL DEFAULT 0;
-- The few allies snoozed with --all, which `due` looks up beside its index of tracked allies.
CREATE INDEX ally_snooze_all ON ally(num) WHERE snooze_all = 1;
ALTER TABLE interaction ADD COLUMN source_uid TEXT;
ALTER TABLE interaction ADD COLUMN source_recurrence_id TEXT;
CREATE INDEX interaction_source ON interaction(source_uid) WHERE source_uid IS NOT NULL;
CREATE TABLE to_bring_up (
  num INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  text TEXT NOT NULL,
  date TEXT NOT NULL,
  done TEXT
);
CREATE INDEX to_bring_up_by_ally ON to_bring_up(ally, done);
CREATE VIRTUAL TABLE search_to_bring_up USING fts5(
  text, content='to_bring_up', content_rowid='num', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER search_to_bring_up_ai AFTER INSERT ON to_bring_up BEGIN
  INSERT INTO search_to_bring_up(rowid, text) VALUES (new.num, new.text);
END;
CREATE TRIGGER search_to_bring_up_ad AFTER DELETE ON to_bring_up BEGIN
  INSERT INTO search_to_bring_up(search_to_bring_up, rowid, text) VALUES ('delete', old.num, old.text);
END;
CREATE TRIGGER search_to_bring_up_au AFTER UPDATE OF text ON to_bring_up BEGIN
  INSERT INTO search_to_bring_up(search_to_bring_up, rowid, text) VALUES ('delete', old.num, old.text);
  INSERT INTO search_to_bring_up(rowid, text) VALUES (new.num, new.text);
END;
CREATE VIRTUAL TABLE search_ally USING fts5(
  name, nicknames, org, role, city, circle, relationship, met, goals, notes, emails, phones, tags,
  expertise, interests, dates, links, tokenize='unicode61 remove_diacritics 2');
CREATE VIEW search_ally_source AS SELECT a.num AS num, a.name AS name,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'nick'), '') AS nicknames,
  a.org AS org, a.role AS role, a.city AS city, a.circle AS circle, a.relationship AS relationship,
  a.met AS met, a.goals AS goals, a.notes AS notes,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'email'), '') AS emails,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'phone'), '') AS phones,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'tag'), '') AS tags,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'knows'), '') AS expertise,
  coalesce((SELECT group_concat(i.name, ' ') FROM ally_interest ai JOIN interest i ON i.num = ai.interest
            WHERE ai.ally = a.num), '') AS interests,
  coalesce((SELECT group_concat(label, ' ') FROM important_date WHERE ally = a.num), '') AS dates,
  coalesce((SELECT group_concat(value, ' ') FROM ally_value WHERE ally = a.num AND field = 'link'), '') AS links
  FROM ally a;
)sql");
  db.exec(k_search_ally_fill);
  db.exec(fmt::format(R"sql(
CREATE TRIGGER search_ally_ai AFTER INSERT ON ally BEGIN {} WHERE num = new.num; END;
CREATE TRIGGER search_ally_ad AFTER DELETE ON ally BEGIN
  DELETE FROM search_ally WHERE rowid = old.num;
END;
CREATE TRIGGER search_ally_topic_au AFTER UPDATE OF name ON interest BEGIN
  DELETE FROM search_ally WHERE rowid IN (SELECT ally FROM ally_interest WHERE interest = new.num);
  {} WHERE num IN (SELECT ally FROM ally_interest WHERE interest = new.num);
END;
)sql",
                      k_search_ally_fill, k_search_ally_fill));
  // The same refresh of one ally's row from every table that feeds it.
  const std::pair<const char*, const char*> sources[] = {
      {"search_ally_au AFTER UPDATE OF name, org, role, city, circle, relationship, met, goals, "
       "notes ON ally",
       "new.num"},
      {"search_ally_value_ai AFTER INSERT ON ally_value", "new.ally"},
      {"search_ally_value_ad AFTER DELETE ON ally_value", "old.ally"},
      {"search_ally_value_au AFTER UPDATE ON ally_value", "new.ally"},
      {"search_ally_interest_ai AFTER INSERT ON ally_interest", "new.ally"},
      {"search_ally_interest_ad AFTER DELETE ON ally_interest", "old.ally"},
      {"search_ally_date_ai AFTER INSERT ON important_date", "new.ally"},
      {"search_ally_date_ad AFTER DELETE ON important_date", "old.ally"},
      {"search_ally_date_au AFTER UPDATE OF label ON important_date", "new.ally"},
  };
  for (const auto& [trigger, who] : sources) {
    db.exec(fmt::format("CREATE TRIGGER {0} BEGIN DELETE FROM search_ally WHERE rowid = {1}; "
                        "{2} WHERE num = {1}; END",
                        trigger, who, k_search_ally_fill));
  }
  create_journal_triggers(db);
}

// migrations[i] takes a store from version i to i + 1. Append only.
// Finding a card's memory by its source ("uid:…") without the ally: the import of a card whose
// ally was merged away asks it for every card with a UID, which scanned the table (30,000
// LinkedIn rows: 138 s).
void migrate_to_12(SQLite::Database& db) {
  db.exec("CREATE INDEX card_import_source ON card_import(source)");
}

// Meetings of an imported calendar that have not started yet, for `ally agenda`: this store's
// own (the next calendar import says them again), so neither exported nor synced.
void migrate_to_13(SQLite::Database& db) {
  db.exec(R"sql(
CREATE TABLE planned_meeting (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  day TEXT NOT NULL,
  start INTEGER NOT NULL,
  summary TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX planned_meeting_by_day ON planned_meeting(day, start);
CREATE TABLE planned_meeting_ally (
  meeting INTEGER NOT NULL REFERENCES planned_meeting(num) ON DELETE CASCADE,
  ally INTEGER NOT NULL REFERENCES ally(num) ON DELETE CASCADE,
  PRIMARY KEY (meeting, ally)
) WITHOUT ROWID;
CREATE INDEX planned_meeting_ally_by_ally ON planned_meeting_ally(ally);
)sql");
  create_journal_triggers(db);
}

// A CHECK of `col IN ('a','b','c')` builds a temporary index of its list on every row written
// (SQLite does that for lists of more than two), the largest single cost of a contact import
// after the data itself: 30,000 LinkedIn rows write 120,000 such rows. The same rule as
// comparisons costs nothing. Only the text of the constraints changes, so it is edited in place
// by SQLite's documented procedure for changes that leave the stored rows valid (ALTER TABLE,
// "making other kinds of table schema changes"), not by rebuilding the tables. Also each card's
// family name for the last-name tier.
void migrate_to_14(SQLite::Database& db) {
  struct Rule {
    const char* table;
    const char* column;
    std::vector<const char*> values;
  };
  const Rule rules[] = {
      {"ally", "cadence_mode", {"default", "days", "none"}},
      {"ally_value", "field", {"nick", "email", "phone", "tag", "knows", "link", "uid"}},
      {"journal_step", "op", {"insert", "update", "delete"}},
  };
  const int version = db.execAndGet("PRAGMA schema_version").getInt();
  db.exec("PRAGMA writable_schema = ON");
  for (const auto& rule : rules) {
    std::string list, comparisons;
    for (const char* value : rule.values) {
      list += fmt::format("{}'{}'", list.empty() ? "" : ",", value);
      comparisons += fmt::format("{}{} = '{}'", comparisons.empty() ? "" : " OR ", rule.column, value);
    }
    SQLite::Statement edit(db, "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = "
                               "'table' AND name = ?");
    edit.bind(1, fmt::format("{} IN ({})", rule.column, list));
    edit.bind(2, comparisons);
    edit.bind(3, rule.table);
    edit.exec();
  }
  db.exec(fmt::format("PRAGMA schema_version = {}", version + 1));
  db.exec("PRAGMA writable_schema = OFF");
  // The last word of the family name each card gave (vCard N), for the last-name tier of name
  // resolution; filled as cards are imported or change.
  db.exec("ALTER TABLE card_import ADD COLUMN family_key TEXT");
  db.exec("CREATE INDEX card_import_family ON card_import(family_key) WHERE family_key IS NOT NULL");
  create_journal_triggers(db);
}

const std::vector<Migration>& migrations() {
  static const std::vector<std::function<void(SQLite::Database&)>> list{
      migrate_to_1, migrate_to_2, migrate_to_3, migrate_to_4, migrate_to_5,
      migrate_to_6, migrate_to_7, migrate_to_8, migrate_to_9, migrate_to_10, migrate_to_11,
      migrate_to_12, migrate_to_13, migrate_to_14};
  return list;
}

int current_schema_version() { return static_cast<int>(migrations().size()); }

void refuse_newer_store(int version, int known) {
  if (version > known) {
    throw StoreError(fmt::format("the store was written by a newer ally (schema {}, this ally "
                                 "knows up to {}); upgrade ally to use it",
                                 version, known),
                     "the store was left untouched");
  }
}

void migrate(SQLite::Database& db, const std::vector<Migration>& list) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  int target = static_cast<int>(list.size());
  refuse_newer_store(version, target);
  struct Deferring {
    Deferring() { g_deferring_triggers = true, g_triggers_stale = false; }
    ~Deferring() { g_deferring_triggers = false; }
  } deferring;
  for (; version < target; ++version) {
    list[static_cast<std::size_t>(version)](db);
    db.exec(fmt::format("PRAGMA user_version = {}", version + 1));
  }
  if (g_triggers_stale) {
    g_deferring_triggers = false;
    make_journal_triggers(db);
  }
}

} // namespace ally
