// Aggregate queries for `ally suggest` and `ally stats`: a handful of statements per command,
// whatever the size of the network.
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>

#include "ally/insights.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

const char* column_of(AllyField field) {
  switch (field) {
  case AllyField::circle: return "circle";
  case AllyField::org: return "org";
  case AllyField::relationship: return "relationship";
  case AllyField::role: return "role";
  case AllyField::city: return "city";
  }
  return "circle";
}

} // namespace

std::vector<SuggestAlly> suggest_allies(Store& store) {
  auto& db = db_of(store);
  try {
    std::vector<SuggestAlly> allies;
    std::map<std::int64_t, std::size_t> index;
    SQLite::Statement st(db, R"sql(
      SELECT num, id, name, org, last_contact, last_kind,
        EXISTS (SELECT 1 FROM introduction WHERE a = ally.num)
          OR EXISTS (SELECT 1 FROM introduction WHERE b = ally.num)
      FROM ally WHERE archived = 0 ORDER BY num)sql");
    while (st.executeStep()) {
      SuggestAlly a;
      a.number = st.getColumn(0).getInt64();
      a.id = st.getColumn(1).getString();
      a.name = st.getColumn(2).getString();
      a.org = st.getColumn(3).getString();
      a.last_contact = column_date(st.getColumn(4));
      a.last_kind = st.getColumn(5).getString();
      a.introduced_any = st.getColumn(6).getInt() != 0;
      index.emplace(a.number, allies.size());
      allies.push_back(std::move(a));
    }
    SQLite::Statement topics(db, R"sql(
      SELECT ai.ally, i.name FROM ally_interest ai
        JOIN interest i ON i.num = ai.interest JOIN ally a ON a.num = ai.ally
      WHERE a.archived = 0 ORDER BY ai.ally, i.key)sql");
    while (topics.executeStep()) {
      auto found = index.find(topics.getColumn(0).getInt64());
      if (found != index.end()) allies[found->second].interests.push_back(topics.getColumn(1).getString());
    }
    SQLite::Statement knows(db, R"sql(
      SELECT v.ally, v.value FROM ally_value v JOIN ally a ON a.num = v.ally
      WHERE v.field = 'knows' AND a.archived = 0 ORDER BY v.ally, v.pos)sql");
    while (knows.executeStep()) {
      auto found = index.find(knows.getColumn(0).getInt64());
      if (found != index.end()) allies[found->second].expertise.push_back(knows.getColumn(1).getString());
    }
    return allies;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

IntroducedPairs introduced_pairs(Store& store) {
  try {
    SQLite::Statement st(db_of(store), "SELECT min(a, b), max(a, b) FROM introduction");
    IntroducedPairs pairs;
    while (st.executeStep()) pairs.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
    return pairs;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

IntroducedPairs met_pairs(Store& store) {
  try {
    // The conversations with more than one ally first (a scan of the key, no lookups), then
    // the pairs within each.
    SQLite::Statement st(db_of(store), R"sql(
      WITH shared(interaction) AS (
        SELECT interaction FROM interaction_ally GROUP BY interaction HAVING count(*) > 1)
      SELECT DISTINCT x.ally, y.ally FROM shared
      JOIN interaction_ally x ON x.interaction = shared.interaction
      JOIN interaction_ally y ON y.interaction = shared.interaction AND y.ally > x.ally)sql");
    IntroducedPairs pairs;
    while (st.executeStep()) pairs.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
    return pairs;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<GroupCount> count_by(Store& store, AllyField field) {
  try {
    // SQL groups exact spellings; folding them together ("ACME", "Acme", "Açme") happens here,
    // over one row per spelling rather than one per ally.
    SQLite::Statement st(db_of(store),
                         std::string("SELECT trim(") + column_of(field) + "), count(*) FROM ally "
                         "WHERE archived = 0 GROUP BY 1");
    struct Group {
      GroupCount shown;
      int best_spelling = 0; // allies using the shown spelling
    };
    std::map<std::string, Group> groups;
    while (st.executeStep()) {
      std::string spelling = st.getColumn(0).getString();
      int count = st.getColumn(1).getInt();
      auto& g = groups[fold(spelling)];
      bool better = count > g.best_spelling ||
                    (count == g.best_spelling && spelling < g.shown.value);
      if (g.shown.count == 0 || better) {
        g.shown.value = spelling;
        g.best_spelling = count;
      }
      g.shown.count += count;
    }
    std::vector<GroupCount> out;
    out.reserve(groups.size());
    for (auto& entry : groups) out.push_back(std::move(entry.second.shown));
    // Groups arrive ordered by folded value; "not set" only goes last among equal counts.
    std::stable_sort(out.begin(), out.end(), [](const GroupCount& x, const GroupCount& y) {
      if (x.count != y.count) return x.count > y.count;
      return !x.value.empty() && y.value.empty();
    });
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

AllyTotals ally_totals(Store& store) {
  try {
    SQLite::Statement st(db_of(store), "SELECT coalesce(sum(archived = 0), 0), "
                                       "coalesce(sum(archived <> 0), 0) FROM ally");
    AllyTotals totals;
    if (st.executeStep()) {
      totals.active = st.getColumn(0).getInt();
      totals.archived = st.getColumn(1).getInt();
    }
    return totals;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<Ally> active_schedules(Store& store) {
  try {
    SQLite::Statement st(db_of(store), R"sql(
      SELECT num, id, name, org, circle, cadence_mode, cadence_days, added_on, last_contact,
        last_kind, snoozed_until
      FROM ally WHERE archived = 0 ORDER BY num)sql");
    std::vector<Ally> out;
    while (st.executeStep()) {
      Ally a;
      a.meta.number = st.getColumn(0).getInt64();
      a.meta.id = st.getColumn(1).getString();
      a.name = st.getColumn(2).getString();
      a.org = st.getColumn(3).getString();
      a.circle = st.getColumn(4).getString();
      std::string mode = st.getColumn(5).getString();
      if (mode == "days") {
        a.cadence = {Cadence::Mode::days, st.getColumn(6).getInt()};
      } else if (mode == "none") {
        a.cadence = {Cadence::Mode::untracked, 0};
      }
      a.added = column_required_date(st.getColumn(7));
      a.last_contact = column_date(st.getColumn(8));
      a.last_kind = st.getColumn(9).getString();
      a.snoozed_until = column_date(st.getColumn(10));
      out.push_back(std::move(a));
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

int open_promise_count(Store& store) {
  try {
    // The same condition as the favor_open_promise partial index, so only open rows are read.
    return db_of(store)
        .execAndGet("SELECT count(*) FROM favor WHERE direction = 'gave' AND due IS NOT NULL "
                    "AND done IS NULL")
        .getInt();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

std::vector<MonthCount> interactions_by_month(Store& store, Date first, Date last) {
  try {
    SQLite::Statement st(db_of(store), "SELECT substr(date, 1, 7), count(*) FROM interaction "
                                       "WHERE date >= ? AND date <= ? GROUP BY 1 ORDER BY 1");
    st.bind(1, format_date(first));
    st.bind(2, format_date(last));
    std::vector<MonthCount> out;
    while (st.executeStep()) out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt()});
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

int interaction_total(Store& store) {
  try {
    return db_of(store).execAndGet("SELECT count(*) FROM interaction").getInt();
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
