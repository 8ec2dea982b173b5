#include "json_out.hpp"

#include <nlohmann/json.hpp>

namespace ally_ics {
namespace {

using Json = nlohmann::ordered_json; // keys in the documented order, for people reading it

Json person_json(const Person& person) { return Json{{"email", person.email}, {"name", person.name}}; }

Json instance_json(const Instance& instance) {
  Json attendees = Json::array();
  for (const auto& a : instance.attendees)
    attendees.push_back(
        Json{{"email", a.email}, {"name", a.name}, {"partstat", a.partstat}, {"cutype", a.cutype}});
  return Json{{"uid", instance.uid},
              {"recurrence_id", instance.recurrence_id},
              {"sequence", instance.sequence},
              {"start", instance.start},
              {"day", instance.day},
              {"all_day", instance.all_day},
              {"status", instance.status},
              {"summary", instance.summary},
              {"organizer", instance.organizer ? person_json(*instance.organizer) : Json(nullptr)},
              {"attendees", std::move(attendees)}};
}

} // namespace

std::string render_json(const Extraction& extraction) {
  // Written event by event: a document tree of 200,000 instances would take ten times the
  // memory of its text.
  std::string out = R"({"format":)" + Json(output_format).dump() + R"(,"events":[)";
  bool first = true;
  for (const auto& instance : extraction.events) {
    if (!first) out += ',';
    first = false;
    out += instance_json(instance).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  Json skipped{{"no_start", extraction.skipped.no_start},
               {"outside_range", extraction.skipped.outside_range}};
  out += R"(],"skipped":)" + skipped.dump() + "}\n";
  return out;
}

} // namespace ally_ics
