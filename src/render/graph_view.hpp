#pragma once
// `ally graph` output: Graphviz DOT, and the same graph as JSON.
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "ally/graph.hpp"

namespace ally {

// Circles become clusters; node colour says how the check-in stands; introductions are bold
// lines, shared conversations plain ones (thicker the more there were), topics dashed.
void render_dot(std::ostream& out, const NetworkGraph& graph);

nlohmann::json graph_json(const NetworkGraph& graph);

} // namespace ally
