#include "render/search_view.hpp"

#include <algorithm>
#include <ostream>
#include <utility>

#include <fmt/format.h>

#include "ally/text.hpp"
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
  case HitKind::to_bring_up:
    return "to_bring_up";
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
  case HitKind::to_bring_up:
    return fmt::format("to bring up #{} ({})", hit.number, hit.detail);
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

// Columns of the UTF-8 sequence starting at `pos`, and its length in bytes.
std::pair<std::size_t, std::size_t> unit_at(const std::string& text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  length = std::min(length, text.size() - pos);
  return {display_width(std::string_view(text).substr(pos, length)), length};
}

// The snippet with its stored text made visible, cut to `width` columns (0: whole) with "…";
// a match cut open is closed. Without colour the marks print as « and », one column each.
std::string fit_snippet(const std::string& snippet, std::size_t width, bool marks_take_room) {
  std::string shown;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= snippet.size(); ++i) {
    if (i == snippet.size() || snippet[i] == k_match_open || snippet[i] == k_match_close) {
      shown += visible(std::string_view(snippet).substr(start, i - start), Breaks::space);
      if (i < snippet.size()) shown += snippet[i];
      start = i + 1;
    }
  }
  const auto columns = [&](const std::string& text) {
    std::size_t total = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      if (text[pos] == k_match_open || text[pos] == k_match_close) {
        total += marks_take_room ? 1 : 0;
        ++pos;
        continue;
      }
      auto [w, length] = unit_at(text, pos);
      total += w;
      pos += length;
    }
    return total;
  };
  if (width == 0 || columns(shown) <= width) return shown;
  // Room for the ellipsis, and for a closing mark.
  const std::size_t budget = width > 2 ? width - (marks_take_room ? 2 : 1) : 0;
  std::string cut;
  std::size_t used = 0;
  bool open = false;
  for (std::size_t pos = 0; pos < shown.size();) {
    if (shown[pos] == k_match_open || shown[pos] == k_match_close) {
      if (marks_take_room && used + 1 > budget) break;
      open = shown[pos] == k_match_open;
      used += marks_take_room ? 1 : 0;
      cut += shown[pos++];
      continue;
    }
    auto [w, length] = unit_at(shown, pos);
    if (used + w > budget) break;
    cut.append(shown, pos, length);
    used += w;
    pos += length;
  }
  if (open) cut += k_match_close;
  return cut + "…";
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
                   const Style& style, std::size_t width) {
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
      std::string lead = fmt::format("  {:<10}  {}: ", when, hit_label(hit));
      const std::size_t fixed = display_width(lead);
      const std::size_t room = width == 0 ? 0 : width > fixed + 16 ? width - fixed : 16;
      out << lead << render_snippet(fit_snippet(hit.snippet, room, !style.color), style) << '\n';
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
