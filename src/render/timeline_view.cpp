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

// An open follow-up leads the note, so it survives when the note is cut; then the others who
// were there (`others`, in one ally's timeline), then the note.
std::string note_text(const TimelineEntry& e, Date today, const std::string& others) {
  std::string note = e.note();
  if (!others.empty()) note = "[" + others + "]" + (note.empty() ? "" : " " + note);
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

std::string others_text(const TimelineEntry& entry, std::int64_t self) {
  std::string names;
  for (const auto& a : entry.allies) {
    if (a.number != self) names += (names.empty() ? "" : ", ") + a.name;
  }
  if (names.empty()) return "";
  return (entry.type == TimelineEntry::Type::introduction ? "introduced to " : "with ") + names;
}

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

void render_timeline(std::ostream& out, const std::vector<TimelineEntry>& entries,
                     const Style& style, std::size_t max_width, Date today,
                     std::optional<std::int64_t> self) {
  // RECORD says which command takes the number: `ally log edit 3`, `ally intro rm 1`.
  std::vector<std::string> header{"RECORD", "DATE", "KIND", "WITH", "NOTE"};
  if (self) header.erase(header.begin() + 3);
  Table table(header);
  for (const auto& e : entries) {
    const bool intro = e.type == TimelineEntry::Type::introduction;
    std::vector<std::string> row{fmt::format("{} {}", intro ? "intro" : "log", e.number()),
                                 format_date(e.date()), e.kind()};
    if (!self) row.push_back(with_text(e));
    row.push_back(note_text(e, today, self ? others_text(e, *self) : ""));
    table.add(std::move(row));
  }
  table.keep_last(max_width * 2 / 5);
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
