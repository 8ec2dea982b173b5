#pragma once
// Everything `ally show` tells about one ally, gathered in one place, and the check-in
// schedule `list` and `show` print.
#include <optional>
#include <string>
#include <vector>

#include "ally/favors.hpp"
#include "ally/interactions.hpp"
#include "ally/model.hpp"
#include "ally/ranking.hpp"
#include "ally/store.hpp"

namespace ally {

struct CheckIn {
  int cadence_days = 0;        // effective; 0 = not tracked
  std::string cadence_source;  // "own", a circle name, or "default"
  std::optional<Date> next;    // last contact (or added) + cadence; none when not tracked
};

CheckIn check_in_of(const Ally& ally, const RankSettings& settings);

// Why `due` does not nag about checking in with an active ally today, "not tracked" or
// "snoozed until 2026-12-10", while what you owe them still comes up; empty when it does.
std::string check_in_silenced(const Ally& ally, const RankSettings& settings, Date today);

struct IntroductionView {
  Introduction introduction;
  NameMatch other; // the ally on the other side
};

struct Profile {
  Ally ally;
  CheckIn check_in;
  std::vector<ImportantDate> dates;
  FavorBalance balance_recent; // the last 12 months
  FavorBalance balance_all;
  std::vector<Favor> open_promises;
  std::vector<Favor> unthanked;
  std::vector<Interaction> open_follow_ups;
  std::vector<ToBringUp> to_bring_up; // open, oldest first
  std::vector<IntroductionView> introductions;
  std::vector<TimelineEntry> recent; // newest first
  // Whether plain `ally due` lists them today, and its reason when it does.
  bool due_today = false;
  std::string due_reason;
};

// How many timeline entries `show` includes.
inline constexpr std::size_t k_profile_recent = 10;

// Gathers the profile of the ally with this number; throws NotFound.
Profile load_profile(Store& store, std::int64_t number, Date today);

} // namespace ally
