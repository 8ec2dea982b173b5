// The JSON export, streamed: one query per section in UUID order, each record written as
// soon as it is read, so memory holds one record whatever the size of the store.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <unordered_map>
#include <vector>

#include "ally/exchange.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

using nlohmann::ordered_json;

// The rows of a query ordered by its first column, a record number, consumed in step with the
// records of that number (a merge join), so no record needs a query of its own.
class Grouped {
public:
  Grouped(SQLite::Database& db, const char* sql) : m_st(db, sql) { m_has_row = m_st.executeStep(); }

  // Rows come in the order of their record's UUID (column 0), as the records do: exports of
  // stores that hold the same data list it in the same order, whatever their numbers.
  template <class F> void take(const std::string& id, F&& row) {
    while (m_has_row && m_st.getColumn(0).getString() < id)
      m_has_row = m_st.executeStep();
    while (m_has_row && m_st.getColumn(0).getString() == id) {
      row(m_st);
      m_has_row = m_st.executeStep();
    }
  }

private:
  SQLite::Statement m_st;
  bool m_has_row = false;
};

// A string as nlohmann writes it (escapes, invalid UTF-8 as U+FFFD).
void append_string(std::string& out, const std::string& text) {
  bool plain = true;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    plain = plain && byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += ordered_json(text).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  }
}

// Pairs of record numbers (an interaction and one of its allies), read in the order of the
// first, looked up by it.
class NumberPairs {
public:
  static NumberPairs read(SQLite::Database& db, const char* sql) {
    NumberPairs pairs;
    SQLite::Statement st(db, sql);
    while (st.executeStep()) {
      pairs.m_first.push_back(st.getColumn(0).getInt64());
      pairs.m_second.push_back(st.getColumn(1).getInt64());
    }
    return pairs;
  }
  template <class F> void each(std::int64_t first, F&& f) const {
    auto [from, to] = std::equal_range(m_first.begin(), m_first.end(), first);
    for (auto at = from; at != to; ++at)
      f(m_second[static_cast<std::size_t>(at - m_first.begin())]);
  }

private:
  std::vector<std::int64_t> m_first, m_second;
};

// An interaction exactly as JsonWriter::item(export_record(i)) writes it, without building a
// JSON object: a million of them made 80% of an export (profiled), each a map of eleven keys
// dumped and re-indented.
std::string interaction_text(const PortableInteraction& i) {
  constexpr const char* k_field = ",\n      \"";
  std::string out;
  out.reserve(512 + i.record.note.size());
  out += "{\n      \"id\": ";
  append_string(out, i.record.meta.id);
  out += k_field;
  out += "number\": ";
  out += std::to_string(i.record.meta.number);
  out += k_field;
  out += "created_at\": ";
  append_string(out, i.record.meta.created_at);
  out += k_field;
  out += "updated_at\": ";
  append_string(out, i.record.meta.updated_at);
  out += k_field;
  out += "date\": ";
  append_string(out, format_date(i.record.date));
  out += k_field;
  out += "kind\": ";
  append_string(out, i.record.kind);
  out += k_field;
  out += "note\": ";
  append_string(out, i.record.note);
  auto list = [&](const char* key, const std::vector<std::string>& values) {
    out += k_field;
    out += key;
    out += "\": ";
    if (values.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (std::size_t v = 0; v < values.size(); ++v) {
      out += v ? ",\n        " : "\n        ";
      append_string(out, values[v]);
    }
    out += "\n      ]";
  };
  list("allies", i.allies);
  list("interests", i.record.interests);
  auto date = [&](const char* key, const std::optional<Date>& value) {
    out += k_field;
    out += key;
    out += "\": ";
    if (value) {
      append_string(out, format_date(*value));
    } else {
      out += "null";
    }
  };
  date("follow_up", i.record.follow_up);
  date("follow_up_done", i.record.follow_up_done);
  out += k_field;
  out += "source\": ";
  if (i.record.source_uid.empty()) {
    out += "null";
  } else {
    out += "{\n        \"uid\": ";
    append_string(out, i.record.source_uid);
    out += ",\n        \"recurrence_id\": ";
    if (i.record.source_recurrence_id.empty())
      out += "null";
    else
      append_string(out, i.record.source_recurrence_id);
    out += "\n      }";
  }
  out += "\n    }";
  return out;
}

// Where the exporter puts what it reads: a JSON document, or a visitor of records.
class RecordSink {
public:
  virtual ~RecordSink() = default;
  virtual void field(const char* key, const ordered_json& value) = 0;
  virtual void open(const char* key, char bracket) = 0;
  virtual void item(const ordered_json& value) = 0;
  virtual void member(const std::string& key, const ordered_json& value) = 0;
  // An interaction, the one record numerous enough to deserve a path of its own.
  virtual void interaction(const PortableInteraction& i) { item(export_record(i)); }
  virtual void close(char bracket) = 0;
  virtual void finish() = 0;
};

// Writes the document as nlohmann's dump(2) would write it whole, one piece at a time.
class JsonWriter : public RecordSink {
public:
  explicit JsonWriter(std::ostream& out) : m_out(out) { m_out << '{'; }

  void field(const char* key, const ordered_json& value) override {
    next_member();
    m_out << "  " << quoted(key) << ": " << dumped(value, 2);
  }
  void open(const char* key, char bracket) override {
    next_member();
    m_out << "  " << quoted(key) << ": " << bracket;
    m_empty = true;
  }
  void item(const ordered_json& value) override { m_out << separator() << dumped(value, 4); }
  void interaction(const PortableInteraction& i) override {
    m_out << separator() << interaction_text(i);
  }
  void member(const std::string& key, const ordered_json& value) override {
    m_out << separator() << quoted(key) << ": " << dumped(value, 4);
  }
  void close(char bracket) override { m_out << (m_empty ? "" : "\n  ") << bracket; }
  void finish() override { m_out << "\n}\n"; }

private:
  void next_member() {
    m_out << (m_first_member ? "\n" : ",\n");
    m_first_member = false;
  }
  std::string separator() {
    std::string s = m_empty ? "\n    " : ",\n    ";
    m_empty = false;
    return s;
  }
  static std::string quoted(const std::string& key) { return ordered_json(key).dump(); }
  // Invalid UTF-8 cannot be written as JSON; it becomes U+FFFD rather than failing the export.
  static std::string dumped(const ordered_json& value, int indent) {
    std::string text = value.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      out += c;
      if (c == '\n')
        out.append(static_cast<std::size_t>(indent), ' ');
    }
    return out;
  }

  std::ostream& m_out;
  bool m_first_member = true;
  bool m_empty = true;
};

// Hands each record to a visitor with its section's name; a setting gets its key as "key".
class VisitingSink : public RecordSink {
public:
  explicit VisitingSink(const RecordVisitor& visit) : m_visit(visit) {}
  void field(const char*, const ordered_json&) override {}
  void open(const char* key, char) override { m_section = key; }
  void item(const ordered_json& value) override {
    ordered_json record = value;
    m_visit(m_section, record);
  }
  void member(const std::string& key, const ordered_json& value) override {
    ordered_json record = value;
    record["key"] = key;
    m_visit(m_section, record);
  }
  void close(char) override {}
  void finish() override {}

private:
  const RecordVisitor& m_visit;
  std::string m_section;
};

RecordMeta read_meta(SQLite::Statement& st) {
  RecordMeta m;
  m.number = st.getColumn(0).getInt64();
  m.id = st.getColumn(1).getString();
  m.created_at = st.getColumn(2).getString();
  m.updated_at = st.getColumn(3).getString();
  return m;
}

// Reads allies with their many-valued fields and topics, by number.
class AllyReader {
public:
  AllyReader(SQLite::Database& db, bool with_archived)
      : m_st(db, with_archived ? sql(" ") : sql(" WHERE archived = 0 ")),
        m_values(db, "SELECT a.id, v.field, v.value FROM ally_value v JOIN ally a ON a.num = v.ally "
                         "ORDER BY a.id, v.field, v.pos"),
        m_topics(db, "SELECT a.id, i.name FROM ally_interest ai JOIN interest i "
                     "ON i.num = ai.interest JOIN ally a ON a.num = ai.ally ORDER BY a.id, i.key") {}

  bool next(Ally& a) {
    if (!m_st.executeStep())
      return false;
    a = read_ally(m_st);
    m_values.take(a.meta.id, [&](SQLite::Statement& row) {
      add_ally_value(a, row.getColumn(1).getString(), row.getColumn(2).getString());
    });
    m_topics.take(a.meta.id, [&](SQLite::Statement& row) {
      a.interests.push_back(row.getColumn(1).getString());
    });
    return true;
  }

private:
  static std::string sql(const char* where) {
    return fmt::format("SELECT {} FROM ally{}ORDER BY id", k_ally_columns, where);
  }

  SQLite::Statement m_st;
  Grouped m_values;
  Grouped m_topics;
};

class Exporter {
public:
  Exporter(SQLite::Database& db, RecordSink& sink, const Progress& progress)
      : m_db(db), m_json(sink), m_progress(progress) {}

  ExportCounts run(const std::string& now) {
    m_total = static_cast<std::size_t>(
        m_db.execAndGet(
                "SELECT (SELECT count(*) FROM ally) + (SELECT count(*) FROM important_date) + "
                "(SELECT count(*) FROM interest) + (SELECT count(*) FROM interaction) + "
                "(SELECT count(*) FROM favor) + (SELECT count(*) FROM introduction) + "
                "(SELECT count(*) FROM to_bring_up) + "
                "(SELECT count(*) FROM tombstone) + (SELECT count(*) FROM config)")
            .getInt64());
    m_json.field("format", "ally");
    m_json.field("version", k_export_version);
    m_json.field("exported_at", now);
    allies();
    dates();
    interests();
    interactions();
    favors();
    introductions();
    to_bring_up();
    tombstones();
    config();
    m_json.finish();
    return m_counts;
  }

private:
  void wrote(std::size_t& count) {
    ++count;
    if (m_progress)
      m_progress(m_counts.total(), m_total);
  }

  void allies() {
    m_json.open("allies", '[');
    AllyReader reader(m_db, true);
    Ally a;
    while (reader.next(a)) {
      m_json.item(export_record(a));
      wrote(m_counts.allies);
    }
    m_json.close(']');
  }

  void dates() {
    m_json.open("dates", '[');
    SQLite::Statement st(m_db, "SELECT d.num, d.id, d.created_at, d.updated_at, a.id, d.label, "
                               "d.month, d.day, d.year, d.yearly FROM important_date d "
                               "JOIN ally a ON a.num = d.ally ORDER BY d.id");
    while (st.executeStep()) {
      PortableDate d;
      d.record.meta = read_meta(st);
      d.ally = st.getColumn(4).getString();
      d.record.label = st.getColumn(5).getString();
      d.record.date.month = static_cast<unsigned>(st.getColumn(6).getInt());
      d.record.date.day = static_cast<unsigned>(st.getColumn(7).getInt());
      if (!st.getColumn(8).isNull())
        d.record.date.year = st.getColumn(8).getInt();
      d.record.yearly = st.getColumn(9).getInt() != 0;
      m_json.item(export_record(d));
      wrote(m_counts.dates);
    }
    m_json.close(']');
  }

  void interests() {
    m_json.open("interests", '[');
    SQLite::Statement st(m_db,
                         "SELECT num, id, created_at, updated_at, name FROM interest ORDER BY id");
    while (st.executeStep()) {
      Interest i;
      i.meta = read_meta(st);
      i.name = st.getColumn(4).getString();
      m_json.item(export_record(i));
      wrote(m_counts.interests);
    }
    m_json.close(']');
  }

  void interactions() {
    m_json.open("interactions", '[');
    // In UUID order; each one's allies and topics come from two lists read first in number
    // order (their primary keys' order, one pass each, 16 bytes a row) and named from two small
    // maps. Sorting a join of all of them by the interaction's UUID took 160 MiB and a third of
    // the time at 1M interactions; a seek for each in both tables read a page from the file
    // for most (the interactions' own rows, read in UUID order, leave nothing in the cache).
    std::unordered_map<std::int64_t, std::string> ally_ids;
    {
      SQLite::Statement a(m_db, "SELECT num, id FROM ally");
      while (a.executeStep())
        ally_ids.emplace(a.getColumn(0).getInt64(), a.getColumn(1).getString());
    }
    std::unordered_map<std::int64_t, std::pair<std::string, std::string>> topic_names; // key, name
    {
      SQLite::Statement t(m_db, "SELECT num, key, name FROM interest");
      while (t.executeStep()) {
        topic_names.emplace(t.getColumn(0).getInt64(),
                            std::pair{t.getColumn(1).getString(), t.getColumn(2).getString()});
      }
    }
    const auto present = NumberPairs::read(m_db, "SELECT interaction, ally FROM interaction_ally "
                                                 "ORDER BY interaction");
    const auto topics = NumberPairs::read(m_db, "SELECT interaction, interest FROM "
                                                "interaction_interest ORDER BY interaction");
    SQLite::Statement st(m_db, "SELECT num, id, created_at, updated_at, date, kind, note, "
                               "follow_up, follow_up_done, source_uid, source_recurrence_id "
                               "FROM interaction ORDER BY id");
    std::vector<std::pair<std::string, std::string>> named;
    while (st.executeStep()) {
      PortableInteraction i;
      i.record.meta = read_meta(st);
      i.record.date = column_required_date(st.getColumn(4));
      i.record.kind = st.getColumn(5).getString();
      i.record.note = st.getColumn(6).getString();
      i.record.follow_up = column_date(st.getColumn(7));
      i.record.follow_up_done = column_date(st.getColumn(8));
      if (!st.getColumn(9).isNull())
        i.record.source_uid = st.getColumn(9).getString();
      if (!st.getColumn(10).isNull())
        i.record.source_recurrence_id = st.getColumn(10).getString();
      const auto number = st.getColumn(0).getInt64();
      present.each(number, [&](std::int64_t ally) {
        if (auto found = ally_ids.find(ally); found != ally_ids.end())
          i.allies.push_back(found->second);
      });
      std::sort(i.allies.begin(), i.allies.end());
      named.clear();
      topics.each(number, [&](std::int64_t topic) {
        if (auto found = topic_names.find(topic); found != topic_names.end())
          named.push_back(found->second);
      });
      std::sort(named.begin(), named.end());
      for (auto& [key, name] : named)
        i.record.interests.push_back(std::move(name));
      m_json.interaction(i);
      wrote(m_counts.interactions);
    }
    m_json.close(']');
  }

  void favors() {
    m_json.open("favors", '[');
    SQLite::Statement st(m_db, "SELECT f.num, f.id, f.created_at, f.updated_at, a.id, f.direction, "
                               "f.text, f.date, f.due, f.done, f.thanked FROM favor f "
                               "JOIN ally a ON a.num = f.ally ORDER BY f.id");
    while (st.executeStep()) {
      PortableFavor f;
      f.record.meta = read_meta(st);
      f.ally = st.getColumn(4).getString();
      f.record.direction =
          st.getColumn(5).getString() == "got" ? FavorDirection::got : FavorDirection::gave;
      f.record.text = st.getColumn(6).getString();
      f.record.date = column_required_date(st.getColumn(7));
      f.record.due = column_date(st.getColumn(8));
      f.record.done = column_date(st.getColumn(9));
      f.record.thanked = column_date(st.getColumn(10));
      m_json.item(export_record(f));
      wrote(m_counts.favors);
    }
    m_json.close(']');
  }

  void introductions() {
    m_json.open("introductions", '[');
    SQLite::Statement st(m_db,
                         "SELECT i.num, i.id, i.created_at, i.updated_at, a.id, b.id, i.date, "
                         "i.note FROM introduction i JOIN ally a ON a.num = i.a "
                         "JOIN ally b ON b.num = i.b ORDER BY i.id");
    while (st.executeStep()) {
      PortableIntroduction i;
      i.record.meta = read_meta(st);
      i.a = st.getColumn(4).getString();
      i.b = st.getColumn(5).getString();
      i.record.date = column_required_date(st.getColumn(6));
      i.record.note = st.getColumn(7).getString();
      m_json.item(export_record(i));
      wrote(m_counts.introductions);
    }
    m_json.close(']');
  }

  void to_bring_up() {
    m_json.open("to_bring_up", '[');
    SQLite::Statement st(m_db, "SELECT t.num, t.id, t.created_at, t.updated_at, a.id, t.text, "
                               "t.date, t.done FROM to_bring_up t JOIN ally a ON a.num = t.ally "
                               "ORDER BY t.id");
    while (st.executeStep()) {
      PortableToBringUp t;
      t.record.meta = read_meta(st);
      t.ally = st.getColumn(4).getString();
      t.record.text = st.getColumn(5).getString();
      t.record.date = column_required_date(st.getColumn(6));
      t.record.done = column_date(st.getColumn(7));
      m_json.item(export_record(t));
      wrote(m_counts.to_bring_up);
    }
    m_json.close(']');
  }

  void tombstones() {
    m_json.open("tombstones", '[');
    SQLite::Statement st(m_db,
                         "SELECT id, kind, deleted_at FROM tombstone ORDER BY id");
    while (st.executeStep()) {
      Tombstone t{st.getColumn(0).getString(), st.getColumn(1).getString(),
                  st.getColumn(2).getString()};
      m_json.item(export_record(t));
      wrote(m_counts.tombstones);
    }
    m_json.close(']');
  }

  void config() {
    m_json.open("config", '{');
    SQLite::Statement st(m_db,
                         "SELECT key, value, id, created_at, updated_at FROM config ORDER BY key");
    while (st.executeStep()) {
      ConfigEntry c;
      c.key = st.getColumn(0).getString();
      c.value = st.getColumn(1).getString();
      c.meta.id = st.getColumn(2).getString();
      c.meta.created_at = st.getColumn(3).getString();
      c.meta.updated_at = st.getColumn(4).getString();
      m_json.member(c.key, export_record(c));
      wrote(m_counts.config);
    }
    m_json.close('}');
  }

  SQLite::Database& m_db;
  RecordSink& m_json;
  const Progress& m_progress;
  ExportCounts m_counts;
  std::size_t m_total = 0;
};

} // namespace

ExportCounts export_json(Store& store, std::ostream& out, const Progress& progress) {
  auto& db = db_of(store);
  try {
    // One read transaction: a write that lands midway cannot tear the export.
    SQLite::Transaction snapshot(db);
    JsonWriter writer(out);
    auto counts = Exporter(db, writer, progress).run(store.clock().now);
    snapshot.commit();
    return counts;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

void for_each_export_record(Store& store, const RecordVisitor& visit) {
  auto& db = db_of(store);
  try {
    SQLite::Transaction snapshot(db);
    VisitingSink sink(visit);
    Exporter(db, sink, {}).run(store.clock().now);
    snapshot.commit();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::size_t count_allies(Store& store, bool with_archived) {
  try {
    return static_cast<std::size_t>(
        db_of(store)
            .execAndGet(with_archived ? "SELECT count(*) FROM ally"
                                      : "SELECT count(*) FROM ally WHERE archived = 0")
            .getInt64());
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

void for_each_ally(Store& store, bool with_archived,
                   const std::function<void(const AllyRow&)>& row) {
  auto& db = db_of(store);
  try {
    SQLite::Transaction snapshot(db);
    AllyReader reader(db, with_archived);
    Grouped birthdays(db, "SELECT a.id, d.month, d.day, d.year FROM important_date d "
                          "JOIN ally a ON a.num = d.ally "
                          "WHERE d.label_key = 'birthday' AND d.yearly = 1 ORDER BY a.id");
    AllyRow current;
    while (reader.next(current.ally)) {
      current.birthday.reset();
      birthdays.take(current.ally.meta.id, [&](SQLite::Statement& st) {
        YearlessDate date{static_cast<unsigned>(st.getColumn(1).getInt()),
                          static_cast<unsigned>(st.getColumn(2).getInt()), std::nullopt};
        if (!st.getColumn(3).isNull())
          date.year = st.getColumn(3).getInt();
        current.birthday = date;
      });
      row(current);
    }
    snapshot.commit();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
