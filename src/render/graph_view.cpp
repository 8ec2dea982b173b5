#include "render/graph_view.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include <fmt/format.h>

namespace ally {
namespace {

// A DOT string literal: quotes and backslashes escaped, line breaks as spaces.
std::string dot_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + '"';
}

const char* fill_of(Lateness lateness) {
  switch (lateness) {
  case Lateness::late:
    return "#f4a6a6";
  case Lateness::soon:
    return "#f9e79f";
  case Lateness::fine:
    return "#b7e4c7";
  case Lateness::untracked:
    break;
  }
  return "#e5e5e5";
}

const char* lateness_name(Lateness lateness) {
  switch (lateness) {
  case Lateness::late:
    return "late";
  case Lateness::soon:
    return "soon";
  case Lateness::fine:
    return "fine";
  case Lateness::untracked:
    break;
  }
  return "untracked";
}

std::string node_line(const GraphNode& node) {
  // DOT draws "\n" inside a label as a line break.
  std::string label = dot_string(node.name);
  label.insert(label.size() - 1, "\\n#" + std::to_string(node.number));
  return fmt::format("a{} [label={}, fillcolor=\"{}\"];", node.number, label,
                     fill_of(node.lateness));
}

} // namespace

void render_dot(std::ostream& out, const NetworkGraph& graph) {
  out << "graph ally {\n"
         "  graph [overlap=false, splines=true, fontname=\"sans-serif\", label=\"Your network "
         "(red: check-in late, yellow: due within a week, green: fine, grey: not tracked)\", "
         "labelloc=t];\n"
         "  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n"
         "  edge [fontname=\"sans-serif\", fontsize=9];\n";
  std::map<std::string, std::vector<const GraphNode*>> circles;
  for (const auto& node : graph.nodes)
    circles[node.circle].push_back(&node);
  int cluster = 0;
  for (const auto& [circle, nodes] : circles) {
    std::string indent = "  ";
    if (!circle.empty()) {
      out << fmt::format(
          "  subgraph cluster_{} {{\n    label={}; style=dashed; color=\"#999999\";\n", cluster++,
          dot_string(circle));
      indent = "    ";
    }
    for (const auto* node : nodes)
      out << indent << node_line(*node) << '\n';
    if (!circle.empty())
      out << "  }\n";
  }
  for (const auto& link : graph.links) {
    std::vector<std::string> words;
    if (link.introductions)
      words.push_back(link.introductions == 1 ? "introduced"
                                              : fmt::format("introduced ×{}", link.introductions));
    if (link.conversations)
      words.push_back(link.conversations == 1 ? "1 talk"
                                              : fmt::format("{} talks", link.conversations));
    std::string label;
    for (const auto& w : words)
      label += (label.empty() ? "" : ", ") + w;
    int pen = std::min(1 + link.conversations, 5) + (link.introductions ? 1 : 0);
    out << fmt::format("  a{} -- a{} [label={}, penwidth={}{}];\n", link.a, link.b,
                       dot_string(label), pen, link.introductions ? ", color=\"#1f5fa8\"" : "");
  }
  for (std::size_t i = 0; i < graph.topics.size(); ++i) {
    const auto& topic = graph.topics[i];
    out << fmt::format("  t{} [label={}, shape=ellipse, style=filled, fillcolor=\"#ffffff\", "
                       "fontsize=10];\n",
                       i, dot_string(topic.name));
    for (auto number : topic.allies) {
      out << fmt::format("  t{} -- a{} [style=dashed, color=\"#888888\"];\n", i, number);
    }
  }
  out << "}\n";
}

nlohmann::json graph_json(const NetworkGraph& graph) {
  auto nodes = nlohmann::json::array();
  for (const auto& n : graph.nodes) {
    nodes.push_back({{"number", n.number},
                     {"name", n.name},
                     {"circle", n.circle},
                     {"check_in", lateness_name(n.lateness)}});
  }
  auto links = nlohmann::json::array();
  for (const auto& l : graph.links) {
    links.push_back({{"a", l.a},
                     {"b", l.b},
                     {"introductions", l.introductions},
                     {"conversations", l.conversations}});
  }
  auto topics = nlohmann::json::array();
  for (const auto& t : graph.topics)
    topics.push_back({{"topic", t.name}, {"allies", t.allies}});
  return {{"allies", nodes}, {"links", links}, {"topics", topics}};
}

} // namespace ally
