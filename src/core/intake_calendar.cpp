// The events of a calendar, from what the ally-ics helper prints (src/ics/main.cpp): the file
// itself is read by libical in that separate process; this side checks its JSON field by field
// and makes every text fit to store, as for any other import.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ally/error.hpp"
#include "ally/imported_text.hpp"
#include "ally/intake.hpp"
#include "ally/text.hpp"
#include "sync/process.hpp"

namespace ally {
namespace calendar_intake {
namespace {

using nlohmann::json;

[[noreturn]] void bad_output(const std::string& what) {
  throw Conflict(fmt::format("the calendar reader gave unexpected output: {}", what),
                 "please report it, with the .ics file if you can share it");
}

std::string text_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null())
    return {};
  if (!it->is_string())
    bad_output(fmt::format("\"{}\" is not a string", key));
  return it->get<std::string>();
}

std::size_t count_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_unsigned())
    bad_output(fmt::format("\"{}\" is not a count", key));
  return it->get<std::size_t>();
}

std::string upper_word(std::string text) {
  text = imported_line(utf8_or_cp1252(text));
  for (char& c : text)
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  return text;
}

IncomingPerson person_of(const json& value) {
  if (!value.is_object())
    bad_output("a person is not an object");
  IncomingPerson person;
  person.email = lower_ascii(imported_line(utf8_or_cp1252(text_of(value, "email"))));
  if (person.email.find('@') == std::string::npos)
    person.email.clear();
  person.name = imported_line(utf8_or_cp1252(text_of(value, "name")));
  person.partstat = upper_word(text_of(value, "partstat"));
  person.cutype = upper_word(text_of(value, "cutype"));
  return person;
}

IncomingEvent event_of(const json& value) {
  if (!value.is_object())
    bad_output("an event is not an object");
  IncomingEvent event;
  event.uid = imported_line(utf8_or_cp1252(text_of(value, "uid")));
  event.recurrence_id = imported_line(text_of(value, "recurrence_id"));
  const std::string day = text_of(value, "day");
  const auto date = parse_iso_date(day);
  if (!date)
    bad_output(fmt::format("\"day\" is '{}', not a date", truncate_to_width(day, 20)));
  event.day = *date;
  if (auto it = value.find("start"); it != value.end()) {
    if (!it->is_number_integer())
      bad_output("\"start\" is not a time");
    event.start = it->get<std::int64_t>();
  } else {
    bad_output("an event has no \"start\"");
  }
  event.status = upper_word(text_of(value, "status"));
  // A summary is one line in every calendar; one that holds breaks is joined, not cut.
  event.summary = imported_line(utf8_or_cp1252(text_of(value, "summary")));
  if (auto it = value.find("organizer"); it != value.end() && !it->is_null())
    event.organizer = person_of(*it);
  if (auto it = value.find("attendees"); it != value.end()) {
    if (!it->is_array())
      bad_output("\"attendees\" is not a list");
    for (const json& attendee : *it)
      event.attendees.push_back(person_of(attendee));
  }
  return event;
}

} // namespace
} // namespace calendar_intake

bool IncomingPerson::is_person() const { return cutype.empty() || cutype == "INDIVIDUAL"; }

IncomingCalendar calendar_of_helper_output(std::string_view text) {
  using namespace calendar_intake;
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    bad_output("not a JSON object");
  if (text_of(doc, "format") != "ally-ics/1")
    bad_output("not the ally-ics/1 format");
  auto events = doc.find("events");
  if (events == doc.end() || !events->is_array())
    bad_output("no \"events\" list");
  IncomingCalendar calendar;
  calendar.events.reserve(events->size());
  for (const json& event : *events)
    calendar.events.push_back(event_of(event));
  auto skipped = doc.find("skipped");
  if (skipped == doc.end() || !skipped->is_object())
    bad_output("no \"skipped\" counts");
  calendar.without_start = count_of(*skipped, "no_start");
  calendar.outside_range = count_of(*skipped, "outside_range");
  return calendar;
}

IncomingCalendar read_calendar(const std::string& helper, std::string_view bytes,
                               std::int64_t from, std::int64_t to) {
  sync::ProcessOptions options;
  options.input = std::string(bytes);
  const auto result = sync::run_process(
      {helper, "--from=" + std::to_string(from), "--to=" + std::to_string(to), "-"}, options);
  if (result.status == 127 && result.out.empty())
    throw Error(fmt::format("cannot run the calendar reader {}", helper),
                1, "reinstall ally: ally-ics belongs beside it");
  if (result.status != 0) {
    // "ally-ics: error: not an iCalendar file …": its message, as ally's own.
    std::string message = imported_line(utf8_or_cp1252(result.err.substr(0, 300)));
    constexpr std::string_view prefix = "ally-ics: error: ";
    if (message.rfind(prefix, 0) == 0)
      message.erase(0, prefix.size());
    if (message.empty())
      message = fmt::format("the calendar reader stopped (status {})", result.status);
    throw Conflict(fmt::format("cannot read the calendar: {}", message));
  }
  return calendar_of_helper_output(result.out);
}

} // namespace ally
