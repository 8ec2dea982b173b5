#include "render/stats_view.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "ally/text.hpp"
#include "render/records_json.hpp"

namespace ally {
namespace {

constexpr std::size_t k_default_bar_width = 40;
constexpr std::size_t k_min_bar_width = 10;

// Eighth blocks, 1/8 to 7/8, then the full block.
constexpr const char* k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr const char* k_full_block = "█";

std::string ref_text(const AllyRef& ref) { return fmt::format("{} (#{})", ref.name, ref.number); }

nlohmann::json ref_json(const AllyRef& ref) {
  return {{"number", ref.number}, {"id", ref.id}, {"name", ref.name}};
}

std::string times(int n) { return fmt::format("{}×", n); }

// A sentence wrapped at word boundaries to the terminal's `columns` (0: one line), each line
// after `indent`.
void prose(std::ostream& out, std::size_t indent, const std::string& text, std::size_t columns) {
  const std::size_t room = columns > indent + 20 ? columns - indent : 0;
  for (const auto& line : wrap_to_width(text, room)) out << std::string(indent, ' ') << line << '\n';
}

// A group's bars: the first `k_stats_top` values, then one line for the rest.
void render_groups(std::ostream& out, const std::string& title, const std::string& none_label,
                   const std::vector<GroupCount>& groups, std::size_t columns,
                   const Style& style) {
  if (groups.empty()) return;
  out << style.bold(title) << '\n';
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < groups.size() && i < k_stats_top; ++i) {
    bars.push_back({groups[i].value.empty() ? none_label : groups[i].value, groups[i].count});
  }
  std::size_t label = 0;
  for (const auto& b : bars) label = std::max(label, display_width(b.label));
  render_bars(out, bars, bar_width_for(columns, label + 10), style);
  if (groups.size() > k_stats_top) {
    int rest = 0;
    for (std::size_t i = k_stats_top; i < groups.size(); ++i) rest += groups[i].count;
    out << style.dim(fmt::format("  … {} more ({} {})", groups.size() - k_stats_top, rest,
                                 rest == 1 ? "ally" : "allies"))
        << '\n';
  }
}

void render_size(std::ostream& out, const NetworkStats& s, std::size_t columns) {
  std::string line = fmt::format("Your network: {} {} · {} tracked", s.totals.active,
                                 s.totals.active == 1 ? "ally" : "allies", s.check_ins.tracked);
  if (s.totals.archived > 0) line += fmt::format(" · {} archived", s.totals.archived);
  prose(out, 0, line, columns);
}

void render_check_ins(std::ostream& out, const NetworkStats& s, std::size_t columns) {
  const auto& c = s.check_ins;
  if (c.tracked == 0) {
    prose(out, 0, "Check-ins: no one is tracked yet (give an ally a cadence: ally edit NAME --every 30d)",
          columns);
  } else {
    std::string line = fmt::format("Check-ins: {} on time · {} overdue", c.on_time, c.overdue);
    if (c.snoozed > 0) line += fmt::format(" · {} snoozed", c.snoozed);
    if (c.on_time + c.overdue > 0) {
      line += fmt::format(" ({}% on time)", static_cast<int>(std::lround(
                                                100.0 * c.on_time / (c.on_time + c.overdue))));
    }
    prose(out, 0, line, columns);
  }
  // The same count as the list `ally due` prints: check-ins, promises, follow-ups, thanks.
  if (s.due > 0) out << fmt::format("Due today: {} (see 'ally due')\n", s.due);
}

void render_favors(std::ostream& out, const NetworkStats& s, const Style& style,
                   std::size_t columns) {
  const auto& f = s.favors;
  out << style.bold("Reciprocity") << '\n';
  if (f.all_time.gave + f.all_time.got == 0) {
    prose(out, 2, "No favors recorded yet. Offer help before you need it: ally favor NAME --gave TEXT",
          columns);
    return;
  }
  out << fmt::format("  last 12 months: you gave {}, you got {}\n", f.recent.gave, f.recent.got);
  out << fmt::format("  all time:       you gave {}, you got {}\n", f.all_time.gave,
                     f.all_time.got);
  if (f.open_promises > 0) {
    out << fmt::format("  {} open {}\n", f.open_promises,
                       f.open_promises == 1 ? "promise" : "promises");
  }
  for (const auto& l : s.lopsided) {
    if (l.counts.got > l.counts.gave) {
      prose(out, 2, fmt::format("{} helped you {}, you helped {}: a chance to give back",
                                ref_text(l.ally), times(l.counts.got), times(l.counts.gave)),
            columns);
    } else {
      prose(out, 2, fmt::format("you helped {} {}, they helped {}: it's fine to ask them for something",
                                ref_text(l.ally), times(l.counts.gave), times(l.counts.got)),
            columns);
    }
  }
}

void render_activity(std::ostream& out, const NetworkStats& s, std::size_t columns,
                     const Style& style) {
  int recent = 0;
  for (const auto& m : s.months) recent += m.interactions;
  out << style.bold(fmt::format("Interactions per month ({} in the last 12 months, {} in all)",
                                recent, s.interactions_total))
      << '\n';
  std::vector<Bar> bars;
  for (const auto& m : s.months) bars.push_back({m.month, m.interactions});
  render_bars(out, bars, bar_width_for(columns, 7 + 6), style);
  if (recent == 0) {
    prose(out, 2, "Nothing logged lately. After a conversation: ally log NAME \"what you talked about\"",
          columns);
  }
}

void render_diversity(std::ostream& out, const Diversity& d, const Style& style,
                      std::size_t columns) {
  auto count = [](int n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  out << style.bold("Diversity") << '\n';
  prose(out, 2,
        count(d.orgs, "org", "orgs") + " · " + count(d.roles, "role", "roles") + " · " +
            count(d.cities, "city", "cities") + " · " +
            count(d.relationships, "relationship", "relationships") + " · " +
            count(d.circles, "circle", "circles"),
        columns);
  if (!d.hint.empty()) prose(out, 2, d.hint, columns);
}

void render_reconnect(std::ostream& out, const NetworkStats& s, const Style& style) {
  if (s.reconnect.empty()) return;
  out << style.bold("Reconnect with") << '\n';
  Table table({"#", "NAME", "LAST CONTACT"});
  for (const auto& r : s.reconnect) {
    std::string when =
        r.last_contact
            ? format_relative(*r.last_contact, s.today) +
                  (r.last_kind.empty() ? "" : " (" + r.last_kind + ")")
            : "never (added " + format_relative(r.since, s.today) + ")";
    table.add({std::to_string(r.ally.number), r.ally.name, when});
  }
  // Table has no indent of its own; its lines are indented here like the other sections'.
  std::ostringstream lines;
  table.print(lines, Style{false});
  std::istringstream in(lines.str());
  bool header = true;
  for (std::string line; std::getline(in, line); header = false) {
    out << "  " << (header ? style.dim(line) : line) << '\n';
  }
}

nlohmann::json groups_json(const std::vector<GroupCount>& groups) {
  auto out = nlohmann::json::array();
  for (const auto& g : groups) {
    out.push_back({{"name", g.value.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.value)},
                   {"count", g.count}});
  }
  return out;
}

nlohmann::json balance_json(const FavorBalance& b) { return {{"gave", b.gave}, {"got", b.got}}; }

} // namespace

std::string bar_of(double fraction, std::size_t width) {
  if (!(fraction > 0)) return "";
  fraction = std::min(fraction, 1.0);
  auto eighths = static_cast<std::size_t>(std::lround(fraction * static_cast<double>(width) * 8));
  eighths = std::max<std::size_t>(eighths, 1);
  std::string out;
  for (std::size_t i = 0; i < eighths / 8; ++i) out += k_full_block;
  return out + k_eighths[eighths % 8];
}

void render_bars(std::ostream& out, const std::vector<Bar>& bars, std::size_t width,
                 const Style& style, const std::string& indent) {
  std::size_t label_width = 0, count_width = 0;
  long most = 0;
  for (const auto& b : bars) {
    label_width = std::max(label_width, display_width(b.label));
    count_width = std::max(count_width, std::to_string(b.count).size());
    most = std::max(most, b.count);
  }
  for (const auto& b : bars) {
    double fraction = most > 0 ? static_cast<double>(b.count) / static_cast<double>(most) : 0;
    std::string bar = bar_of(fraction, width);
    out << indent << pad_right(b.label, label_width) << "  "
        << pad_left(std::to_string(b.count), count_width)
        << (bar.empty() ? "" : " " + style.cyan(bar))
        << '\n';
  }
}

std::size_t bar_width_for(std::size_t columns, std::size_t label_and_count) {
  if (columns == 0) return k_default_bar_width;
  std::size_t room = columns > label_and_count + 1 ? columns - label_and_count - 1 : 0;
  return std::clamp(room, k_min_bar_width, k_default_bar_width);
}

void render_stats(std::ostream& out, const NetworkStats& s, const Style& style,
                  std::size_t columns) {
  if (s.totals.active == 0) {
    if (s.totals.archived > 0) {
      out << fmt::format("No active allies ({} archived). Bring one back with: ally restore "
                         "NAME\n",
                         s.totals.archived);
    } else {
      out << "No allies yet. Add one with: ally add \"Rachel Green\" --circle core\n";
    }
    return;
  }
  render_size(out, s, columns);
  render_check_ins(out, s, columns);
  out << '\n';
  render_groups(out, "By circle", "(no circle)", s.by_circle, columns, style);
  render_groups(out, "By org", "(no org)", s.by_org, columns, style);
  render_groups(out, "By relationship", "(not set)", s.by_relationship, columns, style);
  out << '\n';
  render_favors(out, s, style, columns);
  out << '\n';
  render_activity(out, s, columns, style);
  out << '\n';
  render_diversity(out, s.diversity, style, columns);
  if (!s.reconnect.empty()) {
    out << '\n';
    render_reconnect(out, s, style);
  }
}

nlohmann::json stats_json(const NetworkStats& s) {
  const auto& c = s.check_ins;
  nlohmann::json share = nullptr;
  if (c.on_time + c.overdue > 0) {
    share = std::round(1000.0 * c.on_time / (c.on_time + c.overdue)) / 1000.0;
  }
  auto lopsided = nlohmann::json::array();
  for (const auto& l : s.lopsided) {
    lopsided.push_back({{"ally", ref_json(l.ally)}, {"gave", l.counts.gave},
                        {"got", l.counts.got}});
  }
  auto months = nlohmann::json::array();
  int recent = 0;
  for (const auto& m : s.months) {
    months.push_back({{"month", m.month}, {"interactions", m.interactions}});
    recent += m.interactions;
  }
  auto reconnect = nlohmann::json::array();
  for (const auto& r : s.reconnect) {
    reconnect.push_back({{"ally", ref_json(r.ally)},
                         {"last_contact", date_json(r.last_contact)},
                         {"last_kind", r.last_kind.empty() ? nlohmann::json(nullptr)
                                                           : nlohmann::json(r.last_kind)},
                         {"since", format_date(r.since)},
                         {"days_since", r.days_since}});
  }
  const auto& d = s.diversity;
  nlohmann::json dominant = nullptr;
  if (d.dominant_org) dominant = {{"name", d.dominant_org->value}, {"count", d.dominant_org->count}};
  return {
      {"today", format_date(s.today)},
      {"size",
       {{"active", s.totals.active},
        {"archived", s.totals.archived},
        {"tracked", c.tracked},
        {"untracked", s.totals.active - c.tracked}}},
      {"by_circle", groups_json(s.by_circle)},
      {"by_org", groups_json(s.by_org)},
      {"by_relationship", groups_json(s.by_relationship)},
      {"check_ins",
       {{"tracked", c.tracked},
        {"on_time", c.on_time},
        {"overdue", c.overdue},
        {"snoozed", c.snoozed},
        {"on_time_share", share}}},
      {"due", s.due},
      {"reciprocity",
       {{"since", format_date(s.favors.since)},
        {"last_12_months", balance_json(s.favors.recent)},
        {"all_time", balance_json(s.favors.all_time)},
        {"open_promises", s.favors.open_promises},
        {"lopsided", lopsided}}},
      {"activity",
       {{"months", months}, {"last_12_months", recent}, {"all_time", s.interactions_total}}},
      {"diversity",
       {{"orgs", d.orgs},
        {"roles", d.roles},
        {"cities", d.cities},
        {"relationships", d.relationships},
        {"circles", d.circles},
        {"dominant_org", dominant},
        {"hint", d.hint.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.hint)}}},
      {"reconnect", reconnect},
  };
}

} // namespace ally
