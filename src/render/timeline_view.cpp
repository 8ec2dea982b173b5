#include "render/timeline_view.hpp"

#include <ostream>

#include <fmt/format.h>

#include "render/records_json.hpp"

namespace ally {
namespace {

std::string with_text(const TimelineEntry& e) {
  if (e.type == TimelineEntry::Type::introduction && e.allies.size() == 2) {
    return e.allies[0].name + " → " + e.allies[1].name;
  }
  std::string out;
  for (const auto& a : e.allies)
    out += (out.empty() ? "" : ", ") + a.name;
  return out;
}

// An open follow-up leads the note, so it survives when the note is cut.
std::string note_text(const TimelineEntry& e, Date today) {
  std::string note = e.note();
  if (e.type == TimelineEntry::Type::interaction && e.interaction.follow_up &&
      !e.interaction.follow_up_done) {
    const Date due = *e.interaction.follow_up;
    std::string when = due == today ? "today" : format_relative(due, today);
    std::string tag = due < today ? fmt::format("[follow-up was due {}]", when)
                                  : fmt::format("[follow up {}]", when);
    note = note.empty() ? tag : tag + " " + note;
  }
  return note;
}

} // namespace

std::string allies_text(const std::vector<NameMatch>& allies) {
  std::string out;
  for (std::size_t i = 0; i < allies.size(); ++i) {
    if (i > 0)
      out += i + 1 == allies.size() ? " and " : ", ";
    out += fmt::format("{} (#{})", allies[i].name, allies[i].number);
  }
  return out;
}

std::string kind_phrase(const std::string& kind) {
  if (kind == "other")
    return "a conversation";
  if (kind == "coffee" || kind == "lunch" || kind == "thanks")
    return kind;
  if (kind == "email" || kind == "event")
    return "an " + kind;
  if (kind == "intro")
    return "an introduction";
  return "a " + kind;
}

void render_timeline(std::ostream& out, const std::vector<TimelineEntry>& entries, Date today,
                     const Style& style, std::size_t max_width) {
  Table table({"#", "WHEN", "DATE", "KIND", "WITH", "NOTE"});
  for (const auto& e : entries) {
    table.add({std::to_string(e.number()), format_relative(e.date(), today), format_date(e.date()),
               e.kind(), with_text(e), note_text(e, today)});
  }
  table.print(out, style, max_width);
}

nlohmann::json timeline_entry_json(const TimelineEntry& e) {
  nlohmann::json j;
  if (e.type == TimelineEntry::Type::interaction) {
    j = to_json(e.interaction);
    j["type"] = "interaction";
  } else {
    j = to_json(e.introduction);
    j["type"] = "introduction";
    j["kind"] = e.kind();
    j["allies"] = {e.introduction.a, e.introduction.b};
  }
  auto names = nlohmann::json::array();
  for (const auto& a : e.allies)
    names.push_back(a.name);
  j["ally_names"] = names;
  return j;
}

} // namespace ally
