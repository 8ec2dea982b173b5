#include "render/profile_view.hpp"

#include "render/date_view.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "ally/text.hpp"
#include "render/ally_view.hpp"
#include "render/records_json.hpp"

namespace ally {
namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

void field(std::ostream& out, const Style& style, const char* label, const std::string& value) {
  if (value.empty()) return;
  // Multi-line notes keep their lines, indented under the value column.
  std::string shown;
  for (char c : value) {
    shown += c;
    if (c == '\n') shown += std::string(14, ' ');
  }
  out << style.dim(pad_right(label, 14)) << shown << '\n';
}

std::string date_text(const ImportantDate& d, Date today) {
  std::string when = format_yearless(d.date);
  if (d.yearly) {
    Date next = next_yearly(d.date, today);
    const std::string years = years_words(d, next);
    when += fmt::format(" (next {}, {}{})", format_date(next), format_relative(next, today),
                        years.empty() ? "" : ", " + years);
  }
  return when;
}

std::string excerpt(const std::string& text, std::size_t width) {
  return truncate_to_width(text, width);
}

std::string due_words(Date due, Date today) {
  int days = days_between(today, due);
  if (days == 0) return "due today";
  if (days > 0) return "due " + format_relative(due, today);
  return fmt::format("was due {}", format_relative(due, today));
}

std::string with_others(const TimelineEntry& entry, std::int64_t self) {
  std::vector<std::string> others;
  for (const auto& a : entry.allies) {
    if (a.number != self) others.push_back(a.name);
  }
  if (others.empty()) return "";
  if (entry.type == TimelineEntry::Type::introduction) return " (introduced to " + joined(others) + ")";
  return " (with " + joined(others) + ")";
}

void section(std::ostream& out, const Style& style, const char* title) {
  out << '\n' << style.bold(title) << '\n';
}

} // namespace

void render_profile(std::ostream& out, const Profile& p, Date today, const Style& style) {
  const Ally& a = p.ally;
  std::string title = style.bold(a.name) + style.dim(fmt::format(" #{}", a.meta.number));
  if (!a.nicknames.empty()) title += " (" + joined(a.nicknames) + ")";
  if (a.archived) title += style.yellow(" [archived]");
  out << title << '\n';
  std::string work = a.role;
  if (!a.org.empty()) work += (work.empty() ? "" : " at ") + a.org;
  field(out, style, "work", work);
  field(out, style, "city", a.city);
  field(out, style, "circle", a.circle);
  field(out, style, "relationship", a.relationship);
  field(out, style, "emails", joined(a.emails));
  field(out, style, "phones", joined(a.phones));
  field(out, style, "tags", joined(a.tags));
  field(out, style, "knows", joined(a.expertise));
  field(out, style, "interests", joined(a.interests));
  field(out, style, "met", a.met);
  field(out, style, "goals", a.goals);
  field(out, style, "notes", a.notes);
  std::string check_in = cadence_description(p.check_in);
  if (p.check_in.next) {
    check_in += (*p.check_in.next > today ? " · next " : " · ") + next_check_in_text(a, p.check_in, today);
  }
  field(out, style, "check-in", check_in);
  if (p.due_today) field(out, style, "due today", p.due_reason);
  field(out, style, "last contact", last_contact_text(a, today));
  field(out, style, "added", format_date(a.added));
  const auto& r = p.balance_recent;
  const auto& t = p.balance_all;
  if (t.gave + t.got > 0) {
    field(out, style, "favors", fmt::format("you gave {}, got {} in the last 12 months ({} / {} all time)",
                                            r.gave, r.got, t.gave, t.got));
  }
  if (!p.open_promises.empty()) {
    section(out, style, "Promises you made");
    for (const auto& f : p.open_promises) {
      out << fmt::format("  #{:<4} {} — {}\n", f.meta.number, excerpt(f.text, 60), due_words(*f.due, today));
    }
  }
  if (!p.unthanked.empty()) {
    section(out, style, "Not thanked yet");
    for (const auto& f : p.unthanked) {
      out << fmt::format("  #{:<4} {} ({})\n", f.meta.number, excerpt(f.text, 60), format_relative(f.date, today));
    }
  }
  if (!p.open_follow_ups.empty()) {
    section(out, style, "Follow-ups");
    for (const auto& i : p.open_follow_ups) {
      out << fmt::format("  log #{:<4} {} — {}\n", i.meta.number, excerpt(i.note, 56), due_words(*i.follow_up, today));
    }
  }
  if (!p.dates.empty()) {
    section(out, style, "Dates");
    for (const auto& d : p.dates) out << "  " << pad_right(d.label, 20) << date_text(d, today) << '\n';
  }
  if (!p.introductions.empty()) {
    section(out, style, "Introductions");
    for (const auto& v : p.introductions) {
      std::string line = fmt::format("  #{:<4} you introduced them to {} (#{}), {}", v.introduction.meta.number,
                                     v.other.name, v.other.number, format_relative(v.introduction.date, today));
      if (!v.introduction.note.empty()) line += ": " + excerpt(v.introduction.note, 50);
      out << line << '\n';
    }
  }
  section(out, style, "Recent");
  if (p.recent.empty()) {
    out << "  Nothing logged yet. After your next chat: ally log " << a.meta.number << " \"what you talked about\"\n";
    return;
  }
  // Columns as wide as their longest entry ("yesterday", "meeting") and a space.
  std::size_t when_width = 0, kind_width = 0;
  for (const auto& e : p.recent) {
    when_width = std::max(when_width, display_width(format_relative(e.date(), today)));
    kind_width = std::max(kind_width, display_width(e.kind()));
  }
  for (const auto& e : p.recent) {
    std::string when = pad_right(format_relative(e.date(), today), when_width + 1);
    std::string kind = pad_right(e.kind(), kind_width + 1);
    out << "  " << style.dim(when) << kind << excerpt(e.note(), 70) << with_others(e, a.meta.number) << '\n';
  }
}

nlohmann::json profile_json(const Profile& p, Date today) {
  auto j = ally_with_check_in_json(p.ally, p.check_in);
  auto dates = nlohmann::json::array();
  for (const auto& d : p.dates) {
    auto dj = to_json(d);
    dj["next"] = d.yearly ? nlohmann::json(format_date(next_yearly(d.date, today))) : nlohmann::json(nullptr);
    dates.push_back(dj);
  }
  j["dates"] = dates;
  j["due_today"] = p.due_today;
  j["due_reason"] = p.due_today ? nlohmann::json(p.due_reason) : nlohmann::json(nullptr);
  j["favor_balance"] = {{"last_12_months", {{"gave", p.balance_recent.gave}, {"got", p.balance_recent.got}}},
                        {"all_time", {{"gave", p.balance_all.gave}, {"got", p.balance_all.got}}}};
  auto favors = [](const std::vector<Favor>& list) {
    auto arr = nlohmann::json::array();
    for (const auto& f : list) arr.push_back(to_json(f));
    return arr;
  };
  j["open_promises"] = favors(p.open_promises);
  j["unthanked"] = favors(p.unthanked);
  auto follow_ups = nlohmann::json::array();
  for (const auto& i : p.open_follow_ups) follow_ups.push_back(to_json(i));
  j["open_follow_ups"] = follow_ups;
  auto intros = nlohmann::json::array();
  for (const auto& v : p.introductions) intros.push_back(to_json(v.introduction));
  j["introductions"] = intros;
  auto recent = nlohmann::json::array();
  for (const auto& e : p.recent) {
    nlohmann::json item = e.type == TimelineEntry::Type::introduction ? to_json(e.introduction) : to_json(e.interaction);
    item["type"] = e.type == TimelineEntry::Type::introduction ? "introduction" : "interaction";
    recent.push_back(item);
  }
  j["recent"] = recent;
  return j;
}

} // namespace ally
