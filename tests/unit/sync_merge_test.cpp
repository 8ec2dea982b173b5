// The merge driver's rules, record by record and field by field.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "ally/error.hpp"
#include "ally/sync.hpp"

namespace {

std::string rec(const std::string& id_digit, const std::string& updated, const std::string& name) {
  return "{\"id\":\"" + std::string(8, id_digit[0]) + "-0000-4000-8000-000000000000\"," +
         "\"updated_at\":\"" + updated + "\",\"name\":\"" + name + "\"}";
}

std::string merged(std::string_view base, std::string_view ours, std::string_view theirs) {
  return ally::merge_record_files(base, ours, theirs).text;
}

// An ally line as the sync writes it, with the fields a test changes.
std::string priya(const std::string& updated, const std::string& role, const std::string& city,
                 const std::vector<std::string>& emails) {
  nlohmann::ordered_json j;
  j["id"] = "aaaaaaaa-0000-4000-8000-000000000000";
  j["created_at"] = "2026-01-01T00:00:00.000Z";
  j["updated_at"] = updated;
  j["name"] = "Priya Raman";
  j["role"] = role;
  j["city"] = city;
  j["emails"] = emails;
  return j.dump() + "\n";
}

nlohmann::json only_record(const std::string& text) {
  REQUIRE(!text.empty());
  REQUIRE(text.find('\n') == text.size() - 1);
  return nlohmann::json::parse(text);
}

} // namespace

TEST_CASE("merge driver: records from both sides, sorted, newer wins", "[sync]") {
  auto a1 = rec("a", "2026-01-01T00:00:00.000Z", "A");
  auto b1 = rec("b", "2026-01-01T00:00:00.000Z", "B");
  auto b2 = rec("b", "2026-02-01T00:00:00.000Z", "B2");
  auto c1 = rec("c", "2026-01-01T00:00:00.000Z", "C");
  std::string base = b1 + "\n";
  CHECK(merged(base, a1 + "\n" + b1 + "\n", b2 + "\n" + c1 + "\n") ==
        a1 + "\n" + b2 + "\n" + c1 + "\n");
  // The older side's unchanged record takes the other side's edit whichever side it is on.
  CHECK(merged(base, b2 + "\n", b1 + "\n") == b2 + "\n");
}

TEST_CASE("merge driver: a record deleted on one side stays deleted, and an edit lost so is "
          "reported",
          "[sync]") {
  auto b1 = rec("b", "2026-01-01T00:00:00.000Z", "B");
  auto b2 = rec("b", "2026-02-01T00:00:00.000Z", "B2");
  auto edited_there = ally::merge_record_files(b1 + "\n", "", b2 + "\n");
  CHECK(edited_there.text.empty());
  REQUIRE(edited_there.conflicts.size() == 1);
  CHECK(edited_there.conflicts[0].field.empty());
  CHECK(edited_there.conflicts[0].kept_side == "ours");
  CHECK(edited_there.conflicts[0].replaced == b2);
  auto edited_here = ally::merge_record_files(b1 + "\n", b2 + "\n", "");
  CHECK(edited_here.text.empty());
  REQUIRE(edited_here.conflicts.size() == 1);
  CHECK(edited_here.conflicts[0].kept_side == "theirs");
  // Deleted without an edit on the other side: nothing to report.
  CHECK(ally::merge_record_files(b1 + "\n", b1 + "\n", "").conflicts.empty());
}

TEST_CASE("merge driver: a tie between two versions is settled the same way on both sides",
          "[sync]") {
  auto x = rec("b", "2026-01-01T23:59:59.999Z", "Paris");
  auto y = rec("b", "2026-01-01T23:59:59.999Z", "London");
  auto m = merged("", x + "\n", y + "\n");
  CHECK(m == merged("", y + "\n", x + "\n"));
  // The winner moves on by a millisecond, so each store takes it as newer than its own.
  CHECK(m == rec("b", "2026-01-02T00:00:00.000Z", "Paris") + "\n");
}

TEST_CASE("merge driver: different fields changed on two sides both survive", "[sync]") {
  auto base = priya("2026-11-01T09:00:00.000Z", "Staff Engineer", "Boston", {"p@acme.example"});
  auto desktop = priya("2026-12-01T09:00:00.000Z", "Senior Staff Engineer", "Boston",
                      {"p@acme.example"});
  auto laptop = priya("2026-12-02T09:00:00.000Z", "Staff Engineer", "Cambridge",
                     {"p@acme.example"});
  for (bool swap : {false, true}) {
    auto result = swap ? ally::merge_record_files(base, desktop, laptop)
                       : ally::merge_record_files(base, laptop, desktop);
    auto j = only_record(result.text);
    CHECK(j["role"] == "Senior Staff Engineer");
    CHECK(j["city"] == "Cambridge");
    CHECK(result.conflicts.empty());
    // Newer than both sides, so both stores take it.
    CHECK(j["updated_at"] == "2026-12-02T09:00:00.001Z");
  }
}

TEST_CASE("merge driver: list fields merge as sets", "[sync]") {
  auto base = priya("2026-11-01T09:00:00.000Z", "r", "c", {"a@x.example", "b@x.example"});
  // One side adds c, the other removes a: both apply.
  auto ours = priya("2026-12-01T09:00:00.000Z", "r", "c",
                   {"a@x.example", "b@x.example", "c@x.example"});
  auto theirs = priya("2026-12-02T09:00:00.000Z", "r", "c", {"b@x.example"});
  auto result = ally::merge_record_files(base, ours, theirs);
  auto j = only_record(result.text);
  CHECK(j["emails"] == nlohmann::json::array({"b@x.example", "c@x.example"}));
  CHECK(result.conflicts.empty());
}

TEST_CASE("merge driver: one text changed to two values keeps the later and reports the other",
          "[sync]") {
  auto base = priya("2026-11-01T09:00:00.000Z", "Engineer", "c", {});
  auto ours = priya("2026-12-01T09:00:00.000Z", "Senior Staff Engineer", "c", {});
  auto theirs = priya("2026-11-30T09:00:00.000Z", "Staff Engineer", "c", {});
  auto result = ally::merge_record_files(base, ours, theirs);
  auto j = only_record(result.text);
  CHECK(j["role"] == "Senior Staff Engineer");
  REQUIRE(result.conflicts.size() == 1);
  const auto& c = result.conflicts[0];
  CHECK(c.field == "role");
  CHECK(c.name == "Priya Raman");
  CHECK(c.kept == "\"Senior Staff Engineer\"");
  CHECK(c.replaced == "\"Staff Engineer\"");
  CHECK(c.kept_side == "ours");
  CHECK(c.replaced_side == "theirs");
  // The merged record is the later side's as it was: its time stays, it is newer already.
  CHECK(result.text == ours);
  // The other side of the merge decides alike.
  auto mirrored = ally::merge_record_files(base, theirs, ours);
  CHECK(mirrored.text == ours);
  REQUIRE(mirrored.conflicts.size() == 1);
  CHECK(mirrored.conflicts[0].kept_side == "theirs");
}

TEST_CASE("merge driver: a line that is not a record is an error", "[sync]") {
  CHECK_THROWS_AS(ally::merge_record_files("", "<<<<<<< ours\n", ""), ally::Conflict);
}
