#include "render/google_csv.hpp"

#include <vector>

#include "render/csv.hpp"

namespace ally {
namespace {

// Google's old layout, the one with a whole-name column: ally keeps a name as the person
// writes it, and splitting it into given and family names would guess.
const std::vector<std::string>& google_columns() {
  static const std::vector<std::string> list{
      "Name",           "Nickname",          "Birthday",           "Notes",
      "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value",   "Phone 1 - Type",
      "Phone 1 - Value", "Website 1 - Type", "Website 1 - Value",  "Organization 1 - Type",
      "Organization 1 - Name", "Organization 1 - Title", "Address 1 - Type", "Address 1 - City"};
  return list;
}

std::string google_joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values)
    out += (out.empty() ? "" : " ::: ") + v;
  return out;
}

std::string google_line(const std::vector<std::string>& fields) {
  return csv_line(fields, CsvCells::as_written);
}

// Every contact is in Google's own "* myContacts"; ally's tags are the user's labels.
std::string labels_of(const Ally& a) {
  std::vector<std::string> labels{"* myContacts"};
  labels.insert(labels.end(), a.tags.begin(), a.tags.end());
  return google_joined(labels);
}

// Google writes a birthday without a year as --MM-DD.
std::string birthday_of(const AllyRow& row) {
  if (!row.birthday)
    return {};
  return (row.birthday->year ? "" : "--") + format_yearless(*row.birthday);
}

std::string kind_if(const std::vector<std::string>& values, const char* kind) {
  return values.empty() ? std::string() : kind;
}

} // namespace

std::string google_csv_header() { return google_line(google_columns()); }

std::string google_csv_row(const AllyRow& row) {
  const Ally& a = row.ally;
  return google_line({a.name,
                      google_joined(a.nicknames),
                      birthday_of(row),
                      a.notes,
                      labels_of(a),
                      kind_if(a.emails, "* Other"),
                      google_joined(a.emails),
                      kind_if(a.phones, "Mobile"),
                      google_joined(a.phones),
                      kind_if(a.links, "Profile"),
                      google_joined(a.links),
                      a.org.empty() && a.role.empty() ? "" : "Work",
                      a.org,
                      a.role,
                      a.city.empty() ? "" : "Work",
                      a.city});
}

} // namespace ally
