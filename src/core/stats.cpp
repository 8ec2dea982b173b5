// `ally stats`: the network at a glance, assembled from the store's aggregates plus the same
// check-in rules `list`, `show` and `due` use.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "ally/due.hpp"
#include "ally/insights.hpp"
#include "ally/profile.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"

namespace ally {
namespace {

constexpr int k_months_shown = 12;

AllyRef ref_of(const Ally& a) { return {a.meta.number, a.meta.id, a.name}; }

bool snoozed(const Ally& a, Date today) { return a.snoozed_until && *a.snoozed_until > today; }

int distinct_set(const std::vector<GroupCount>& groups) {
  return static_cast<int>(std::count_if(groups.begin(), groups.end(),
                                        [](const GroupCount& g) { return !g.value.empty(); }));
}

FavorBalance sum_of(const std::map<std::int64_t, FavorBalance>& balances) {
  FavorBalance total;
  for (const auto& entry : balances) {
    total.gave += entry.second.gave;
    total.got += entry.second.got;
  }
  return total;
}

} // namespace

CheckInShare check_in_share(const std::vector<Ally>& allies, const RankSettings& settings,
                            Date today) {
  CheckInShare share;
  for (const auto& a : allies) {
    if (a.archived) continue;
    auto check_in = check_in_of(a, settings);
    if (!check_in.next) continue;
    ++share.tracked;
    if (snoozed(a, today)) {
      ++share.snoozed;
    } else if (*check_in.next <= today) {
      ++share.overdue;
    } else {
      ++share.on_time;
    }
  }
  return share;
}

std::vector<Reconnect> reconnect_list(const std::vector<Ally>& allies,
                                      const RankSettings& settings, Date today,
                                      std::size_t limit) {
  std::vector<std::pair<std::string, Reconnect>> found; // folded name for the order
  for (const auto& a : allies) {
    // Untracked and snoozed allies are ones the user asked not to be reminded of; those whose
    // check-in is still ahead are in touch already.
    auto next = check_in_of(a, settings).next;
    if (a.archived || snoozed(a, today) || !next || *next > today) continue;
    Reconnect r;
    r.ally = ref_of(a);
    r.last_contact = a.last_contact;
    r.last_kind = a.last_kind;
    r.since = a.last_contact.value_or(a.added);
    r.days_since = days_between(r.since, today);
    found.emplace_back(fold(a.name), std::move(r));
  }
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return std::tie(x.second.since, x.first, x.second.ally.number) <
           std::tie(y.second.since, y.first, y.second.ally.number);
  });
  std::vector<Reconnect> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
  return out;
}

std::vector<Lopsided> lopsided_balances(const std::map<std::int64_t, FavorBalance>& balances,
                                        const std::vector<Ally>& active, std::size_t limit) {
  std::vector<std::pair<std::string, Lopsided>> found;
  for (const auto& a : active) {
    auto b = balances.find(a.meta.number);
    if (a.archived || b == balances.end()) continue;
    int more = std::max(b->second.gave, b->second.got);
    int less = std::min(b->second.gave, b->second.got);
    if (more - less >= 2 && more >= 2 * less) {
      found.emplace_back(fold(a.name), Lopsided{ref_of(a), b->second});
    }
  }
  auto gap = [](const Lopsided& l) { return std::abs(l.counts.gave - l.counts.got); };
  std::sort(found.begin(), found.end(), [&](const auto& x, const auto& y) {
    return std::make_tuple(-gap(x.second), std::cref(x.first), x.second.ally.number) <
           std::make_tuple(-gap(y.second), std::cref(y.first), y.second.ally.number);
  });
  std::vector<Lopsided> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
  return out;
}

Diversity diversity_of(const NetworkStats& stats) {
  Diversity d;
  d.orgs = distinct_set(stats.by_org);
  d.roles = distinct_set(stats.by_role);
  d.cities = distinct_set(stats.by_city);
  d.relationships = distinct_set(stats.by_relationship);
  d.circles = distinct_set(stats.by_circle);
  // A small network is too small to call lopsided; from four allies a majority in one org is.
  constexpr int k_min_allies = 4;
  int active = stats.totals.active;
  auto top = std::find_if(stats.by_org.begin(), stats.by_org.end(),
                          [](const GroupCount& g) { return !g.value.empty(); });
  if (active >= k_min_allies && top != stats.by_org.end() && top->count * 2 > active) {
    d.dominant_org = *top;
    d.hint = fmt::format("{} of your {} allies are at {}. People in other teams and companies see "
                         "what you can't: who could you get to know outside {}?",
                         top->count, active, top->value, top->value);
  }
  return d;
}

std::vector<MonthCount> fill_months(const std::vector<MonthCount>& found, Date today, int count) {
  using namespace std::chrono;
  year_month_day day{today};
  year_month current{day.year(), day.month()};
  std::vector<MonthCount> out;
  for (int back = count - 1; back >= 0; --back) {
    auto ym = current - months{back};
    auto label = fmt::format("{:04}-{:02}", static_cast<int>(ym.year()),
                             static_cast<unsigned>(ym.month()));
    auto hit = std::find_if(found.begin(), found.end(),
                            [&](const MonthCount& m) { return m.month == label; });
    out.push_back({label, hit == found.end() ? 0 : hit->interactions});
  }
  return out;
}

NetworkStats network_stats(Store& store, Date today) {
  using namespace std::chrono;
  NetworkStats s;
  s.today = today;
  s.totals = ally_totals(store);
  s.by_circle = count_by(store, AllyField::circle);
  s.by_org = count_by(store, AllyField::org);
  s.by_relationship = count_by(store, AllyField::relationship);
  s.by_role = count_by(store, AllyField::role);
  s.by_city = count_by(store, AllyField::city);

  auto settings = load_rank_settings(store);
  auto active = active_schedules(store);
  s.check_ins = check_in_share(active, settings, today);
  s.reconnect = reconnect_list(active, settings, today, k_stats_top);
  s.due = rank_due_today(store, settings, today, 0).listed;

  s.favors.since = balance_window_start(today);
  auto all_time = favor_balances(store);
  s.favors.all_time = sum_of(all_time);
  s.favors.recent = sum_of(favor_balances(store, s.favors.since));
  s.favors.open_promises = open_promise_count(store);
  s.lopsided = lopsided_balances(all_time, active, k_stats_top);

  year_month_day day{today};
  auto first_month = year_month{day.year(), day.month()} - months{k_months_shown - 1};
  Date first = sys_days{first_month / 1};
  s.months = fill_months(interactions_by_month(store, first, today), today, k_months_shown);
  s.interactions_total = interaction_total(store);

  s.diversity = diversity_of(s);
  return s;
}

} // namespace ally
