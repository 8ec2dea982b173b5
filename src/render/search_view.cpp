#include "render/search_view.hpp"

#include <ostream>

#include <fmt/format.h>

#include "render/records_json.hpp"

namespace ally {
namespace {

const char* kind_name(HitKind kind) {
  switch (kind) {
  case HitKind::ally:
    return "ally";
  case HitKind::interaction:
    return "interaction";
  case HitKind::favor:
    return "favor";
  }
  return "ally";
}

// "notes", "coffee #3", "favor #2 (got)"
std::string hit_label(const SearchHit& hit) {
  switch (hit.kind) {
  case HitKind::ally:
    return hit.field;
  case HitKind::interaction:
    return fmt::format("{} #{}", hit.detail, hit.number);
  case HitKind::favor:
    return fmt::format("favor #{} ({})", hit.number, hit.detail);
  }
  return hit.field;
}

std::string marked(const std::string& snippet, const std::string& open, const std::string& close) {
  std::string out;
  for (char c : snippet) {
    if (c == k_match_open) {
      out += open;
    } else if (c == k_match_close) {
      out += close;
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace

std::string render_snippet(const std::string& snippet, const Style& style) {
  if (!style.color) return marked(snippet, "«", "»");
  // Colour the whole match at once so the escape codes wrap it exactly.
  std::string out;
  std::size_t i = 0;
  while (i < snippet.size()) {
    auto open = snippet.find(k_match_open, i);
    if (open == std::string::npos) {
      out += marked(snippet.substr(i), "", "");
      break;
    }
    out += snippet.substr(i, open - i);
    auto close = snippet.find(k_match_close, open + 1);
    if (close == std::string::npos) close = snippet.size();
    out += style.bold(style.yellow(snippet.substr(open + 1, close - open - 1)));
    i = close + 1;
  }
  return out;
}

void render_search(std::ostream& out, const SearchResults& results, const std::string& text,
                   const Style& style) {
  if (results.groups.empty()) {
    out << fmt::format("No matches for '{}'.\n", text);
    return;
  }
  bool first = true;
  for (const auto& group : results.groups) {
    if (!first) out << '\n';
    first = false;
    out << style.bold(fmt::format("{} (#{})", group.name, group.ally));
    if (group.archived) out << style.dim(", archived");
    out << '\n';
    for (const auto& hit : group.hits) {
      std::string when = hit.date ? format_date(*hit.date) : "profile";
      out << fmt::format("  {:<10}  {}: {}\n", when, hit_label(hit),
                         render_snippet(hit.snippet, style));
    }
  }
  if (results.shown < results.total) {
    out << fmt::format("\nShowing the best {} of {} matches; --limit {} shows them all.\n",
                       results.shown, results.total, results.total);
  }
}

nlohmann::json search_json(const SearchResults& results) {
  auto doc = nlohmann::json::array();
  Style plain{false};
  for (const auto& group : results.groups) {
    auto hits = nlohmann::json::array();
    for (const auto& hit : group.hits) {
      hits.push_back({{"kind", kind_name(hit.kind)},
                      {"number", hit.number},
                      {"date", date_json(hit.date)},
                      {"field", hit.field},
                      {"snippet", render_snippet(hit.snippet, plain)},
                      {"text", hit.text}});
    }
    doc.push_back({{"ally",
                    {{"number", group.ally},
                     {"id", group.id},
                     {"name", group.name},
                     {"archived", group.archived}}},
                   {"hits", hits}});
  }
  return doc;
}

} // namespace ally
