// Any other CSV, with a map saying which column holds what: `--map 'Full Name=name,Mail=email'`.
// Columns are found by name, case and surrounding spaces ignored. A field may come from
// several columns: texts are joined (First=name,Last=name gives "Ann Lee"; notes by line), each
// list field takes every column's values, split at ';'.
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/text.hpp"
#include "core/intake_csv_common.hpp"

namespace ally::csv_intake {
namespace mapped_layout {
namespace {

enum class Field {
  name, given, family, nickname, email, phone, link, tag, org, role, city, note, met, birthday
};

constexpr std::array<std::string_view, 14> k_field_names{
    "name", "given", "family", "nickname", "email", "phone", "link",
    "tag",  "org",   "role",   "city",     "note",  "met",   "birthday"};

struct Mapping {
  std::size_t column = 0;
  std::string header; // as the header writes it, for messages
  Field field = Field::name;
};

std::string field_list() {
  std::string out;
  for (std::string_view name : k_field_names)
    out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

Field field_named(std::string_view typed, std::string_view pair) {
  const std::string key = lower_ascii(trim(typed));
  for (std::size_t i = 0; i < k_field_names.size(); ++i)
    if (key == k_field_names[i])
      return static_cast<Field>(i);
  const std::string closest =
      closest_choice(key, std::vector<std::string>(k_field_names.begin(), k_field_names.end()));
  throw Conflict(fmt::format("--map: unknown field '{}' in '{}'{}", shown(trim(typed)), shown(pair),
                             closest.empty() ? "" : fmt::format(", did you mean '{}'?", closest)),
                 "the fields are " + field_list());
}

std::vector<Mapping> parse_map(std::string_view map, const Sheet& sheet) {
  const std::string hint = "write --map 'Column=field,…' with the fields " + field_list();
  std::vector<Mapping> mappings;
  for (const std::string& pair : split_list(map, ',')) {
    const auto equals = pair.rfind('=');
    if (equals == std::string::npos || trim(pair.substr(0, equals)).empty())
      throw Conflict(fmt::format("--map: '{}' is not Column=field", shown(pair)), hint);
    Mapping mapping;
    mapping.field = field_named(pair.substr(equals + 1), pair);
    mapping.header = single_line(pair.substr(0, equals));
    const Column column = sheet.column(mapping.header);
    if (!column)
      throw Conflict(fmt::format("--map: the header has no column '{}': it has {}",
                                 shown(mapping.header), header_list(sheet.header)),
                     "column names are matched ignoring case; check the file's first line");
    mapping.column = *column;
    mappings.push_back(std::move(mapping));
  }
  if (mappings.empty())
    throw Conflict("--format csv needs --map to say which column is which", hint);
  return mappings;
}

void append(std::string& text, const std::string& value, char separator) {
  if (value.empty())
    return;
  if (!text.empty())
    text += separator;
  text += value;
}

void apply(IncomingContact& contact, const Mapping& mapping, const CsvRecord& row) {
  if (mapping.field == Field::note) {
    append(contact.note, note_cell(row, mapping.column), '\n');
    return;
  }
  const std::string value = cell(row, mapping.column);
  switch (mapping.field) {
  case Field::name: append(contact.name, value, ' '); break;
  case Field::given: append(contact.given, value, ' '); break;
  case Field::family: append(contact.family, value, ' '); break;
  case Field::org: append(contact.org, value, ' '); break;
  case Field::role: append(contact.role, value, ' '); break;
  case Field::city: append(contact.city, value, ' '); break;
  case Field::met: append(contact.met, value, ' '); break;
  case Field::note: break;
  case Field::email:
    for (const std::string& address : split_list(value, ';'))
      add_email(contact, address);
    break;
  case Field::nickname:
    for (std::string& piece : split_list(value, ';'))
      add_unique(contact.nicknames, std::move(piece));
    break;
  case Field::phone:
    for (std::string& piece : split_list(value, ';'))
      add_unique(contact.phones, std::move(piece));
    break;
  case Field::link:
    for (std::string& piece : split_list(value, ';'))
      add_unique(contact.links, std::move(piece));
    break;
  case Field::tag:
    for (std::string& piece : split_list(value, ';'))
      add_unique(contact.tags, std::move(piece));
    break;
  case Field::birthday:
    if (value.empty() || contact.birthday)
      break;
    contact.birthday = iso_birthday(value);
    if (!contact.birthday)
      warn_not_a_date(contact, mapping.header, value);
    break;
  }
}

} // namespace
} // namespace mapped_layout

std::vector<IncomingContact> mapped_contacts(const Sheet& sheet, std::string_view map) {
  using namespace mapped_layout;
  if (sheet.header.empty())
    throw Conflict("the file has no header (the file is blank): --map names its columns");
  const std::vector<Mapping> mappings = parse_map(map, sheet);
  std::vector<IncomingContact> contacts;
  for (const CsvRecord& row : sheet.rows) {
    IncomingContact contact;
    contact.line = row.line;
    for (const Mapping& mapping : mappings)
      apply(contact, mapping, row);
    if (finish(contact))
      contacts.push_back(std::move(contact));
  }
  return contacts;
}

} // namespace ally::csv_intake
