#include "render/profile_view.hpp"

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
    when += fmt::format(" (next {}, {})", format_date(next), format_relative(next, today));
  }
  return when;
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
  if (p.check_in.next) check_in += " · next " + next_check_in_text(a, p.check_in, today);
  field(out, style, "check-in", check_in);
  field(out, style, "last contact", last_contact_text(a, today));
  field(out, style, "added", format_date(a.added));
  if (!p.dates.empty()) {
    out << '\n' << style.bold("Dates") << '\n';
    for (const auto& d : p.dates) out << "  " << pad_right(d.label, 20) << date_text(d, today) << '\n';
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
  return j;
}

} // namespace ally
