// LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data): First Name,
// Last Name, URL, Email Address, Company, Position, Connected On. Since 2021–2022 a "Notes:"
// preamble and a blank line come first; before mid-2023 there is no URL column.
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ally/links.hpp"
#include "ally/text.hpp"
#include "core/intake_csv_common.hpp"

namespace ally::csv_intake {
namespace linkedin_layout {
namespace {

std::optional<unsigned> month_named(std::string_view word) {
  static constexpr std::array<std::string_view, 12> k_months{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string key = lower_ascii(word);
  for (std::size_t i = 0; i < k_months.size(); ++i)
    if (key == k_months[i] || (key.size() == 3 && k_months[i].substr(0, 3) == key) ||
        (i == 8 && key == "sept"))
      return static_cast<unsigned>(i + 1);
  return std::nullopt;
}

struct Number {
  int value = 0;
  std::size_t digits = 0;
};

std::optional<Number> number(std::string_view word) {
  if (word.empty() || word.size() > 4)
    return std::nullopt;
  Number out;
  for (char c : word) {
    if (c < '0' || c > '9')
      return std::nullopt;
    out.value = out.value * 10 + (c - '0');
  }
  out.digits = word.size();
  return out;
}

// A two-digit year is this century's: LinkedIn has existed since 2003.
std::optional<int> year_of(const Number& year) {
  if (year.digits == 2)
    return 2000 + year.value;
  if (year.digits == 4)
    return year.value;
  return std::nullopt;
}

// The forms Connected On has taken: "22 Dec 2025" (the export), "7-Feb-22" (re-saved by Excel),
// "1/8/18, 6:14 PM" (older exports, US month first, a time after the comma), "2025-12-22".
std::optional<Date> connected_on(std::string_view text) {
  const auto comma = text.find(',');
  if (comma != std::string_view::npos && text.find(':', comma) != std::string_view::npos)
    text = text.substr(0, comma);
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || std::string_view(" -/,.").find(text[i]) != std::string_view::npos) {
      if (i > start)
        words.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (words.size() != 3)
    return std::nullopt;
  const auto a = number(words[0]);
  const auto b = number(words[1]);
  const auto c = number(words[2]);
  if (a && b && c && a->digits == 4) // 2025-12-22
    return calendar_date(a->value, static_cast<unsigned>(b->value), static_cast<unsigned>(c->value));
  std::optional<unsigned> month;
  std::optional<Number> day;
  if (a && c && (month = month_named(words[1]))) // 22 Dec 2025
    day = a;
  else if (b && c && (month = month_named(words[0]))) // Dec 22, 2025
    day = b;
  else if (a && b && c) { // 1/8/18
    month = static_cast<unsigned>(a->value);
    day = b;
  }
  std::optional<int> year;
  if (c)
    year = year_of(*c);
  if (!month || !day || !year)
    return std::nullopt;
  return calendar_date(*year, *month, static_cast<unsigned>(day->value));
}

} // namespace
} // namespace linkedin_layout

bool is_linkedin_header(const Sheet& sheet) {
  if (!sheet.has("First Name") || !sheet.has("Last Name"))
    return false;
  if (sheet.has("Connected On"))
    return true;
  return (sheet.has("Position") || sheet.has("Company")) &&
         (sheet.has("URL") || sheet.has("Email Address"));
}

std::vector<IncomingContact> linkedin_contacts(const Sheet& sheet) {
  const Column first = sheet.column("First Name");
  const Column last = sheet.column("Last Name");
  const Column url = sheet.column("URL");
  const Column email = sheet.column("Email Address");
  const Column company = sheet.column("Company");
  const Column position = sheet.column("Position");
  const Column connected = sheet.column("Connected On");
  std::vector<IncomingContact> contacts;
  for (const CsvRecord& row : sheet.rows) {
    IncomingContact contact;
    contact.line = row.line;
    contact.given = cell(row, first);
    contact.family = cell(row, last);
    contact.name = joined_words({contact.given, contact.family});
    if (std::string link = cell(row, url); !link.empty()) {
      if (std::string key = link_key(link); !key.empty())
        contact.identity = "linkedin:" + key;
      contact.links.push_back(std::move(link));
    }
    // Mostly empty, or "urn:li:member:…" for members who do not share their address.
    add_email(contact, cell(row, email));
    contact.org = cell(row, company);
    contact.role = cell(row, position);
    // Every row is a connection; the date says when, if it can be read.
    contact.met = "connected on LinkedIn";
    if (const std::string when = cell(row, connected); !when.empty()) {
      if (const auto date = linkedin_layout::connected_on(when))
        contact.met += ", " + format_date(*date);
      else
        warn_not_a_date(contact, "Connected On", when);
    }
    if (finish(contact))
      contacts.push_back(std::move(contact));
  }
  return contacts;
}

} // namespace ally::csv_intake
