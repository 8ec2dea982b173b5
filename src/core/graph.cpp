#include "ally/graph.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "ally/profile.hpp"
#include "ally/text.hpp"

namespace ally {
namespace {

constexpr int k_soon_days = 7;

Lateness lateness_of(const Ally& ally, const RankSettings& settings, Date today) {
  auto check_in = check_in_of(ally, settings);
  if (!check_in.next)
    return Lateness::untracked;
  if (*check_in.next < today)
    return Lateness::late;
  if (days_between(today, *check_in.next) <= k_soon_days)
    return Lateness::soon;
  return Lateness::fine;
}

} // namespace

NetworkGraph build_graph(const std::vector<Ally>& allies, const std::vector<Introduction>& intros,
                         const std::vector<Interaction>& conversations,
                         const RankSettings& settings, Date today) {
  NetworkGraph graph;
  std::set<std::int64_t> shown;
  for (const auto& ally : allies) {
    graph.nodes.push_back(
        {ally.meta.number, ally.name, ally.circle, lateness_of(ally, settings, today)});
    shown.insert(ally.meta.number);
  }

  std::map<std::pair<std::int64_t, std::int64_t>, GraphLink> links;
  auto link = [&](std::int64_t x, std::int64_t y) -> GraphLink* {
    if (x == y || !shown.count(x) || !shown.count(y))
      return nullptr;
    auto key = std::minmax(x, y);
    auto& l = links[{key.first, key.second}];
    l.a = key.first;
    l.b = key.second;
    return &l;
  };
  for (const auto& intro : intros) {
    if (auto* l = link(intro.a, intro.b))
      ++l->introductions;
  }
  for (const auto& talk : conversations) {
    for (std::size_t i = 0; i < talk.allies.size(); ++i) {
      for (std::size_t j = i + 1; j < talk.allies.size(); ++j) {
        if (auto* l = link(talk.allies[i], talk.allies[j]))
          ++l->conversations;
      }
    }
  }
  for (auto& [key, l] : links)
    graph.links.push_back(l);

  // One node per topic rather than a link per pair: a topic twenty allies share stays twenty
  // lines, not two hundred.
  std::map<std::string, GraphTopic> topics;
  for (const auto& ally : allies) {
    for (const auto& interest : ally.interests) {
      auto& topic = topics[fold(interest)];
      if (topic.name.empty())
        topic.name = interest;
      topic.allies.push_back(ally.meta.number);
    }
  }
  for (auto& [key, topic] : topics) {
    if (topic.allies.size() >= 2)
      graph.topics.push_back(std::move(topic));
  }
  return graph;
}

} // namespace ally
