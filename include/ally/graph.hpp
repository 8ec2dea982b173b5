#pragma once
// The shape of a network: allies as nodes, linked by introductions, shared conversations and
// shared interests, for `ally graph`. Pure: built from records already loaded.
#include <cstdint>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/ranking.hpp"

namespace ally {

// How a check-in stands today, for the node's colour.
enum class Lateness { untracked, fine, soon, late };

struct GraphNode {
  std::int64_t number = 0;
  std::string name;
  std::string circle;
  Lateness lateness = Lateness::untracked;
};

// Two allies linked by what you did together: introductions and conversations with both.
struct GraphLink {
  std::int64_t a = 0; // a < b
  std::int64_t b = 0;
  int introductions = 0;
  int conversations = 0;
};

// A topic shared by two or more of the allies shown, and who shares it.
struct GraphTopic {
  std::string name;
  std::vector<std::int64_t> allies;
};

struct NetworkGraph {
  std::vector<GraphNode> nodes;   // in the order of `allies`
  std::vector<GraphLink> links;   // by (a, b)
  std::vector<GraphTopic> topics; // by name
};

// Only links and topics between the given allies are kept, so filters cut the picture down.
// A check-in within 7 days is `soon`; one past its date is `late`.
NetworkGraph build_graph(const std::vector<Ally>& allies, const std::vector<Introduction>& intros,
                         const std::vector<Interaction>& conversations,
                         const RankSettings& settings, Date today);

} // namespace ally
