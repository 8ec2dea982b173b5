// What ally takes from the calendar reader's JSON: the events as neutral records, texts made fit
// to store, and anything else refused as a Conflict rather than trusted.
#include <catch2/catch.hpp>

#include <string>

#include "ally/error.hpp"
#include "ally/intake.hpp"

using ally::calendar_of_helper_output;
using ally::Conflict;

TEST_CASE("the calendar reader's events become neutral records", "[intake][ics]") {
  const std::string json = R"({"format":"ally-ics/1","events":[{"uid":"u1","recurrence_id":
    "20261026T090000Z","sequence":2,"start":1793000000,"day":"2026-10-27","all_day":false,
    "status":"confirmed","summary":"Weekly\u001b[31m 1:1\nmoved","organizer":{"email":
    "Ann@Example.COM","name":"Ann"},"attendees":[{"email":"room-4@example.com","name":"Room",
    "partstat":"accepted","cutype":"room"},{"email":"not an address","name":"X","partstat":"",
    "cutype":""}]}],"skipped":{"no_start":1,"outside_range":4}})";
  auto calendar = calendar_of_helper_output(json);
  REQUIRE(calendar.events.size() == 1);
  const auto& e = calendar.events[0];
  CHECK(e.uid == "u1");
  CHECK(e.recurrence_id == "20261026T090000Z");
  CHECK(ally::format_date(e.day) == "2026-10-27");
  CHECK(e.status == "CONFIRMED");
  CHECK(e.summary == "Weekly[31m 1:1 moved"); // no escape reaches the store
  REQUIRE(e.organizer);
  CHECK(e.organizer->email == "ann@example.com");
  REQUIRE(e.attendees.size() == 2);
  CHECK_FALSE(e.attendees[0].is_person()); // a room
  CHECK(e.attendees[0].partstat == "ACCEPTED");
  CHECK(e.attendees[1].email.empty()); // not an address: nobody to match
  CHECK(e.attendees[1].is_person());
  CHECK(calendar.without_start == 1);
  CHECK(calendar.outside_range == 4);
}

TEST_CASE("output that is not the reader's JSON is refused", "[intake][ics]") {
  for (const std::string bad :
       {"", "[]", "not json", R"({"format":"ally-ics/2","events":[],"skipped":{}})",
        R"({"format":"ally-ics/1","events":{},"skipped":{"no_start":0,"outside_range":0}})",
        R"({"format":"ally-ics/1","events":[{"day":"tomorrow"}],"skipped":{"no_start":0,"outside_range":0}})",
        R"({"format":"ally-ics/1","events":[{"day":"2026-01-01","summary":5}],"skipped":{"no_start":0,"outside_range":0}})",
        R"({"format":"ally-ics/1","events":[],"skipped":{"no_start":-1,"outside_range":0}})",
        R"({"format":"ally-ics/1","events":[{"day":"2026-01-01","attendees":[1]}],"skipped":{"no_start":0,"outside_range":0}})"}) {
    INFO(bad);
    CHECK_THROWS_AS(calendar_of_helper_output(bad), Conflict);
  }
}
