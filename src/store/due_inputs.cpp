// Gathering the ranking's inputs. Open promises, open follow-ups and unthanked favors come from
// partial indexes that hold only what is open; last contact is kept on the ally row. Nothing here
// scans the interaction log.
#include <SQLiteCpp/SQLiteCpp.h>

#include <string_view>
#include <unordered_map>

#include "ally/due.hpp"
#include "store/database.hpp"

namespace ally {

std::vector<RankInput> load_rank_inputs(Store& store, const RankSettings& settings, Date today) {
  auto& db = db_of(store);
  std::vector<RankInput> inputs;
  std::unordered_map<std::int64_t, std::size_t> index;
  try {
    // Sized once: growing a vector of 10,000 inputs by doubling held two copies at its peak,
    // a third of `due`'s memory. Counting every ally reads only the smallest index.
    inputs.reserve(static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM ally").getInt64()));
    index.reserve(inputs.capacity());
    SQLite::Statement allies(db, R"sql(
      SELECT num, id, name, circle, cadence_mode, cadence_days, added_on, last_contact, last_kind,
             snoozed_until
      FROM ally WHERE archived = 0 AND cadence_mode <> 'none')sql");
    while (allies.executeStep()) {
      RankInput in;
      in.number = allies.getColumn(0).getInt64();
      in.id = allies.getColumn(1).getString();
      in.name = allies.getColumn(2).getString();
      in.circle = allies.getColumn(3).getString();
      if (std::string_view{allies.getColumn(4).getText()} == "days") {
        in.cadence = {Cadence::Mode::days, allies.getColumn(5).getInt()};
      }
      in.added = column_required_date(allies.getColumn(6));
      in.last_contact = column_date(allies.getColumn(7));
      in.last_kind = allies.getColumn(8).getString();
      in.snoozed_until = column_date(allies.getColumn(9));
      if (effective_cadence(in.cadence, in.circle, settings) <= 0) continue;
      index.emplace(in.number, inputs.size());
      inputs.push_back(std::move(in));
    }
    auto input_for = [&](std::int64_t ally) -> RankInput* {
      auto it = index.find(ally);
      return it == index.end() ? nullptr : &inputs[it->second];
    };

    SQLite::Statement promises(db, "SELECT num, ally, text, due FROM favor INDEXED BY "
                                   "favor_open_promise WHERE direction = 'gave' AND due IS NOT "
                                   "NULL AND done IS NULL");
    while (promises.executeStep()) {
      if (auto* in = input_for(promises.getColumn(1).getInt64())) {
        in->promises.push_back({promises.getColumn(0).getInt64(), promises.getColumn(2).getString(),
                                column_required_date(promises.getColumn(3))});
      }
    }
    SQLite::Statement follow_ups(db, R"sql(
      SELECT i.num, ia.ally, i.note, i.follow_up
      FROM interaction i INDEXED BY interaction_open_follow_up
      JOIN interaction_ally ia ON ia.interaction = i.num
      WHERE i.follow_up IS NOT NULL AND i.follow_up_done IS NULL)sql");
    while (follow_ups.executeStep()) {
      if (auto* in = input_for(follow_ups.getColumn(1).getInt64())) {
        in->follow_ups.push_back({follow_ups.getColumn(0).getInt64(),
                                  follow_ups.getColumn(2).getString(),
                                  column_required_date(follow_ups.getColumn(3))});
      }
    }
    SQLite::Statement unthanked(db, "SELECT num, ally, text, date FROM favor INDEXED BY "
                                    "favor_unthanked WHERE direction = 'got' AND thanked IS NULL");
    while (unthanked.executeStep()) {
      if (auto* in = input_for(unthanked.getColumn(1).getInt64())) {
        in->unthanked.push_back({unthanked.getColumn(0).getInt64(),
                                 unthanked.getColumn(2).getString(),
                                 column_required_date(unthanked.getColumn(3))});
      }
    }
    // One pass over the favor table, counted here: through favor_by_ally or favor_by_date every
    // favor of the window costs a random read of its row (for the direction) and a GROUP BY
    // sort; at 50,000 favors this was a third of `due` (profiled: 120 ms -> 30 ms cold).
    SQLite::Statement recent(db, "SELECT ally, direction = 'gave' FROM favor NOT INDEXED "
                                 "WHERE date >= ?");
    recent.bind(1, format_date(today - std::chrono::days{settings.reciprocity_window_days}));
    while (recent.executeStep()) {
      if (auto* in = input_for(recent.getColumn(0).getInt64())) {
        ++(recent.getColumn(1).getInt() ? in->gave_recent : in->got_recent);
      }
    }
    SQLite::Statement dates(db, "SELECT ally, label, month, day, year FROM important_date "
                                "WHERE yearly = 1");
    while (dates.executeStep()) {
      if (auto* in = input_for(dates.getColumn(0).getInt64())) {
        YearlessDate d;
        d.month = static_cast<unsigned>(dates.getColumn(2).getInt());
        d.day = static_cast<unsigned>(dates.getColumn(3).getInt());
        if (!dates.getColumn(4).isNull()) d.year = dates.getColumn(4).getInt();
        in->dates.push_back({dates.getColumn(1).getString(), d});
      }
    }
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return inputs;
}

} // namespace ally
