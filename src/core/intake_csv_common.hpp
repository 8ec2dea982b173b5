#pragma once
// What the CSV layouts (intake_csv_*.cpp) share: the file cut into a header and its rows, cells
// read as clean text, and the rules every layout applies alike (which emails count, who a row
// without a name is). Each layout file owns how its header is recognised and its columns read.
// Everything lives in ally::csv_intake, and each file's own helpers in a namespace of its own:
// a unity build compiles several of these files (and vcard.cpp's same-named helpers) as one.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ally/date.hpp"
#include "ally/intake.hpp"

namespace ally::csv_intake {

using Column = std::optional<std::size_t>;

// A CSV file as a header and the rows after it.
struct Sheet {
  std::vector<std::string> header; // trimmed, as written
  std::vector<std::string> keys;   // the header lower-cased (ASCII), what columns are found by
  std::vector<CsvRecord> rows;     // after the header; rows whose cells are all blank dropped
  // The column of that name, ASCII case ignored; nullopt when the header has none.
  Column column(std::string_view name) const;
  // The first of these names the header has.
  Column column(std::initializer_list<std::string_view> names) const;
  bool has(std::string_view name) const { return column(name).has_value(); }
};

// The header is the first of the first few records with both "First Name" and "Last Name"
// (LinkedIn writes a preamble of notes above it), else the first record that is not blank.
// No header at all (a blank file) leaves `header` empty.
Sheet make_sheet(std::vector<CsvRecord> records);
// How many records the header is looked for in, and all detection reads.
inline constexpr std::size_t k_header_search = 10;

// Throws Conflict naming the line and column of a cell over k_max_import_text, the one limit
// on a text wherever it comes from.
void check_cell_sizes(const Sheet& sheet);

// read_csv() of the first `count` records only, for detection: it stops early, without an
// error, at a quote left open.
std::vector<CsvRecord> read_csv_head(std::string_view bytes, std::size_t count);

// The file's bytes as read_csv takes them: UTF-16 and UTF-32 converted (file_as_utf8).
std::vector<CsvRecord> read_file_records(std::string_view bytes, std::string& storage);

// Text as stored: UTF-8 (a text that is not valid UTF-8 read as Windows-1252, what Outlook
// writes on Windows), with no control characters, trimmed. single_line turns line breaks and
// tabs into spaces; multi_line keeps them, every line break as "\n".
std::string single_line(std::string_view text);
std::string multi_line(std::string_view text);

// A cell of `row` as single_line / multi_line text; "" when the column is absent or the row
// shorter.
std::string cell(const CsvRecord& row, Column column);
std::string note_cell(const CsvRecord& row, Column column);

// The columns whose (lower-case) key is `prefix`, a number and `suffix`, in header order:
// numbered_columns(sheet, "e-mail ", " - value") finds "E-mail 1 - Value", "E-mail 2 - Value"….
std::vector<std::size_t> numbered_columns(const Sheet& sheet, std::string_view prefix,
                                          std::string_view suffix);

// Pieces of `text` between separators, trimmed, empty ones dropped.
std::vector<std::string> split_on(std::string_view text, std::string_view separator);
// The words that are not empty, joined by one space.
std::string joined_words(std::initializer_list<std::string_view> words);

// Something@domain.tld with no spaces: "urn:li:member:123" and Exchange's "/o=…" are not.
bool looks_like_email(std::string_view text);
// Adds the address (a "mailto:" dropped) when it looks like one and is not there yet, case
// ignored.
void add_email(IncomingContact& contact, std::string_view text);
// Appends `item` unless it is empty or already there.
void add_unique(std::vector<std::string>& list, std::string item);

// A real calendar day, or nullopt.
std::optional<Date> calendar_date(int year, unsigned month, unsigned day);
// A real yearly date (Feb 29 without a year is one), or nullopt.
std::optional<YearlessDate> yearly_date(unsigned month, unsigned day, std::optional<int> year);
// `YYYY-MM-DD`, `--MM-DD` or `MM-DD` (what Google and ally write); nullopt otherwise.
std::optional<YearlessDate> iso_birthday(std::string_view text);
// Records "COLUMN 'VALUE' is not a date; ignored" in the contact's warnings.
void warn_not_a_date(IncomingContact& contact, std::string_view column, std::string_view value);
// A value cut short enough to quote in a message.
std::string shown(std::string_view value);

// Names a row that has none from its given and family names, else its org, else its first
// email. False when there is nothing to name it by: the row is skipped (LinkedIn lists hidden
// profiles as a bare date). A phone alone never names anyone.
bool finish(IncomingContact& contact);

// Throws Conflict: the header is not `layout`'s, listing the headers found.
[[noreturn]] void throw_wrong_header(std::string_view layout, const Sheet& sheet);
// Up to eight of the header's names, for messages.
std::string header_list(const std::vector<std::string>& header);

// Each layout: whether a header is its own, and its rows as contacts.
bool is_linkedin_header(const Sheet& sheet);
bool is_google_header(const Sheet& sheet);
bool is_outlook_header(const Sheet& sheet);
bool is_ally_header(const Sheet& sheet);
std::vector<IncomingContact> linkedin_contacts(const Sheet& sheet);
std::vector<IncomingContact> google_contacts(const Sheet& sheet);
std::vector<IncomingContact> outlook_contacts(const Sheet& sheet);
std::vector<IncomingContact> ally_contacts(const Sheet& sheet);
// Throws Conflict for a map that names an unknown field or a column the header lacks.
std::vector<IncomingContact> mapped_contacts(const Sheet& sheet, std::string_view map);

} // namespace ally::csv_intake
