#pragma once
// vCard 2.1 / 3.0 / 4.0 reading and vCard 4.0 (RFC 6350) writing, with no database in sight.
// The reader takes address books as phones, Google, Apple, Outlook and Thunderbird really write
// them: folded lines, quoted-printable, CHARSET parameters, property groups, bare 2.1
// parameters, mixed line endings. Every string it returns is valid UTF-8.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ally/date.hpp"

namespace ally {

// The contact fields of one card, decoded to UTF-8 and unescaped. Absent fields are empty.
struct VCard {
  std::string uid;
  std::string fn;     // FN
  std::string given;  // N, second component
  std::string family; // N, first component
  std::string org;    // ORG, first component of the first ORG
  std::string title;  // TITLE, else ROLE
  std::string note;   // every NOTE, joined by a newline
  std::string city;   // locality of the first ADR that has one
  std::vector<std::string> nicknames;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> urls; // URL, `\:` read as `:` (Apple and Google escape it)
  std::vector<std::string> categories;
  std::optional<YearlessDate> birthday;
  std::string version; // as written in VERSION ("2.1", "3.0", "4.0"), empty when missing
  int line = 0;        // 1-based line of BEGIN:VCARD
  // Values that were present but could not be used (a BDAY that is not a date), one sentence
  // each, so an import can tell the user instead of dropping them silently.
  std::vector<std::string> warnings;
};

// A file's text as UTF-8: a UTF-8 byte-order mark dropped; UTF-16 and UTF-32, in either byte
// order, with or without a byte-order mark, converted (into `storage`). What the import's format
// detection and the vCard parser both read, so they never disagree.
std::string_view file_as_utf8(std::string_view bytes, std::string& storage);

// Every card in `bytes`, in file order. An empty or blank input gives no cards. Throws Conflict
// naming the card (1-based index and line) when the file is structurally broken: BEGIN:VCARD
// without END:VCARD, END:VCARD without BEGIN:VCARD, or no BEGIN:VCARD at all in a non-blank
// input. Never crashes, whatever the bytes.
std::vector<VCard> parse_vcards(std::string_view bytes);

// FN, else "given family", else ORG, else the first EMAIL, else "(unnamed)".
std::string display_name(const VCard& card);

// What an export writes for one ally.
struct VCardOut {
  std::string uid;
  std::string name;
  std::vector<std::string> nicknames;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> urls;
  std::vector<std::string> categories;
  std::string org;
  std::string title;
  std::string note;
  std::string city;
  std::optional<YearlessDate> birthday;
  std::string rev; // RFC 6350 timestamp, e.g. "20260105T101500Z"; omitted when empty
};

// One vCard 4.0 card: CRLF line ends, text escaped (\\ \, \; \n), lines folded at 75 octets
// without splitting a UTF-8 sequence, N derived from the name (last word = family name),
// BDAY as YYYYMMDD or --MMDD.
std::string write_vcard(const VCardOut& card);

} // namespace ally
