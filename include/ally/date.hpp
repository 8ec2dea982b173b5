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

// Parses `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`, weekday names (`mon`, `monday`, any
// case), `3d ago`, `2w ago`, `in 5d`, `in 1m`. A weekday equal to today's means today.
// Throws UsageError("bad date 'TEXT' ...") on anything else, including impossible calendar dates
// (2026-02-30) and years outside 1900..2999.
Date parse_date(std::string_view text, Date today, DateDirection direction);

// Parses `N` + `d`/`w`/`m`/`y` (m = 30 days, y = 365 days), N >= 1, into a number of days.
// Throws UsageError("bad duration 'TEXT' ...") otherwise (0, negative, overflow, no unit).
int parse_duration_days(std::string_view text);

// `--follow-up DATE|DURATION`: a duration is counted from today.
Date parse_date_or_duration(std::string_view text, Date today, DateDirection direction);

// A date that may lack its year: `MM-DD` (month first) or `YYYY-MM-DD`.
struct YearlessDate {
  unsigned month = 1;
  unsigned day = 1;
  std::optional<int> year;
  bool operator==(const YearlessDate&) const = default;
};

// Parses `MM-DD`, `--MMDD`, `--MM-DD` or `YYYY-MM-DD` (and the other date words, which give a
// full date). `02-29` is valid. Throws UsageError on anything else.
YearlessDate parse_yearless_date(std::string_view text, Date today);

// `MM-DD` or `YYYY-MM-DD`.
std::string format_yearless(const YearlessDate& date);

// The next day on or after `from` that the yearly date falls on. Feb 29 falls on Feb 28 in
// non-leap years.
Date next_yearly(const YearlessDate& date, Date from);

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
