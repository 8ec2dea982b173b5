// The favor store functions `favors`, `thank`, `show` and the ranking build on: what is open,
// in which order, the balance counts and their window, and the errors.
#include <catch2/catch.hpp>

#include "unit/temp_db.hpp"

#include <filesystem>
#include <random>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/favors.hpp"

namespace {

using ally::Date;
using ally::FavorDirection;

using ally_test::add_ally;
using ally_test::TempDb;
using ally_test::ymd;

std::int64_t add(ally::Store& store, std::int64_t ally, FavorDirection direction, Date date,
                 std::optional<Date> due = {}) {
  ally::NewFavor entry{ally, direction, "favor", date, due, {}};
  return store.write("favor", [&] { return ally::add_favor(store, entry); }).meta.number;
}

std::vector<std::int64_t> numbers(const std::vector<ally::Favor>& favors) {
  std::vector<std::int64_t> out;
  for (const auto& f : favors) out.push_back(f.meta.number);
  return out;
}

using Numbers = std::vector<std::int64_t>;

} // namespace

TEST_CASE("open promises come earliest due first; unthanked newest first", "[favor][store]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto sarah = add_ally(store, "Sarah Lee");
  auto p1 = add(store, rachel, FavorDirection::gave, ymd(2026, 11, 1), ymd(2026, 12, 5));
  auto p2 = add(store, sarah, FavorDirection::gave, ymd(2026, 11, 2), ymd(2026, 11, 20));
  auto p3 = add(store, rachel, FavorDirection::gave, ymd(2026, 11, 3), ymd(2026, 11, 30));
  auto plain = add(store, rachel, FavorDirection::gave, ymd(2026, 11, 4));
  auto g1 = add(store, rachel, FavorDirection::got, ymd(2026, 10, 1));
  auto g2 = add(store, rachel, FavorDirection::got, ymd(2026, 11, 10));

  CHECK(numbers(ally::open_promises(store)) == Numbers{p2, p3, p1});
  CHECK(numbers(ally::open_promises(store, rachel)) == Numbers{p3, p1});
  CHECK(numbers(ally::unthanked_favors(store, rachel)) == Numbers{g2, g1});
  CHECK(numbers(ally::open_favors(store, rachel)) == Numbers{g2, p3, p1, g1});
  CHECK(numbers(ally::list_favors(store, rachel)) == Numbers{g2, plain, p3, p1, g1});

  store.write("done", [&] { ally::mark_favor_done(store, p3, ymd(2026, 11, 24)); });
  store.write("thanks", [&] { ally::mark_favor_thanked(store, g2, ymd(2026, 11, 24)); });
  CHECK(numbers(ally::open_promises(store, rachel)) == Numbers{p1});
  CHECK(numbers(ally::unthanked_favors(store, rachel)) == Numbers{g1});

  // Thanking twice keeps the first date.
  auto again =
      store.write("thanks", [&] { return ally::mark_favor_thanked(store, g2, ymd(2026, 11, 25)); });
  CHECK(again.thanked == ymd(2026, 11, 24));
}

TEST_CASE("balances count each direction, within the window and all time", "[favor][store]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto sarah = add_ally(store, "Sarah Lee");
  add_ally(store, "John Smith");
  Date today = ymd(2026, 11, 24);
  Date start = ally::balance_window_start(today);
  CHECK(start == ymd(2025, 11, 24));
  add(store, rachel, FavorDirection::gave, ymd(2025, 11, 23)); // just outside the window
  add(store, rachel, FavorDirection::gave, start);             // first day inside
  add(store, rachel, FavorDirection::got, ymd(2026, 5, 1));
  add(store, rachel, FavorDirection::got, today);
  add(store, sarah, FavorDirection::got, ymd(2020, 1, 1));

  CHECK(ally::favor_balance(store, rachel, start) == ally::FavorBalance{1, 2});
  CHECK(ally::favor_balance(store, rachel) == ally::FavorBalance{2, 2});
  CHECK(ally::favor_balance(store, 3) == ally::FavorBalance{0, 0});

  auto recent = ally::favor_balances(store, start);
  CHECK(recent.size() == 1);
  CHECK(recent[rachel] == ally::FavorBalance{1, 2});
  auto all_time = ally::favor_balances(store);
  CHECK(all_time.size() == 2);
  CHECK(all_time[sarah] == ally::FavorBalance{0, 1});
}

TEST_CASE("favor errors: not found, wrong direction, bad input", "[favor][store]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto gave = add(store, rachel, FavorDirection::gave, ymd(2026, 11, 1));
  auto got = add(store, rachel, FavorDirection::got, ymd(2026, 11, 1));

  CHECK_THROWS_WITH(ally::get_favor(store, 99), "no favor #99");
  CHECK_FALSE(ally::find_favor(store, 99));
  CHECK_THROWS_AS(store.write("rm", [&] { ally::remove_favor(store, 99); }), ally::Error);
  CHECK_THROWS_WITH(
      store.write("done", [&] { ally::mark_favor_done(store, got, ymd(2026, 11, 2)); }),
      Catch::Contains("one you got"));
  CHECK_THROWS_WITH(
      store.write("thank", [&] { ally::mark_favor_thanked(store, gave, ymd(2026, 11, 2)); }),
      Catch::Contains("one you gave"));

  ally::NewFavor blank{rachel, FavorDirection::gave, " \n ", ymd(2026, 11, 1), {}, {}};
  CHECK_THROWS_AS(store.write("favor", [&] { ally::add_favor(store, blank); }), ally::UsageError);
  ally::NewFavor got_with_due{rachel, FavorDirection::got, "x", ymd(2026, 11, 1), ymd(2026, 12, 1), {}};
  CHECK_THROWS_AS(store.write("favor", [&] { ally::add_favor(store, got_with_due); }),
                  ally::UsageError);
  ally::NewFavor nobody{42, FavorDirection::got, "x", ymd(2026, 11, 1), {}, {}};
  CHECK_THROWS_WITH(store.write("favor", [&] { ally::add_favor(store, nobody); }), "no ally #42");

  auto favor = ally::get_favor(store, gave);
  store.write("rm", [&] { ally::remove_favor(store, gave); });
  CHECK_FALSE(ally::find_favor(store, gave));
  CHECK_THROWS_WITH(store.write("edit", [&] { ally::update_favor(store, favor); }),
                    "no favor #" + std::to_string(gave));
  CHECK(ally::list_favors(store).size() == 1);
}
