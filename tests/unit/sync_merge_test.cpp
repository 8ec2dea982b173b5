// The merge driver's rules, record by record.
#include <catch2/catch.hpp>

#include "ally/error.hpp"
#include "ally/sync.hpp"

namespace {

std::string rec(const std::string& id_digit, const std::string& updated, const std::string& name) {
  return "{\"id\":\"" + std::string(8, id_digit[0]) + "-0000-4000-8000-000000000000\"," +
         "\"updated_at\":\"" + updated + "\",\"name\":\"" + name + "\"}";
}

} // namespace

TEST_CASE("merge driver: records from both sides, sorted, newer wins", "[sync]") {
  auto a1 = rec("a", "2026-01-01T00:00:00.000Z", "A");
  auto b1 = rec("b", "2026-01-01T00:00:00.000Z", "B");
  auto b2 = rec("b", "2026-02-01T00:00:00.000Z", "B2");
  auto c1 = rec("c", "2026-01-01T00:00:00.000Z", "C");
  std::string base = b1 + "\n";
  CHECK(ally::merge_record_files(base, a1 + "\n" + b1 + "\n", b2 + "\n" + c1 + "\n") ==
        a1 + "\n" + b2 + "\n" + c1 + "\n");
  // The older side's edit loses whichever side it is on.
  CHECK(ally::merge_record_files(base, b2 + "\n", b1 + "\n") == b2 + "\n");
}

TEST_CASE("merge driver: a record deleted on one side stays deleted", "[sync]") {
  auto b1 = rec("b", "2026-01-01T00:00:00.000Z", "B");
  auto b2 = rec("b", "2026-02-01T00:00:00.000Z", "B2");
  CHECK(ally::merge_record_files(b1 + "\n", "", b2 + "\n").empty());
  CHECK(ally::merge_record_files(b1 + "\n", b2 + "\n", "").empty());
}

TEST_CASE("merge driver: a tie between two versions is settled the same way on both sides",
          "[sync]") {
  auto x = rec("b", "2026-01-01T23:59:59.999Z", "Paris");
  auto y = rec("b", "2026-01-01T23:59:59.999Z", "London");
  auto merged = ally::merge_record_files("", x + "\n", y + "\n");
  CHECK(merged == ally::merge_record_files("", y + "\n", x + "\n"));
  // The winner moves on by a millisecond, so each store takes it as newer than its own.
  CHECK(merged == rec("b", "2026-01-02T00:00:00.000Z", "Paris") + "\n");
}

TEST_CASE("merge driver: a line that is not a record is an error", "[sync]") {
  CHECK_THROWS_AS(ally::merge_record_files("", "<<<<<<< ours\n", ""), ally::Conflict);
}
