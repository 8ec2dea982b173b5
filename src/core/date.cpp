// Dates and durations as users type them. Parsing is by hand (GCC 12 has no chrono::parse) and
// strict: anything we do not recognise is a UsageError that quotes the text back safely.
#include "ally/date.hpp"

#include "ally/error.hpp"
#include "ally/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace ally {
namespace {

namespace chrono = std::chrono;

constexpr int k_min_year = 1900;
constexpr int k_max_year = 2999;
// A year with Feb 29, so that a yearless `02-29` checks as valid.
constexpr int k_leap_year = 2000;

constexpr int k_days_per_week = 7;
constexpr int k_days_per_month = 30;
constexpr int k_days_per_year = 365;

// No longer duration can lead from one supported date to another, so refusing it early also keeps
// every later sum far from overflow.
constexpr Date k_first_date = chrono::sys_days{chrono::year{k_min_year} / chrono::January / 1};
constexpr Date k_last_date =
    chrono::sys_days{chrono::year{k_max_year} / chrono::December / chrono::last};
constexpr int k_max_duration_days = static_cast<int>((k_last_date - k_first_date).count());

// Long input would swamp the error line; 40 bytes is enough to recognise what was typed.
constexpr std::size_t k_max_quoted_bytes = 40;

// format_relative switches unit at these distances so the number stays small and readable.
constexpr int k_days_shown_until = 14;
constexpr int k_weeks_shown_until = 60;
constexpr int k_months_shown_until = 365;

constexpr std::string_view k_date_usage =
    "use YYYY-MM-DD, today, a weekday, 'last fri', '3 days ago', 'in 2w' or 'jan 5' (ally help dates)";
constexpr std::string_view k_yearless_usage =
    "use MM-DD (05-03 is 3 May), a month and day (may 3) or YYYY-MM-DD (ally help dates)";
constexpr std::string_view k_duration_usage = "use N followed by d, w, m or y (for example 2w)";
constexpr std::string_view k_range_reason = "dates must be between 1900-01-01 and 2999-12-31";
constexpr std::string_view k_zero_reason = "the number must be at least 1";
constexpr std::string_view k_too_long_reason = "too long for the years 1900 to 2999";

// Indexed by chrono::weekday::c_encoding() (Sunday = 0).
constexpr std::array<std::string_view, 7> k_weekday_names = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> k_weekday_short_names = {"Sun", "Mon", "Tue", "Wed",
                                                                   "Thu", "Fri", "Sat"};
// A prefix shorter than this could be a typo of something else ("m" = month? monday?).
constexpr std::size_t k_min_weekday_prefix = 3;

constexpr std::array<std::string_view, 12> k_month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// ---- Quoting untrusted text into an error message ----

struct Utf8Unit {
  std::size_t length = 0; // 0: the byte at this position does not start a well-formed sequence
  char32_t code_point = 0;
};

// Rejects overlong forms, surrogates and code points past U+10FFFF, so that every byte we let
// through unescaped is part of text a terminal will show as written.
Utf8Unit decode_utf8(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) {
    return {1, lead};
  }
  // The lead byte gives the sequence length and the smallest code point that needs that length.
  std::size_t length = 0;
  char32_t smallest = 0;
  unsigned payload_mask = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    smallest = 0x80;
    payload_mask = 0x1F;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    smallest = 0x800;
    payload_mask = 0x0F;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    smallest = 0x10000;
    payload_mask = 0x07;
  } else {
    return {};
  }
  char32_t code_point = lead & payload_mask;
  if (text.size() - at < length) {
    return {};
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if ((byte & 0xC0U) != 0x80U) {
      return {};
    }
    code_point = (code_point << 6U) | (byte & 0x3FU);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < smallest || code_point > 0x10FFFF || surrogate) {
    return {};
  }
  return {length, code_point};
}

// Characters that would move the cursor, ring the bell, or silently reorder the error line
// (bidirectional overrides) if printed raw.
bool is_unsafe_to_print(char32_t code_point) {
  const bool c0_or_c1 = code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
  const bool bidi = code_point == 0x200E || code_point == 0x200F ||
                    (code_point >= 0x202A && code_point <= 0x202E) ||
                    (code_point >= 0x2066 && code_point <= 0x2069);
  const bool line_break = code_point == 0x2028 || code_point == 0x2029;
  return c0_or_c1 || bidi || line_break;
}

void append_escaped(std::string& out, std::string_view bytes) {
  for (const char byte : bytes) {
    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(byte));
  }
}

// 'text' for an error message: at most 40 bytes (never cutting a character in two), with
// control characters and invalid UTF-8 shown as \xNN.
std::string quote(std::string_view text) {
  std::string out = "'";
  std::size_t at = 0;
  while (at < text.size()) {
    const Utf8Unit unit = decode_utf8(text, at);
    const std::size_t length = unit.length == 0 ? 1 : unit.length;
    if (at + length > k_max_quoted_bytes) {
      break;
    }
    const std::string_view bytes = text.substr(at, length);
    if (unit.length == 0 || is_unsafe_to_print(unit.code_point)) {
      append_escaped(out, bytes);
    } else {
      out += bytes;
    }
    at += length;
  }
  if (at < text.size()) {
    out += "…";
  }
  out += "'";
  return out;
}

// `what` is "date" or "duration"; `reason` tells the user what would have worked.
[[noreturn]] void throw_bad(std::string_view what, std::string_view text, std::string_view reason) {
  throw UsageError(fmt::format("bad {} {}: {}", what, quote(text), reason));
}

// ---- Small text helpers (ASCII only: every keyword we accept is ASCII) ----

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_ascii_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_ascii_space(text[at])) {
      ++at;
    }
    const std::size_t start = at;
    while (at < text.size() && !is_ascii_space(text[at])) {
      ++at;
    }
    if (at > start) {
      words.push_back(text.substr(start, at - start));
    }
  }
  return words;
}

// The value of a field of fixed width (such as the `MM` of `YYYY-MM-DD`); std::nullopt unless
// every character is an ASCII digit. Widths are at most 4, so this cannot overflow.
std::optional<int> read_digits(std::string_view field) {
  if (field.empty()) {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : field) {
    if (!is_ascii_digit(c)) {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

// ---- Calendar fields ----

struct CalendarFields {
  std::optional<int> year; // absent for yearly dates such as `05-03`
  int month = 0;
  int day = 0;
};

// `YYYY-MM-DD` by shape only; whether it is a real day is calendar_problem's business.
std::optional<CalendarFields> split_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  // Digit by digit rather than three read_digits: `due` parses a date or two of every tracked
  // ally.
  unsigned digits[8];
  std::size_t count = 0;
  for (const std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9}) {
    digits[count] = static_cast<unsigned>(static_cast<unsigned char>(text[at])) - '0';
    if (digits[count++] > 9) {
      return std::nullopt;
    }
  }
  return CalendarFields{
      static_cast<int>(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]),
      static_cast<int>(digits[4] * 10 + digits[5]), static_cast<int>(digits[6] * 10 + digits[7])};
}

// `MM-DD`, `--MMDD` (vCard's birthday without a year) or `--MM-DD`, by shape only.
std::optional<CalendarFields> split_month_day(std::string_view text) {
  std::size_t month_at = 0;
  std::size_t day_at = 0;
  if (text.size() == 5 && text[2] == '-') {
    day_at = 3;
  } else if (text.size() == 6 && text.starts_with("--")) {
    month_at = 2;
    day_at = 4;
  } else if (text.size() == 7 && text.starts_with("--") && text[4] == '-') {
    month_at = 2;
    day_at = 5;
  } else {
    return std::nullopt;
  }
  const std::string_view month_field = text.substr(month_at, 2);
  const std::string_view day_field = text.substr(day_at, 2);
  const auto month = read_digits(month_field);
  const auto day = read_digits(day_field);
  if (!month || !day) {
    return std::nullopt;
  }
  return CalendarFields{std::nullopt, *month, *day};
}

unsigned days_in_month(int year, int month) {
  const chrono::year_month_day_last last{
      chrono::year{year}, chrono::month_day_last{chrono::month{static_cast<unsigned>(month)}}};
  return static_cast<unsigned>(last.day());
}

// Whether the fields name a real day: calendar_problem() is empty, without building its words
// (`due` parses a date or two of every tracked ally).
bool is_real_day(const CalendarFields& fields) {
  if (fields.year && (*fields.year < k_min_year || *fields.year > k_max_year)) return false;
  if (fields.month < 1 || fields.month > 12 || fields.day < 1) return false;
  const int year = fields.year.value_or(k_leap_year);
  return static_cast<unsigned>(fields.day) <= days_in_month(year, fields.month);
}

// Why the fields name no real day (in words for the user), or empty when they do.
std::string calendar_problem(const CalendarFields& fields) {
  if (is_real_day(fields)) {
    return {};
  }
  if (fields.year && (*fields.year < k_min_year || *fields.year > k_max_year)) {
    return "years must be between 1900 and 2999";
  }
  if (fields.month < 1 || fields.month > 12) {
    return fmt::format("there is no month {}", fields.month);
  }
  if (fields.day < 1) {
    return "there is no day 0";
  }
  const int year = fields.year.value_or(k_leap_year);
  const unsigned length = days_in_month(year, fields.month);
  const std::string_view month_name = k_month_names[static_cast<std::size_t>(fields.month - 1)];
  if (fields.year) {
    return fmt::format("{} {} has only {} days", month_name, year, length);
  }
  return fmt::format("{} has only {} days", month_name, length);
}

// REQUIRES: calendar_problem(fields) is empty and fields.year is set.
Date to_date(const CalendarFields& fields) {
  return chrono::sys_days{chrono::year{*fields.year} /
                          chrono::month{static_cast<unsigned>(fields.month)} /
                          chrono::day{static_cast<unsigned>(fields.day)}};
}

int year_of(Date date) { return static_cast<int>(chrono::year_month_day{date}.year()); }

Date require_in_range(Date date, std::string_view what, std::string_view text) {
  const int year = year_of(date);
  if (year < k_min_year || year > k_max_year) {
    throw_bad(what, text, k_range_reason);
  }
  return date;
}

// ---- Durations ----

enum class DurationProblem { none, malformed, zero, too_long };

struct DurationParse {
  int days = 0;
  DurationProblem problem = DurationProblem::malformed;
};

int unit_days(char unit) {
  switch (unit) {
  case 'd':
    return 1;
  case 'w':
    return k_days_per_week;
  case 'm':
    return k_days_per_month;
  case 'y':
    return k_days_per_year;
  default:
    return 0;
  }
}

// Reads `N` + unit from trimmed, lower-cased text. Separates "not a duration at all" from "a
// duration we refuse" so callers can choose between their usage message and a precise reason.
// `count` digits times a unit of `per_unit` days; malformed unless every character is a digit.
DurationParse read_count(std::string_view digits, int per_unit) {
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_ascii_digit)) {
    return {};
  }
  std::int64_t count = 0;
  for (const char c : digits) {
    // Stops as soon as the total passes the cap, so count never grows past ~10 × the cap.
    count = count * 10 + (c - '0');
    if (count * per_unit > k_max_duration_days) {
      return {0, DurationProblem::too_long};
    }
  }
  if (count == 0) {
    return {0, DurationProblem::zero};
  }
  return {static_cast<int>(count * per_unit), DurationProblem::none};
}

DurationParse read_duration(std::string_view text) {
  const int per_unit = text.size() < 2 ? 0 : unit_days(text.back());
  if (per_unit == 0) {
    return {};
  }
  return read_count(text.substr(0, text.size() - 1), per_unit);
}

// REQUIRES: parse.problem is not malformed (callers report that with their own usage text).
int require_duration(const DurationParse& parse, std::string_view what, std::string_view text) {
  switch (parse.problem) {
  case DurationProblem::none:
    return parse.days;
  case DurationProblem::zero:
    throw_bad(what, text, k_zero_reason);
  case DurationProblem::too_long:
    throw_bad(what, text, k_too_long_reason);
  case DurationProblem::malformed:
    break;
  }
  throw_bad(what, text, k_duration_usage);
}

// ---- Date words ----

std::optional<Date> keyword_date(std::string_view word, Date today) {
  if (word == "today") {
    return today;
  }
  if (word == "yesterday") {
    return today - chrono::days{1};
  }
  if (word == "tomorrow") {
    return today + chrono::days{1};
  }
  return std::nullopt;
}

// Full names, three-letter names and anything between ("tues", "thurs").
std::optional<chrono::weekday> weekday_from_name(std::string_view word) {
  if (word.size() < k_min_weekday_prefix) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < k_weekday_names.size(); ++i) {
    if (k_weekday_names[i].starts_with(word)) {
      return chrono::weekday{static_cast<unsigned>(i)};
    }
  }
  return std::nullopt;
}

// The first `target` strictly after today: `next friday` on a Friday is a week away, as in GNU
// date, and a bare weekday never means today.
Date weekday_after(chrono::weekday target, Date today) {
  const chrono::days ahead = target - chrono::weekday{today}; // modulo 7: 0..6
  return today + (ahead.count() == 0 ? chrono::days{k_days_per_week} : ahead);
}

Date weekday_before(chrono::weekday target, Date today) {
  const chrono::days back = chrono::weekday{today} - target;
  return today - (back.count() == 0 ? chrono::days{k_days_per_week} : back);
}

// English month names from three letters on ("jan", "sept", "january"), never the locale's.
std::optional<int> month_from_name(std::string_view word) {
  if (word.size() < k_min_weekday_prefix) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < k_month_names.size(); ++i) {
    if (lower_ascii(k_month_names[i]).starts_with(word)) {
      return static_cast<int>(i + 1);
    }
  }
  return std::nullopt;
}

// `5`, `05`, `5th`, `1st`, `22nd`, `3rd`.
std::optional<int> day_of_month(std::string_view word) {
  for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (word.size() > suffix.size() && word.ends_with(suffix)) {
      word.remove_suffix(suffix.size());
      break;
    }
  }
  if (word.size() > 2) {
    return std::nullopt;
  }
  return read_digits(word);
}

// Four digits as written; two as POSIX `%y` does (69-99 are 19xx, 00-68 are 20xx).
std::optional<int> year_word(std::string_view word) {
  if (word.size() != 2 && word.size() != 4) {
    return std::nullopt;
  }
  const auto value = read_digits(word);
  if (!value || word.size() == 4) {
    return value;
  }
  constexpr int k_posix_pivot = 69;
  return *value + (*value >= k_posix_pivot ? 1900 : 2000);
}

// `2026-9-1` (leading zeros optional) or `9-1` / `12-25` (month first, no year).
std::optional<CalendarFields> numeric_date(std::string_view word) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (parts.size() < 4) {
    const std::size_t dash = word.find('-', at);
    parts.push_back(word.substr(at, dash == std::string_view::npos ? dash : dash - at));
    if (dash == std::string_view::npos) break;
    at = dash + 1;
  }
  const auto small = [](std::string_view part) {
    return part.size() <= 2 ? read_digits(part) : std::nullopt;
  };
  if (parts.size() == 3 && parts[0].size() == 4) {
    const auto year = read_digits(parts[0]);
    const auto month = small(parts[1]);
    const auto day = small(parts[2]);
    if (year && month && day) return CalendarFields{*year, *month, *day};
  }
  if (parts.size() == 2) {
    const auto month = small(parts[0]);
    const auto day = small(parts[1]);
    if (month && day) return CalendarFields{std::nullopt, *month, *day};
  }
  return std::nullopt;
}

// The calendar forms, by shape only: numeric (`2026-9-1`, `12-25`) and month names in either
// order with an optional year (`jan 5`, `5 January`, `January 5 2026`, `5 jan 26`).
std::optional<CalendarFields> calendar_words(const std::vector<std::string_view>& words) {
  if (words.size() == 1) {
    return numeric_date(words[0]);
  }
  if (words.size() != 2 && words.size() != 3) {
    return std::nullopt;
  }
  std::optional<int> year;
  if (words.size() == 3) {
    year = year_word(words[2]);
    if (!year) return std::nullopt;
  }
  if (const auto month = month_from_name(words[0])) {
    if (const auto day = day_of_month(words[1])) return CalendarFields{year, *month, *day};
  }
  if (const auto month = month_from_name(words[1])) {
    if (const auto day = day_of_month(words[0])) return CalendarFields{year, *month, *day};
  }
  return std::nullopt;
}

// Days per unit word: d/day(s), w/wk(s)/week(s), m/mo/month(s) (30 days), y/yr(s)/year(s)
// (365 days); 0 for any other word.
int unit_word_days(std::string_view word) {
  if (word.size() > 2 && word.back() == 's') {
    word.remove_suffix(1);
  }
  if (word == "d" || word == "day") return 1;
  if (word == "w" || word == "wk" || word == "week") return k_days_per_week;
  if (word == "m" || word == "mo" || word == "month") return k_days_per_month;
  if (word == "y" || word == "yr" || word == "year") return k_days_per_year;
  return 0;
}

// `2w`, `2weeks` (one word) or `2 weeks` (two); malformed when the words are no duration.
DurationParse words_duration(const std::vector<std::string_view>& words) {
  if (words.size() == 1) {
    return read_duration(words[0]);
  }
  if (words.size() == 2 && unit_word_days(words[1]) != 0 &&
      std::all_of(words[0].begin(), words[0].end(), is_ascii_digit)) {
    return read_count(words[0], unit_word_days(words[1]));
  }
  return {};
}

// Lower-cased words, commas counting as spaces (`jan 5, 2026`).
std::string date_words_text(std::string_view text) {
  std::string lower = lower_ascii(trim_spaces(text));
  std::replace(lower.begin(), lower.end(), ',', ' ');
  return lower;
}

// The nearest real month-day on the caller's side of today, today included: a past-facing date
// without a year never lands in the future, a future-facing one never in the past.
Date infer_year(const CalendarFields& fields, Date today, DateDirection direction,
                std::string_view text) {
  if (const std::string problem = calendar_problem(fields); !problem.empty()) {
    throw_bad("date", text, problem);
  }
  const int this_year = year_of(today);
  // Eight years always hold a Feb 29.
  constexpr int k_years_tried = 8;
  for (int step = 0; step <= k_years_tried; ++step) {
    const CalendarFields candidate{
        direction == DateDirection::past ? this_year - step : this_year + step, fields.month,
        fields.day};
    if (!is_real_day(candidate)) continue;
    const Date date = to_date(candidate);
    if (direction == DateDirection::past ? date <= today : date >= today) return date;
  }
  throw_bad("date", text, k_range_reason);
}

// Every form of the grammar but the calendar ones; std::nullopt when the text is none of them.
std::optional<Date> relative_date(const std::vector<std::string_view>& words, Date today,
                                  DateDirection direction, std::string_view text) {
  const int toward = direction == DateDirection::past ? -1 : 1;
  const auto shifted = [&](const DurationParse& duration, int sign) {
    const int days = require_duration(duration, "date", text);
    return require_in_range(today + chrono::days{sign * days}, "date", text);
  };
  if (words.size() == 1) {
    if (const auto date = keyword_date(words[0], today)) {
      return require_in_range(*date, "date", text);
    }
    if (const auto weekday = weekday_from_name(words[0])) {
      return require_in_range(direction == DateDirection::past ? weekday_before(*weekday, today)
                                                               : weekday_after(*weekday, today),
                              "date", text);
    }
  }
  if (words.size() == 2 && (words[0] == "last" || words[0] == "next")) {
    const bool next = words[0] == "next";
    if (const auto weekday = weekday_from_name(words[1])) {
      return require_in_range(next ? weekday_after(*weekday, today) : weekday_before(*weekday, today),
                              "date", text);
    }
    if (const int days = unit_word_days(words[1]); days != 0 && words[1].size() > 2) {
      return require_in_range(today + chrono::days{next ? days : -days}, "date", text);
    }
  }
  if (words.size() >= 2 && words.back() == "ago") {
    const DurationParse duration = words_duration({words.begin(), words.end() - 1});
    if (duration.problem != DurationProblem::malformed) return shifted(duration, -1);
  }
  if (words.size() >= 2 && words.front() == "in") {
    const DurationParse duration = words_duration({words.begin() + 1, words.end()});
    if (duration.problem != DurationProblem::malformed) return shifted(duration, 1);
  }
  // A bare duration points the option's way: `--date 3d` is three days ago, `--due 2w` two
  // weeks ahead.
  const DurationParse duration = words_duration(words);
  if (duration.problem != DurationProblem::malformed) return shifted(duration, toward);
  return std::nullopt;
}

// parse_date with the usage line its caller wants shown when nothing matches.
Date parse_date_with_usage(std::string_view text, Date today, DateDirection direction,
                           std::string_view usage) {
  const std::string_view trimmed = trim_spaces(text);
  if (const auto fields = split_iso(trimmed); fields && is_real_day(*fields)) {
    return to_date(*fields); // the common case, without building any words
  }
  const std::string cleaned = date_words_text(text);
  const auto words = split_words(cleaned);
  if (const auto fields = calendar_words(words)) {
    if (!fields->year) return infer_year(*fields, today, direction, text);
    if (const std::string problem = calendar_problem(*fields); !problem.empty()) {
      throw_bad("date", text, problem);
    }
    return to_date(*fields);
  }
  if (const auto date = relative_date(words, today, direction, text)) {
    return *date;
  }
  throw_bad("date", text, usage);
}

// Clamps a day that the year lacks (Feb 29 in a common year) to the month's last day.
Date occurrence_in(int year, unsigned month, unsigned day) {
  const unsigned last = days_in_month(year, static_cast<int>(month));
  return chrono::sys_days{chrono::year{year} / chrono::month{month} /
                          chrono::day{std::min(day, last)}};
}

std::string relative_amount(int distance) {
  if (distance < k_days_shown_until) {
    return fmt::format("{}d", distance);
  }
  if (distance < k_weeks_shown_until) {
    return fmt::format("{}w", distance / k_days_per_week);
  }
  if (distance < k_months_shown_until) {
    return fmt::format("{}mo", distance / k_days_per_month);
  }
  return fmt::format("{}y", distance / k_days_per_year);
}

} // namespace

Date parse_date(std::string_view text, Date today, DateDirection direction) {
  return parse_date_with_usage(text, today, direction, k_date_usage);
}

int parse_duration_days(std::string_view text) {
  const DurationParse duration = read_duration(lower_ascii(trim_spaces(text)));
  return require_duration(duration, "duration", text);
}

YearlessDate parse_yearless_date(std::string_view text, Date today, DateDirection direction) {
  const std::string cleaned = date_words_text(text);
  auto fields = split_month_day(cleaned); // also vCard's `--MMDD`
  if (!fields) fields = calendar_words(split_words(cleaned));
  if (fields) {
    if (const std::string problem = calendar_problem(*fields); !problem.empty()) {
      throw_bad("date", text, problem);
    }
    return {static_cast<unsigned>(fields->month), static_cast<unsigned>(fields->day),
            fields->year};
  }
  const Date date = parse_date_with_usage(text, today, direction, k_yearless_usage);
  const chrono::year_month_day ymd{date};
  return {static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
          static_cast<int>(ymd.year())};
}

std::string format_yearless(const YearlessDate& date) {
  if (date.year) {
    return fmt::format("{:04}-{:02}-{:02}", *date.year, date.month, date.day);
  }
  return fmt::format("{:02}-{:02}", date.month, date.day);
}

Date next_yearly(const YearlessDate& date, Date from) {
  // Clamped so that a corrupt record cannot reach chrono's unspecified behaviour.
  const unsigned month = std::clamp(date.month, 1U, 12U);
  const unsigned day = std::max(date.day, 1U);
  // A yearly date with a future year (a planned wedding) first falls in that year.
  const int first_year = std::max(year_of(from), date.year.value_or(k_min_year));
  const Date candidate = occurrence_in(first_year, month, day);
  if (candidate >= from) {
    return candidate;
  }
  return occurrence_in(first_year + 1, month, day);
}

std::string day_month_words(const YearlessDate& date) {
  const unsigned month = std::clamp(date.month, 1U, 12U);
  return fmt::format("{} {}", date.day, k_month_names[month - 1]);
}

std::optional<int> years_on(const YearlessDate& date, Date on) {
  if (!date.year) return std::nullopt;
  const int years = year_of(on) - *date.year;
  if (years < 1) return std::nullopt;
  return years;
}

std::string format_date(Date date) {
  const chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<Date> parse_iso_date(std::string_view text) {
  const auto fields = split_iso(text);
  if (!fields || !is_real_day(*fields)) {
    return std::nullopt;
  }
  return to_date(*fields);
}

std::string format_relative(Date date, Date today) {
  const int delta = days_between(today, date);
  if (delta == 0) {
    return "today";
  }
  if (delta == -1) {
    return "yesterday";
  }
  if (delta == 1) {
    return "tomorrow";
  }
  const std::string amount = relative_amount(std::abs(delta));
  return delta < 0 ? amount + " ago" : "in " + amount;
}

std::string weekday_name(Date date) {
  return std::string(k_weekday_short_names[chrono::weekday{date}.c_encoding()]);
}

int days_between(Date from, Date to) { return static_cast<int>((to - from).count()); }

} // namespace ally
