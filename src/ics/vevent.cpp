#include "vevent.hpp"

#include "address.hpp"
#include "ical_time.hpp"

namespace ally_ics {
namespace {

std::string text_or_empty(const char* text) { return text ? text : ""; }

std::string common_name(icalproperty* property) {
  icalparameter* cn = icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER);
  return cn ? trim(text_or_empty(icalparameter_get_cn(cn))) : std::string();
}

// A known value by its RFC name; an unknown one (X-…, or a newer IANA name) as written.
std::string enum_parameter(icalproperty* property, icalparameter_kind kind) {
  icalparameter* parameter = icalproperty_get_first_parameter(property, kind);
  if (!parameter) return {};
  int value = kind == ICAL_PARTSTAT_PARAMETER ? static_cast<int>(icalparameter_get_partstat(parameter))
                                              : static_cast<int>(icalparameter_get_cutype(parameter));
  const bool unknown = kind == ICAL_PARTSTAT_PARAMETER
                           ? value == ICAL_PARTSTAT_X || value == ICAL_PARTSTAT_NONE
                           : value == ICAL_CUTYPE_X || value == ICAL_CUTYPE_NONE;
  if (unknown) {
    const char* raw = icalparameter_get_xvalue(parameter);
    if (!raw) raw = icalparameter_get_iana_value(parameter);
    return trim(text_or_empty(raw));
  }
  return text_or_empty(icalparameter_enum_to_string(value));
}

std::string status_text(icalcomponent* component) {
  icalproperty* property = icalcomponent_get_first_property(component, ICAL_STATUS_PROPERTY);
  if (!property) return {};
  switch (icalproperty_get_status(property)) {
  case ICAL_STATUS_TENTATIVE: return "TENTATIVE";
  case ICAL_STATUS_CONFIRMED: return "CONFIRMED";
  case ICAL_STATUS_CANCELLED: return "CANCELLED";
  default: return {}; // a to-do's or journal entry's status says nothing about a meeting
  }
}

std::optional<icaltimetype> readable(icaltimetype t) {
  if (!is_plausible(t)) return std::nullopt;
  return t;
}

} // namespace

Vevent read_vevent(icalcomponent* component, icalcomponent* calendar, std::size_t order) {
  Vevent event;
  event.component = component;
  event.calendar = calendar;
  event.order = order;
  if (icalproperty* p = icalcomponent_get_first_property(component, ICAL_UID_PROPERTY))
    event.uid = text_or_empty(icalproperty_get_uid(p));
  if (icalproperty* p = icalcomponent_get_first_property(component, ICAL_RECURRENCEID_PROPERTY)) {
    event.has_recurrence_id = true;
    event.recurrence_id = readable(with_zone(p, icalproperty_get_recurrenceid(p), calendar));
  }
  if (icalproperty* p = icalcomponent_get_first_property(component, ICAL_SEQUENCE_PROPERTY))
    event.sequence = icalproperty_get_sequence(p);
  if (icalproperty* p = icalcomponent_get_first_property(component, ICAL_DTSTART_PROPERTY))
    event.start = readable(with_zone(p, icalproperty_get_dtstart(p), calendar));
  event.recurring = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY) ||
                    icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY);
  event.status = status_text(component);
  if (icalproperty* p = icalcomponent_get_first_property(component, ICAL_SUMMARY_PROPERTY))
    event.summary = text_or_empty(icalproperty_get_summary(p));
  if (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ORGANIZER_PROPERTY))
    event.organizer = Person{email_from_cal_address(text_or_empty(icalproperty_get_organizer(p))),
                             common_name(p)};
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ATTENDEE_PROPERTY); p;
       p = icalcomponent_get_next_property(component, ICAL_ATTENDEE_PROPERTY)) {
    event.attendees.push_back(Attendee{email_from_cal_address(text_or_empty(icalproperty_get_attendee(p))),
                                       common_name(p), enum_parameter(p, ICAL_PARTSTAT_PARAMETER),
                                       enum_parameter(p, ICAL_CUTYPE_PARAMETER)});
  }
  return event;
}

} // namespace ally_ics
