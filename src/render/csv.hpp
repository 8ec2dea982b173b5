#pragma once
// Allies as CSV for spreadsheets (RFC 4180): a header row, then one row per ally, CRLF line
// ends, UTF-8, many-valued fields joined with "; ", and every cell a spreadsheet could run as a
// formula written with a `'` in front (csv_formula.hpp), which ally's CSV import takes away.
#include <string>
#include <string_view>
#include <vector>

#include "ally/exchange.hpp"

namespace ally {

// A field quoted when it holds a comma, a double quote, CR or LF (quotes doubled inside).
std::string csv_field(std::string_view text);

// One record: the fields joined by commas, each quoted as csv_field says, ending in CRLF;
// for_spreadsheets also neutralises each cell (csv_formula.hpp), as_written keeps it.
enum class CsvCells { for_spreadsheets, as_written };
std::string csv_line(const std::vector<std::string>& fields, CsvCells cells);

// number,id,name,nicknames,org,role,city,emails,phones,circle,relationship,cadence,tags,
// expertise,interests,birthday,met,goals,notes,added_on,last_contact,snoozed_until,archived,
// vcard_uid (the first card's), links — each line ending in CRLF.
std::string csv_header();
std::string csv_row(const AllyRow& row);

} // namespace ally
