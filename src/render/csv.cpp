#include "render/csv.hpp"

#include <vector>

#include "ally/csv_formula.hpp"
#include "render/records_json.hpp"

namespace ally {
namespace {

const std::vector<std::string>& columns() {
  static const std::vector<std::string> list{
      "number", "id",        "name",         "nicknames",     "org",          "role",
      "city",   "emails",    "phones",       "circle",        "relationship", "cadence",
      "tags",   "expertise", "interests",    "birthday",      "met",          "goals",
      "notes",  "added_on",  "last_contact", "snoozed_until", "archived",     "vcard_uid",
      "links"};
  return list;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values)
    out += (out.empty() ? "" : "; ") + v;
  return out;
}

std::string line(const std::vector<std::string>& fields) {
  return csv_line(fields, CsvCells::for_spreadsheets);
}

std::string optional_date(const std::optional<Date>& date) {
  return date ? format_date(*date) : "";
}

} // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields, CsvCells cells) {
  std::string out;
  for (const auto& f : fields) {
    out += out.empty() ? "" : ",";
    out += csv_field(cells == CsvCells::for_spreadsheets ? neutralised_cell(f) : f);
  }
  return out + "\r\n";
}

std::string csv_header() { return line(columns()); }

std::string csv_row(const AllyRow& row) {
  const Ally& a = row.ally;
  return line({std::to_string(a.meta.number),
               a.meta.id,
               a.name,
               joined(a.nicknames),
               a.org,
               a.role,
               a.city,
               joined(a.emails),
               joined(a.phones),
               a.circle,
               a.relationship,
               cadence_text(a.cadence),
               joined(a.tags),
               joined(a.expertise),
               joined(a.interests),
               row.birthday ? format_yearless(*row.birthday) : "",
               a.met,
               a.goals,
               a.notes,
               format_date(a.added),
               optional_date(a.last_contact),
               optional_date(a.snoozed_until),
               a.archived ? "yes" : "no",
               a.vcard_uids.empty() ? std::string() : a.vcard_uids.front(),
               joined(a.links)});
}

} // namespace ally
