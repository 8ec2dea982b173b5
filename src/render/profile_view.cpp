#include "render/profile_view.hpp"

#include "render/date_view.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "ally/text.hpp"
#include "render/ally_view.hpp"
#include "render/list_lines.hpp"
#include "render/records_json.hpp"
#include "render/timeline_view.hpp"

namespace ally {
namespace {

constexpr std::size_t k_label_width = 14;

// A value wraps at word boundaries under the value column; a multi-line note keeps its lines.
void field(std::ostream& out, const Style& style, std::size_t width, const char* label,
           const std::string& value) {
  if (value.empty()) return;
  const std::size_t room = width > k_label_width + 20 ? width - k_label_width : 0;
  bool first = true;
  for (const auto& line : wrap_to_width(value, room)) {
    out << (first ? style.dim(pad_right(label, k_label_width)) : std::string(k_label_width, ' '))
        << line << '\n';
    first = false;
  }
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

} // namespace

void render_profile(std::ostream& out, const Profile& p, Date today, const Style& style,
                    std::size_t width) {
  const Ally& a = p.ally;
  std::string title = style.bold(a.name) + style.dim(fmt::format(" #{}", a.meta.number));
  if (!a.nicknames.empty()) title += " (" + comma_joined(a.nicknames) + ")";
  if (a.archived) title += style.yellow(" [archived]");
  out << title << '\n';
  std::string work = a.role;
  if (!a.org.empty()) work += (work.empty() ? "" : " at ") + a.org;
  field(out, style, width, "work", work);
  field(out, style, width, "city", a.city);
  field(out, style, width, "circle", a.circle);
  field(out, style, width, "relationship", a.relationship);
  field(out, style, width, "emails", comma_joined(a.emails));
  field(out, style, width, "phones", comma_joined(a.phones));
  field(out, style, width, "links", comma_joined(a.links));
  field(out, style, width, "tags", comma_joined(a.tags));
  field(out, style, width, "knows", comma_joined(a.expertise));
  field(out, style, width, "interests", comma_joined(a.interests));
  field(out, style, width, "met", a.met);
  field(out, style, width, "goals", a.goals);
  field(out, style, width, "notes", a.notes);
  std::string check_in = cadence_description(p.check_in);
  if (p.check_in.next) {
    check_in += (*p.check_in.next > today ? " · next " : " · ") + next_check_in_text(a, p.check_in, today);
  }
  field(out, style, width, "check-in", check_in);
  if (p.due_today) field(out, style, width, "due today", p.due_reason);
  field(out, style, width, "last contact", last_contact_text(a, today));
  field(out, style, width, "added", format_date(a.added));
  const auto& r = p.balance_recent;
  const auto& t = p.balance_all;
  if (t.gave + t.got > 0) {
    field(out, style, width, "favors", fmt::format("you gave {}, got {} in the last 12 months ({} / {} all time)",
                                            r.gave, r.got, t.gave, t.got));
  }
  if (!p.to_bring_up.empty()) {
    section(out, style, "To bring up next time");
    for (const auto& item : p.to_bring_up) {
      const std::string number = fmt::format("  #{:<4}  ", item.meta.number);
      const std::string when = " (" + format_relative(item.date, today) + ")";
      out << number << excerpt(item.text, display_width(number + when), width) << when << '\n';
    }
  }
  if (!p.open_promises.empty()) {
    section(out, style, "Promises you made");
    for (const auto& f : p.open_promises) {
      const std::string number = fmt::format("  #{:<4}  ", f.meta.number);
      const std::string due = " — " + due_words(*f.due, today);
      out << number << excerpt(f.text, display_width(number + due), width) << due << '\n';
    }
  }
  if (!p.unthanked.empty()) {
    section(out, style, "Not thanked yet");
    for (const auto& f : p.unthanked) {
      const std::string number = fmt::format("  #{:<4}  ", f.meta.number);
      const std::string when = " (" + format_relative(f.date, today) + ")";
      out << number << excerpt(f.text, display_width(number + when), width) << when << '\n';
    }
  }
  if (!p.open_follow_ups.empty()) {
    section(out, style, "Follow-ups");
    for (const auto& i : p.open_follow_ups) {
      const std::string number = fmt::format("  log #{:<4}  ", i.meta.number);
      const std::string due = " — " + due_words(*i.follow_up, today);
      out << number << excerpt(i.note, display_width(number + due), width) << due << '\n';
    }
  }
  if (!p.dates.empty()) {
    section(out, style, "Dates");
    // Labels in one column as wide as the longest, which gives way first when the line is long.
    std::size_t label_width = 0, when_width = 0;
    for (const auto& d : p.dates) {
      label_width = std::max(label_width, display_width(truncate_to_width(d.label, 200)));
      when_width = std::max(when_width, display_width(date_text(d, today)));
    }
    if (width > 0) label_width = std::min(label_width, width > 4 + when_width + 8 ? width - 4 - when_width : 8);
    for (const auto& d : p.dates)
      out << "  " << pad_right(truncate_to_width(d.label, label_width), label_width) << "  " << date_text(d, today) << '\n';
  }
  if (!p.introductions.empty()) {
    section(out, style, "Introductions");
    for (const auto& v : p.introductions) {
      const std::string number = fmt::format("  intro #{:<4}  you introduced them to ",
                                             v.introduction.meta.number);
      const std::string rest = fmt::format(" (#{}), {}", v.other.number,
                                           format_relative(v.introduction.date, today));
      std::string line = number +
                         excerpt(v.other.name, display_width(number) + display_width(rest), width) +
                         rest;
      // The note only where a few words of it fit.
      if (!v.introduction.note.empty() && (width == 0 || display_width(line) + 12 <= width)) {
        line += ": ";
        line += excerpt(v.introduction.note, display_width(line), width);
      }
      out << line << '\n';
    }
  }
  section(out, style, "Recent");
  if (p.recent.empty()) {
    out << "  Nothing logged yet. After your next chat: ally log " << a.meta.number << " \"what you talked about\"\n";
    return;
  }
  // Columns as wide as their longest entry ("yesterday", "meeting"), two spaces apart.
  std::size_t when_width = 0, kind_width = 0;
  for (const auto& e : p.recent) {
    when_width = std::max(when_width, display_width(format_relative(e.date(), today)));
    kind_width = std::max(kind_width, display_width(e.kind()));
  }
  for (const auto& e : p.recent) {
    std::string when = pad_right(format_relative(e.date(), today), when_width + 2);
    std::string kind = pad_right(e.kind(), kind_width + 2);
    std::string others = others_text(e, a.meta.number);
    if (!others.empty()) others = " (" + others + ")";
    // The note gives way to the names of the others who were there, down to 16 columns; then
    // the names give way.
    const std::size_t fixed = 2 + when_width + 2 + kind_width + 2;
    std::string note = visible(e.note(), Breaks::space);
    if (width > 0) {
      const std::size_t room = width > fixed ? width - fixed : 1;
      const std::size_t others_width = display_width(others);
      note = truncate_to_width(e.note(), room > others_width + 16 ? room - others_width
                                                                  : std::min<std::size_t>(16, room));
      const std::size_t used = display_width(note);
      // Names that no longer fit even cut are left out.
      if (!others.empty() && used + others_width > room)
        others = room >= used + 3 ? " " + truncate_to_width(others.substr(1), room - used - 1) : "";
    }
    out << "  " << style.dim(when) << kind << note << others << '\n';
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
  auto items = nlohmann::json::array();
  for (const auto& t : p.to_bring_up) items.push_back(to_json(t));
  j["to_bring_up"] = items;
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
