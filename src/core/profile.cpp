#include "ally/profile.hpp"

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/settings.hpp"

namespace ally {

CheckIn check_in_of(const Ally& ally, const RankSettings& settings) {
  CheckIn c;
  c.cadence_days = effective_cadence(ally.cadence, ally.circle, settings);
  if (ally.cadence.mode == Cadence::Mode::days) {
    c.cadence_source = "own";
  } else if (settings.circle_cadence_days.count(ally.circle)) {
    c.cadence_source = ally.circle;
  } else {
    c.cadence_source = "default";
  }
  if (c.cadence_days > 0 && !ally.archived) {
    c.next = ally.last_contact.value_or(ally.added) + std::chrono::days{c.cadence_days};
  }
  return c;
}

Profile load_profile(Store& store, std::int64_t number) {
  Profile p;
  p.ally = get_ally(store, number);
  p.check_in = check_in_of(p.ally, load_rank_settings(store));
  p.dates = dates_of(store, number);
  return p;
}

} // namespace ally
