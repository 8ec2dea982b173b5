// Dates and durations as users type them: every parser must either give a date that formats and
// parses back, or throw UsageError. Anything else (a crash, UB, another exception) is a bug.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ally/date.hpp"
#include "ally/error.hpp"
#include "fuzz_store.hpp"

namespace {

using ally::Date;

void check_round_trip(Date date) {
  auto text = ally::format_date(date);
  auto back = ally::parse_iso_date(text);
  if (!back || *back != date) std::abort();
  (void)ally::format_relative(date, ally_fuzz::fixed_today());
  (void)ally::weekday_name(date);
}

template <class F> void expect_usage_error_or_value(F&& f) {
  try {
    f();
  } catch (const ally::UsageError&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = ally_fuzz::as_text(data, size);
  Date today = ally_fuzz::fixed_today();
  for (auto direction : {ally::DateDirection::past, ally::DateDirection::future}) {
    expect_usage_error_or_value([&] { check_round_trip(ally::parse_date(text, today, direction)); });
  }
  expect_usage_error_or_value([&] {
    int days = ally::parse_duration_days(text);
    if (days < 1) std::abort();
  });
  for (auto direction : {ally::DateDirection::past, ally::DateDirection::future}) {
    expect_usage_error_or_value([&] {
      auto yearless = ally::parse_yearless_date(text, today, direction);
      auto formatted = ally::format_yearless(yearless);
      if (!(ally::parse_yearless_date(formatted, today, direction) == yearless)) std::abort();
      auto next = ally::next_yearly(yearless, today);
      if (next < today) std::abort();
      (void)ally::day_month_words(yearless);
    });
  }
  if (auto iso = ally::parse_iso_date(text)) check_round_trip(*iso);
  return 0;
}
