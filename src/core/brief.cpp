// What `ally brief` gathers: the profile, plus the last conversations whole, what you did for
// them lately, the dates coming up, who they could meet, and starters when nothing is noted.
#include "ally/brief.hpp"

#include <algorithm>

#include "ally/favors.hpp"
#include "ally/insights.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"

namespace ally {
namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& item : split_list(text, ',')) {
    if (!trim(item).empty()) out.push_back(trim(item));
  }
  return out;
}

// Pairs with this ally among those sharing a topic with them: the few it could be, not the
// whole network's pairs.
void introductions_for(Store& store, Brief& brief) {
  const Ally& me = brief.profile.ally;
  if (me.interests.empty() && me.expertise.empty()) return;
  auto everyone = suggest_allies(store);
  std::vector<std::string> keys;
  for (const auto& t : me.interests) keys.push_back(topic_key_of(t));
  for (const auto& t : me.expertise) keys.push_back(topic_key_of(t));
  std::vector<SuggestAlly> near;
  for (auto& a : everyone) {
    bool linked = a.number == me.meta.number;
    for (const auto* list : {&a.interests, &a.expertise}) {
      for (const auto& t : *list) {
        linked = linked || std::find(keys.begin(), keys.end(), topic_key_of(t)) != keys.end();
      }
    }
    // An expertise may teach an interest in other words: let suggest decide for those.
    if (!linked) {
      for (const auto& t : a.expertise) {
        for (const auto& mine : me.interests) linked = linked || topic_fit(mine, t) != TopicFit::none;
      }
    }
    if (linked) near.push_back(std::move(a));
  }
  auto found = suggest_introductions(near, introduced_pairs(store), met_pairs(store));
  constexpr std::size_t k_shown = 2;
  for (auto& row : found.rows) {
    if (row.a != me.meta.number && row.b != me.meta.number) continue;
    std::int64_t other = row.a == me.meta.number ? row.b : row.a;
    auto it = std::find_if(near.begin(), near.end(), [&](const SuggestAlly& a) { return a.number == other; });
    brief.could_meet.push_back({other, it == near.end() ? std::string() : it->name, false});
    brief.could_introduce.push_back(std::move(row));
    if (brief.could_introduce.size() == k_shown) break;
  }
}

} // namespace

Brief load_brief(Store& store, std::int64_t number, Date today) {
  Brief b;
  b.profile = load_profile(store, number, today);
  const Ally& a = b.profile.ally;
  std::vector<Interaction> recent = recent_interactions(store, number, k_starter_lookback);
  for (std::size_t i = 0; i < recent.size() && i < k_brief_conversations; ++i)
    b.last_conversations.push_back(recent[i]);
  for (const auto& f : list_favors(store, number)) {
    if (f.direction == FavorDirection::gave && !f.due && f.date >= balance_window_start(today))
      b.you_helped.push_back(f);
  }
  for (const auto& d : b.profile.dates) {
    if (!d.yearly && (!d.date.year)) continue;
    Date next = d.yearly ? next_yearly(d.date, today) : *parse_iso_date(format_yearless(d.date));
    int days = days_between(today, next);
    if (days >= 0 && days <= k_brief_date_days) b.upcoming.push_back({d, next, days});
  }
  std::sort(b.upcoming.begin(), b.upcoming.end(),
            [](const UpcomingDate& x, const UpcomingDate& y) { return x.next < y.next; });
  introductions_for(store, b);
  if (b.profile.to_bring_up.empty()) {
    StarterInput input;
    input.interests = a.interests;
    input.goals = a.goals;
    input.recent = recent;
    input.today = today;
    auto settings = stored_settings(store);
    if (auto it = settings.find("me.knows"); it != settings.end()) input.my_knows = comma_list(it->second);
    b.starters = conversation_starters(input);
  }
  b.only_a_name = a.org.empty() && a.role.empty() && a.city.empty() && a.met.empty() &&
                  a.goals.empty() && a.notes.empty() && a.interests.empty() &&
                  a.expertise.empty() && a.emails.empty() && a.phones.empty() &&
                  a.links.empty() && recent.empty() && b.profile.dates.empty() &&
                  b.profile.open_promises.empty() && b.profile.unthanked.empty() &&
                  b.profile.to_bring_up.empty() && b.profile.balance_all.gave == 0 &&
                  b.profile.balance_all.got == 0;
  return b;
}

} // namespace ally
