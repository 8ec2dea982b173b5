#include "render/brief_view.hpp"

#include <ostream>

#include <fmt/format.h>

#include "ally/text.hpp"
#include "render/ally_view.hpp"
#include "render/date_view.hpp"
#include "render/list_lines.hpp"
#include "render/profile_view.hpp"
#include "render/records_json.hpp"

namespace ally {
namespace {

// Lines of `text` wrapped under an indent, the first after `lead`.
void wrapped(std::ostream& out, const std::string& lead, const std::string& text, std::size_t indent,
             std::size_t width) {
  const std::size_t room = width > indent + 20 ? width - indent : 0;
  bool first = true;
  for (const auto& line : wrap_to_width(text, room)) {
    out << (first ? lead : std::string(indent, ' ')) << line << '\n';
    first = false;
  }
}

std::string who_line(const Brief& b, Date today) {
  const Ally& a = b.profile.ally;
  std::vector<std::string> parts;
  std::string work = a.role;
  if (!a.org.empty()) work += (work.empty() ? "" : " at ") + a.org;
  if (!work.empty()) parts.push_back(work);
  if (!a.city.empty()) parts.push_back(a.city);
  if (!a.relationship.empty()) parts.push_back(a.relationship);
  std::string check_in = cadence_description(b.profile.check_in);
  if (!check_in.empty()) parts.push_back(check_in);
  parts.push_back(last_contact_text(a, today));
  return fmt::format("{}", fmt::join(parts, " · "));
}

std::string date_line(const UpcomingDate& u) {
  std::string when = u.days == 0 ? "today" : u.days == 1 ? "tomorrow" : fmt::format("in {}d", u.days);
  std::string years = years_words(u.date, u.next);
  return fmt::format("{} {} ({}{})", u.date.label, when, format_date(u.next),
                     years.empty() ? "" : ", " + years);
}

std::string pair_reason(const IntroSuggestion& s) { return s.why; }

} // namespace

void render_brief(std::ostream& out, const Brief& b, Date today, const Style& style,
                  std::size_t width) {
  const Profile& p = b.profile;
  const Ally& a = p.ally;
  std::string title = style.bold(a.name) + style.dim(fmt::format(" #{}", a.meta.number));
  if (!a.nicknames.empty()) title += " (" + comma_joined(a.nicknames) + ")";
  if (a.archived) title += style.yellow(" [archived]");
  out << title << '\n';
  wrapped(out, "", who_line(b, today), 0, width);
  if (!a.met.empty()) wrapped(out, "met: ", a.met, 5, width);
  if (b.only_a_name) {
    out << "\nYou know only their name so far. After you talk, note what you learn:\n"
        << fmt::format("  ally edit {} --org ORG --role ROLE --interest TOPIC --met \"how you met\"\n", a.meta.number)
        << fmt::format("  ally log {} \"what you talked about\" --next \"something to ask next time\"\n", a.meta.number);
    return;
  }

  if (!p.to_bring_up.empty()) {
    section(out, style, "To bring up");
    for (const auto& t : p.to_bring_up) {
      const std::string number = fmt::format("  #{:<4}  ", t.meta.number);
      const std::string when = " (" + format_relative(t.date, today) + ")";
      out << number << excerpt(t.text, display_width(number + when), width) << when << '\n';
    }
  } else if (!b.starters.empty()) {
    section(out, style, "Conversation starters");
    for (const auto& s : b.starters) wrapped(out, "  - ", s.text + " — " + s.source, 4, width);
  }

  if (!p.open_promises.empty() || !p.unthanked.empty()) {
    section(out, style, "You owe them");
    for (const auto& f : p.open_promises) {
      const std::string number = fmt::format("  promise #{:<4}  ", f.meta.number);
      const std::string due = " — " + due_words(*f.due, today);
      out << number << excerpt(f.text, display_width(number + due), width) << due << '\n';
    }
    for (const auto& f : p.unthanked) {
      const std::string number = fmt::format("  thank for #{:<4}  ", f.meta.number);
      const std::string when = " (" + format_relative(f.date, today) + ")";
      out << number << excerpt(f.text, display_width(number + when), width) << when << '\n';
    }
  }
  if (!b.you_helped.empty()) {
    section(out, style, "You did for them");
    for (const auto& f : b.you_helped) {
      const std::string number = fmt::format("  favor #{:<4}  ", f.meta.number);
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
  section(out, style, "Last time");
  if (b.last_conversations.empty()) {
    out << fmt::format("  Nothing logged yet. After you talk: ally log {} \"what you talked about\"\n",
                       a.meta.number);
  }
  for (const auto& i : b.last_conversations) {
    std::string lead = fmt::format("  {} {} (log #{}): ", format_relative(i.date, today), i.kind,
                                   i.meta.number);
    wrapped(out, lead, trim(i.note).empty() ? "(no note)" : i.note, 4, width);
  }
  if (!a.interests.empty() || !a.expertise.empty()) {
    section(out, style, "Common ground");
    if (!a.interests.empty()) wrapped(out, "  interests: ", comma_joined(a.interests), 4, width);
    if (!a.expertise.empty()) wrapped(out, "  they know: ", comma_joined(a.expertise), 4, width);
  }
  if (!a.goals.empty()) {
    section(out, style, "Their goals");
    wrapped(out, "  ", a.goals, 2, width);
  }
  if (!b.upcoming.empty()) {
    section(out, style, "Coming up");
    for (const auto& u : b.upcoming) wrapped(out, "  ", date_line(u), 2, width);
  }
  if (!p.introductions.empty() || !b.could_introduce.empty()) {
    section(out, style, "Introductions");
    for (const auto& v : p.introductions) {
      wrapped(out, "  ", fmt::format("you introduced them to {} (#{}), {}", v.other.name, v.other.number,
                                     format_relative(v.introduction.date, today)),
              4, width);
    }
    for (std::size_t i = 0; i < b.could_introduce.size(); ++i) {
      wrapped(out, "  ", fmt::format("could meet {} (#{}): {}", b.could_meet[i].name,
                                     b.could_meet[i].number, pair_reason(b.could_introduce[i])),
              4, width);
    }
  }
  const auto& r = p.balance_recent;
  out << '\n'
      << style.dim(fmt::format("favors in the last 12 months: you gave {}, got {} ({} / {} all time)", r.gave,
                               r.got, p.balance_all.gave, p.balance_all.got))
      << '\n';
}

nlohmann::json brief_json(const Brief& b, Date today) {
  auto j = profile_json(b.profile, today);
  auto list = [](const auto& items) {
    auto arr = nlohmann::json::array();
    for (const auto& item : items) arr.push_back(to_json(item));
    return arr;
  };
  j["last_conversations"] = list(b.last_conversations);
  j["you_helped"] = list(b.you_helped);
  auto upcoming = nlohmann::json::array();
  for (const auto& u : b.upcoming) {
    upcoming.push_back({{"label", u.date.label}, {"date", format_date(u.next)}, {"days", u.days},
                        {"years", years_words(u.date, u.next)}});
  }
  j["upcoming_dates"] = upcoming;
  auto could = nlohmann::json::array();
  for (std::size_t i = 0; i < b.could_introduce.size(); ++i) {
    could.push_back({{"number", b.could_meet[i].number}, {"name", b.could_meet[i].name},
                     {"why", b.could_introduce[i].why}});
  }
  j["could_introduce"] = could;
  auto starters = nlohmann::json::array();
  for (const auto& s : b.starters) starters.push_back({{"text", s.text}, {"source", s.source}, {"kind", s.kind}});
  j["starters"] = starters;
  j["only_a_name"] = b.only_a_name;
  return j;
}

} // namespace ally
