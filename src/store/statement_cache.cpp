#include "store/database.hpp"

namespace ally {

SQLite::Statement& StatementCache::operator()(const std::string& sql) {
  auto& slot = m_statements[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(m_db, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

void StatementCache::reset_all() noexcept {
  for (auto& [sql, statement] : m_statements) statement->tryReset();
}

SQLite::Statement& prepared(Store& store, const std::string& sql) {
  auto& impl = store.impl();
  if (!impl.statements) impl.statements = std::make_unique<StatementCache>(*impl.db);
  return (*impl.statements)(sql);
}

} // namespace ally
