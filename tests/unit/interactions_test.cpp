// The interaction and introduction store functions `show`, `due` and `thank` build on: what a
// log stores, the order of the timeline, open follow-ups, recent conversations, and the errors.
#include <catch2/catch.hpp>

#include "unit/temp_db.hpp"

#include <filesystem>
#include <random>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/interactions.hpp"
#include "ally/introductions.hpp"

namespace {

using ally::Date;

using ally_test::add_ally;
using ally_test::TempDb;
using ally_test::ymd;

ally::Interaction log(ally::Store& store, std::vector<std::int64_t> allies, Date date,
                      const std::string& note, std::optional<Date> follow_up = {}) {
  ally::NewInteraction entry;
  entry.allies = std::move(allies);
  entry.date = date;
  entry.kind = "coffee";
  entry.note = note;
  entry.follow_up = follow_up;
  return store.write("log", [&] { return ally::log_interaction(store, entry); });
}

std::vector<std::string> notes(const std::vector<ally::TimelineEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries)
    out.push_back(e.kind() + ":" + e.note());
  return out;
}

} // namespace

TEST_CASE("log_interaction stores the allies, topics and follow-up", "[unit][interactions]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto john = add_ally(store, "John Smith");
  ally::NewInteraction entry;
  entry.allies = {john, rachel, john};
  entry.date = ymd(2026, 11, 20);
  entry.kind = "lunch";
  entry.note = "line one\nline two 🎸";
  entry.interests = {"The Strokes", "the strokes", "  "};
  entry.follow_up = ymd(2026, 12, 1);
  auto logged = store.write("log", [&] { return ally::log_interaction(store, entry); });
  CHECK(logged.meta.number == 1);
  CHECK(logged.meta.id.size() == 36);
  CHECK(logged.allies == std::vector<std::int64_t>{rachel, john});
  CHECK(logged.interests == std::vector<std::string>{"The Strokes"});
  CHECK(logged.note == entry.note);
  CHECK(logged.follow_up == entry.follow_up);
  CHECK(ally::get_ally(store, rachel).last_contact == ymd(2026, 11, 20));
  CHECK(ally::get_ally(store, john).interests == std::vector<std::string>{"The Strokes"});

  entry.kind = "brunch";
  CHECK_THROWS_AS(store.write("log", [&] { ally::log_interaction(store, entry); }),
                  ally::UsageError);
  entry.kind = "call";
  entry.allies = {};
  CHECK_THROWS_AS(store.write("log", [&] { ally::log_interaction(store, entry); }),
                  ally::UsageError);
  entry.allies = {99};
  CHECK_THROWS_WITH(store.write("log", [&] { ally::log_interaction(store, entry); }),
                    "no ally #99");
  CHECK_THROWS_WITH(ally::get_interaction(store, 42), "no log #42");
  CHECK_FALSE(ally::find_interaction(store, 42).has_value());
}

TEST_CASE("the timeline merges logs and introductions, newest first", "[unit][interactions]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto john = add_ally(store, "John Smith");
  auto sarah = add_ally(store, "Sarah Lee");
  log(store, {rachel}, ymd(2026, 10, 1), "old");
  log(store, {rachel, john}, ymd(2026, 11, 20), "both");
  log(store, {sarah}, ymd(2026, 11, 22), "sarah");
  store.write("intro",
              [&] { ally::add_introduction(store, john, sarah, ymd(2026, 11, 21), "meet"); });

  CHECK(notes(ally::timeline(store, {})) ==
        std::vector<std::string>{"coffee:sarah", "intro:meet", "coffee:both", "coffee:old"});
  CHECK(notes(ally::timeline(store, {john, {}, 0})) ==
        std::vector<std::string>{"intro:meet", "coffee:both"});
  CHECK(notes(ally::timeline(store, {rachel, ymd(2026, 11, 1), 0})) ==
        std::vector<std::string>{"coffee:both"});
  CHECK(notes(ally::timeline(store, {{}, {}, 2})) ==
        std::vector<std::string>{"coffee:sarah", "intro:meet"});
  auto entries = ally::timeline(store, {john, {}, 0});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].allies.size() == 2);
  CHECK(entries[0].allies[0].name == "John Smith");
  CHECK(entries[1].allies[0].name == "Rachel Green");
  CHECK(entries[1].allies[1].name == "John Smith");

  auto recent = ally::recent_interactions(store, rachel, 1);
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].note == "both");
  CHECK(ally::recent_interactions(store, rachel, 0).size() == 2);
  CHECK(ally::intros_of(store, sarah).size() == 1);
  CHECK(ally::intros_of(store, rachel).empty());
}

TEST_CASE("follow-ups stay open until closed", "[unit][interactions]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto john = add_ally(store, "John Smith");
  auto later = log(store, {rachel, john}, ymd(2026, 11, 20), "later", ymd(2026, 12, 10));
  auto sooner = log(store, {rachel}, ymd(2026, 11, 21), "sooner", ymd(2026, 11, 30));
  log(store, {rachel}, ymd(2026, 11, 22), "none");

  auto open = ally::open_follow_ups(store, rachel);
  REQUIRE(open.size() == 2);
  CHECK(open[0].note == "sooner");
  CHECK(open[1].note == "later");
  CHECK(ally::open_follow_ups(store, john).size() == 1);
  CHECK(ally::open_follow_ups(store).size() == 2);

  auto closed = store.write(
      "done", [&] { return ally::close_follow_up(store, sooner.meta.number, ymd(2026, 11, 24)); });
  CHECK(closed.follow_up_done == ymd(2026, 11, 24));
  CHECK(ally::open_follow_ups(store, rachel).size() == 1);
  CHECK_THROWS_AS(
      store.write("done",
                  [&] { ally::close_follow_up(store, sooner.meta.number, ymd(2026, 11, 24)); }),
      ally::Error);
  CHECK_THROWS_WITH(
      store.write("done", [&] { ally::close_follow_up(store, 3, ymd(2026, 11, 24)); }),
      "log #3 has no follow-up");
  (void)later;
}

TEST_CASE("update and remove keep last contact right", "[unit][interactions]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto first = log(store, {rachel}, ymd(2026, 11, 1), "first");
  auto second = log(store, {rachel}, ymd(2026, 11, 10), "second");
  ally::InteractionChange change;
  change.date = ymd(2026, 11, 15);
  change.kind = "call";
  auto moved = store.write(
      "edit", [&] { return ally::update_interaction(store, first.meta.number, change); });
  CHECK(moved.date == ymd(2026, 11, 15));
  CHECK(moved.note == "first");
  CHECK(ally::get_ally(store, rachel).last_contact == ymd(2026, 11, 15));
  CHECK(ally::get_ally(store, rachel).last_kind == "call");

  auto removed =
      store.write("rm", [&] { return ally::remove_interaction(store, first.meta.number); });
  CHECK(removed.meta.id == first.meta.id);
  CHECK(ally::get_ally(store, rachel).last_contact == ymd(2026, 11, 10));
  store.write("rm", [&] { ally::remove_interaction(store, second.meta.number); });
  CHECK_FALSE(ally::get_ally(store, rachel).last_contact.has_value());
  CHECK_THROWS_WITH(store.write("rm", [&] { ally::remove_interaction(store, second.meta.number); }),
                    "no log #2");
}

TEST_CASE("introductions refuse the same ally twice and leave tombstones", "[unit][interactions]") {
  TempDb tmp;
  auto store = tmp.open();
  auto rachel = add_ally(store, "Rachel Green");
  auto john = add_ally(store, "John Smith");
  CHECK_THROWS_AS(
      store.write("intro",
                  [&] { ally::add_introduction(store, rachel, rachel, ymd(2026, 11, 24), ""); }),
      ally::Error);
  CHECK_THROWS_WITH(
      store.write("intro",
                  [&] { ally::add_introduction(store, rachel, 9, ymd(2026, 11, 24), ""); }),
      Catch::Contains("9"));
  auto intro = store.write("intro", [&] {
    return ally::add_introduction(store, rachel, john, ymd(2026, 11, 24), "hi");
  });
  CHECK(intro.meta.number == 1);
  CHECK(ally::list_introductions(store).size() == 1);
  CHECK(ally::list_introductions(store, ymd(2026, 11, 25)).empty());
  store.write("intro rm", [&] { ally::remove_introduction(store, 1); });
  CHECK_FALSE(ally::find_introduction(store, 1).has_value());
  CHECK_THROWS_WITH(ally::get_introduction(store, 1), "no introduction #1");
}
