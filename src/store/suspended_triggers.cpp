#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace ally {

SuspendedTriggers::SuspendedTriggers(SQLite::Database& db, const std::vector<std::string>& globs)
    : m_db(db) {
  for (const auto& glob : globs) {
    SQLite::Statement triggers(m_db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name GLOB ? ORDER BY name");
    triggers.bind(1, glob);
    while (triggers.executeStep())
      m_triggers.emplace_back(triggers.getColumn(0).getString(), triggers.getColumn(1).getString());
  }
  for (const auto& [name, sql] : m_triggers) m_db.exec(fmt::format("DROP TRIGGER \"{}\"", name));
}

void SuspendedTriggers::restore() {
  for (const auto& [name, sql] : m_triggers) m_db.exec(sql);
  m_triggers.clear();
}

void DeferredAllySearch::finish(const std::vector<std::int64_t>& allies) {
  m_triggers.restore();
  if (allies.empty()) return;
  auto numbers = nlohmann::json(allies).dump();
  const std::string chosen = " WHERE num IN (SELECT value FROM json_each(?))";
  SQLite::Statement drop(m_db, "DELETE FROM search_ally WHERE rowid IN "
                               "(SELECT value FROM json_each(?))");
  drop.bind(1, numbers);
  drop.exec();
  SQLite::Statement fill(m_db, std::string(k_search_ally_fill) + chosen);
  fill.bind(1, numbers);
  fill.exec();
}

} // namespace ally
