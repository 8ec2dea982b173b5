#pragma once
// Allies as CSV for spreadsheets (RFC 4180): a header row, then one row per ally, CRLF line
// ends, UTF-8, many-valued fields joined with "; ".
#include <string>
#include <string_view>

#include "ally/exchange.hpp"

namespace ally {

// A field quoted when it holds a comma, a double quote, CR or LF (quotes doubled inside).
std::string csv_field(std::string_view text);

// number,id,name,nicknames,org,role,city,emails,phones,circle,relationship,cadence,tags,
// expertise,interests,birthday,met,goals,notes,added_on,last_contact,snoozed_until,archived,
// vcard_uid (the first card's), links — each line ending in CRLF.
std::string csv_header();
std::string csv_row(const AllyRow& row);

} // namespace ally
