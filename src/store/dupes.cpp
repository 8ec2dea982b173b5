// Likely duplicates: one query per kind of evidence, each a self-join on an index
// (ally.name_key, ally_value's (field, key)), so a store of 10,000 allies answers at once.
#include "ally/dupes.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <utility>

#include "ally/error.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

using Pair = std::pair<std::int64_t, std::int64_t>;

struct Found {
  std::map<Pair, LikelyDuplicate> pairs;

  void add(SQLite::Statement& st, const char* kind) {
    while (st.executeStep()) {
      NameMatch a{st.getColumn(0).getInt64(), st.getColumn(1).getString(), false};
      NameMatch b{st.getColumn(2).getInt64(), st.getColumn(3).getString(), false};
      auto& entry = pairs[{a.number, b.number}];
      entry.first = a;
      entry.second = b;
      entry.evidence.push_back({kind, st.getColumn(4).getString()});
    }
  }
};

} // namespace

std::vector<LikelyDuplicate> likely_duplicates(Store& store) {
  try {
    auto& db = db_of(store);
    Found found;
    const auto limit = static_cast<std::int64_t>(k_max_sharing);
    SQLite::Statement names(db, R"sql(
      WITH shared AS (SELECT name_key FROM ally WHERE archived = 0 AND name_key <> ''
                      GROUP BY name_key HAVING count(*) BETWEEN 2 AND ?1)
      SELECT a.num, a.name, b.num, b.name, a.name FROM shared s
      JOIN ally a ON a.name_key = s.name_key AND a.archived = 0
      JOIN ally b ON b.name_key = s.name_key AND b.archived = 0 AND b.num > a.num
      ORDER BY a.num, b.num)sql");
    names.bind(1, limit);
    found.add(names, "name");
    for (const char* field : {"email", "phone"}) {
      SQLite::Statement values(db, R"sql(
        WITH active AS (SELECT v.ally, v.key, v.value FROM ally_value v
                        JOIN ally x ON x.num = v.ally AND x.archived = 0 WHERE v.field = ?1),
             shared AS (SELECT key FROM active GROUP BY key HAVING count(*) BETWEEN 2 AND ?2)
        SELECT a.num, a.name, b.num, b.name, va.value FROM shared s
        JOIN active va ON va.key = s.key JOIN active vb ON vb.key = s.key AND vb.ally > va.ally
        JOIN ally a ON a.num = va.ally JOIN ally b ON b.num = vb.ally
        ORDER BY a.num, b.num, va.value)sql");
      values.bind(1, field);
      values.bind(2, limit);
      found.add(values, field);
    }
    std::vector<LikelyDuplicate> out;
    out.reserve(found.pairs.size());
    for (auto& [key, entry] : found.pairs) out.push_back(std::move(entry));
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
