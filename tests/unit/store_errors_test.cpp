// Errors keep their kind through the store boundary: a Conflict thrown inside a store function
// reaches the caller as a Conflict, not as a plain Error (found by the JSON import fuzzer).
#include <catch2/catch.hpp>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/export_format.hpp"
#include "unit/temp_db.hpp"

TEST_CASE("an import naming an unknown ally throws Conflict through the store",
          "[store][errors]") {
  ally_test::TempDb temp;
  auto store = temp.open();
  auto doc = ally::parse_export(R"({"format":"ally","version":1,
    "exported_at":"2026-11-24T12:00:00.000Z",
    "interactions":[{"id":"d8e27d24-a738-4776-9a7c-040bb500cb4c","number":1,
      "created_at":"2026-11-24T12:00:00.000Z","updated_at":"2026-11-24T12:00:00.000Z",
      "date":"2026-11-24","kind":"coffee","note":"","allies":["4ccfe269-35d2-4b3a-ad18-eab174e2d116"]}]})");
  CHECK_THROWS_AS(store.write("import",
                              [&] { ally::import_json(store, doc, ally::MergeMode::empty_only); }),
                  ally::Conflict);
  CHECK_THROWS_AS(ally::get_ally(store, 42), ally::NotFound);
}
