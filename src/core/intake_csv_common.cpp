// The parts every CSV layout reads alike (src/core/intake_csv_common.hpp).
#include "core/intake_csv_common.hpp"

#include <array>
#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/export_format.hpp"
#include "ally/imported_text.hpp"
#include "ally/text.hpp"

namespace ally::csv_intake {
namespace common {
namespace {

std::string_view cell_text(const CsvRecord& row, Column column) {
  if (!column || *column >= row.fields.size())
    return {};
  return row.fields[*column];
}

bool is_numbered_key(std::string_view key, std::string_view prefix, std::string_view suffix) {
  if (key.size() <= prefix.size() + suffix.size() || key.substr(0, prefix.size()) != prefix ||
      key.substr(key.size() - suffix.size()) != suffix)
    return false;
  for (char c : key.substr(prefix.size(), key.size() - prefix.size() - suffix.size()))
    if (c < '0' || c > '9')
      return false;
  return true;
}

bool is_blank(const CsvRecord& record) {
  for (const std::string& field : record.fields)
    if (!trim(field).empty())
      return false;
  return true;
}

bool names_linkedin_header(const CsvRecord& record) {
  bool first = false;
  bool last = false;
  for (const std::string& field : record.fields) {
    const std::string key = lower_ascii(trim(field));
    first = first || key == "first name";
    last = last || key == "last name";
  }
  return first && last;
}

unsigned days_in_month(unsigned month, std::optional<int> year) {
  static constexpr std::array<unsigned, 12> k_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2 || !year)
    return k_days[month - 1];
  const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  return leap ? 29 : 28;
}

std::optional<unsigned> two_digits(std::string_view text) {
  if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9')
    return std::nullopt;
  return static_cast<unsigned>((text[0] - '0') * 10 + (text[1] - '0'));
}

} // namespace
} // namespace common

Column Sheet::column(std::string_view name) const {
  const std::string key = lower_ascii(name);
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key)
      return i;
  return std::nullopt;
}

Column Sheet::column(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names)
    if (Column found = column(name))
      return found;
  return std::nullopt;
}

Sheet make_sheet(std::vector<CsvRecord> records) {
  std::size_t at = records.size();
  for (std::size_t i = 0; i < records.size() && i < k_header_search; ++i) {
    if (common::names_linkedin_header(records[i])) {
      at = i;
      break;
    }
  }
  if (at == records.size()) {
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (!common::is_blank(records[i])) {
        at = i;
        break;
      }
    }
  }
  Sheet sheet;
  if (at == records.size())
    return sheet;
  for (const std::string& field : records[at].fields) {
    sheet.header.push_back(single_line(field));
    sheet.keys.push_back(lower_ascii(sheet.header.back()));
  }
  for (std::size_t i = at + 1; i < records.size(); ++i)
    if (!common::is_blank(records[i]))
      sheet.rows.push_back(std::move(records[i]));
  return sheet;
}

void check_cell_sizes(const Sheet& sheet) {
  for (const CsvRecord& row : sheet.rows) {
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (row.fields[i].size() <= k_max_import_text)
        continue;
      const std::string column = i < sheet.header.size() && !sheet.header[i].empty()
                                     ? fmt::format("the '{}' column", shown(sheet.header[i]))
                                     : fmt::format("column {}", i + 1);
      throw Conflict(fmt::format("line {}: {} holds {} KiB, over the limit of 1 MiB for one text",
                                 row.line, column, row.fields[i].size() >> 10),
                     "shorten it in the address book, or remove it from the file");
    }
  }
}

std::string single_line(std::string_view text) { return imported_line(utf8_or_cp1252(text)); }

std::string multi_line(std::string_view text) { return trim(imported_lines(utf8_or_cp1252(text))); }

std::string cell(const CsvRecord& row, Column column) {
  return single_line(common::cell_text(row, column));
}

std::string note_cell(const CsvRecord& row, Column column) {
  return multi_line(common::cell_text(row, column));
}

std::vector<std::string> split_on(std::string_view text, std::string_view separator) {
  std::vector<std::string> pieces;
  for (;;) {
    const auto at = text.find(separator);
    std::string piece = trim(text.substr(0, at));
    if (!piece.empty())
      pieces.push_back(std::move(piece));
    if (at == std::string_view::npos)
      return pieces;
    text.remove_prefix(at + separator.size());
  }
}

std::string joined_words(std::initializer_list<std::string_view> words) {
  std::string out;
  for (std::string_view word : words) {
    if (word.empty())
      continue;
    if (!out.empty())
      out += ' ';
    out += word;
  }
  return out;
}

bool looks_like_email(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte == 0x7F || std::string_view(",;:<>()[]\\\"").find(c) != std::string_view::npos)
      return false;
  }
  const std::string_view domain = text.substr(at + 1);
  return domain.size() >= 3 && domain.front() != '.' && domain.back() != '.' &&
         domain.find('.') != std::string_view::npos && domain.find("..") == std::string_view::npos;
}

void add_email(IncomingContact& contact, std::string_view text) {
  std::string address = single_line(text);
  if (lower_ascii(std::string_view(address).substr(0, 7)) == "mailto:")
    address.erase(0, 7);
  if (!looks_like_email(address))
    return;
  const std::string key = lower_ascii(address);
  for (const std::string& known : contact.emails)
    if (lower_ascii(known) == key)
      return;
  contact.emails.push_back(std::move(address));
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (item.empty())
    return;
  for (const std::string& known : list)
    if (known == item)
      return;
  list.push_back(std::move(item));
}

std::optional<Date> calendar_date(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{day}};
  if (year < 1 || year > 9999 || !ymd.ok())
    return std::nullopt;
  return Date{ymd};
}

std::optional<YearlessDate> yearly_date(unsigned month, unsigned day, std::optional<int> year) {
  if (year && (*year < 1 || *year > 9999))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > common::days_in_month(month, year))
    return std::nullopt;
  return YearlessDate{month, day, year};
}

std::optional<YearlessDate> iso_birthday(std::string_view text) {
  if (text.substr(0, 2) == "--")
    text.remove_prefix(2);
  std::optional<int> year;
  if (text.size() == 10 && text[4] == '-') {
    int value = 0;
    for (char c : text.substr(0, 4)) {
      if (c < '0' || c > '9')
        return std::nullopt;
      value = value * 10 + (c - '0');
    }
    year = value;
    text.remove_prefix(5);
  }
  if (text.size() != 5 || text[2] != '-')
    return std::nullopt;
  const auto month = common::two_digits(text.substr(0, 2));
  const auto day = common::two_digits(text.substr(3, 2));
  if (!month || !day)
    return std::nullopt;
  return yearly_date(*month, *day, year);
}

std::vector<std::size_t> numbered_columns(const Sheet& sheet, std::string_view prefix,
                                          std::string_view suffix) {
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < sheet.keys.size(); ++i)
    if (common::is_numbered_key(sheet.keys[i], prefix, suffix))
      columns.push_back(i);
  return columns;
}

std::string shown(std::string_view value) { return truncate_to_width(value, 40); }

void warn_not_a_date(IncomingContact& contact, std::string_view column, std::string_view value) {
  contact.warnings.push_back(fmt::format("{} '{}' is not a date; ignored", column, shown(value)));
}

bool finish(IncomingContact& contact) {
  if (contact.name.empty())
    contact.name = joined_words({contact.given, contact.family});
  if (contact.name.empty())
    contact.name = contact.org;
  if (contact.name.empty() && !contact.emails.empty())
    contact.name = contact.emails.front();
  return !contact.name.empty();
}

std::string header_list(const std::vector<std::string>& header) {
  constexpr std::size_t k_shown = 8;
  std::string out;
  std::size_t count = 0;
  for (const std::string& name : header) {
    if (name.empty())
      continue;
    if (count++ == k_shown) {
      out += ", …";
      break;
    }
    out += (out.empty() ? "" : ", ") + truncate_to_width(name, 30);
  }
  return out;
}

void throw_wrong_header(std::string_view layout, const Sheet& sheet) {
  const std::string hint = "give the layout the file has with --format, or name its columns "
                           "with --format csv --map 'Column=field,…'";
  const std::string names = header_list(sheet.header);
  if (names.empty())
    throw Conflict(fmt::format("the file is not {}: it has no header (the file is blank)", layout),
                   hint);
  throw Conflict(fmt::format("the header is not {}: it has {}", layout, names), hint);
}

} // namespace ally::csv_intake
