#pragma once
// Calendar dates, durations and the forms users type them in. Every date a user gives is
// untrusted input: parsers throw UsageError quoting the bad text, never crash or wrap.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ally {

using Date = std::chrono::sys_days;

// Which way a relative word points: `--date monday` means the most recent past Monday,
// `--due monday` the next one.
enum class DateDirection { past, future };

// The one date grammar of every option (the manual's DATES table): `YYYY-MM-DD` with or without
// leading zeros; `today`, `yesterday`, `tomorrow`; weekday names, bare (the nearest one on the
// option's side of today, never today itself) or with `last`/`next` (strictly before/after);
// `N unit(s) ago`, `in N unit(s)`, `Nd ago`, `in 2w`, and a bare `2w` or `2 weeks` counted the
// option's way; `last/next week|month|year` (7, 30, 365 days); month names in either order with
// an optional year (`jan 5`, `5 January 2026`, `5 jan 26`) and `MM-DD`, a missing year inferred
// as the nearest such day on the option's side, today included. Units: d, w, m (30 days), y (365).
// Throws UsageError("bad date 'TEXT': ...") on anything else, including impossible calendar dates
// (2026-02-30) and years outside 1900..2999.
Date parse_date(std::string_view text, Date today, DateDirection direction);

// Parses `N` + `d`/`w`/`m`/`y` (m = 30 days, y = 365 days), N >= 1, into a number of days.
// Throws UsageError("bad duration 'TEXT' ...") otherwise (0, negative, overflow, no unit).
int parse_duration_days(std::string_view text);

// A date that may lack its year: `MM-DD` (month first) or `YYYY-MM-DD`.
struct YearlessDate {
  unsigned month = 1;
  unsigned day = 1;
  std::optional<int> year;
  bool operator==(const YearlessDate&) const = default;
};

// A yearly date: `MM-DD`, `--MMDD`, `--MM-DD`, or a month name and day (`may 3`), without a year;
// with one (`YYYY-MM-DD`, `3 May 1990`), or any other form of parse_date read in `direction`, it
// is a full date. `02-29` is valid. Throws UsageError on anything else.
YearlessDate parse_yearless_date(std::string_view text, Date today, DateDirection direction);

// "3 May": spells out the month of a month-first `05-03`.
std::string day_month_words(const YearlessDate& date);

// `MM-DD` or `YYYY-MM-DD`.
std::string format_yearless(const YearlessDate& date);

// The next day on or after `from` that the yearly date falls on. Feb 29 falls on Feb 28 in
// non-leap years.
Date next_yearly(const YearlessDate& date, Date from);

// How many years a yearly date with a year is old on `on` (37: a birthday turns 37), or
// std::nullopt without a year or before its first anniversary.
std::optional<int> years_on(const YearlessDate& date, Date on);

// `YYYY-MM-DD`.
std::string format_date(Date date);
// Strict `YYYY-MM-DD` (for stored data); std::nullopt when it is not one.
std::optional<Date> parse_iso_date(std::string_view text);

// "today", "yesterday", "tomorrow", "3d ago", "in 2d", "3w ago", "5mo ago", "2y ago".
std::string format_relative(Date date, Date today);

// Short weekday name ("Mon") for a date.
std::string weekday_name(Date date);

int days_between(Date from, Date to); // to - from, in days

} // namespace ally
