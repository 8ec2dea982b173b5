// Google Contacts CSV ("Google CSV" in contacts.google.com → Export). Three headers are seen:
// the old one (Name, Given Name, Additional Name, Family Name, …, Group Membership, E-mail 1 -
// Type, E-mail 1 - Value, …, Organization 1 - Name, Organization 1 - Title, …), and the newer
// ones (First Name, Middle Name, Last Name, …, Labels, E-mail 1 - Label, E-mail 1 - Value, …,
// Organization Name, Organization Title), the current one with Phonetic…, Name Prefix, Name
// Suffix, Nickname, File As up front. Columns are read by name: Google leaves out the ones no
// contact uses, and numbers as many E-mail/Phone/Website groups as the fullest contact needs.
// One cell may hold several values joined by " ::: ".
#include <string>
#include <vector>

#include "ally/text.hpp"
#include "core/intake_csv_common.hpp"

namespace ally::csv_intake {
namespace google_layout {
namespace {

constexpr std::string_view k_separator = ":::";

bool has_numbered(const Sheet& sheet, std::string_view prefix, std::string_view suffix) {
  return !numbered_columns(sheet, prefix, suffix).empty();
}

std::string first_value(const std::string& text) {
  auto values = split_on(text, k_separator);
  return values.empty() ? std::string() : values.front();
}

// Google's own groups: every contact is in "* myContacts" ("* My Contacts" in older exports),
// and "* starred" is a flag. Its other system groups ("* friends", "* coworkers") are the user's
// choice and kept, without the "* ".
void add_labels(IncomingContact& contact, const std::string& text) {
  for (std::string label : split_on(text, k_separator)) {
    if (label.substr(0, 2) == "* ") {
      label = trim(label.substr(2));
      const std::string key = lower_ascii(label);
      if (key == "mycontacts" || key == "my contacts" || key == "starred")
        continue;
    }
    add_unique(contact.tags, std::move(label));
  }
}

} // namespace
} // namespace google_layout

bool is_google_header(const Sheet& sheet) {
  using namespace google_layout;
  const bool groups = has_numbered(sheet, "e-mail ", " - value") ||
                      has_numbered(sheet, "phone ", " - value") ||
                      has_numbered(sheet, "website ", " - value") ||
                      has_numbered(sheet, "organization ", " - name");
  const bool names = sheet.has("Given Name") || sheet.has("First Name") || sheet.has("Name");
  const bool google_only = sheet.has("Labels") || sheet.has("Group Membership") ||
                           sheet.has("Name Prefix") || sheet.has("File As");
  return (groups && names) || (groups && google_only) ||
         (sheet.has("Labels") && sheet.has("File As"));
}

std::vector<IncomingContact> google_contacts(const Sheet& sheet) {
  using namespace google_layout;
  const Column full_name = sheet.column("Name");
  const Column given = sheet.column({"Given Name", "First Name"});
  const Column middle = sheet.column({"Additional Name", "Middle Name"});
  const Column family = sheet.column({"Family Name", "Last Name"});
  const Column nickname = sheet.column("Nickname");
  const Column labels = sheet.column({"Labels", "Group Membership"});
  const Column birthday = sheet.column("Birthday");
  const Column notes = sheet.column("Notes");
  const Column org = sheet.column({"Organization Name", "Organization 1 - Name"});
  const Column title = sheet.column({"Organization Title", "Organization 1 - Title"});
  const Column city = sheet.column({"Address 1 - City", "Address 1 - Locality"});
  const auto emails = numbered_columns(sheet, "e-mail ", " - value");
  const auto phones = numbered_columns(sheet, "phone ", " - value");
  const auto websites = numbered_columns(sheet, "website ", " - value");
  std::vector<IncomingContact> contacts;
  for (const CsvRecord& row : sheet.rows) {
    IncomingContact contact;
    contact.line = row.line;
    contact.given = cell(row, given);
    contact.family = cell(row, family);
    contact.name = cell(row, full_name);
    if (contact.name.empty())
      contact.name = joined_words({contact.given, cell(row, middle), contact.family});
    for (std::string& nick : split_on(cell(row, nickname), k_separator))
      add_unique(contact.nicknames, std::move(nick));
    for (std::size_t column : emails)
      for (const std::string& address : split_on(cell(row, column), k_separator))
        add_email(contact, address);
    for (std::size_t column : phones)
      for (std::string& phone : split_on(cell(row, column), k_separator))
        add_unique(contact.phones, std::move(phone));
    for (std::size_t column : websites)
      for (std::string& link : split_on(cell(row, column), k_separator))
        add_unique(contact.links, std::move(link));
    add_labels(contact, cell(row, labels));
    contact.org = first_value(cell(row, org));
    contact.role = first_value(cell(row, title));
    contact.city = first_value(cell(row, city));
    contact.note = note_cell(row, notes);
    if (const std::string day = cell(row, birthday); !day.empty()) {
      contact.birthday = iso_birthday(day);
      if (!contact.birthday)
        warn_not_a_date(contact, "Birthday", day);
    }
    if (finish(contact))
      contacts.push_back(std::move(contact));
  }
  return contacts;
}

} // namespace ally::csv_intake
