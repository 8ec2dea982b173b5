#pragma once
// Text helpers for names and terminal output. All input is UTF-8 of unknown quality: invalid
// bytes never crash these functions.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ally {

// Lower-cases and strips accents so that "José", "JOSE" and "jose" compare equal; also folds
// ß→ss, æ→ae, ø→o, œ→oe, ł→l and typographic apostrophes/dashes to ASCII ones. Characters with
// no folding (CJK, emoji) pass through unchanged. Invalid UTF-8 bytes pass through unchanged.
std::string fold(std::string_view text);

// Lower-cases and keeps accents: "JOHN DOË" and "John Doë" compare equal, "John Doe" does not
// (two names that are the same person's for vCard matching).
std::string lower_case(std::string_view text);

// ASCII letters lower-cased; every other byte (non-ASCII included) left alone, so no Unicode
// letter can turn into a keyword.
inline char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string lower_ascii(std::string_view text);

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Appends the UTF-8 form of one code point (U+0000..U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// Columns the text takes in a terminal (wide East Asian characters and emoji count 2, combining
// marks 0).
std::size_t display_width(std::string_view text);

// The one rule by which stored text reaches a terminal: C0 and C1 controls, DEL, bidi
// overrides and isolates, and invalid UTF-8 bytes become visible escapes (`\e`, `\x07`, `\r`,
// `\u009B`, `\u202E`, `\xFF`), so no name or note can move the cursor, clear the screen, set the
// window title, plant a link or reorder a line. With Breaks::keep a line feed, tab and "\r\n"
// stay line breaks (a note's paragraphs); with Breaks::space each becomes one space (a table
// cell, an error message). --json and exports keep the stored bytes and never pass through here.
enum class Breaks { keep, space };
std::string visible(std::string_view text, Breaks breaks);

// Cuts visible(text, Breaks::space) to at most `width` columns, ending in "…" when it was cut;
// never splits a UTF-8 sequence.
std::string truncate_to_width(std::string_view text, std::size_t width);
// Appends truncate_to_width(text, width) to `out` and returns its display width; text that fits
// as it is is copied once, straight into `out` (long lists build their lines this way).
std::size_t append_truncated(std::string& out, std::string_view text, std::size_t width);

// visible(text, Breaks::keep) in lines of at most `width` columns, broken at spaces (a word
// wider than a line is split between characters); the text's own line breaks stay. `width` 0
// means no limit. An empty text gives no lines.
std::vector<std::string> wrap_to_width(std::string_view text, std::size_t width);

// Pads with spaces on the right to `width` columns (display width, not bytes).
std::string pad_right(std::string_view text, std::size_t width);
std::string pad_left(std::string_view text, std::size_t width);

// Levenshtein distance on Unicode code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The choice closest to what was typed, for "did you mean …?" (as git and ninja do): within two
// edits, or a third of the word's length for long words, ignoring case and accents; an empty
// string when none is that close or two are equally close.
std::string closest_choice(std::string_view typed, const std::vector<std::string>& choices);

// `word` as one word of a POSIX shell command: in single quotes, each ' written as '\''. For
// the commands ally shows the user to run, and the one git runs as the merge driver.
std::string shell_quoted(std::string_view word);

// Trims ASCII white space at both ends.
std::string trim(std::string_view text);
// The same, as a view into `text` (no copy).
std::string_view trim_view(std::string_view text);

// Splits on `sep`, trimming each piece and dropping empty ones.
std::vector<std::string> split_list(std::string_view text, char sep);

// The parts with `sep` between them: join({"a", "b"}, ", ") is "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view sep);

} // namespace ally
