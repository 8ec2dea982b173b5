// Outlook CSV. Outlook for Windows (File → Open & Export → Export to a file) writes every field
// quoted: "Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job
// Title",…,"Birthday",…,"Categories",…,"E-mail Address","E-mail Type","E-mail Display Name",
// "E-mail 2 Address",…,"Notes",…,"Web Page". Google's "Outlook CSV" export starts First Name,
// Middle Name, Last Name, Title, Suffix, Initials, Web Page, …; outlook.com's First Name, Middle
// Name, Last Name, Title, Suffix, Nickname, Given Yomi, … and some versions write the names in
// sentence case ("First name", "E-mail address", "Job title"). Names are matched ignoring case.
#include <array>
#include <string>
#include <vector>

#include "core/intake_csv_common.hpp"

namespace ally::csv_intake {
namespace outlook_layout {
namespace {

// The person's own numbers, the mobile first; faxes, pagers and an assistant's are not theirs
// to call.
constexpr std::array<std::string_view, 9> k_phone_columns{
    "Mobile Phone", "Primary Phone", "Home Phone",         "Home Phone 2", "Business Phone",
    "Business Phone 2", "Other Phone", "Company Main Phone", "Car Phone"};
constexpr std::array<std::string_view, 2> k_link_columns{"Web Page", "Personal Web Page"};
constexpr std::array<std::string_view, 3> k_city_columns{"Home City", "Business City",
                                                         "Other City"};


std::optional<unsigned> small_number(std::string_view text) {
  if (text.empty() || text.size() > 4)
    return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

// Outlook writes M/D/YYYY, sometimes with a time after a space, and "0/0/00" for none. A
// two-digit year gives the day without its year: a century is not guessed for a birthday.
struct Birthday {
  bool empty = false;
  std::optional<YearlessDate> date;
};
Birthday birthday_of(std::string_view text) {
  text = text.substr(0, text.find(' '));
  if (auto iso = iso_birthday(text))
    return {false, iso};
  const auto first = text.find('/');
  const auto second = text.find('/', first == std::string_view::npos ? first : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos)
    return {};
  const auto month = small_number(text.substr(0, first));
  const auto day = small_number(text.substr(first + 1, second - first - 1));
  const std::string_view year_text = text.substr(second + 1);
  const auto year = small_number(year_text);
  if (!month || !day || !year)
    return {};
  if (*month == 0 && *day == 0 && *year == 0)
    return {true, std::nullopt};
  std::optional<int> full_year;
  if (year_text.size() == 4)
    full_year = static_cast<int>(*year);
  else if (year_text.size() != 2)
    return {};
  return {false, yearly_date(*month, *day, full_year)};
}

} // namespace
} // namespace outlook_layout

bool is_outlook_header(const Sheet& sheet) {
  return sheet.has("E-mail Address") &&
         (sheet.has("Job Title") || sheet.has("Business Phone") || sheet.has("Mobile Phone"));
}

std::vector<IncomingContact> outlook_contacts(const Sheet& sheet) {
  using namespace outlook_layout;
  const Column first = sheet.column("First Name");
  const Column middle = sheet.column("Middle Name");
  const Column last = sheet.column("Last Name");
  const Column nickname = sheet.column("Nickname");
  const Column company = sheet.column("Company");
  const Column job_title = sheet.column("Job Title");
  const Column birthday = sheet.column("Birthday");
  const Column categories = sheet.column("Categories");
  const Column notes = sheet.column("Notes");
  std::vector<std::size_t> emails = numbered_columns(sheet, "e-mail ", " address");
  if (const Column first_email = sheet.column("E-mail Address"))
    emails.insert(emails.begin(), *first_email);
  std::vector<IncomingContact> contacts;
  for (const CsvRecord& row : sheet.rows) {
    IncomingContact contact;
    contact.line = row.line;
    contact.given = cell(row, first);
    contact.family = cell(row, last);
    contact.name = joined_words({contact.given, cell(row, middle), contact.family});
    add_unique(contact.nicknames, cell(row, nickname));
    for (std::size_t column : emails)
      add_email(contact, cell(row, column));
    for (std::string_view name : k_phone_columns)
      add_unique(contact.phones, cell(row, sheet.column(name)));
    for (std::string_view name : k_link_columns)
      add_unique(contact.links, cell(row, sheet.column(name)));
    for (std::string_view name : k_city_columns) {
      contact.city = cell(row, sheet.column(name));
      if (!contact.city.empty())
        break;
    }
    for (std::string& category : split_on(cell(row, categories), ";"))
      add_unique(contact.tags, std::move(category));
    contact.org = cell(row, company);
    contact.role = cell(row, job_title);
    contact.note = note_cell(row, notes);
    if (const std::string day = cell(row, birthday); !day.empty()) {
      const Birthday read = birthday_of(day);
      contact.birthday = read.date;
      if (!read.empty && !read.date)
        warn_not_a_date(contact, "Birthday", day);
    }
    if (finish(contact))
      contacts.push_back(std::move(contact));
  }
  return contacts;
}

} // namespace ally::csv_intake
