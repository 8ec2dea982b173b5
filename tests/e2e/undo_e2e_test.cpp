// End-to-end: `ally undo` brings the store back exactly to what it was before the command it
// reverts — rows, list values, interests, tombstones, the search index and last contact — one
// command at a time, back through the history, across runs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

// What the search index holds for allies (the derived state a dump leaves out).
std::string search_rows(const TempStore& s) {
  if (!std::filesystem::exists(s.db())) return "<no store>";
  std::string out;
  for (const auto& row : s.query("SELECT rowid, * FROM search_ally ORDER BY rowid")) {
    for (const auto& cell : row) out += cell + "|";
    out += "\n";
  }
  return out;
}

// FTS5's own check that each index matches the rows it indexes; "ok" or the error.
std::string fts_integrity(const TempStore& s) {
  if (!std::filesystem::exists(s.db())) return "ok";
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(s.db().c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  std::string result = "ok";
  for (const char* table : {"search_ally", "search_interaction", "search_favor"}) {
    std::string sql =
        std::string("INSERT INTO ") + table + "(" + table + ") VALUES ('integrity-check')";
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      result = std::string(table) + ": " + (error ? error : "?");
      sqlite3_free(error);
      break;
    }
  }
  sqlite3_close(db);
  return result;
}

std::string newest_summary(const TempStore& s) {
  return s.scalar("SELECT summary FROM journal WHERE undone = 0 ORDER BY seq DESC LIMIT 1");
}

// Runs a write, checks it worked, undoes it, and checks the store is back to `before`.
void check_undo_restores(TempStore& s, const std::vector<std::string>& command,
                         const std::string& expected_summary) {
  auto before = s.dump_data();
  auto index_before = search_rows(s);
  auto r = s.run(command);
  REQUIRE(r.code == 0);
  REQUIRE(s.dump_data() != before);
  r = s.run({"undo"});
  CHECK(r.code == 0);
  CHECK(r.out == "Undid: " + expected_summary + ".\n");
  CHECK(r.err.empty());
  CHECK(s.dump_data() == before);
  CHECK(search_rows(s) == index_before);
  CHECK(fts_integrity(s) == "ok");
}

} // namespace

TEST_CASE("undo reverts an add and says what it reverted", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Monica Geller"}).code == 0);
  check_undo_restores(s,
                      {"add", "Rachel Green", "--nick", "Rach", "--interest", "The Strokes",
                       "--birthday", "05-05", "--note", "fan of the Strokes"},
                      "add Rachel Green (#2)");
  auto r = s.run({"show", "Rachel"});
  CHECK(r.code == 1);
  // Numbers are never reused: the next ally is #3.
  r = s.run({"add", "Rachel Green"});
  CHECK(r.out == "Added Rachel Green (#3).\n");
}

TEST_CASE("undo of an edit restores fields, list values and interests exactly", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add",        "Rachel Green",
                 "--nick",     "Rach",
                 "--nick",     "Rae",
                 "--org",      "Central Perk",
                 "--email",    "rachel@example.com",
                 "--email",    "rg@example.org",
                 "--phone",    "+1 555 0100",
                 "--tag",      "fashion",
                 "--tag",      "nyc",
                 "--interest", "The Strokes",
                 "--interest", "Murakami",
                 "--knows",    "merchandising",
                 "--circle",   "inner",
                 "--every",    "2w",
                 "--birthday", "05-05",
                 "--note",     "line one\nline two"})
              .code == 0);
  auto shown = s.run({"--json", "show", "Rachel"}).out;
  check_undo_restores(s,
                      {"edit",
                       "Rachel",
                       "--name",
                       "Rachel Karen Green",
                       "--drop-nick",
                       "Rach",
                       "--nick",
                       "Rachie",
                       "--drop-email",
                       "rachel@example.com",
                       "--email",
                       "new@example.com",
                       "--drop-tag",
                       "nyc",
                       "--drop-interest",
                       "The Strokes",
                       "--interest",
                       "South American wine",
                       "--drop-knows",
                       "merchandising",
                       "--org",
                       "Ralph Lauren",
                       "--every",
                       "none",
                       "--circle",
                       "core",
                       "--note",
                       "moved on",
                       "--birthday",
                       "1990-05-06"},
                      "edit Rachel Karen Green (#1)");
  CHECK(s.run({"--json", "show", "Rachel"}).out == shown);
  // The old nickname finds her again; the one the edit added does not.
  CHECK(s.run({"show", "Rach"}).code == 0);
  CHECK(s.run({"show", "Rachie"}).code == 1);
}

TEST_CASE("undo of archive and restore", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  check_undo_restores(s, {"rm", "Rachel"}, "archive Rachel Green (#1)");
  CHECK(s.scalar("SELECT archived FROM ally") == "0");
  REQUIRE(s.run({"rm", "Rachel"}).code == 0);
  check_undo_restores(s, {"restore", "Rachel"}, "restore Rachel Green (#1)");
  CHECK(s.scalar("SELECT archived FROM ally") == "1");
}

TEST_CASE("undo of a purge brings the ally, their values and dates back, without tombstones",
          "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Monica Geller", "--interest", "cooking"}).code == 0);
  REQUIRE(s.run({"add", "Rachel Green", "--nick", "Rach", "--email", "rachel@example.com",
                 "--interest", "cooking", "--interest", "The Strokes", "--birthday", "05-05",
                 "--goal", "run the client reporting revamp"})
              .code == 0);
  auto shown = s.run({"--json", "show", "Rachel"}).out;
  check_undo_restores(s, {"rm", "Rachel", "--purge", "--yes"}, "purge Rachel Green (#2)");
  CHECK(s.scalar("SELECT count(*) FROM tombstone") == "0");
  CHECK(s.scalar("SELECT label FROM important_date WHERE ally = 2") == "birthday");
  CHECK(s.run({"--json", "show", "Rach"}).out == shown);
  auto r = s.run({"search", "revamp"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Rachel Green (#2)") != std::string::npos);
}

TEST_CASE("undo goes back through the history one command at a time", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto after_1 = s.dump_data();
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  auto after_2 = s.dump_data();
  REQUIRE(s.run({"edit", "John", "--org", "Initech"}).code == 0);

  auto r = s.run({"undo"});
  CHECK(r.out == "Undid: edit John Smith (#2).\n");
  CHECK(s.dump_data() == after_2);
  r = s.run({"undo"});
  CHECK(r.out == "Undid: add John Smith (#2).\n");
  CHECK(s.dump_data() == after_1);
  r = s.run({"undo"});
  CHECK(r.out == "Undid: add Rachel Green (#1).\n");
  CHECK(s.scalar("SELECT count(*) FROM ally") == "0");

  auto before = s.dump();
  r = s.run({"undo"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "ally: error: nothing to undo\n");
  CHECK(s.dump() == before);
}

TEST_CASE("a write after undos becomes the newest entry; undone ones stay undone", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  REQUIRE(s.run({"undo"}).code == 0);
  REQUIRE(s.run({"add", "Sarah Lee"}).code == 0);
  CHECK(s.run({"undo"}).out == "Undid: add Sarah Lee (#3).\n");
  // John's add was undone already: no redo, the next undo goes further back.
  CHECK(s.run({"undo"}).out == "Undid: add Rachel Green (#1).\n");
  CHECK(s.run({"undo"}).code == 1);
}

TEST_CASE("nothing to undo on a missing or new store", "[e2e][undo]") {
  TempStore s;
  auto r = s.run({"undo"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: nothing to undo\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
  r = s.run({"--json", "undo", "--list"});
  CHECK(r.code == 0);
  CHECK(json::parse(r.out) == json::array());
  CHECK(s.run({"undo", "--list"}).out == "No changes yet.\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
}

TEST_CASE("a failed command leaves nothing to undo", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"edit", "Nobody", "--org", "X"}).code == 1);
  REQUIRE(s.run({"rm", "Rachel", "--purge"}).code == 2);
  CHECK(s.scalar("SELECT count(*) FROM journal") == "1");
  CHECK(s.run({"undo"}).out == "Undid: add Rachel Green (#1).\n");
}

TEST_CASE("undo --json and --list", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  auto r = s.run({"--json", "undo"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["undone"]["seq"] == 2);
  CHECK(j["undone"]["summary"] == "add John Smith (#2)");
  CHECK(j["undone"]["at"].get<std::string>().rfind("2026-11-24T", 0) == 0);

  r = s.run({"--json", "undo", "--list"});
  REQUIRE(r.code == 0);
  j = json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["summary"] == "add John Smith (#2)");
  CHECK(j[0]["undone"] == true);
  CHECK(j[1]["summary"] == "add Rachel Green (#1)");
  CHECK(j[1]["undone"] == false);
  for (const auto* key : {"seq", "summary", "at", "undone"}) CHECK(j[0].contains(key));

  r = s.run({"undo", "--list"});
  CHECK(r.code == 0);
  CHECK(r.out == "WHEN              CHANGE\n"
                 "2026-11-24 12:00  add John Smith (#2)    undone\n"
                 "2026-11-24 12:00  add Rachel Green (#1)\n");
}

TEST_CASE("the undo itself is not an entry to undo", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"edit", "Rachel", "--org", "Central Perk"}).code == 0);
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(s.scalar("SELECT count(*) FROM journal") == "2");
  CHECK(s.scalar("SELECT seq FROM journal_state") == "NULL");
  CHECK(s.scalar("SELECT org FROM ally") == "");
}

TEST_CASE("every write command is undone exactly, back through a whole history", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Monica Geller"}).code == 0);
  // The seeds' stories, told with every kind of write; after each, the store as it was.
  const std::vector<std::vector<std::string>> history{
      {"add", "Rachel Green", "--nick", "Rach", "--circle", "inner", "--interest", "fashion"},
      {"add", "John Smith", "--org", "Initech", "--knows", "databases"},
      {"add", "Sarah Lee", "--rel", "mentor", "--birthday", "1985-02-28"},
      {"log", "Rachel", "talked about The Strokes", "--kind", "coffee", "--date", "2026-11-01",
       "--interest", "The Strokes"},
      {"log", "Rachel,John", "lunch: the Murakami book club", "--kind", "lunch", "--date",
       "2026-11-10", "--interest", "Murakami", "--follow-up", "2w"},
      {"log", "Sarah", "project and mentorship", "--kind", "meeting", "--date", "2026-11-20"},
      {"log", "edit", "2", "--date", "2026-11-12", "--kind", "coffee", "--text",
       "book club, again"},
      {"log", "done", "2"},
      {"favor", "John", "--got", "lent me Kafka on the Shore", "--date", "2026-11-11"},
      {"favor", "Sarah", "--gave", "review her deck", "--due", "2026-12-01"},
      {"favor", "done", "2"},
      {"thank", "John", "thanks for the book"},
      {"intro", "John", "Sarah", "both love databases"},
      {"date", "Rachel", "work anniversary", "03-15"},
      {"date", "rm", "Sarah", "birthday"},
      {"snooze", "John", "2w"},
      {"config", "due.cadence.core", "3w"},
      {"config", "due.cadence.core", "4w"},
      {"snooze", "John", "off"},
      {"edit", "Rachel", "--drop-interest", "fashion", "--nick", "Rae", "--note", "café ☕"},
      {"log", "rm", "1"},
      {"rm", "Sarah"},
      {"restore", "Sarah"},
      {"rm", "John", "--purge", "--yes"},
      {"add", "Rachel G. Duplicate", "--email", "rachel@example.com", "--tag", "dup"},
      {"log", "Rachel G. Duplicate", "call about the duplicate", "--kind", "call"},
      {"merge", "Rachel Green", "Rachel G. Duplicate"},
      {"import", ALLY_TEST_DATA "/vcard/names.vcf"},
  };
  std::vector<std::string> before, index_before, summaries;
  for (const auto& command : history) {
    before.push_back(s.dump_data());
    index_before.push_back(search_rows(s));
    auto r = s.run(command);
    INFO(command[0] << " " << (command.size() > 1 ? command[1] : ""));
    // The duplicate's add warns about the email and the first name it shares with Rachel.
    REQUIRE(r.err.find("ally: error") == std::string::npos);
    REQUIRE(r.code == 0);
    summaries.push_back(newest_summary(s));
  }
  CHECK(s.scalar("SELECT count(*) FROM journal") == std::to_string(history.size() + 1));
  for (std::size_t i = history.size(); i-- > 0;) {
    INFO("undoing " << summaries[i]);
    auto r = s.run({"undo"});
    CHECK(r.code == 0);
    CHECK(r.out == "Undid: " + summaries[i] + ".\n");
    CHECK(s.dump_data() == before[i]);
    CHECK(search_rows(s) == index_before[i]);
    CHECK(fts_integrity(s) == "ok");
  }
  CHECK(s.run({"undo"}).out == "Undid: add Monica Geller (#1).\n");
  CHECK(s.run({"undo"}).code == 1);
}

TEST_CASE("undo of a log gives each ally their previous last contact", "[e2e][undo]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  REQUIRE(
      s.run({"log", "Rachel", "coffee chat", "--kind", "coffee", "--date", "2026-11-01"}).code ==
      0);
  REQUIRE(
      s.run({"log", "Rachel,John", "lunch about the Strokes reunion", "--kind", "lunch"}).code ==
      0);
  CHECK(s.query("SELECT last_contact, last_kind FROM ally ORDER BY num") ==
        std::vector<std::vector<std::string>>{{"2026-11-24", "lunch"}, {"2026-11-24", "lunch"}});
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(s.query("SELECT last_contact, last_kind FROM ally ORDER BY num") ==
        std::vector<std::vector<std::string>>{{"2026-11-01", "coffee"}, {"NULL", ""}});
  CHECK(s.run({"search", "reunion"}).out == "No matches for 'reunion'.\n");
  CHECK(fts_integrity(s) == "ok");
  auto list = s.run({"list"}).out;
  CHECK(list.find("never") != std::string::npos);
}

TEST_CASE("undo of a JSON import into an empty store empties it again", "[e2e][undo]") {
  TempStore from;
  REQUIRE(from.run({"add", "Rachel Green", "--nick", "Rach", "--interest", "The Strokes"}).code ==
          0);
  REQUIRE(from.run({"log", "Rachel", "coffee about the Strokes", "--kind", "coffee"}).code == 0);
  REQUIRE(from.run({"favor", "Rachel", "--got", "a mixtape"}).code == 0);
  auto file = (from.dir() / "export.json").string();
  REQUIRE(from.run({"export", "-o", file}).code == 0);

  TempStore s;
  REQUIRE(s.run({"config", "due.limit", "5"}).code == 0);
  auto before = s.dump_data();
  auto r = s.run({"import", file});
  REQUIRE(r.code == 0);
  REQUIRE(s.run({"search", "mixtape"}).out != "No matches for 'mixtape'.\n");
  r = s.run({"undo"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("Undid: ", 0) == 0);
  CHECK(s.dump_data() == before);
  CHECK(s.run({"search", "mixtape"}).out == "No matches for 'mixtape'.\n");
  CHECK(fts_integrity(s) == "ok");
}
