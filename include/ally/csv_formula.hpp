#pragma once
// CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and
// some a tab or CR before them) as a formula, so a contact named `=HYPERLINK(…)` would run
// when its export is opened. ally's CSV export writes such a cell with a `'` in front, which
// spreadsheets show as text and hide; ally's CSV import takes it away again.
#include <string>
#include <string_view>

namespace ally {

// Only digits and the signs phone numbers are written with, and at least three digits:
// "+44 20 7946 0958", "-1 (555) 0100"; a spreadsheet keeps it as text once quoted, never runs it.
bool looks_like_phone(std::string_view text);

// `text` with a `'` in front when a spreadsheet could take it for a formula: it starts with
// `=`, `@`, a tab or CR, or with `+` or `-` and is not a phone number; also when it starts with
// `'`, so that the import's one `'` taken away gives the text back whatever it was.
std::string neutralised_cell(std::string_view text);
// The inverse: one leading `'` dropped when neutralised_cell would have added it.
std::string unneutralised_cell(std::string_view text);

} // namespace ally
