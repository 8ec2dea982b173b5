#include "ally/profile.hpp"

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/introductions.hpp"
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

Profile load_profile(Store& store, std::int64_t number, Date today) {
  Profile p;
  p.ally = get_ally(store, number);
  p.check_in = check_in_of(p.ally, load_rank_settings(store));
  p.dates = dates_of(store, number);
  p.balance_recent = favor_balance(store, number, balance_window_start(today));
  p.balance_all = favor_balance(store, number);
  p.open_promises = open_promises(store, number);
  p.unthanked = unthanked_favors(store, number);
  p.open_follow_ups = open_follow_ups(store, number);
  for (const auto& intro : intros_of(store, number)) {
    auto other = get_ally(store, intro.a == number ? intro.b : intro.a);
    p.introductions.push_back({intro, {other.meta.number, other.name, other.archived}});
  }
  p.recent = timeline(store, {number, std::nullopt, k_profile_recent});
  return p;
}

} // namespace ally
