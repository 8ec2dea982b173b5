// End-to-end: things to bring up the next time you talk (`ally next`, `log --next`,
// `log --done-next`), issue 26.1 and 26.5: open until done, shown by `show` and on a `due` row
// listed anyway, never a reason to list anyone; undo, search, export and merge carry them.
// Today is 2026-11-24.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/exchange_helpers.hpp"

using ally_test::ok;
using ally_test::TempStore;
using ally_test::write_text;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void seed(TempStore& s) {
  ok(s, {"add", "Rachel Green", "--every", "30d"});
  ok(s, {"add", "John Smith", "--every", "30d"});
  ok(s, {"log", "Rachel", "coffee", "--date", "2026-11-20"});
  ok(s, {"log", "John", "lunch", "--date", "2026-11-20"});
}

} // namespace

TEST_CASE("next notes things to bring up, one per ally, and lists them", "[e2e][next]") {
  TempStore s;
  seed(s);
  CHECK(ok(s, {"next"}).out.rfind("Nothing to bring up.", 0) == 0);
  auto r = ok(s, {"next", "Rachel", "ask", "how", "the", "marathon", "went"});
  CHECK(r.out == "To bring up with Rachel Green (#1): ask how the marathon went (#1; ally next "
                 "done 1 when you have).\n");
  ok(s, {"next", "Rachel,John", "send the Murakami essay"});
  auto all = ok(s, {"next"}).out;
  CHECK(all == "#  WITH               ADDED  TO BRING UP\n"
               "3  John Smith (#2)    today  send the Murakami essay\n"
               "1  Rachel Green (#1)  today  ask how the marathon went\n"
               "2  Rachel Green (#1)  today  send the Murakami essay\n");
  auto johns = json::parse(ok(s, {"--json", "next", "John"}).out);
  REQUIRE(johns.size() == 1);
  CHECK(johns[0]["text"] == "send the Murakami essay");
  CHECK(johns[0]["ally"] == 2);
  CHECK(johns[0]["ally_name"] == "John Smith");
  CHECK(johns[0]["done"] == nullptr);
  // "done" after WHO is text, not the subcommand.
  ok(s, {"next", "John", "done", "deal"});
  CHECK(json::parse(ok(s, {"--json", "next", "John"}).out).size() == 2);
  // A blank text is a usage error that writes nothing.
  auto before = s.dump();
  CHECK(s.run({"next", "Rachel", " "}).code == 2);
  CHECK(s.dump() == before);
}

TEST_CASE("done, edit and rm act on the number; undo takes them back", "[e2e][next]") {
  TempStore s;
  seed(s);
  ok(s, {"next", "Rachel", "ask how the marathon went"});
  ok(s, {"next", "Rachel", "send the essay"});
  CHECK(ok(s, {"next", "done", "1"}).out ==
        "Brought up with Rachel Green (#1): ask how the marathon went (#1).\n");
  auto again = s.run({"next", "done", "1"});
  CHECK(again.code == 1);
  CHECK(again.err == "ally: error: #1 is already done (2026-11-24)\n");
  CHECK(contains(ok(s, {"next", "edit", "2", "send", "the", "essay"}).out, "nothing to change"));
  ok(s, {"next", "edit", "2", "send the Murakami essay"});
  CHECK(json::parse(ok(s, {"--json", "next"}).out)[0]["text"] == "send the Murakami essay");
  ok(s, {"next", "rm", "2"});
  CHECK(s.scalar("SELECT kind FROM tombstone") == "to_bring_up");
  CHECK(ok(s, {"undo"}).out == "Undid: remove thing to bring up #2 with Rachel Green (#1).\n");
  CHECK(s.scalar("SELECT count(*) FROM to_bring_up WHERE done IS NULL") == "1");
  CHECK(s.run({"next", "done", "9"}).code == 1); // SPEC §5: a number not found
}

TEST_CASE("log --next and --done-next close the loop in the same write", "[e2e][next][log]") {
  TempStore s;
  seed(s);
  ok(s, {"next", "Rachel", "ask how the marathon went"});
  auto r = ok(s, {"log", "Rachel,John", "team lunch", "--done-next", "1", "--next",
                  "share the slides"});
  CHECK(contains(r.out, "Brought up: ask how the marathon went (#1).\n"));
  // log never asks: it lists what is still open, with the command that closes each.
  CHECK(contains(r.out, "Still to bring up with Rachel Green (#1):\n  #2 share the slides · done: "
                        "ally next done 2\n"));
  CHECK(contains(r.out, "Still to bring up with John Smith (#2):\n  #3 share the slides"));
  auto logged = json::parse(ok(s, {"--json", "log", "John", "call", "--done-next", "3"}).out);
  CHECK(logged["brought_up"][0]["number"] == 3);
  CHECK(logged["to_bring_up"].empty());
  // A thing for someone not in the conversation is refused, and nothing is logged.
  auto before = s.dump();
  auto refused = s.run({"log", "John", "call", "--done-next", "2"});
  CHECK(refused.code == 2);
  CHECK(contains(refused.err, "#2 is to bring up with Rachel Green (#1), who is not in this "
                              "conversation"));
  CHECK(s.dump() == before);
}

TEST_CASE("show lists them, due says them on a listed row and never lists for them",
          "[e2e][next][due]") {
  TempStore s;
  seed(s);
  ok(s, {"next", "Rachel", "ask how the marathon went"});
  CHECK(contains(ok(s, {"show", "Rachel"}).out,
                 "To bring up next time\n  #1     ask how the marathon went (today)\n"));
  CHECK(json::parse(ok(s, {"--json", "show", "Rachel"}).out)["to_bring_up"].size() == 1);
  // Not due: a thing to bring up alone lists nobody.
  CHECK_FALSE(contains(ok(s, {"due"}).out, "Rachel"));
  // Due a month later: the row says it.
  s.today = "2026-12-24";
  CHECK(contains(ok(s, {"due"}).out, "#1  Rachel Green  34d since last contact (every 30d) · 1 to bring up\n"));
  auto row = json::parse(ok(s, {"--json", "due", "Rachel"}).out)[0];
  CHECK(row["to_bring_up"] == 1);
}

TEST_CASE("due counts each row's open ones on a long list as on one row", "[e2e][next][due]") {
  // Past 16 rows they are counted in one pass over all the open ones, below it one ally at a
  // time: both give each row its own count, and done ones never count.
  TempStore s;
  s.today = "2026-10-01";
  for (int i = 1; i <= 20; ++i) {
    ok(s, {"add", "Colleague " + std::string(1, static_cast<char>('A' + i - 1)), "--every", "30d"});
  }
  ok(s, {"next", "#3", "ask about the offsite"});
  ok(s, {"next", "#3", "return the book"});
  ok(s, {"next", "#19", "congratulate on the launch"});
  ok(s, {"next", "done", "2"});
  s.today = "2026-11-24";
  auto all = ok(s, {"due"}).out;
  CHECK(contains(all, "#3  Colleague C  added 54d ago, no check-in yet (every 30d) · 1 to bring up\n"));
  CHECK(contains(all, "#19  Colleague S  added 54d ago, no check-in yet (every 30d) · 1 to bring up\n"));
  std::size_t rows = 0, noted = 0;
  for (std::size_t at = all.find("no check-in yet"); at != std::string::npos;
       at = all.find("no check-in yet", at + 1)) {
    ++rows;
  }
  for (std::size_t at = all.find("to bring up"); at != std::string::npos;
       at = all.find("to bring up", at + 1)) {
    ++noted;
  }
  CHECK(rows == 20);
  CHECK(noted == 2);
  auto rows_json = json::parse(ok(s, {"--json", "due"}).out);
  REQUIRE(rows_json.size() == 20);
  for (const auto& row : rows_json) {
    CHECK(row["to_bring_up"] == (row["number"] == 3 || row["number"] == 19 ? 1 : 0));
  }
  // One row: the same count.
  CHECK(json::parse(ok(s, {"--json", "due", "#3"}).out)[0]["to_bring_up"] == 1);
  CHECK(json::parse(ok(s, {"--json", "due", "#4"}).out)[0]["to_bring_up"] == 0);
}

TEST_CASE("search finds them; export, import and merge keep them", "[e2e][next][export]") {
  TempStore s;
  seed(s);
  ok(s, {"next", "John", "send the Murakami essay"});
  CHECK(contains(ok(s, {"search", "murakami"}).out,
                 "to bring up #1 (open): send the «Murakami» essay"));
  auto exported = ok(s, {"export"}).out;
  auto doc = json::parse(exported);
  REQUIRE(doc["to_bring_up"].size() == 1);
  CHECK(doc["to_bring_up"][0]["text"] == "send the Murakami essay");
  TempStore copy;
  ok(copy, {"import", write_text(copy, "all.json", exported)});
  CHECK(json::parse(ok(copy, {"--json", "next", "John"}).out).size() == 1);
  ok(s, {"merge", "Rachel", "John"});
  CHECK(json::parse(ok(s, {"--json", "next", "Rachel"}).out).size() == 1);
}
