// Allies and their many-valued fields in SQL.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/links.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

} // namespace

Ally read_ally(SQLite::Statement& st) {
  Ally a;
  a.meta.number = st.getColumn(0).getInt64();
  a.meta.id = st.getColumn(1).getString();
  a.meta.created_at = st.getColumn(2).getString();
  a.meta.updated_at = st.getColumn(3).getString();
  a.name = st.getColumn(4).getString();
  a.org = st.getColumn(5).getString();
  a.role = st.getColumn(6).getString();
  a.city = st.getColumn(7).getString();
  a.circle = st.getColumn(8).getString();
  a.relationship = st.getColumn(9).getString();
  std::string mode = st.getColumn(10).getString();
  if (mode == "days") {
    a.cadence = {Cadence::Mode::days, st.getColumn(11).getInt()};
  } else if (mode == "none") {
    a.cadence = {Cadence::Mode::untracked, 0};
  }
  a.met = st.getColumn(12).getString();
  a.goals = st.getColumn(13).getString();
  a.notes = st.getColumn(14).getString();
  a.snoozed_until = column_date(st.getColumn(15));
  a.archived = st.getColumn(16).getInt() != 0;
  a.snooze_all = st.getColumn(17).getInt() != 0;
  a.added = column_required_date(st.getColumn(18));
  a.last_contact = column_date(st.getColumn(19));
  a.last_kind = st.getColumn(20).getString();
  return a;
}

void add_ally_value(Ally& a, std::string_view field, std::string value) {
  for (const auto& lf : k_ally_value_fields) {
    if (field == lf.field) (a.*lf.member).push_back(std::move(value));
  }
}

namespace {

void add_list_value(Ally& a, const std::string& field, std::string value) {
  add_ally_value(a, field, std::move(value));
}

void load_lists(Store& store, Ally& a) {
  auto& st = prepared(store, "SELECT field, value FROM ally_value WHERE ally = ? ORDER BY field, pos");
  st.bind(1, a.meta.number);
  while (st.executeStep()) add_list_value(a, st.getColumn(0).getString(), st.getColumn(1).getString());
  a.interests = interests_of(store, a.meta.number);
}

// Past this many allies, reading every ally's lists in two passes beats two queries per ally
// (`list` at 10k allies: 20,000 statements).
constexpr std::size_t k_bulk_lists = 64;

// The many-valued fields of many allies: every ally_value and ally_interest row once, in the
// order load_lists gives them. The rows come in primary-key order (ally, ...) and each group
// is put in `pos` (or topic key) order here: an ORDER BY sorted all 30,000 rows in SQLite, most of
// `list`'s reading.
void load_lists_bulk(SQLite::Database& db, std::vector<Ally>& allies) {
  std::unordered_map<std::int64_t, Ally*> by_number;
  by_number.reserve(allies.size());
  for (auto& a : allies) by_number.emplace(a.meta.number, &a);
  auto find = [&](std::int64_t number) {
    auto it = by_number.find(number);
    return it == by_number.end() ? nullptr : it->second;
  };
  struct Group {
    Ally* ally = nullptr;
    std::string field;
    std::vector<std::pair<int, std::string>> values; // pos, value
    void flush() {
      std::sort(values.begin(), values.end());
      for (auto& [pos, value] : values) add_list_value(*ally, field, std::move(value));
      values.clear();
    }
  } group;
  std::int64_t group_ally = -1;
  SQLite::Statement values(db, "SELECT ally, field, value, pos FROM ally_value");
  while (values.executeStep()) {
    std::int64_t number = values.getColumn(0).getInt64();
    const char* field = values.getColumn(1).getText();
    if (number != group_ally || group.field != field) {
      if (group.ally) group.flush();
      group_ally = number;
      group.ally = find(number);
      group.field = field;
    }
    if (group.ally) group.values.emplace_back(values.getColumn(3).getInt(), values.getColumn(2).getString());
  }
  if (group.ally) group.flush();

  SQLite::Statement topics(db, "SELECT ai.ally, i.key, i.name FROM ally_interest ai JOIN interest i "
                               "ON i.num = ai.interest ORDER BY ai.ally");
  std::vector<std::pair<std::string, std::string>> named; // key, name of one ally's topics
  Ally* owner = nullptr;
  std::int64_t owner_number = -1;
  auto flush_topics = [&] {
    std::sort(named.begin(), named.end());
    for (auto& [key, name] : named) owner->interests.push_back(std::move(name));
    named.clear();
  };
  while (topics.executeStep()) {
    std::int64_t number = topics.getColumn(0).getInt64();
    if (number != owner_number) {
      if (owner) flush_topics();
      owner_number = number;
      owner = find(number);
    }
    if (owner) named.emplace_back(topics.getColumn(1).getString(), topics.getColumn(2).getString());
  }
  if (owner) flush_topics();
}

// Rewrites the many-valued fields, keeping rows that did not change so the undo journal and
// sync see only real edits. A `fresh` ally (just inserted) has no rows to compare with.
enum class ListRows { fresh, existing };
void save_lists(Store& store, const Ally& a, ListRows rows = ListRows::existing) {
  for (const auto& lf : k_ally_value_fields) {
    std::vector<std::pair<std::string, std::string>> wanted; // key, value
    for (const auto& value : a.*lf.member) {
      std::string key = ally_value_key(lf.field, value);
      if (key.empty()) continue;
      bool seen = false;
      for (const auto& w : wanted) seen = seen || w.first == key;
      if (!seen) wanted.emplace_back(key, trim(value));
    }
    std::vector<std::tuple<std::string, std::string, int>> have;
    if (rows == ListRows::existing) {
      auto& existing =
          prepared(store, "SELECT key, value, pos FROM ally_value WHERE ally = ? AND field = ?");
      existing.bind(1, a.meta.number);
      existing.bind(2, lf.field);
      while (existing.executeStep()) {
        have.emplace_back(existing.getColumn(0).getString(), existing.getColumn(1).getString(),
                          existing.getColumn(2).getInt());
      }
    }
    for (const auto& [key, value, pos] : have) {
      bool keep = false;
      for (std::size_t i = 0; i < wanted.size(); ++i) {
        keep = keep || (wanted[i].first == key && wanted[i].second == value && static_cast<int>(i) == pos);
      }
      if (!keep) {
        auto& del = prepared(store, "DELETE FROM ally_value WHERE ally = ? AND field = ? AND key = ?");
        del.bind(1, a.meta.number);
        del.bind(2, lf.field);
        del.bind(3, key);
        del.exec();
      }
    }
    if (wanted.empty())
      continue;
    // Looked up once a field: prepared() hashes the SQL (a tenth of a new ally's insert when it
    // was looked up for every value, and for each of the seven fields' existing rows).
    auto& ins = prepared(store, "INSERT OR IGNORE INTO ally_value(ally, field, key, value, pos) "
                                "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      ins.reset();
      ins.bind(1, a.meta.number);
      ins.bind(2, lf.field);
      ins.bind(3, wanted[i].first);
      ins.bind(4, wanted[i].second);
      ins.bind(5, static_cast<int>(i));
      ins.exec();
    }
  }
  if (rows == ListRows::existing || !a.interests.empty())
    set_ally_interests(store, a.meta.number, a.interests, a.meta.updated_at);
}

} // namespace

void bind_ally_columns(SQLite::Statement& st, const Ally& a) {
  auto keys = name_keys(a.name);
  st.bind(":name", a.name);
  st.bind(":name_key", keys.full);
  st.bind(":first_key", keys.first);
  st.bind(":last_initial", keys.last_initial);
  st.bind(":last_key", keys.last);
  st.bind(":org", a.org);
  st.bind(":role", a.role);
  st.bind(":city", a.city);
  st.bind(":circle", a.circle);
  st.bind(":relationship", a.relationship);
  const char* mode = a.cadence.mode == Cadence::Mode::days        ? "days"
                     : a.cadence.mode == Cadence::Mode::untracked ? "none"
                                                                  : "default";
  st.bind(":cadence_mode", mode);
  if (a.cadence.mode == Cadence::Mode::days) {
    st.bind(":cadence_days", a.cadence.days);
  } else {
    st.bind(":cadence_days");
  }
  st.bind(":met", a.met);
  st.bind(":goals", a.goals);
  st.bind(":notes", a.notes);
  bind_date(st, st.getIndex(":snoozed_until"), a.snoozed_until);
  st.bind(":archived", a.archived ? 1 : 0);
  st.bind(":snooze_all", a.snooze_all ? 1 : 0);
  st.bind(":updated_at", a.meta.updated_at);
}

namespace {

void check_name(const Ally& a) {
  if (trim(a.name).empty()) throw UsageError("empty name: an ally needs a name");
}

} // namespace

void insert_ally(Store& store, Ally& a) {
  check_name(a);
  auto& db = db_of(store);
  try {
    if (a.meta.id.empty()) a.meta.id = new_uuid();
    if (a.meta.created_at.empty()) a.meta.created_at = store.clock().now;
    a.meta.updated_at = a.meta.updated_at.empty() ? a.meta.created_at : a.meta.updated_at;
    if (a.added == Date{}) a.added = store.clock().today;
    auto& st = prepared(store, R"sql(
      INSERT INTO ally(id, created_at, updated_at, name, name_key, first_key, last_initial,
        last_key, org, role, city, circle, relationship, cadence_mode, cadence_days, met, goals,
        notes, snoozed_until, archived, snooze_all, added_on)
      VALUES (:id, :created_at, :updated_at, :name, :name_key, :first_key, :last_initial,
        :last_key, :org, :role, :city, :circle, :relationship, :cadence_mode, :cadence_days, :met,
        :goals, :notes, :snoozed_until, :archived, :snooze_all, :added_on))sql");
    st.bind(":id", a.meta.id);
    st.bind(":created_at", a.meta.created_at);
    st.bind(":added_on", format_date(a.added));
    bind_ally_columns(st, a);
    st.exec();
    a.meta.number = db.getLastInsertRowid();
    save_lists(store, a, ListRows::fresh);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

void update_ally(Store& store, Ally& a) {
  check_name(a);
  try {
    a.meta.updated_at = store.clock().now;
    auto& st = prepared(store, R"sql(
      UPDATE ally SET updated_at = :updated_at, name = :name, name_key = :name_key,
        first_key = :first_key, last_initial = :last_initial, last_key = :last_key,
        org = :org, role = :role,
        city = :city, circle = :circle, relationship = :relationship,
        cadence_mode = :cadence_mode, cadence_days = :cadence_days, met = :met, goals = :goals,
        notes = :notes, snoozed_until = :snoozed_until, archived = :archived,
        snooze_all = :snooze_all
      WHERE num = :num)sql");
    st.bind(":num", a.meta.number);
    bind_ally_columns(st, a);
    if (st.exec() == 0) throw NotFound(fmt::format("no ally #{}", a.meta.number));
    save_lists(store, a);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::optional<Ally> find_ally(Store& store, std::int64_t number) {
  try {
    auto& st = prepared(store, fmt::format("SELECT {} FROM ally WHERE num = ?", k_ally_columns));
    st.bind(1, number);
    if (!st.executeStep()) return std::nullopt;
    Ally a = read_ally(st);
    st.reset();
    load_lists(store, a);
    return a;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Ally get_ally(Store& store, std::int64_t number) {
  auto a = find_ally(store, number);
  if (!a) throw NotFound(fmt::format("no ally #{}", number));
  return *a;
}

std::vector<Ally> list_allies(Store& store, const AllyFilter& f) {
  auto& db = db_of(store);
  std::string sql = fmt::format("SELECT {} FROM ally a WHERE archived = :archived", k_ally_columns);
  auto value_filter = [&](const char* field, const std::string& param) {
    sql += fmt::format(" AND EXISTS (SELECT 1 FROM ally_value v WHERE v.ally = a.num AND "
                       "v.field = '{}' AND v.key = {})",
                       field, param);
  };
  if (!f.tag.empty()) value_filter("tag", ":tag");
  if (!f.knows.empty()) value_filter("knows", ":knows");
  if (!f.circle.empty()) sql += " AND lower(circle) = lower(:circle)";
  if (!f.relationship.empty()) sql += " AND lower(relationship) = lower(:rel)";
  if (!f.org.empty()) sql += " AND instr(lower(org), lower(:org)) > 0";
  if (!f.city.empty()) sql += " AND instr(lower(city), lower(:city)) > 0";
  if (!f.interest.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM ally_interest ai JOIN interest i ON i.num = ai.interest "
           "WHERE ai.ally = a.num AND i.key = :interest)";
  }
  if (f.untracked) sql += " AND cadence_mode = 'none'";
  sql += " ORDER BY name_key, num";
  try {
    SQLite::Statement st(db, sql);
    st.bind(":archived", f.archived ? 1 : 0);
    if (!f.tag.empty()) st.bind(":tag", fold(trim(f.tag)));
    if (!f.knows.empty()) st.bind(":knows", fold(trim(f.knows)));
    if (!f.circle.empty()) st.bind(":circle", f.circle);
    if (!f.relationship.empty()) st.bind(":rel", f.relationship);
    if (!f.org.empty()) st.bind(":org", f.org);
    if (!f.city.empty()) st.bind(":city", f.city);
    if (!f.interest.empty()) st.bind(":interest", fold(trim(f.interest)));
    std::vector<Ally> out;
    while (st.executeStep()) out.push_back(read_ally(st));
    if (!f.with_lists) {
      // the caller shows only the ally's own columns
    } else if (out.size() >= k_bulk_lists) {
      load_lists_bulk(db, out);
    } else {
      for (auto& a : out) load_lists(store, a);
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

void add_tombstone(Store& store, const std::string& id, const std::string& kind) {
  // An upsert, not INSERT OR REPLACE: a replaced row fires no delete trigger, so undo could
  // not bring the earlier tombstone back.
  SQLite::Statement st(db_of(store),
                       "INSERT INTO tombstone(id, kind, deleted_at) VALUES (?, ?, ?) ON CONFLICT(id) "
                       "DO UPDATE SET kind = excluded.kind, deleted_at = excluded.deleted_at");
  st.bind(1, id);
  st.bind(2, kind);
  st.bind(3, store.clock().now);
  st.exec();
}

void purge_ally(Store& store, std::int64_t number) {
  auto& db = db_of(store);
  try {
    auto a = get_ally(store, number);
    auto tombstone_all = [&](const char* kind, const std::string& select) {
      SQLite::Statement st(db, select);
      st.bind(1, number);
      std::vector<std::string> ids;
      while (st.executeStep()) ids.push_back(st.getColumn(0).getString());
      for (const auto& id : ids) add_tombstone(store, id, kind);
    };
    tombstone_all("favor", "SELECT id FROM favor WHERE ally = ?");
    tombstone_all("introduction", "SELECT id FROM introduction WHERE a = ?1 OR b = ?1");
    tombstone_all("date", "SELECT id FROM important_date WHERE ally = ?");
    // Conversations with nobody else go too; shared ones stay with the others.
    const char* solo = "SELECT interaction FROM interaction_ally ia WHERE ally = ?1 AND NOT EXISTS "
                       "(SELECT 1 FROM interaction_ally o WHERE o.interaction = ia.interaction "
                       "AND o.ally <> ?1)";
    tombstone_all("interaction",
                  fmt::format("SELECT id FROM interaction WHERE num IN ({})", solo));
    SQLite::Statement drop_solo(db, fmt::format("DELETE FROM interaction WHERE num IN ({})", solo));
    drop_solo.bind(1, number);
    drop_solo.exec();
    add_tombstone(store, a.meta.id, "ally");
    SQLite::Statement del(db, "DELETE FROM ally WHERE num = ?");
    del.bind(1, number);
    del.exec();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::string ally_value_key(const char* field, const std::string& value) {
  std::string_view f(field);
  if (f == "nick") return name_keys(value).full;
  if (f == "uid") return trim(value); // a card's identity, compared as written
  if (f == "link") return link_key(value);
  return fold(trim(value));
}

void save_ally_lists(Store& store, const Ally& ally) { save_lists(store, ally); }

} // namespace ally
