// Date and duration parsing: every accepted form, both directions, calendar edges, and the
// exact error text for bad input (which must quote what the user typed, safely).
#include "ally/date.hpp"

#include "ally/error.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#include <string>
#include <string_view>
#include <vector>

namespace Catch {
template <> struct StringMaker<ally::Date> {
  static std::string convert(const ally::Date& date) { return ally::format_date(date); }
};
template <> struct StringMaker<ally::YearlessDate> {
  static std::string convert(const ally::YearlessDate& date) { return ally::format_yearless(date); }
};
} // namespace Catch

namespace {

using ally::Date;
using ally::DateDirection;
using ally::YearlessDate;
using namespace std::string_view_literals;

Date ymd(int year, unsigned month, unsigned day) {
  return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} /
                               std::chrono::day{day}};
}

Date plus_days(Date date, int days) { return date + std::chrono::days{days}; }

// A Wednesday, so that weekday words fall on both sides of it.
const Date k_today = ymd(2026, 3, 11);

const std::string k_date_usage =
    "use YYYY-MM-DD, today, a weekday, 'last fri', '3 days ago', 'in 2w' or 'jan 5' (ally help dates)";
const std::string k_yearless_usage =
    "use MM-DD (05-03 is 3 May), a month and day (may 3) or YYYY-MM-DD (ally help dates)";
const std::string k_duration_usage = "use N followed by d, w, m or y (for example 2w)";
const std::string k_range = "dates must be between 1900-01-01 and 2999-12-31";
const std::string k_zero = "the number must be at least 1";
const std::string k_too_long = "too long for the years 1900 to 2999";

// The UsageError message `call` throws, or "<no error>"; other exception types fail the test.
template <typename Call> std::string usage_error(Call&& call) {
  try {
    call();
  } catch (const ally::UsageError& error) {
    CHECK(error.exit_code() == 2);
    return error.what();
  }
  return "<no error>";
}

std::string date_error(std::string_view text, Date today = k_today,
                       DateDirection direction = DateDirection::past) {
  return usage_error([&] { ally::parse_date(text, today, direction); });
}

std::string duration_error(std::string_view text) {
  return usage_error([&] { ally::parse_duration_days(text); });
}

} // namespace

// ---- parse_date ----

TEST_CASE("parse_date reads ISO dates, trimmed, in either direction", "[date]") {
  struct Case {
    std::string_view text;
    Date expected;
  };
  const std::vector<Case> cases = {
      {"2026-03-11", ymd(2026, 3, 11)},     {"1900-01-01", ymd(1900, 1, 1)},
      {"2999-12-31", ymd(2999, 12, 31)},    {"2024-02-29", ymd(2024, 2, 29)},
      {"2000-02-29", ymd(2000, 2, 29)},     {"2026-12-31", ymd(2026, 12, 31)},
      {"2030-01-01", ymd(2030, 1, 1)},      {"  2026-01-05  ", ymd(2026, 1, 5)},
      {"\t2026-04-30\n", ymd(2026, 4, 30)}, {"1985-07-04", ymd(1985, 7, 4)},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(ally::parse_date(c.text, k_today, DateDirection::past) == c.expected);
    CHECK(ally::parse_date(c.text, k_today, DateDirection::future) == c.expected);
  }
}

TEST_CASE("parse_date reads today, yesterday and tomorrow across boundaries", "[date]") {
  struct Case {
    std::string_view text;
    Date today;
    Date expected;
  };
  const std::vector<Case> cases = {
      {"today", k_today, k_today},
      {"TODAY", k_today, k_today},
      {"  Today ", k_today, k_today},
      {"yesterday", k_today, ymd(2026, 3, 10)},
      {"YesterDay", k_today, ymd(2026, 3, 10)},
      {"tomorrow", k_today, ymd(2026, 3, 12)},
      {"yesterday", ymd(2026, 1, 1), ymd(2025, 12, 31)},
      {"tomorrow", ymd(2025, 12, 31), ymd(2026, 1, 1)},
      {"tomorrow", ymd(2024, 2, 28), ymd(2024, 2, 29)},
      {"tomorrow", ymd(2025, 2, 28), ymd(2025, 3, 1)},
      {"yesterday", ymd(2024, 3, 1), ymd(2024, 2, 29)},
      {"yesterday", ymd(2025, 3, 1), ymd(2025, 2, 28)},
      {"yesterday", ymd(2026, 5, 1), ymd(2026, 4, 30)},
      {"today", ymd(1900, 1, 1), ymd(1900, 1, 1)},
      {"today", ymd(2999, 12, 31), ymd(2999, 12, 31)},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "', today " << ally::format_date(c.today));
    CHECK(ally::parse_date(c.text, c.today, DateDirection::past) == c.expected);
    CHECK(ally::parse_date(c.text, c.today, DateDirection::future) == c.expected);
  }
}

TEST_CASE("parse_date reads weekday names in the given direction", "[date]") {
  struct Case {
    std::string_view text;
    Date today;
    Date past;
    Date future;
  };
  // k_today is Wednesday 2026-03-11.
  const std::vector<Case> cases = {
      {"mon", k_today, ymd(2026, 3, 9), ymd(2026, 3, 16)},
      {"monday", k_today, ymd(2026, 3, 9), ymd(2026, 3, 16)},
      {"MONDAY", k_today, ymd(2026, 3, 9), ymd(2026, 3, 16)},
      {"Mon", k_today, ymd(2026, 3, 9), ymd(2026, 3, 16)},
      {"tue", k_today, ymd(2026, 3, 10), ymd(2026, 3, 17)},
      {"tues", k_today, ymd(2026, 3, 10), ymd(2026, 3, 17)},
      {"tuesday", k_today, ymd(2026, 3, 10), ymd(2026, 3, 17)},
      // Never today: a bare weekday is the one before or after it.
      {"wed", k_today, ymd(2026, 3, 4), ymd(2026, 3, 18)},
      {"Wednesday", k_today, ymd(2026, 3, 4), ymd(2026, 3, 18)},
      {"thu", k_today, ymd(2026, 3, 5), ymd(2026, 3, 12)},
      {"thurs", k_today, ymd(2026, 3, 5), ymd(2026, 3, 12)},
      {"thursday", k_today, ymd(2026, 3, 5), ymd(2026, 3, 12)},
      {"fri", k_today, ymd(2026, 3, 6), ymd(2026, 3, 13)},
      {"friday", k_today, ymd(2026, 3, 6), ymd(2026, 3, 13)},
      {"sat", k_today, ymd(2026, 3, 7), ymd(2026, 3, 14)},
      {"saturday", k_today, ymd(2026, 3, 7), ymd(2026, 3, 14)},
      {"sun", k_today, ymd(2026, 3, 8), ymd(2026, 3, 15)},
      {" sunday\t", k_today, ymd(2026, 3, 8), ymd(2026, 3, 15)},
      // Thursday 2026-01-01: across the year boundary both ways.
      {"fri", ymd(2026, 1, 1), ymd(2025, 12, 26), ymd(2026, 1, 2)},
      {"wed", ymd(2026, 1, 1), ymd(2025, 12, 31), ymd(2026, 1, 7)},
      {"thu", ymd(2026, 1, 1), ymd(2025, 12, 25), ymd(2026, 1, 8)},
      // Wednesday 2025-12-31.
      {"thu", ymd(2025, 12, 31), ymd(2025, 12, 25), ymd(2026, 1, 1)},
      // Tuesday 2024-02-27: across a leap day.
      {"fri", ymd(2024, 2, 27), ymd(2024, 2, 23), ymd(2024, 3, 1)},
      {"thu", ymd(2024, 2, 27), ymd(2024, 2, 22), ymd(2024, 2, 29)},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "', today " << ally::format_date(c.today));
    CHECK(ally::parse_date(c.text, c.today, DateDirection::past) == c.past);
    CHECK(ally::parse_date(c.text, c.today, DateDirection::future) == c.future);
  }
}

TEST_CASE("a weekday is always within the week on the right side of today", "[date]") {
  const std::vector<std::string_view> names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const std::vector<std::string_view> short_names = {"Mon", "Tue", "Wed", "Thu",
                                                     "Fri", "Sat", "Sun"};
  for (int offset = 0; offset < 14; ++offset) {
    const Date today = plus_days(ymd(2028, 2, 20), offset);
    for (std::size_t i = 0; i < names.size(); ++i) {
      INFO("today " << ally::format_date(today) << ", " << names[i]);
      const Date past = ally::parse_date(names[i], today, DateDirection::past);
      const Date future = ally::parse_date(names[i], today, DateDirection::future);
      CHECK(ally::weekday_name(past) == short_names[i]);
      CHECK(ally::weekday_name(future) == short_names[i]);
      CHECK(ally::days_between(past, today) >= 1);
      CHECK(ally::days_between(past, today) <= 7);
      CHECK(ally::days_between(today, future) >= 1);
      CHECK(ally::days_between(today, future) <= 7);
    }
  }
}

TEST_CASE("parse_date reads '3d ago' and 'in 5d' whatever the direction", "[date]") {
  struct Case {
    std::string_view text;
    Date today;
    Date expected;
  };
  const std::vector<Case> cases = {
      {"3d ago", k_today, ymd(2026, 3, 8)},
      {"1d ago", k_today, ymd(2026, 3, 10)},
      {"2w ago", k_today, ymd(2026, 2, 25)},
      {"1m ago", k_today, ymd(2026, 2, 9)},
      {"1y ago", k_today, ymd(2025, 3, 11)},
      {"in 5d", k_today, ymd(2026, 3, 16)},
      {"in 1m", k_today, ymd(2026, 4, 10)},
      {"in 2w", k_today, ymd(2026, 3, 25)},
      {"in 1y", k_today, ymd(2027, 3, 11)},
      {"IN 2W", k_today, ymd(2026, 3, 25)},
      {"3D AGO", k_today, ymd(2026, 3, 8)},
      {"3d    ago", k_today, ymd(2026, 3, 8)},
      {"in\t5d", k_today, ymd(2026, 3, 16)},
      {"  in  5d  ", k_today, ymd(2026, 3, 16)},
      {"03d ago", k_today, ymd(2026, 3, 8)},
      {"11d ago", k_today, ymd(2026, 2, 28)},
      {"12d ago", k_today, ymd(2026, 2, 27)},
      {"in 21d", k_today, ymd(2026, 4, 1)},
      {"1d ago", ymd(2024, 3, 1), ymd(2024, 2, 29)},
      {"in 1d", ymd(2024, 2, 28), ymd(2024, 2, 29)},
      {"1m ago", ymd(2024, 3, 30), ymd(2024, 2, 29)},
      {"1y ago", ymd(2024, 3, 1), ymd(2023, 3, 2)}, // 365 days, not a calendar year
      {"in 1d", ymd(2026, 12, 31), ymd(2027, 1, 1)},
      {"1d ago", ymd(1900, 1, 2), ymd(1900, 1, 1)},
      {"in 1d", ymd(2999, 12, 30), ymd(2999, 12, 31)},
      {"in 1000d", k_today, ymd(2028, 12, 5)},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "', today " << ally::format_date(c.today));
    CHECK(ally::parse_date(c.text, c.today, DateDirection::past) == c.expected);
    CHECK(ally::parse_date(c.text, c.today, DateDirection::future) == c.expected);
  }
}

TEST_CASE("relative forms count exact days for every N", "[date]") {
  for (int n = 1; n <= 400; ++n) {
    INFO("n = " << n);
    const std::string count = std::to_string(n);
    CHECK(ally::parse_date(count + "d ago", k_today, DateDirection::future) ==
          plus_days(k_today, -n));
    CHECK(ally::parse_date("in " + count + "d", k_today, DateDirection::past) ==
          plus_days(k_today, n));
    CHECK(ally::parse_date("in " + count + "w", k_today, DateDirection::past) ==
          plus_days(k_today, 7 * n));
  }
}

TEST_CASE("parse_date refuses malformed text with the usage line", "[date][errors]") {
  const std::vector<std::string_view> texts = {
      "",
      "   ",
      "garbage",
      "tod",
      "todayy",
      "to day",
      "mo",
      "m",
      "we",
      "mondays",
      "monday!",
      "2026/03/11",
      "20260311",
      "2026-03-11x",
      "+2026-03-11",
      "26-03-11",
      "2026-03-011",
      "2026-ab-01",
      "--0311",
      "-3d",
      "-3d ago",
      "in -3d",
      "3d ago ago",
      "ago 3d",
      "in",
      "ago",
      "in 5",
      "in 5x",
      "in d",
      "d ago",
      "3x ago",
      "in 1.5d",
      "in +5d",
      "3dago",
      "in5d",
      "in 5d ago",
      "1e3d ago",
      "lündi",
      "mañana",
      "today\u00a0",
      "２０２６-03-11",
      "in ５d",
      "ｔｏｄａｙ",
      "heute",
      "0x10d ago",
  };
  for (const auto text : texts) {
    INFO("text: '" << text << "'");
    CHECK(date_error(text) == "bad date '" + std::string(text) + "': " + k_date_usage);
    CHECK(usage_error([&] { ally::parse_date(text, k_today, DateDirection::future); }) ==
          "bad date '" + std::string(text) + "': " + k_date_usage);
  }
}

TEST_CASE("parse_date says why a well-formed date is impossible", "[date][errors]") {
  struct Case {
    std::string_view text;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"2026-02-30", "February 2026 has only 28 days"},
      {"2026-02-29", "February 2026 has only 28 days"},
      {"2025-02-29", "February 2025 has only 28 days"},
      {"2100-02-29", "February 2100 has only 28 days"},
      {"2024-02-30", "February 2024 has only 29 days"},
      {"2026-04-31", "April 2026 has only 30 days"},
      {"2026-06-31", "June 2026 has only 30 days"},
      {"2026-01-32", "January 2026 has only 31 days"},
      {"2026-12-99", "December 2026 has only 31 days"},
      {"2026-13-01", "there is no month 13"},
      {"2026-00-10", "there is no month 0"},
      {"2026-99-99", "there is no month 99"},
      {"2026-01-00", "there is no day 0"},
      {"1899-12-31", "years must be between 1900 and 2999"},
      {"3000-01-01", "years must be between 1900 and 2999"},
      {"0000-01-01", "years must be between 1900 and 2999"},
      {"9999-99-99", "years must be between 1900 and 2999"},
      {" 2026-02-30 ", "February 2026 has only 28 days"},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(date_error(c.text) == "bad date '" + std::string(c.text) + "': " + c.reason);
  }
}

TEST_CASE("parse_date refuses zero, huge and out-of-range relative dates", "[date][errors]") {
  struct Case {
    std::string_view text;
    Date today;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"0d ago", k_today, k_zero},
      {"in 0d", k_today, k_zero},
      {"in 000w", k_today, k_zero},
      {"in 99999999999d", k_today, k_too_long},
      {"99999999999999999999999999999999y ago", k_today, k_too_long},
      {"in 2000y", k_today, k_too_long},
      {"in 401767d", k_today, k_too_long},
      {"in 1000y", k_today, k_range},
      {"200y ago", k_today, k_range},
      {"in 401766d", k_today, k_range},
      {"yesterday", ymd(1900, 1, 1), k_range},
      {"1d ago", ymd(1900, 1, 1), k_range},
      {"tomorrow", ymd(2999, 12, 31), k_range},
      {"in 1d", ymd(2999, 12, 31), k_range},
      {"sun", ymd(1900, 1, 1), k_range}, // a Monday; the past Sunday is in 1899
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "', today " << ally::format_date(c.today));
    CHECK(date_error(c.text, c.today) == "bad date '" + std::string(c.text) + "': " + c.reason);
  }
  // The next Wednesday from Tuesday 2999-12-31 is in 3000.
  CHECK(date_error("wed", ymd(2999, 12, 31), DateDirection::future) ==
        "bad date 'wed': " + k_range);
}

TEST_CASE("error messages quote the text exactly, as typed", "[date][errors]") {
  CHECK(date_error(" nope ") == "bad date ' nope ': " + k_date_usage);
  CHECK(date_error("Nope") == "bad date 'Nope': " + k_date_usage);
  CHECK(date_error("it's") == "bad date 'it's': " + k_date_usage);
  CHECK(date_error("日本語") == "bad date '日本語': " + k_date_usage);
  CHECK(date_error("🎂") == "bad date '🎂': " + k_date_usage);
  CHECK(duration_error(" 2x ") == "bad duration ' 2x ': " + k_duration_usage);
}

TEST_CASE("error messages escape control characters and invalid UTF-8", "[date][errors]") {
  struct Case {
    std::string_view text;
    std::string quoted;
  };
  const std::vector<Case> cases = {
      {"to\x1b[31mday", "to\\x1b[31mday"},
      {"a\x07z", "a\\x07z"},
      {"to\0day"sv, "to\\x00day"},
      {"x\x7fy", "x\\x7fy"},
      {"\xff\xfe", "\\xff\\xfe"},
      {"\xc0\xaf", "\\xc0\\xaf"},                   // overlong '/'
      {"ab\xe2\x82", "ab\\xe2\\x82"},               // cut-short sequence
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},          // surrogate
      {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"}, // past U+10FFFF
      {"\x80oops", "\\x80oops"},                    // stray continuation byte
      {"x\xc2\x85y", "x\\xc2\\x85y"},               // C1 next line
      {"\u202etoday", "\\xe2\\x80\\xaetoday"},      // right-to-left override
      {"é\xffé", "é\\xffé"},
  };
  for (const auto& c : cases) {
    INFO("expected quote: " << c.quoted);
    CHECK(date_error(c.text) == "bad date '" + c.quoted + "': " + k_date_usage);
  }
  // Control characters in the middle are not trimmed away, and tabs in it are shown.
  CHECK(date_error("in\t5x") == "bad date 'in\\x095x': " + k_date_usage);
  CHECK(duration_error("2\nw") == "bad duration '2\\x0aw': " + k_duration_usage);
}

TEST_CASE("error messages cut long text at 40 bytes", "[date][errors]") {
  const std::string forty(40, 'x');
  CHECK(date_error(forty) == "bad date '" + forty + "': " + k_date_usage);
  CHECK(date_error(forty + "y") == "bad date '" + forty + "…': " + k_date_usage);
  CHECK(date_error(std::string(5000, 'z')) ==
        "bad date '" + std::string(40, 'z') + "…': " + k_date_usage);
  // Never split a character: 39 bytes and a 2-byte 'é' do not fit in 40.
  const std::string thirty_nine(39, 'a');
  CHECK(date_error(thirty_nine + "é") == "bad date '" + thirty_nine + "…': " + k_date_usage);
  CHECK(date_error(std::string(38, 'a') + "é") ==
        "bad date '" + std::string(38, 'a') + "é': " + k_date_usage);
  // Escapes count the raw bytes, not their longer spelling.
  CHECK(date_error(std::string(41, '\x01')) == "bad date '" + [] {
    std::string escaped;
    for (int i = 0; i < 40; ++i) {
      escaped += "\\x01";
    }
    return escaped;
  }() + "…': " + k_date_usage);
  CHECK(duration_error(std::string(50, '9')) ==
        "bad duration '" + std::string(40, '9') + "…': " + k_duration_usage);
}

// ---- parse_duration_days ----

TEST_CASE("parse_duration_days reads N and a unit", "[date][duration]") {
  struct Case {
    std::string_view text;
    int days;
  };
  const std::vector<Case> cases = {
      {"1d", 1},         {"2w", 14},          {"1m", 30},         {"1y", 365},
      {"3M", 90},        {"2W", 14},          {"10d", 10},        {" 2w ", 14},
      {"007d", 7},       {"52w", 364},        {"12m", 360},       {"\t1y\n", 365},
      {"1100y", 401500}, {"401766d", 401766}, {"57395w", 401765}, {"13392m", 401760},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(ally::parse_duration_days(c.text) == c.days);
  }
}

TEST_CASE("parse_duration_days refuses bad durations", "[date][duration][errors]") {
  struct Case {
    std::string_view text;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"", k_duration_usage},
      {"  ", k_duration_usage},
      {"d", k_duration_usage},
      {"2", k_duration_usage},
      {"2 w", k_duration_usage},
      {"2x", k_duration_usage},
      {"w2", k_duration_usage},
      {"-2w", k_duration_usage},
      {"+2w", k_duration_usage},
      {"1.5w", k_duration_usage},
      {"2wk", k_duration_usage},
      {"2 weeks", k_duration_usage},
      {"2days", k_duration_usage},
      {"2mo", k_duration_usage},
      {"２w", k_duration_usage},
      {"2ｗ", k_duration_usage},
      {"in 2w", k_duration_usage},
      {"2w ago", k_duration_usage},
      {"today", k_duration_usage},
      {"0x1d", k_duration_usage},
      {"0d", k_zero},
      {"00w", k_zero},
      {"0y", k_zero},
      {"401767d", k_too_long},
      {"1101y", k_too_long},
      {"99999999999d", k_too_long},
      {"99999999999999999999999999999999999999d", k_too_long},
      {"18446744073709551617d", k_too_long},
      {"2147483648w", k_too_long},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(duration_error(c.text) == "bad duration '" + std::string(c.text) + "': " + c.reason);
  }
}

// ---- durations as dates ----

TEST_CASE("parse_date counts a bare duration from today, the option's way", "[date]") {
  struct Case {
    std::string_view text;
    DateDirection direction;
    Date expected;
  };
  const std::vector<Case> cases = {
      {"2w", DateDirection::future, ymd(2026, 3, 25)},
      {"2w", DateDirection::past, ymd(2026, 2, 25)},
      {"3d", DateDirection::past, ymd(2026, 3, 8)},
      {"2 weeks", DateDirection::past, ymd(2026, 2, 25)},
      {"2 weeks", DateDirection::future, ymd(2026, 3, 25)},
      {"1d", DateDirection::future, ymd(2026, 3, 12)},
      {"1m", DateDirection::future, ymd(2026, 4, 10)},
      {" 1Y ", DateDirection::future, ymd(2027, 3, 11)},
      {"2026-05-01", DateDirection::future, ymd(2026, 5, 1)},
      {"2020-05-01", DateDirection::future, ymd(2020, 5, 1)},
      {"today", DateDirection::future, k_today},
      {"tomorrow", DateDirection::future, ymd(2026, 3, 12)},
      {"friday", DateDirection::future, ymd(2026, 3, 13)},
      {"friday", DateDirection::past, ymd(2026, 3, 6)},
      {"in 5d", DateDirection::future, ymd(2026, 3, 16)},
      {"3d ago", DateDirection::future, ymd(2026, 3, 8)},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(ally::parse_date(c.text, k_today, c.direction) == c.expected);
  }
}

TEST_CASE("a bad duration as a date says what is wrong", "[date][errors]") {
  const auto error_of = [](std::string_view text) {
    return usage_error([&] { ally::parse_date(text, k_today, DateDirection::future); });
  };
  CHECK(error_of("") == "bad date '': " + k_date_usage);
  CHECK(error_of("garbage") == "bad date 'garbage': " + k_date_usage);
  CHECK(error_of("-2w") == "bad date '-2w': " + k_date_usage);
  CHECK(error_of("2 x") == "bad date '2 x': " + k_date_usage);
  CHECK(error_of("0d") == "bad date '0d': " + k_zero);
  CHECK(error_of("99999999999d") == "bad date '99999999999d': " + k_too_long);
  CHECK(error_of("1000y") == "bad date '1000y': " + k_range);
  CHECK(error_of("2026-02-30") == "bad date '2026-02-30': February 2026 has only 28 days");
  CHECK(error_of("in 0d") == "bad date 'in 0d': " + k_zero);
}

// ---- parse_yearless_date and friends ----

TEST_CASE("parse_yearless_date reads month-day forms and full dates", "[date][yearly]") {
  struct Case {
    std::string_view text;
    YearlessDate expected;
  };
  const std::vector<Case> cases = {
      {"05-03", {5, 3, std::nullopt}},
      {"--0503", {5, 3, std::nullopt}},
      {"--05-03", {5, 3, std::nullopt}},
      {" 05-03 ", {5, 3, std::nullopt}},
      {"02-29", {2, 29, std::nullopt}},
      {"--0229", {2, 29, std::nullopt}},
      {"01-01", {1, 1, std::nullopt}},
      {"12-31", {12, 31, std::nullopt}},
      {"04-30", {4, 30, std::nullopt}},
      {"1990-05-03", {5, 3, 1990}},
      {"2024-02-29", {2, 29, 2024}},
      {"1900-01-01", {1, 1, 1900}},
      {"today", {3, 11, 2026}},
      {"yesterday", {3, 10, 2026}},
      {"mon", {3, 9, 2026}}, // looks back, like --date
      {"May 3", {5, 3, std::nullopt}},
      {"3 may", {5, 3, std::nullopt}},
      {"5-3", {5, 3, std::nullopt}},
      {"3 May 1990", {5, 3, 1990}},
      {"1990-5-3", {5, 3, 1990}},
      {"3d ago", {3, 8, 2026}},
      {"1y ago", {3, 11, 2025}},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(ally::parse_yearless_date(c.text, k_today, DateDirection::past) == c.expected);
  }
}

TEST_CASE("parse_yearless_date refuses bad text", "[date][yearly][errors]") {
  struct Case {
    std::string_view text;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"02-30", "February has only 29 days"},
      {"--0230", "February has only 29 days"},
      {"04-31", "April has only 30 days"},
      {"--11-31", "November has only 30 days"},
      {"01-32", "January has only 31 days"},
      {"13-01", "there is no month 13"},
      {"00-05", "there is no month 0"},
      {"05-00", "there is no day 0"},
      {"2025-02-29", "February 2025 has only 28 days"},
      {"1850-05-03", "years must be between 1900 and 2999"},
      {"", k_yearless_usage},
      {"garbage", k_yearless_usage},
      {"05/03", k_yearless_usage},
      {"0503", k_yearless_usage},
      {"-05-03", k_yearless_usage},
      {"---0503", k_yearless_usage},
      {"--05-3", k_yearless_usage},
      {"--5-03", k_yearless_usage},
      {"05-03-", k_yearless_usage},
      {"feb 30", "February has only 29 days"},
      {"Mai 3", k_yearless_usage},
      {"ab-cd", k_yearless_usage},
      {"０５-０３", k_yearless_usage},
      {"in 0d", k_zero},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(usage_error([&] { ally::parse_yearless_date(c.text, k_today, DateDirection::past); }) ==
          "bad date '" + std::string(c.text) + "': " + c.reason);
  }
}

TEST_CASE("format_yearless writes MM-DD or YYYY-MM-DD and round-trips", "[date][yearly]") {
  CHECK(ally::format_yearless({5, 3, std::nullopt}) == "05-03");
  CHECK(ally::format_yearless({12, 31, std::nullopt}) == "12-31");
  CHECK(ally::format_yearless({2, 29, 2000}) == "2000-02-29");
  CHECK(ally::format_yearless({7, 4, 1985}) == "1985-07-04");
  for (const auto text : {"05-03", "02-29", "12-31", "1990-05-03", "2024-02-29"}) {
    INFO("text: '" << text << "'");
    CHECK(ally::format_yearless(ally::parse_yearless_date(text, k_today, DateDirection::past)) == text);
  }
  CHECK(ally::format_yearless(ally::parse_yearless_date("--0503", k_today, DateDirection::past)) == "05-03");
}

TEST_CASE("next_yearly finds the next occurrence on or after a day", "[date][yearly]") {
  struct Case {
    YearlessDate date;
    Date from;
    Date expected;
  };
  const std::vector<Case> cases = {
      {{5, 3, std::nullopt}, k_today, ymd(2026, 5, 3)},
      {{5, 3, std::nullopt}, ymd(2026, 5, 3), ymd(2026, 5, 3)},
      {{5, 3, std::nullopt}, ymd(2026, 5, 4), ymd(2027, 5, 3)},
      {{3, 11, std::nullopt}, k_today, k_today},
      {{3, 10, std::nullopt}, k_today, ymd(2027, 3, 10)},
      {{1, 1, std::nullopt}, ymd(2026, 12, 31), ymd(2027, 1, 1)},
      {{1, 1, std::nullopt}, ymd(2026, 1, 1), ymd(2026, 1, 1)},
      {{12, 31, std::nullopt}, ymd(2026, 12, 31), ymd(2026, 12, 31)},
      {{12, 31, std::nullopt}, ymd(2027, 1, 1), ymd(2027, 12, 31)},
      // Feb 29 falls on Feb 28 in common years, and on Feb 29 in leap years.
      {{2, 29, std::nullopt}, ymd(2026, 1, 1), ymd(2026, 2, 28)},
      {{2, 29, std::nullopt}, ymd(2026, 2, 28), ymd(2026, 2, 28)},
      {{2, 29, std::nullopt}, ymd(2026, 3, 1), ymd(2027, 2, 28)},
      {{2, 29, std::nullopt}, ymd(2027, 3, 1), ymd(2028, 2, 29)},
      {{2, 29, std::nullopt}, ymd(2028, 2, 28), ymd(2028, 2, 29)},
      {{2, 29, std::nullopt}, ymd(2028, 2, 29), ymd(2028, 2, 29)},
      {{2, 29, std::nullopt}, ymd(2028, 3, 1), ymd(2029, 2, 28)},
      {{2, 29, std::nullopt}, ymd(2099, 3, 1), ymd(2100, 2, 28)}, // 2100 is not leap
      {{2, 29, std::nullopt}, ymd(2000, 1, 1), ymd(2000, 2, 29)}, // 2000 is
      {{2, 29, 1996}, ymd(2026, 3, 11), ymd(2027, 2, 28)},
      // Feb 28 stays on Feb 28 in leap years.
      {{2, 28, std::nullopt}, ymd(2028, 2, 29), ymd(2029, 2, 28)},
      {{3, 1, std::nullopt}, ymd(2028, 2, 29), ymd(2028, 3, 1)},
      // A past year (a birth year) does not matter; a future one is the first occurrence.
      {{5, 3, 1990}, k_today, ymd(2026, 5, 3)},
      {{6, 1, 2027}, k_today, ymd(2027, 6, 1)},
      {{6, 1, 2027}, ymd(2027, 6, 1), ymd(2027, 6, 1)},
      {{6, 1, 2027}, ymd(2027, 7, 1), ymd(2028, 6, 1)},
      {{1, 1, std::nullopt}, ymd(2999, 12, 31), ymd(3000, 1, 1)},
  };
  for (const auto& c : cases) {
    INFO(ally::format_yearless(c.date) << " from " << ally::format_date(c.from));
    CHECK(ally::next_yearly(c.date, c.from) == c.expected);
  }
}

TEST_CASE("next_yearly survives a corrupt yearly date", "[date][yearly]") {
  CHECK(ally::next_yearly({0, 0, std::nullopt}, k_today) == ymd(2027, 1, 1));
  CHECK(ally::next_yearly({13, 40, std::nullopt}, k_today) == ymd(2026, 12, 31));
  CHECK(ally::next_yearly({4, 31, std::nullopt}, k_today) == ymd(2026, 4, 30));
}

// ---- Formatting and strict parsing ----

TEST_CASE("format_date and parse_iso_date round-trip every supported day", "[date]") {
  CHECK(ally::format_date(ymd(1900, 1, 1)) == "1900-01-01");
  CHECK(ally::format_date(ymd(2026, 3, 5)) == "2026-03-05");
  CHECK(ally::format_date(ymd(2999, 12, 31)) == "2999-12-31");
  int mismatches = 0;
  for (Date day = ymd(1900, 1, 1); day <= ymd(2999, 12, 31); day += std::chrono::days{1}) {
    const auto parsed = ally::parse_iso_date(ally::format_date(day));
    if (!parsed || *parsed != day) {
      ++mismatches;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("parse_iso_date is strict", "[date]") {
  const std::vector<std::string_view> bad = {
      "",           " 2026-03-11", "2026-03-11 ", "2026-02-30", "2025-02-29", "1899-12-31",
      "3000-01-01", "2026-3-11",   "today",       "2026/03/11", "20260311",   "2026-03-11T00",
      "2026-13-01", "2026-00-10",  "2026-01-00",  "2026-1a-05", "+026-03-11", "2026-03-1\xff",
      "2026-03- 1", "2O26-03-11",  "2026-03-1/",
  };
  for (const auto text : bad) {
    INFO("text: '" << text << "'");
    CHECK_FALSE(ally::parse_iso_date(text).has_value());
  }
  CHECK(ally::parse_iso_date("2024-02-29") == ymd(2024, 2, 29));
}

TEST_CASE("format_relative picks a readable unit", "[date]") {
  struct Case {
    int offset;
    std::string_view expected;
  };
  const std::vector<Case> cases = {
      {0, "today"},     {-1, "yesterday"}, {1, "tomorrow"},    {-2, "2d ago"},       {2, "in 2d"},
      {-13, "13d ago"}, {13, "in 13d"},    {-14, "2w ago"},    {14, "in 2w"},        {20, "in 2w"},
      {21, "in 3w"},    {-59, "8w ago"},   {59, "in 8w"},      {-60, "2mo ago"},     {60, "in 2mo"},
      {89, "in 2mo"},   {90, "in 3mo"},    {-364, "12mo ago"}, {-365, "1y ago"},     {365, "in 1y"},
      {729, "in 1y"},   {730, "in 2y"},    {-3650, "10y ago"}, {-40000, "109y ago"},
  };
  for (const auto& c : cases) {
    INFO("offset " << c.offset);
    CHECK(ally::format_relative(plus_days(k_today, c.offset), k_today) == c.expected);
  }
}

TEST_CASE("weekday_name and days_between", "[date]") {
  const std::vector<std::string_view> week = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int i = 0; i < 7; ++i) {
    CHECK(ally::weekday_name(plus_days(ymd(2026, 3, 9), i)) == week[static_cast<std::size_t>(i)]);
  }
  CHECK(ally::weekday_name(ymd(1900, 1, 1)) == "Mon");
  CHECK(ally::weekday_name(ymd(2000, 1, 1)) == "Sat");
  CHECK(ally::weekday_name(ymd(2024, 2, 29)) == "Thu");
  CHECK(ally::days_between(ymd(2026, 3, 11), ymd(2026, 3, 14)) == 3);
  CHECK(ally::days_between(ymd(2026, 3, 14), ymd(2026, 3, 11)) == -3);
  CHECK(ally::days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)) == 366);
  CHECK(ally::days_between(ymd(2025, 1, 1), ymd(2026, 1, 1)) == 365);
  CHECK(ally::days_between(k_today, k_today) == 0);
}

// ---- the grammar people type (issue 24's list) ----

TEST_CASE("parse_date reads the forms people type, each on the option's side of today",
          "[date][grammar]") {
  struct Case {
    std::string_view text;
    Date past;
    Date future;
  };
  // k_today is Wednesday 2026-03-11.
  const std::vector<Case> cases = {
      {"last monday", ymd(2026, 3, 9), ymd(2026, 3, 9)},
      {"last wed", ymd(2026, 3, 4), ymd(2026, 3, 4)},
      {"next friday", ymd(2026, 3, 13), ymd(2026, 3, 13)},
      {"next Wednesday", ymd(2026, 3, 18), ymd(2026, 3, 18)},
      {"last week", ymd(2026, 3, 4), ymd(2026, 3, 4)},
      {"next week", ymd(2026, 3, 18), ymd(2026, 3, 18)},
      {"last month", ymd(2026, 2, 9), ymd(2026, 2, 9)},
      {"next month", ymd(2026, 4, 10), ymd(2026, 4, 10)},
      {"next year", ymd(2027, 3, 11), ymd(2027, 3, 11)},
      {"2 weeks ago", ymd(2026, 2, 25), ymd(2026, 2, 25)},
      {"3 days ago", ymd(2026, 3, 8), ymd(2026, 3, 8)},
      {"1 day ago", ymd(2026, 3, 10), ymd(2026, 3, 10)},
      {"1 week ago", ymd(2026, 3, 4), ymd(2026, 3, 4)},
      {"in 2 weeks", ymd(2026, 3, 25), ymd(2026, 3, 25)},
      {"in 1 month", ymd(2026, 4, 10), ymd(2026, 4, 10)},
      {"in 3 days", ymd(2026, 3, 14), ymd(2026, 3, 14)},
      {"3d", ymd(2026, 3, 8), ymd(2026, 3, 14)},
      {"2w", ymd(2026, 2, 25), ymd(2026, 3, 25)},
      {"2026-9-1", ymd(2026, 9, 1), ymd(2026, 9, 1)},
      {"2026-03-1", ymd(2026, 3, 1), ymd(2026, 3, 1)},
      {"jan 5", ymd(2026, 1, 5), ymd(2027, 1, 5)},
      {"5 jan", ymd(2026, 1, 5), ymd(2027, 1, 5)},
      {"5th January", ymd(2026, 1, 5), ymd(2027, 1, 5)},
      {"Sept 3", ymd(2025, 9, 3), ymd(2026, 9, 3)},
      {"march 11", k_today, k_today}, // today is on both sides
      {"mar 12", ymd(2025, 3, 12), ymd(2026, 3, 12)},
      {"January 5 2026", ymd(2026, 1, 5), ymd(2026, 1, 5)},
      {"jan 5, 2026", ymd(2026, 1, 5), ymd(2026, 1, 5)},
      {"5 jan 26", ymd(2026, 1, 5), ymd(2026, 1, 5)},
      {"dec 25 99", ymd(1999, 12, 25), ymd(1999, 12, 25)}, // %y: 69-99 are 19xx
      {"12-25", ymd(2025, 12, 25), ymd(2026, 12, 25)},
      {"3-11", k_today, k_today},
      {"02-29", ymd(2024, 2, 29), ymd(2028, 2, 29)},
      {"feb 29", ymd(2024, 2, 29), ymd(2028, 2, 29)},
  };
  for (const auto& c : cases) {
    INFO("text: '" << c.text << "'");
    CHECK(ally::parse_date(c.text, k_today, DateDirection::past) == c.past);
    CHECK(ally::parse_date(c.text, k_today, DateDirection::future) == c.future);
  }
  CHECK(date_error("feb 30") == "bad date 'feb 30': February has only 29 days");
  CHECK(date_error("jan 5 1850") == "bad date 'jan 5 1850': years must be between 1900 and 2999");
  CHECK(date_error("jan 5 026") == "bad date 'jan 5 026': " + k_date_usage);
  CHECK(date_error("janvier 5") == "bad date 'janvier 5': " + k_date_usage);
  CHECK(date_error("next fortnight") == "bad date 'next fortnight': " + k_date_usage);
  CHECK(date_error("0 days ago") == "bad date '0 days ago': " + k_zero);
}

// GNU `date -d` is the reference wherever it reads a form (issue 27): the same words on each day
// of a week must give GNU's day. faketime (scripts/install-deps) sets GNU date's "now".
TEST_CASE("where GNU date reads a form, parse_date gives its day", "[date][grammar][gnu]") {
  const std::vector<std::string_view> forms = {
      "next friday", "last monday", "last friday", "next sunday", "last sat",  "2 weeks ago",
      "3 days ago",  "1 day ago",   "5 weeks ago", "last week",   "next week", "yesterday",
      "tomorrow",    "today",       "2026-9-1",    "2024-02-29",  "next tue",  "last thursday"};
  REQUIRE(std::system("command -v faketime >/dev/null 2>&1") == 0); // scripts/install-deps
  for (int offset = 0; offset < 7; ++offset) {
    const Date today = plus_days(k_today, offset);
    std::string script;
    for (const auto form : forms) {
      script += fmt::format("faketime '{} 12:00:00' date -d '{}' +%F; ", ally::format_date(today),
                            form);
    }
    std::string gnu;
    {
      FILE* pipe = popen(("env LC_ALL=C TZ=UTC sh -c \"" + script + "\"").c_str(), "r");
      REQUIRE(pipe != nullptr);
      char buffer[256];
      while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) gnu += buffer;
      REQUIRE(pclose(pipe) == 0);
    }
    std::string ours;
    for (const auto form : forms) {
      ours += ally::format_date(ally::parse_date(form, today, DateDirection::past)) + "\n";
    }
    INFO("today " << ally::format_date(today));
    CHECK(ours == gnu);
  }
}
