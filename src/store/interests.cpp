// Topics of common ground and who shares them.
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>

#include "ally/interests.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
std::string topic_key(const std::string& name) {
  std::string key;
  for (const auto& word : split_list(fold(name), ' ')) {
    if (!key.empty()) key += ' ';
    key += word;
  }
  return key;
}

namespace {

Interest read_interest(SQLite::Statement& st) {
  Interest i;
  i.meta.number = st.getColumn(0).getInt64();
  i.meta.id = st.getColumn(1).getString();
  i.meta.created_at = st.getColumn(2).getString();
  i.meta.updated_at = st.getColumn(3).getString();
  i.name = st.getColumn(4).getString();
  i.ally_count = st.getColumn(5).getInt();
  return i;
}

constexpr const char* k_interest_select =
    "SELECT i.num, i.id, i.created_at, i.updated_at, i.name, "
    "(SELECT count(*) FROM ally_interest ai JOIN ally a ON a.num = ai.ally "
    " WHERE ai.interest = i.num AND a.archived = 0) FROM interest i";

} // namespace

std::int64_t topic_for(SQLite::Database& db, const std::string& name, const std::string& now) {
  std::string key = topic_key(name);
  SQLite::Statement find(db, "SELECT num FROM interest WHERE key = ?");
  find.bind(1, key);
  if (find.executeStep()) return find.getColumn(0).getInt64();
  SQLite::Statement add(db, "INSERT INTO interest(id, created_at, updated_at, name, key) "
                            "VALUES (?, ?, ?, ?, ?)");
  add.bind(1, new_uuid());
  add.bind(2, now);
  add.bind(3, now);
  add.bind(4, trim(name));
  add.bind(5, key);
  add.exec();
  return db.getLastInsertRowid();
}

std::vector<std::string> interests_of(Store& store, std::int64_t ally) {
  auto& st = prepared(store, "SELECT i.name FROM ally_interest ai JOIN interest i "
                           "ON i.num = ai.interest WHERE ai.ally = ? ORDER BY i.key");
  st.bind(1, ally);
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

void set_ally_interests(Store& store, std::int64_t ally,
                        const std::vector<std::string>& topics, const std::string& now) {
  auto& db = db_of(store);
  std::vector<std::int64_t> wanted;
  for (const auto& t : topics) {
    if (topic_key(t).empty()) continue;
    wanted.push_back(topic_for(db, t, now));
  }
  auto& have = prepared(store, "SELECT interest FROM ally_interest WHERE ally = ?");
  have.bind(1, ally);
  std::vector<std::int64_t> existing;
  while (have.executeStep()) existing.push_back(have.getColumn(0).getInt64());
  for (auto topic : existing) {
    if (std::find(wanted.begin(), wanted.end(), topic) != wanted.end()) continue;
    SQLite::Statement del(db, "DELETE FROM ally_interest WHERE ally = ? AND interest = ?");
    del.bind(1, ally);
    del.bind(2, topic);
    del.exec();
  }
  for (auto topic : wanted) {
    SQLite::Statement add(db, "INSERT OR IGNORE INTO ally_interest(ally, interest) VALUES (?, ?)");
    add.bind(1, ally);
    add.bind(2, topic);
    add.exec();
  }
}

std::vector<Interest> list_interests(Store& store) {
  try {
    SQLite::Statement st(db_of(store), std::string(k_interest_select) + " ORDER BY 6 DESC, i.key");
    std::vector<Interest> out;
    while (st.executeStep()) {
      auto i = read_interest(st);
      if (i.ally_count > 0) out.push_back(std::move(i));
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::optional<Interest> find_interest(Store& store, const std::string& name) {
  try {
    SQLite::Statement st(db_of(store), std::string(k_interest_select) + " WHERE i.key = ?");
    st.bind(1, topic_key(name));
    if (!st.executeStep()) return std::nullopt;
    return read_interest(st);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<NameMatch> allies_sharing(Store& store, const Interest& topic) {
  try {
    SQLite::Statement st(db_of(store),
                         "SELECT a.num, a.name, a.archived FROM ally_interest ai JOIN ally a "
                         "ON a.num = ai.ally WHERE ai.interest = ? AND a.archived = 0 "
                         "ORDER BY a.name_key, a.num");
    st.bind(1, topic.meta.number);
    std::vector<NameMatch> out;
    while (st.executeStep()) {
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), false});
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
