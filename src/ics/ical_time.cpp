#include "ical_time.hpp"

#include <cstdio>
#include <ctime>

namespace ally_ics {
namespace {

std::int64_t fields_as_utc(const icaltimetype& t) {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

std::int64_t fields_as_local(const icaltimetype& t, bool midnight) {
  std::tm tm{};
  tm.tm_year = t.year - 1900;
  tm.tm_mon = t.month - 1;
  tm.tm_mday = t.day;
  tm.tm_hour = midnight ? 0 : t.hour;
  tm.tm_min = midnight ? 0 : t.minute;
  tm.tm_sec = midnight ? 0 : t.second;
  tm.tm_isdst = -1; // let the zone rules decide, also inside a DST change
  return static_cast<std::int64_t>(std::mktime(&tm));
}

std::tm broken_down(std::int64_t epoch, bool local) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  if (local ? !localtime_r(&t, &tm) : !gmtime_r(&t, &tm)) tm = std::tm{};
  return tm;
}

} // namespace

std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t yoe = year - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

icaltimetype with_zone(icalproperty* property, icaltimetype value, icalcomponent* calendar) {
  if (value.is_date || icaltime_is_utc(value)) return value;
  value.zone = nullptr;
  icalparameter* parameter =
      property ? icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER) : nullptr;
  const char* tzid = parameter ? icalparameter_get_tzid(parameter) : nullptr;
  if (!tzid || !*tzid) return value;
  icaltimezone* zone = calendar ? icalcomponent_get_timezone(calendar, tzid) : nullptr;
  if (!zone) zone = icaltimezone_get_builtin_timezone(tzid);
  // Evolution and others prefix TZIDs with a path ("/freeassociation.sourceforge.net/…").
  if (!zone) zone = icaltimezone_get_builtin_timezone_from_tzid(tzid);
  value.zone = zone;
  return value;
}

bool is_plausible(const icaltimetype& t) {
  if (icaltime_is_null_time(t)) return false;
  if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12) return false;
  if (t.day < 1 || t.day > icaltime_days_in_month(t.month, t.year)) return false;
  if (t.is_date) return true;
  return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
         t.second <= 60;
}

std::int64_t epoch_of(const icaltimetype& t) {
  if (t.is_date) return fields_as_local(t, true);
  if (!t.zone) return fields_as_local(t, false);
  if (icaltime_is_utc(t)) return fields_as_utc(t);
  return fields_as_utc(icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone()));
}

std::string day_text(const icaltimetype& t, std::int64_t epoch) {
  int year = t.year, month = t.month, day = t.day;
  if (!t.is_date) {
    std::tm tm = broken_down(epoch, true);
    year = tm.tm_year + 1900;
    month = tm.tm_mon + 1;
    day = tm.tm_mday;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

std::string recurrence_id_text(const icaltimetype& t) {
  char text[40];
  if (t.is_date) {
    std::snprintf(text, sizeof text, "%04d%02d%02d", t.year, t.month, t.day);
  } else {
    std::tm tm = broken_down(epoch_of(t), false);
    std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  }
  return text;
}

icaltimetype wall_time_at(std::int64_t epoch, const icaltimetype& like) {
  icaltimetype t;
  if (like.zone) {
    t = icaltime_from_timet_with_zone(static_cast<time_t>(epoch), 0, like.zone);
  } else {
    std::tm tm = broken_down(epoch, true);
    t = icaltime_null_time();
    t.year = tm.tm_year + 1900;
    t.month = tm.tm_mon + 1;
    t.day = tm.tm_mday;
    t.hour = tm.tm_hour;
    t.minute = tm.tm_min;
    t.second = tm.tm_sec;
  }
  if (like.is_date) {
    t.is_date = 1;
    t.hour = t.minute = t.second = 0;
    t.zone = nullptr;
  }
  return t;
}

} // namespace ally_ics
