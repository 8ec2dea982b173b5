#pragma once
// What ally-ics reports: one record per event instance in the range (docs in main.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ally_ics {

struct Person {
  std::string email; // "" when the address is not an email
  std::string name;
};

struct Attendee {
  std::string email;
  std::string name;
  std::string partstat; // "" when absent
  std::string cutype;   // "" when absent
};

struct Instance {
  std::string uid;
  std::string recurrence_id; // "" unless part of a recurring event
  int sequence = 0;
  std::int64_t start = 0;
  std::string day; // YYYY-MM-DD
  bool all_day = false;
  std::string status;
  std::string summary;
  std::optional<Person> organizer;
  std::vector<Attendee> attendees;
};

struct Skipped {
  std::int64_t no_start = 0;
  std::int64_t outside_range = 0;
};

struct Extraction {
  std::vector<Instance> events;
  Skipped skipped;
};

struct Range {
  std::int64_t from = 0;
  std::int64_t to = 0;
  bool contains(std::int64_t t) const { return t >= from && t <= to; }
};

} // namespace ally_ics
