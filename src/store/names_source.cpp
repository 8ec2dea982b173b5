// Name resolution against the store: each tier is one indexed query, so naming one ally never
// loads them all.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

class StoreNames : public NameSource {
public:
  explicit StoreNames(SQLite::Database& db) : m_db(db) {}

  std::vector<NameMatch> by_number(std::int64_t number) override {
    return query("SELECT num, name, archived FROM ally WHERE num = ?1", std::to_string(number));
  }
  std::vector<NameMatch> by_full_name(const std::string& key) override {
    return query("SELECT num, name, archived FROM ally WHERE name_key = ?1", key);
  }
  std::vector<NameMatch> by_nickname(const std::string& key) override {
    return query("SELECT a.num, a.name, a.archived FROM ally_value v JOIN ally a ON a.num = v.ally "
                 "WHERE v.field = 'nick' AND v.key = ?1",
                 key);
  }
  std::vector<NameMatch> by_first_name(const std::string& first,
                                       const std::string& last_initial) override {
    if (last_initial.empty()) {
      return query("SELECT num, name, archived FROM ally WHERE first_key = ?1", first);
    }
    return query("SELECT num, name, archived FROM ally WHERE first_key = ?1 AND last_initial = ?2",
                 first, last_initial);
  }
  std::vector<NameMatch> by_last_name(const std::string& key) override {
    // An ally whose card gave a family name is found by it, not by the last word of the name.
    return query("SELECT num, name, archived FROM ally a WHERE last_key = ?1 AND NOT EXISTS "
                 "(SELECT 1 FROM card_import c WHERE c.ally = a.num AND c.family_key IS NOT NULL) "
                 "UNION SELECT a.num, a.name, a.archived FROM card_import c JOIN ally a ON "
                 "a.num = c.ally WHERE c.family_key = ?1",
                 key);
  }
  std::vector<NameMatch> by_prefix(const std::string& key) override {
    // Byte 0xFF sorts after every UTF-8 sequence, so [key, key+0xFF) is exactly the prefix range.
    std::string upper = key + '\xFF';
    return query("SELECT num, name, archived FROM ally WHERE name_key >= ?1 AND name_key < ?2 "
                 "UNION SELECT a.num, a.name, a.archived FROM ally_value v JOIN ally a "
                 "ON a.num = v.ally WHERE v.field = 'nick' AND v.key >= ?1 AND v.key < ?2",
                 key, upper);
  }
  std::vector<NameMatch> by_value(const char* field, const std::string& key) {
    return query("SELECT a.num, a.name, a.archived FROM ally_value v JOIN ally a ON a.num = v.ally "
                 "WHERE v.field = ?1 AND v.key = ?2 ORDER BY a.num",
                 std::string(field), key);
  }
  std::vector<NameMatch> all() override {
    return query("SELECT num, name, archived FROM ally");
  }

private:
  template <class... Args> std::vector<NameMatch> query(const char* sql, const Args&... args) {
    SQLite::Statement st(m_db, sql);
    int index = 1;
    (st.bind(index++, args), ...);
    std::vector<NameMatch> out;
    while (st.executeStep()) {
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                     st.getColumn(2).getInt() != 0});
    }
    return out;
  }
  SQLite::Database& m_db;
};

std::string quoted(std::string_view who) {
  std::string shown = truncate_to_width(who, 60);
  return "'" + shown + "'";
}

} // namespace

Resolution resolve_in_store(Store& store, std::string_view who, Suggest suggest) {
  StoreNames source(db_of(store));
  try {
    return resolve_name(who, source, suggest);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<NameMatch> allies_named(Store& store, std::string_view name) {
  StoreNames source(db_of(store));
  try {
    return source.by_full_name(name_keys(name).full);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<NameMatch> allies_with_email(Store& store, const std::string& email) {
  StoreNames source(db_of(store));
  try {
    return source.by_value("email", ally_value_key("email", email));
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

NameMatch resolve_ally(Store& store, std::string_view who) {
  if (trim(who).empty()) throw UsageError("empty ally name");
  StoreNames source(db_of(store));
  Resolution r;
  try {
    r = resolve_name(who, source);
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  if (r.matches.size() == 1) {
    if (r.passed_over) {
      store.add_notice(fmt::format("{} is the nickname of {} (#{}), and the first name of {} (#{}): "
                                   "name them by number to mean them",
                                   quoted(who), r.matches.front().name, r.matches.front().number,
                                   r.passed_over->name, r.passed_over->number));
    }
    return r.matches.front();
  }
  if (r.matches.empty()) {
    std::string hint;
    if (r.suggestion) hint = fmt::format("did you mean '{}' (#{})?", r.suggestion->name, r.suggestion->number);
    std::string text = trim(who);
    if (!text.empty() && text.front() == '#') {
      throw NotFound(fmt::format("no ally {}", truncate_to_width(text, 30)), hint);
    }
    throw NotFound(fmt::format("no ally named {}", quoted(who)), hint);
  }
  std::string list;
  for (std::size_t i = 0; i < r.matches.size() && i < 10; ++i) {
    if (i) list += ", ";
    list += fmt::format("{} (#{})", r.matches[i].name, r.matches[i].number);
  }
  if (r.matches.size() > 10) list += fmt::format(" and {} more", r.matches.size() - 10);
  throw Ambiguous(fmt::format("{} matches {} allies: {}", quoted(who), r.matches.size(), list),
                  "name one by its number, e.g. '#" + std::to_string(r.matches.front().number) + "'");
}

std::vector<NameMatch> ally_names_starting(Store& store, std::string_view prefix, std::size_t limit) {
  try {
    std::string key = fold(trim(prefix));
    std::string upper = key + '\xFF';
    SQLite::Statement st(db_of(store),
                         "SELECT num, name, archived FROM ally WHERE num IN ("
                         " SELECT num FROM ally WHERE name_key >= ?1 AND name_key < ?2"
                         " UNION SELECT ally FROM ally_value WHERE field = 'nick' AND key >= ?1 AND key < ?2)"
                         " ORDER BY archived, name_key, num LIMIT ?3");
    st.bind(1, key);
    st.bind(2, upper);
    st.bind(3, static_cast<std::int64_t>(limit));
    std::vector<NameMatch> out;
    while (st.executeStep()) {
      out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                     st.getColumn(2).getInt() != 0});
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<NameMatch> resolve_ally_list(Store& store, std::string_view who) {
  if (trim(who).empty()) throw UsageError("empty ally name");
  if (who.find(',') == std::string_view::npos) {
    try {
      return {resolve_ally(store, who)};
    } catch (const NotFound& missed) {
      // "Rachel and John" is two people to a human: say how ally takes several.
      const std::string folded = fold(who);
      const std::size_t at = folded.find(" and ");
      if (at == std::string::npos || folded.size() != who.size()) throw;
      const std::string listed =
          trim(who.substr(0, at)) + "," + trim(who.substr(at + std::string_view(" and ").size()));
      throw NotFound(missed.what(), fmt::format("several allies go in one list: \"{}\"", listed));
    }
  }
  try {
    return {resolve_ally(store, who)};
  } catch (const NotFound&) {
    // Not one name: a comma-separated list.
  }
  std::vector<NameMatch> out;
  for (const auto& piece : split_list(who, ',')) {
    auto match = resolve_ally(store, piece);
    bool seen = false;
    for (const auto& m : out) seen = seen || m.number == match.number;
    if (!seen) out.push_back(match);
  }
  if (out.empty()) throw UsageError("empty ally name");
  return out;
}

} // namespace ally
