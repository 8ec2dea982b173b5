// The histories other tools keep (friends.md, Monica's JSON export) as neutral records: every
// construct of each format read, and what cannot be placed reported, never guessed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ally/error.hpp"
#include "ally/intake.hpp"

namespace {

std::string fixture(const std::string& path) {
  std::ifstream in(std::filesystem::path(ALLY_TEST_DATA) / path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const ally::IncomingContact& named(const ally::IncomingHistory& h, const std::string& name) {
  for (const auto& c : h.contacts)
    if (c.name == name) return c;
  FAIL("no contact named " << name);
  throw;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

} // namespace

TEST_CASE("friends.md: friends, nicknames, locations, tags, activities and notes", "[intake][friends]") {
  auto h = ally::parse_friends_md(fixture("friends/friends.md"));
  const auto& grace = named(h, "Grace Hopper");
  CHECK(grace.nicknames == std::vector<std::string>{"The Admiral", "Amazing Grace"});
  CHECK(grace.city == "Paris");
  CHECK(grace.tags == std::vector<std::string>{"navy", "science"});
  CHECK(grace.identity == "friends:Grace Hopper");
  CHECK(grace.note == "2019-05-01: Grace Hopper moved to Paris.");
  CHECK(named(h, "Norman Borlaug").tags ==
        std::vector<std::string>{"science", "science:outdoors", "science:outdoors:agronomy"});
  CHECK(named(h, "Stanislav Petrov").tags == std::vector<std::string>{"doesnt-trust-computers"});
  CHECK(named(h, "Marie Curie").city == "Warsaw");
  // Named in an activity only: a friend all the same.
  CHECK(named(h, "Ada Lovelace").line == 3);

  REQUIRE(h.conversations.size() == 4);
  const auto& lunch = h.conversations[0];
  CHECK(ally::format_date(lunch.day) == "2026-11-20");
  CHECK(lunch.note == "Lunch with Grace Hopper and Norman Borlaug at Marie's Diner; talked about "
                      "compilers @food");
  CHECK(lunch.people.size() == 2);
  // An underscore inside a word and an email address are text, not a place or a tag.
  CHECK(h.conversations[1].note ==
        "Ada Lovelace sent the draft of her_notes_v2 to ada@example.org, for review.");
  // The same line twice is the same activity: its identity is its day and text.
  CHECK(h.conversations[0].identity != h.conversations[1].identity);

  CHECK(mentions(h.left_out, "line 6: no date"));
  CHECK(mentions(h.left_out, "line 7: an activity with no **Friend**"));
  CHECK(mentions(h.left_out, "line 18: Grace Hopper is listed twice"));
}

TEST_CASE("friends.md with CRLF line ends and a byte-order mark", "[intake][friends]") {
  auto h = ally::parse_friends_md("\xEF\xBB\xBF" + fixture("friends/crlf.md"));
  REQUIRE(h.contacts.size() == 1);
  CHECK(h.contacts[0].name == "\xC3\x89milie Du Ch\xC3\xA2telet");
  CHECK(h.contacts[0].tags == std::vector<std::string>{"math"});
  REQUIRE(h.conversations.size() == 1);
  CHECK(h.conversations[0].note == "Tea with \xC3\x89milie Du Ch\xC3\xA2telet");
  CHECK(h.left_out.empty());
}

TEST_CASE("a file with no friends.md section is refused", "[intake][friends]") {
  CHECK_THROWS_AS(ally::parse_friends_md("just some notes\n- 2020-01-01: x\n"), ally::Conflict);
  CHECK_THROWS_AS(ally::parse_friends_md(""), ally::Conflict);
  // Escape sequences never reach the store.
  auto h = ally::parse_friends_md("### Friends:\n- Eve\x1b\x07 Red\n");
  REQUIRE(h.contacts.size() == 1);
  CHECK(h.contacts[0].name == "Eve Red");
}

TEST_CASE("Monica's export: contacts, fields, dates, activities, debts, relationships",
          "[intake][monica]") {
  auto h = ally::parse_monica_json(fixture("monica/export.json"));
  REQUIRE(h.contacts.size() == 3); // the fourth has no name
  const auto& priya = named(h, "Priya K. Raman");
  CHECK(priya.identity == "monica:c0000001-0000-4000-8000-000000000001");
  CHECK(priya.nicknames == std::vector<std::string>{"PK"});
  CHECK(priya.org == "Acme Corp");
  CHECK(priya.role == "Staff Engineer");
  CHECK(priya.city == "Berlin");
  CHECK(priya.emails == std::vector<std::string>{"priya@acme.example"});
  CHECK(priya.phones == std::vector<std::string>{"+49 30 1234567"});
  CHECK(priya.tags == std::vector<std::string>{"work", "mentor"});
  CHECK(priya.cadence_days == 30);
  REQUIRE(priya.birthday);
  CHECK_FALSE(priya.birthday->year); // is_year_unknown: the year is Monica's stand-in
  CHECK(priya.birthday->month == 6);
  CHECK(priya.note.find("Ask about her knee.") != std::string::npos);
  const auto& tomas = named(h, "Tom\xC3\xA1s Ortega");
  REQUIRE(tomas.birthday);
  CHECK(tomas.birthday->year == 1988);
  CHECK(tomas.met == "through Priya K. Raman");
  CHECK(tomas.note == "Lena Fischer: partner (Monica)"); // both rows of the pair: one line
  CHECK_FALSE(named(h, "Lena Fischer").birthday);         // age-based: a guess, not kept

  // The dinner both went to is one conversation with both; the call is Priya's alone.
  REQUIRE(h.conversations.size() == 3);
  std::size_t shared = 0;
  for (const auto& c : h.conversations) {
    if (c.note == "Dinner at Lokal: Tom\xC3\xA1s brought his sourdough.") {
      CHECK(c.people.size() == 2);
      CHECK(ally::format_date(c.day) == "2026-10-04");
      ++shared;
    }
    if (c.kind == "call") CHECK(c.note == "Talked about the reorg.");
  }
  CHECK(shared == 1);
  REQUIRE(h.favors.size() == 2);
  CHECK_FALSE(h.favors[0].you_gave); // in_debt: you owe Priya
  CHECK(h.favors[0].settled);
  CHECK(h.favors[1].you_gave);
  CHECK(h.favors[1].text == "you lent them 25.50 (Monica debt)");
  REQUIRE(h.introductions.size() == 1);
  CHECK(ally::format_date(h.introductions[0].date) == "2023-02-20");
  CHECK(mentions(h.left_out, "contact 4: no name"));
  CHECK(mentions(h.left_out, "activity 'Team offsite': no contact took part"));
}

TEST_CASE("JSON that is not a Monica export is refused", "[intake][monica]") {
  for (const std::string bad : {"", "[]", "{\"format\": \"ally\"}", "{\"version\": 1}",
                                "{\"version\": \"1\", \"account\": {\"data\": 5}}", "{\"a\":"}) {
    INFO(bad);
    CHECK_THROWS_AS(ally::parse_monica_json(bad), ally::Conflict);
  }
  // Values of the wrong type are as good as absent.
  auto h = ally::parse_monica_json(R"({"version":"1.0-preview.1","account":{"data":[{"type":
    "contact","values":[{"uuid":"u1","properties":{"first_name":7,"last_name":"Kim","tags":
    "x","stay_in_touch_frequency":"often","birthdate":{"date":42}},"data":"none"}]}]}})");
  REQUIRE(h.contacts.size() == 1);
  CHECK(h.contacts[0].name == "7 Kim");
  CHECK(h.contacts[0].tags.empty());
  CHECK_FALSE(h.contacts[0].cadence_days);
  CHECK_FALSE(h.contacts[0].birthday);
}
