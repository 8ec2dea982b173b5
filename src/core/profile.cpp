#include "ally/profile.hpp"

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/due.hpp"
#include "ally/introductions.hpp"
#include "ally/settings.hpp"
#include "ally/to_bring_up.hpp"

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

std::string check_in_silenced(const Ally& ally, const RankSettings& settings, Date today) {
  if (ally.archived) return {};
  if (ally.snoozed_until && *ally.snoozed_until > today) {
    return (ally.snooze_all ? "snoozed --all until " : "snoozed until ") +
           format_date(*ally.snoozed_until);
  }
  if (effective_cadence(ally.cadence, ally.circle, settings) <= 0) return "not tracked";
  return {};
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
  p.to_bring_up = open_to_bring_up(store, number);
  {
    // The row `ally due` would show for them, so "due" reads the same in both.
    auto settings = load_rank_settings(store);
    if (auto input = load_rank_input(store, settings, today, number)) {
      RankOptions options;
      options.today = today;
      auto row = explain_one(*input, settings, options);
      p.due_today = row.listed_by_term;
      if (p.due_today) p.due_reason = row.reason;
    }
  }
  for (const auto& intro : intros_of(store, number)) {
    auto other = get_ally(store, intro.a == number ? intro.b : intro.a);
    p.introductions.push_back({intro, {other.meta.number, other.name, other.archived}});
  }
  p.recent = timeline(store, {number, std::nullopt, k_profile_recent});
  return p;
}

} // namespace ally
