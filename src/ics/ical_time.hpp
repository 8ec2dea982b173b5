#pragma once
// Times as the caller needs them: epoch seconds, a local day, and a recurrence id text that is
// the same for a generated instance and for the override that replaces it.
#include <libical/ical.h>

#include <cstdint>
#include <string>

namespace ally_ics {

// The value with the zone its TZID names: the file's VTIMEZONE, else libical's builtin zone
// of that name, else none (floating). UTC and dates are returned as they are.
icaltimetype with_zone(icalproperty* property, icaltimetype value, icalcomponent* calendar);

// A real calendar date and time within the years 1 to 9999 (libical passes through fields
// like month 13 from a damaged file, which the C library would silently wrap).
bool is_plausible(const icaltimetype& t);

// Dates: local midnight. Floating: local time. Zoned and UTC: that instant.
std::int64_t epoch_of(const icaltimetype& t);

// YYYY-MM-DD: a date's own fields, else the local day of `epoch`.
std::string day_text(const icaltimetype& t, std::int64_t epoch);

// YYYYMMDD for a date, else the UTC instant as YYYYMMDDTHHMMSSZ.
std::string recurrence_id_text(const icaltimetype& t);

// The instant `epoch` as wall-clock fields in the zone `like` is in (local time when it has
// none); a date when `like` is one.
icaltimetype wall_time_at(std::int64_t epoch, const icaltimetype& like);

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t year, int month, int day);

} // namespace ally_ics
