#pragma once
// Text that comes from another program's file (a vCard, a CSV row), made fit to store: decoded
// to UTF-8 and cleaned of what must never reach the database or a terminal. Every importer goes
// through these, so a NUL or an escape sequence is dropped the same way whatever the format.
#include <string>
#include <string_view>

namespace ally {

// Windows-1252 never fails: its five unassigned bytes map to the C1 controls, as browsers do
// (and imported_line/imported_lines drop those).
std::string cp1252_to_utf8(std::string_view text);

// What text with no (usable) charset is: UTF-8 when it is valid, else the Windows-1252 that
// older Windows tools wrote.
std::string utf8_or_cp1252(std::string_view text);

// Names, emails, phones, tags: one line. Line breaks (CR, LF, U+2028, U+2029) and tabs become
// spaces, other C0 and C1 control characters are dropped, and the ends are trimmed.
std::string imported_line(std::string_view utf8);

// Notes: lines kept (CRLF and CR become LF, U+2028/U+2029 too) and tabs, other control
// characters dropped. Not trimmed.
std::string imported_lines(std::string_view utf8);

} // namespace ally
