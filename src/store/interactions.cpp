// Logged conversations, the allies present, the topics touched, and the timeline.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/interactions.hpp"
#include "ally/introductions.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr const char* k_interaction_columns =
    "i.num, i.id, i.created_at, i.updated_at, i.date, i.kind, i.note, i.follow_up, "
    "i.follow_up_done";

const std::string k_intro_kind = "intro";

void check_kind(const std::string& kind) {
  const auto& kinds = interaction_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
    return;
  std::string list;
  for (const auto& k : kinds)
    list += (list.empty() ? "" : ", ") + k;
  throw UsageError(fmt::format("unknown kind '{}': use one of {}", kind, list));
}

// The row's own columns; allies and interests are loaded by load_links.
Interaction read_interaction(SQLite::Statement& st) {
  Interaction i;
  i.meta.number = st.getColumn(0).getInt64();
  i.meta.id = st.getColumn(1).getString();
  i.meta.created_at = st.getColumn(2).getString();
  i.meta.updated_at = st.getColumn(3).getString();
  i.date = column_required_date(st.getColumn(4));
  i.kind = st.getColumn(5).getString();
  i.note = st.getColumn(6).getString();
  i.follow_up = column_date(st.getColumn(7));
  i.follow_up_done = column_date(st.getColumn(8));
  return i;
}

void load_links(SQLite::Database& db, Interaction& i) {
  SQLite::Statement allies(db,
                           "SELECT ally FROM interaction_ally WHERE interaction = ? ORDER BY ally");
  allies.bind(1, i.meta.number);
  while (allies.executeStep())
    i.allies.push_back(allies.getColumn(0).getInt64());
  SQLite::Statement topics(db, "SELECT t.name FROM interaction_interest ii JOIN interest t "
                               "ON t.num = ii.interest WHERE ii.interaction = ? ORDER BY t.key");
  topics.bind(1, i.meta.number);
  while (topics.executeStep())
    i.interests.push_back(topics.getColumn(0).getString());
}

// Runs a query whose columns are k_interaction_columns and loads each row with its links.
std::vector<Interaction> read_all(SQLite::Database& db, SQLite::Statement& st) {
  std::vector<Interaction> out;
  while (st.executeStep())
    out.push_back(read_interaction(st));
  for (auto& i : out)
    load_links(db, i);
  return out;
}

// The topic goes on the conversation and on each ally present; an ally whose interests grew
// counts as edited, so sync sees the change.
void add_topic(SQLite::Database& db, std::int64_t interaction,
               const std::vector<std::int64_t>& allies, const std::string& topic,
               const std::string& now) {
  std::int64_t t = topic_for(db, topic, now);
  SQLite::Statement link(db, "INSERT OR IGNORE INTO interaction_interest(interaction, interest) "
                             "VALUES (?, ?)");
  link.bind(1, interaction);
  link.bind(2, t);
  link.exec();
  for (auto ally : allies) {
    SQLite::Statement share(db,
                            "INSERT OR IGNORE INTO ally_interest(ally, interest) VALUES (?, ?)");
    share.bind(1, ally);
    share.bind(2, t);
    if (share.exec() == 0)
      continue;
    SQLite::Statement touch(db, "UPDATE ally SET updated_at = ? WHERE num = ?");
    touch.bind(1, now);
    touch.bind(2, ally);
    touch.exec();
  }
}

class AllyNames {
public:
  explicit AllyNames(SQLite::Database& db) : m_db(db) {}
  NameMatch operator()(std::int64_t number) {
    if (auto it = m_cache.find(number); it != m_cache.end())
      return it->second;
    SQLite::Statement st(m_db, "SELECT name, archived FROM ally WHERE num = ?");
    st.bind(1, number);
    NameMatch m{number, fmt::format("#{}", number), false};
    if (st.executeStep())
      m = {number, st.getColumn(0).getString(), st.getColumn(1).getInt() != 0};
    return m_cache[number] = m;
  }

private:
  SQLite::Database& m_db;
  std::map<std::int64_t, NameMatch> m_cache;
};

} // namespace

Interaction log_interaction(Store& store, const NewInteraction& entry) {
  check_kind(entry.kind);
  std::vector<std::int64_t> allies;
  for (auto a : entry.allies) {
    if (std::find(allies.begin(), allies.end(), a) == allies.end())
      allies.push_back(a);
  }
  if (allies.empty())
    throw UsageError("a log needs at least one ally");
  auto& db = db_of(store);
  try {
    for (auto a : allies) {
      if (!find_ally(store, a))
        throw NotFound(fmt::format("no ally #{}", a));
    }
    const auto& now = store.clock().now;
    SQLite::Statement st(db,
                         "INSERT INTO interaction(id, created_at, updated_at, date, kind, note, "
                         "follow_up) VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, entry.id.empty() ? new_uuid() : entry.id);
    st.bind(2, now);
    st.bind(3, now);
    st.bind(4, format_date(entry.date));
    st.bind(5, entry.kind);
    st.bind(6, entry.note);
    bind_date(st, 7, entry.follow_up);
    st.exec();
    std::int64_t number = db.getLastInsertRowid();
    // The date is copied onto each ally's row: the triggers move their last contact from it.
    for (auto a : allies) {
      SQLite::Statement present(db, "INSERT INTO interaction_ally(interaction, ally, date) "
                                    "VALUES (?, ?, ?)");
      present.bind(1, number);
      present.bind(2, a);
      present.bind(3, format_date(entry.date));
      present.exec();
    }
    for (const auto& topic : entry.interests) {
      if (trim(topic).empty())
        continue;
      add_topic(db, number, allies, topic, now);
    }
    return get_interaction(store, number);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::optional<Interaction> find_interaction(Store& store, std::int64_t number) {
  auto& db = db_of(store);
  try {
    SQLite::Statement st(
        db, fmt::format("SELECT {} FROM interaction i WHERE i.num = ?", k_interaction_columns));
    st.bind(1, number);
    auto found = read_all(db, st);
    if (found.empty())
      return std::nullopt;
    return found.front();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Interaction get_interaction(Store& store, std::int64_t number) {
  auto found = find_interaction(store, number);
  if (!found) {
    throw NotFound(fmt::format("no log #{}", number), "'ally timeline' lists what was logged");
  }
  return *found;
}

Interaction update_interaction(Store& store, std::int64_t number, const InteractionChange& change) {
  auto current = get_interaction(store, number);
  if (change.kind)
    check_kind(*change.kind);
  try {
    SQLite::Statement st(db_of(store), "UPDATE interaction SET note = ?, date = ?, kind = ?, "
                                       "updated_at = ? WHERE num = ?");
    st.bind(1, change.note.value_or(current.note));
    st.bind(2, format_date(change.date.value_or(current.date)));
    st.bind(3, change.kind.value_or(current.kind));
    st.bind(4, store.clock().now);
    st.bind(5, number);
    st.exec();
    return get_interaction(store, number);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Interaction remove_interaction(Store& store, std::int64_t number) {
  auto current = get_interaction(store, number);
  auto& db = db_of(store);
  try {
    add_tombstone(store, current.meta.id, "interaction");
    // The links go first and explicitly, so the last-contact triggers and the undo journal see
    // each row leave.
    for (const char* sql : {"DELETE FROM interaction_ally WHERE interaction = ?",
                            "DELETE FROM interaction_interest WHERE interaction = ?",
                            "DELETE FROM interaction WHERE num = ?"}) {
      SQLite::Statement st(db, sql);
      st.bind(1, number);
      st.exec();
    }
    return current;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Interaction close_follow_up(Store& store, std::int64_t number, Date day) {
  auto current = get_interaction(store, number);
  if (!current.follow_up)
    throw Conflict(fmt::format("log #{} has no follow-up", number));
  if (current.follow_up_done) {
    throw Conflict(fmt::format("the follow-up of log #{} was already done on {}", number,
                               format_date(*current.follow_up_done)));
  }
  try {
    SQLite::Statement st(db_of(store), "UPDATE interaction SET follow_up_done = ?, updated_at = ? "
                                       "WHERE num = ?");
    st.bind(1, format_date(day));
    st.bind(2, store.clock().now);
    st.bind(3, number);
    st.exec();
    return get_interaction(store, number);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<Interaction> open_follow_ups(Store& store, std::optional<std::int64_t> ally) {
  auto& db = db_of(store);
  try {
    // One ally's from the index of open follow-ups by ally (a copy the triggers keep on each
    // link: an ally's whole history can be 10,000 conversations); everyone's from the partial
    // index of open follow-ups, a few hundred.
    std::string sql =
        ally ? fmt::format("SELECT {} FROM interaction_ally ia INDEXED BY "
                           "interaction_ally_open_follow_up JOIN interaction i ON i.num = "
                           "ia.interaction WHERE ia.ally = :ally AND ia.follow_up IS NOT NULL",
                           k_interaction_columns)
             : fmt::format("SELECT {} FROM interaction i INDEXED BY "
                           "interaction_open_follow_up WHERE i.follow_up IS NOT NULL AND "
                           "i.follow_up_done IS NULL",
                           k_interaction_columns);
    sql += " ORDER BY i.follow_up, i.num";
    SQLite::Statement st(db, sql);
    if (ally)
      st.bind(":ally", *ally);
    return read_all(db, st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<Interaction> recent_interactions(Store& store, std::int64_t ally, std::size_t limit) {
  auto& db = db_of(store);
  try {
    SQLite::Statement st(db, fmt::format("SELECT {} FROM interaction_ally ia JOIN interaction i ON "
                                         "i.num = ia.interaction WHERE ia.ally = ? ORDER BY "
                                         "ia.date DESC, i.created_at DESC, i.num DESC LIMIT ?",
                                         k_interaction_columns));
    st.bind(1, ally);
    st.bind(2, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
    return read_all(db, st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<std::int64_t> calendar_allies_on(Store& store, Date day) {
  try {
    SQLite::Statement st(db_of(store),
                         "SELECT ia.ally FROM interaction i JOIN interaction_ally ia ON "
                         "ia.interaction = i.num JOIN ally a ON a.num = ia.ally WHERE i.date = ? "
                         "AND i.source_uid IS NOT NULL AND a.archived = 0 "
                         "ORDER BY i.num, ia.ally");
    st.bind(1, format_date(day));
    std::vector<std::int64_t> out;
    while (st.executeStep()) {
      auto ally = st.getColumn(0).getInt64();
      if (std::find(out.begin(), out.end(), ally) == out.end()) out.push_back(ally);
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

Date TimelineEntry::date() const {
  return type == Type::interaction ? interaction.date : introduction.date;
}

std::int64_t TimelineEntry::number() const {
  return type == Type::interaction ? interaction.meta.number : introduction.meta.number;
}

const std::string& TimelineEntry::kind() const {
  return type == Type::interaction ? interaction.kind : k_intro_kind;
}

const std::string& TimelineEntry::note() const {
  return type == Type::interaction ? interaction.note : introduction.note;
}

std::vector<TimelineEntry> timeline(Store& store, const TimelineQuery& query) {
  auto& db = db_of(store);
  try {
    std::string sql;
    if (query.ally) {
      sql = fmt::format("SELECT {} FROM interaction_ally ia JOIN interaction i ON i.num = "
                        "ia.interaction WHERE ia.ally = :ally AND ia.date >= :since",
                        k_interaction_columns);
    } else {
      sql =
          fmt::format("SELECT {} FROM interaction i WHERE i.date >= :since", k_interaction_columns);
    }
    // For one ally, ia.date (the copy of i.date the triggers keep) lets SQLite walk the
    // (ally, date) index newest first and stop at the limit, instead of sorting every
    // conversation with them (`show` on an ally with 10,000 of them: half its time).
    sql += query.ally ? " ORDER BY ia.date DESC, i.created_at DESC, i.num DESC"
                      : " ORDER BY i.date DESC, i.created_at DESC, i.num DESC";
    if (query.limit > 0)
      sql += " LIMIT :limit";
    SQLite::Statement st(db, sql);
    if (query.ally)
      st.bind(":ally", *query.ally);
    // Every stored date sorts after the empty string.
    st.bind(":since", query.since ? format_date(*query.since) : std::string());
    if (query.limit > 0)
      st.bind(":limit", static_cast<std::int64_t>(query.limit));

    AllyNames names(db);
    std::vector<TimelineEntry> out;
    for (auto& i : read_all(db, st)) {
      TimelineEntry e;
      for (auto a : i.allies)
        e.allies.push_back(names(a));
      e.interaction = std::move(i);
      out.push_back(std::move(e));
    }
    auto intros =
        query.ally ? intros_of(store, *query.ally) : list_introductions(store, query.since);
    for (auto& intro : intros) {
      if (query.since && intro.date < *query.since)
        continue;
      TimelineEntry e;
      e.type = TimelineEntry::Type::introduction;
      e.allies = {names(intro.a), names(intro.b)};
      e.introduction = std::move(intro);
      out.push_back(std::move(e));
    }
    auto created_at = [](const TimelineEntry& e) -> const std::string& {
      return e.type == TimelineEntry::Type::interaction ? e.interaction.meta.created_at
                                                        : e.introduction.meta.created_at;
    };
    std::stable_sort(out.begin(), out.end(), [&](const TimelineEntry& x, const TimelineEntry& y) {
      if (x.date() != y.date())
        return x.date() > y.date();
      if (created_at(x) != created_at(y))
        return created_at(x) > created_at(y);
      if (x.type != y.type)
        return x.type == TimelineEntry::Type::introduction;
      return x.number() > y.number();
    });
    if (query.limit > 0 && out.size() > query.limit)
      out.resize(query.limit);
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
