#include "render/due_view.hpp"

#include <ostream>

#include <fmt/format.h>

#include "ally/text.hpp"

namespace ally {
namespace {

std::string points_text(double value) { return fmt::format("{:.2f}", value); }

// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT.
std::string ics_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '\\': out += "\\\\"; break;
    case ';': out += "\\;"; break;
    case ',': out += "\\,"; break;
    case '\n': out += "\\n"; break;
    case '\r': break;
    default: out += c;
    }
  }
  return out;
}

// RFC 5545 §3.1: lines longer than 75 octets fold with CRLF + space, never inside a UTF-8
// sequence.
std::string ics_line(const std::string& line) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto byte = static_cast<unsigned char>(line[i]);
    bool starts_char = (byte & 0xC0) != 0x80;
    if (starts_char && count >= 74) {
      out += "\r\n ";
      count = 1;
    }
    out += line[i];
    ++count;
  }
  return out + "\r\n";
}

std::string compact_date(Date d) {
  std::string iso = format_date(d);
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string compact_stamp(const std::string& now_utc) {
  // "2026-11-24T11:00:00.000Z" -> "20261124T110000Z"
  if (now_utc.size() < 19) return "19700101T000000Z";
  return now_utc.substr(0, 4) + now_utc.substr(5, 2) + now_utc.substr(8, 2) + "T" +
         now_utc.substr(11, 2) + now_utc.substr(14, 2) + now_utc.substr(17, 2) + "Z";
}

} // namespace

void render_due(std::ostream& out, const std::vector<RankedRow>& rows, std::size_t hidden,
                const Style& style, std::size_t width) {
  std::size_t number_width = 1, name_width = 4;
  for (const auto& r : rows) {
    number_width = std::max(number_width, fmt::format_int(r.number).size() + 1);
    name_width = std::max(name_width, display_width(r.name));
  }
  name_width = std::min<std::size_t>(name_width, 28);
  const std::size_t used = number_width + 2 + name_width + 2;
  // Lines built in one string, each cell written straight into it: piped, `due` prints
  // every ally due (thousands of rows), and a string per cell cost more than the rest of it.
  constexpr std::size_t k_flush_bytes = 32 * 1024;
  std::string text;
  text.reserve(k_flush_bytes + 1024);
  // Colour (a terminal's screenful only) wraps a cell once it is written.
  auto paint = [&](std::size_t from, auto colour) {
    if (!style.color) return;
    std::string cell = text.substr(from);
    text.resize(from);
    text += (style.*colour)(cell);
  };
  for (const auto& r : rows) {
    std::size_t from = text.size();
    const auto number = fmt::format_int(r.number);
    text.append(number_width - std::min(number_width, number.size() + 1), ' ');
    text += '#';
    text.append(number.data(), number.size());
    paint(from, &Style::dim);
    text += "  ";
    from = text.size();
    std::size_t columns = append_truncated(text, r.name, name_width);
    text.append(name_width - std::min(name_width, columns), ' ');
    // Stronger colour for the more urgent, so the eye finds the top of the list.
    if (r.score >= 12) paint(from, &Style::red);
    else if (r.score >= 6) paint(from, &Style::yellow);
    text += "  ";
    if (width > used + 10) {
      append_truncated(text, r.reason, width - used);
    } else {
      text += r.reason;
    }
    text += '\n';
    // Written out in pieces: a list of thousands of rows held whole grew the string into fresh
    // memory several times over (a page fault per 4 KiB touched).
    if (text.size() >= k_flush_bytes) {
      out << text;
      text.clear();
    }
  }
  out << text;
  if (hidden > 0) {
    out << style.dim(fmt::format("… and {} more (ally due --limit N, or --all)", hidden)) << '\n';
  }
}

std::string due_header(const Ranking& ranking) {
  std::string line = fmt::format("{} {} attention", ranking.listed, ranking.listed == 1 ? "needs" : "need");
  if (ranking.snoozed > 0) line += fmt::format(" · {} snoozed", ranking.snoozed);
  if (ranking.silenced > 0) {
    line += fmt::format(" · {} snoozed --all", ranking.silenced);
    if (ranking.hidden > 0)
      line += fmt::format(" (hiding {} you owe or left open)", ranking.hidden);
  }
  if (ranking.late_promises > 0) {
    line += fmt::format(" · {} {} late", ranking.late_promises,
                        ranking.late_promises == 1 ? "promise" : "promises");
  }
  return line;
}

namespace {

// What the ally's state means for `due`, in one line; empty for a tracked ally.
std::string state_line(const RankedRow& row) {
  switch (row.state) {
  case DueState::tracked: return {};
  case DueState::untracked:
    return "not tracked: no check-ins; promises, follow-ups, thanks and yearly dates still come up";
  case DueState::snoozed:
    return fmt::format("snoozed until {}: the check-in, reciprocity and dates wait; promises, "
                       "follow-ups and thanks still come up",
                       row.snoozed_until ? format_date(*row.snoozed_until) : "later");
  case DueState::silenced:
    return fmt::format("snoozed --all until {}: nothing about them comes up, not even what you "
                       "owe ('ally snooze {} off' ends it)",
                       row.snoozed_until ? format_date(*row.snoozed_until) : "later", row.number);
  case DueState::archived:
    return fmt::format("archived: due lists nothing for them ('ally restore {}' brings them back)",
                       row.number);
  }
  return {};
}

} // namespace

void render_explain(std::ostream& out, const RankedRow& row, const Style& style) {
  out << style.bold(row.name) << style.dim(fmt::format(" #{}", row.number)) << '\n';
  std::size_t name_width = 11;
  for (const auto& t : row.terms) {
    std::string line = fmt::format("  {}{:>6} × {:>5} = {:>6}", pad_right(t.name, name_width),
                                   points_text(t.value), points_text(t.weight), points_text(t.points));
    if (!t.reason.empty()) line += "   " + t.reason;
    out << line << '\n';
  }
  if (!row.terms.empty()) {
    out << fmt::format("  {}{:>24}", pad_right("total", name_width), points_text(row.score)) << '\n';
  }
  if (row.state != DueState::archived && row.cadence_days > 0 && row.next_check_in) {
    out << style.dim(fmt::format("  every {}d · {}d since last contact · next check-in {}",
                                 row.cadence_days, row.days_since, format_date(*row.next_check_in)))
        << '\n';
  }
  if (auto line = state_line(row); !line.empty()) out << style.dim("  " + line) << '\n';
  if (!row.hidden.empty()) {
    out << "  hidden by snooze --all:\n";
    for (const auto& t : row.hidden) out << "    " << t.reason << '\n';
  }
  if (row.state != DueState::archived && !row.listed_by_term) {
    out << "  not due today · " << (row.reason.empty() ? "nothing is coming up" : row.reason)
        << '\n';
  }
}

nlohmann::json due_json(const RankedRow& row) {
  auto terms_json = [](const std::vector<Term>& list) {
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& t : list) {
      nlohmann::json ref = nullptr;
      if (t.ref) ref = {{"kind", t.ref->kind}, {"number", t.ref->number}, {"id", t.ref->id}};
      terms.push_back({{"term", t.name}, {"value", t.value}, {"weight", t.weight},
                       {"points", t.points}, {"reason", t.reason}, {"text", t.text}, {"ref", ref}});
    }
    return terms;
  };
  auto terms = terms_json(row.terms);
  auto date_or_null = [](const std::optional<Date>& d) {
    return d ? nlohmann::json(format_date(*d)) : nlohmann::json(nullptr);
  };
  return {{"number", row.number},
          {"id", row.id},
          {"name", row.name},
          {"state", due_state_name(row.state)},
          {"snoozed_until", date_or_null(row.snoozed_until)},
          {"score", row.score},
          {"reason", row.reason},
          {"terms", terms},
          {"hidden_terms", terms_json(row.hidden)},
          {"cadence_days", row.cadence_days > 0 ? nlohmann::json(row.cadence_days) : nlohmann::json(nullptr)},
          {"days_since", row.days_since},
          {"next_check_in", date_or_null(row.next_check_in)},
          {"upcoming", format_date(row.upcoming)},
          {"listed_by_term", row.listed_by_term},
          {"to_bring_up", row.to_bring_up}};
}

std::string render_ics(const std::vector<IcsEvent>& events, const std::string& now_utc) {
  std::string out;
  out += ics_line("BEGIN:VCALENDAR");
  out += ics_line("VERSION:2.0");
  out += ics_line("PRODID:-//ally//ally check-ins//EN");
  out += ics_line("CALSCALE:GREGORIAN");
  std::string stamp = compact_stamp(now_utc);
  for (const auto& e : events) {
    out += ics_line("BEGIN:VEVENT");
    out += ics_line("UID:" + e.uid);
    out += ics_line("DTSTAMP:" + stamp);
    out += ics_line("DTSTART;VALUE=DATE:" + compact_date(e.date));
    out += ics_line("DTEND;VALUE=DATE:" + compact_date(e.date + std::chrono::days{1}));
    out += ics_line("SUMMARY:" + ics_escape(e.summary));
    if (!e.description.empty()) out += ics_line("DESCRIPTION:" + ics_escape(e.description));
    out += ics_line("TRANSP:TRANSPARENT");
    out += ics_line("END:VEVENT");
  }
  out += ics_line("END:VCALENDAR");
  return out;
}

} // namespace ally
