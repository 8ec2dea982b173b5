// ally's own CSV, as src/render/csv.cpp writes it: number,id,name,nicknames,org,role,city,
// emails,phones,circle,relationship,cadence,tags,expertise,interests,birthday,met,goals,notes,
// added_on,last_contact,snoozed_until,archived,vcard_uid,links, lists joined by "; ". The
// columns a contact has no place for (circle, cadence, goals, dates of this store) are left.
// Each cell loses the `'` the export put in front of what a spreadsheet would run as a formula.
#include <string>
#include <vector>

#include "ally/csv_formula.hpp"
#include "ally/text.hpp"
#include "core/intake_csv_common.hpp"

namespace ally::csv_intake {
namespace ally_layout {
namespace {

std::string raw(const CsvRecord& row, Column column) {
  return column && *column < row.fields.size() ? unneutralised_cell(row.fields[*column])
                                               : std::string();
}

std::string text_cell(const CsvRecord& row, Column column) { return single_line(raw(row, column)); }

std::string notes_cell(const CsvRecord& row, Column column) { return multi_line(raw(row, column)); }

} // namespace
} // namespace ally_layout

bool is_ally_header(const Sheet& sheet) {
  return sheet.keys.size() >= 3 && sheet.keys[0] == "number" && sheet.keys[1] == "id" &&
         sheet.keys[2] == "name";
}

std::vector<IncomingContact> ally_contacts(const Sheet& sheet) {
  using ally_layout::text_cell;
  const Column id = sheet.column("id");
  const Column name = sheet.column("name");
  const Column nicknames = sheet.column("nicknames");
  const Column org = sheet.column("org");
  const Column role = sheet.column("role");
  const Column city = sheet.column("city");
  const Column emails = sheet.column("emails");
  const Column phones = sheet.column("phones");
  const Column tags = sheet.column("tags");
  const Column birthday = sheet.column("birthday");
  const Column met = sheet.column("met");
  const Column notes = sheet.column("notes");
  const Column links = sheet.column("links");
  const Column vcard_uid = sheet.column("vcard_uid");
  std::vector<IncomingContact> contacts;
  for (const CsvRecord& row : sheet.rows) {
    IncomingContact contact;
    contact.line = row.line;
    // The card UID the ally was imported under, else its own id: the same ally when the
    // file comes back to this store, a new one in any other.
    contact.identity = text_cell(row, vcard_uid);
    if (contact.identity.empty() && !text_cell(row, id).empty())
      contact.identity = "urn:uuid:" + text_cell(row, id);
    contact.name = text_cell(row, name);
    for (std::string& nick : split_list(text_cell(row, nicknames), ';'))
      add_unique(contact.nicknames, std::move(nick));
    for (const std::string& address : split_list(text_cell(row, emails), ';'))
      add_email(contact, address);
    for (std::string& phone : split_list(text_cell(row, phones), ';'))
      add_unique(contact.phones, std::move(phone));
    for (std::string& tag : split_list(text_cell(row, tags), ';'))
      add_unique(contact.tags, std::move(tag));
    for (std::string& link : split_list(text_cell(row, links), ';'))
      add_unique(contact.links, std::move(link));
    contact.org = text_cell(row, org);
    contact.role = text_cell(row, role);
    contact.city = text_cell(row, city);
    contact.met = text_cell(row, met);
    contact.note = ally_layout::notes_cell(row, notes);
    if (const std::string day = text_cell(row, birthday); !day.empty()) {
      contact.birthday = iso_birthday(day);
      if (!contact.birthday)
        warn_not_a_date(contact, "birthday", day);
    }
    if (finish(contact))
      contacts.push_back(std::move(contact));
  }
  return contacts;
}

} // namespace ally::csv_intake
