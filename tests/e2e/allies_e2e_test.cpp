// End-to-end: adding, editing, showing, listing, archiving and purging allies through the real
// binary, including the mistakes users make.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

TEST_CASE("add creates the store 0600 in a 0700 folder and prints the number", "[e2e][allies]") {
  TempStore s;
  auto nested = (s.dir() / "deep" / "ally.db").string();
  auto r = s.run_raw({"--db", nested, "--today", s.today, "add", "Rachel Green"});
  CHECK(r.code == 0);
  CHECK(r.out == "Added Rachel Green (#1).\n");
  CHECK(r.err.empty());
  struct stat file {}, dir {};
  REQUIRE(stat(nested.c_str(), &file) == 0);
  REQUIRE(stat((s.dir() / "deep").c_str(), &dir) == 0);
  CHECK((file.st_mode & 0777) == 0600);
  CHECK((dir.st_mode & 0777) == 0700);
}

TEST_CASE("reads on a missing store behave as empty and create nothing", "[e2e][allies]") {
  TempStore s;
  auto r = s.run({"list"});
  CHECK(r.code == 0);
  CHECK(r.out.find("No allies yet") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.db()));
  r = s.run({"show", "Rachel"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no ally named 'Rachel'\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
}

TEST_CASE("add stores every field and --json prints the record", "[e2e][allies]") {
  TempStore s;
  auto r = s.run({"--json", "add", "Rachel Green", "--nick", "Rach", "--org", "Central Perk",
                  "--role", "Buyer", "--city", "New York", "--email", "rachel@example.com",
                  "--email", "rg@example.org", "--phone", "+1 555 0100", "--circle", "Inner",
                  "--rel", "peer", "--every", "2w", "--tag", "fashion", "--interest",
                  "The Strokes", "--knows", "merchandising", "--met", "overheard at the cubicle",
                  "--goal", "run the client reporting revamp", "--birthday", "05-05", "--note",
                  "line one\nline two"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["number"] == 1);
  CHECK(j["id"].get<std::string>().size() == 36);
  CHECK(j["name"] == "Rachel Green");
  CHECK(j["nicknames"] == json::array({"Rach"}));
  CHECK(j["emails"] == json::array({"rachel@example.com", "rg@example.org"}));
  CHECK(j["circle"] == "inner");
  CHECK(j["cadence"] == "14d");
  CHECK(j["interests"] == json::array({"The Strokes"}));
  CHECK(j["expertise"] == json::array({"merchandising"}));
  CHECK(j["notes"] == "line one\nline two");
  CHECK(j["added_on"] == "2026-11-24");
  CHECK(j["created_at"].get<std::string>().rfind("2026-11-24T", 0) == 0);
  CHECK(s.scalar("SELECT label || ' ' || month || '-' || day FROM important_date") == "birthday 5-5");
  CHECK(s.scalar("PRAGMA user_version") == "14");
  CHECK(s.scalar("PRAGMA application_id") == "1634495609"); // "ally"
}

TEST_CASE("name resolution goes in tiers and explains ambiguity", "[e2e][names]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--nick", "Rach"}).code == 0);  // #1
  REQUIRE(s.run({"add", "Rachel Greenberg"}).code == 0);                // #2
  REQUIRE(s.run({"add", "John Smith"}).code == 0);                      // #3
  REQUIRE(s.run({"add", "José Álvarez"}).code == 0);                    // #4
  REQUIRE(s.run({"add", "Mary-Jane O'Neil"}).code == 0);                // #5

  auto name_of = [&](const std::string& who) {
    auto r = s.run({"--json", "show", who});
    if (r.code != 0) return "error: " + r.err;
    return json::parse(r.out)["name"].get<std::string>();
  };
  CHECK(name_of("1") == "Rachel Green");
  CHECK(name_of("#3") == "John Smith");
  CHECK(name_of("rachel green") == "Rachel Green"); // exact full name beats the prefix
  CHECK(name_of("RACH") == "Rachel Green");         // nickname
  CHECK(name_of("Rachel G") == "error: ally: error: 'Rachel G' matches 2 allies: Rachel Green (#1), "
                               "Rachel Greenberg (#2) — name one by its number, e.g. '#1'\n");
  CHECK(name_of("john") == "John Smith");           // first name
  CHECK(name_of("John S") == "John Smith");         // first name + last initial
  CHECK(name_of("jose") == "José Álvarez");         // accent-insensitive
  CHECK(name_of("JOSÉ ÁLVAREZ") == "José Álvarez");
  CHECK(name_of("mary-jane o'neil") == "Mary-Jane O'Neil");
  CHECK(name_of("Mary") == "Mary-Jane O'Neil");     // prefix
  CHECK(name_of("Mary-Jane O’Neil") == "Mary-Jane O'Neil"); // typographic apostrophe
  CHECK(name_of("smith") == "John Smith");          // last name, when nothing else matched
  CHECK(name_of("alvarez") == "José Álvarez");
  REQUIRE(s.run({"add", "Martin King Jr."}).code == 0); // #6
  CHECK(name_of("king") == "Martin King Jr.");      // Jr. is not a family name
  REQUIRE(s.run({"add", "Anna Smith"}).code == 0);      // #7
  CHECK(name_of("smith") == "error: ally: error: 'smith' matches 2 allies: John Smith (#3), Anna "
                            "Smith (#7) — name one by its number, e.g. '#3'\n");
  // A first name still wins over someone's last name.
  REQUIRE(s.run({"add", "Green Day"}).code == 0);       // #8
  CHECK(name_of("green") == "Green Day");
  // A last name comes before a prefix: "king" is Martin King Jr., not Kingsley.
  REQUIRE(s.run({"add", "Kingsley Amis"}).code == 0);   // #9
  CHECK(name_of("king") == "Martin King Jr.");
  CHECK(name_of("kings") == "Kingsley Amis");

  auto r = s.run({"show", "Jhon Smith"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no ally named 'Jhon Smith' — did you mean 'John Smith' (#3)?\n");
  r = s.run({"show", "#99"});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: no ally #99\n");
}

TEST_CASE("archived allies match only when no active one does", "[e2e][names]") {
  TempStore s;
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  REQUIRE(s.run({"add", "John Doe"}).code == 0);
  REQUIRE(s.run({"rm", "John Doe"}).code == 0);
  auto r = s.run({"--json", "show", "John"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["name"] == "John Smith");
  r = s.run({"--json", "show", "John D"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["archived"] == true);
}

TEST_CASE("edit adds and drops list values and changes cadence", "[e2e][allies]") {
  TempStore s;
  REQUIRE(s.run({"add", "Sarah Connor", "--tag", "a", "--tag", "b", "--email", "s@x.io"}).code == 0);
  auto r = s.run({"--json", "edit", "Sarah", "--drop-tag", "A", "--tag", "c", "--every", "none",
                  "--name", "Sarah J. Connor"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["tags"] == json::array({"b", "c"}));
  CHECK(j["cadence"] == "none");
  CHECK(j["name"] == "Sarah J. Connor");
  // Giving an untracked ally a circle tracks it with the circle's cadence.
  r = s.run({"edit", "Sarah", "--circle", "core"});
  REQUIRE(r.code == 0);
  CHECK(r.out == "Updated Sarah J. Connor (#1).\nNote: now tracked with the core circle's cadence.\n");
  r = s.run({"--json", "show", "Sarah"});
  CHECK(json::parse(r.out)["cadence_days"] == 30);
  r = s.run({"edit", "Sarah", "--drop-tag", "zzz"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: no tag 'zzz' to drop\n");
}

TEST_CASE("bad input is refused with the right exit code and leaves the store untouched",
          "[e2e][errors]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto before = s.dump();
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string err_starts;
  };
  std::vector<Case> cases{
      {{"add", ""}, 2, "ally: error: empty name"},
      {{"add", "   "}, 2, "ally: error: empty name"},
      {{"add", "X", "--every", "0d"}, 2, "ally: error: bad duration '0d'"},
      {{"add", "X", "--every", "soon"}, 2, "ally: error: bad duration 'soon'"},
      {{"add", "X", "--birthday", "13-45"}, 2, "ally: error: bad date '13-45'"},
      {{"add", "X", "--bogus"}, 2, "ally: error: unknown option '--bogus' for 'ally add'"},
      {{"add"}, 2, "ally: error: 'ally add' needs NAME"},
      {{"edit", "Nobody", "--org", "x"}, 1, "ally: error: no ally named 'Nobody'"},
      {{"rm", "Rachel", "--purge"}, 2, "ally: error: --purge deletes"},
      {{"restore", "Rachel"}, 1, "ally: error: Rachel Green (#1) is not archived"},
      {{"list", "--sort", "age"}, 2, "ally: error: "},
      {{"--color", "pink", "list"}, 2, "ally: error: "},
      {{"frobnicate"}, 2, "ally: error: "},
  };
  for (const auto& c : cases) {
    INFO(c.args.front());
    auto r = s.run(c.args);
    CHECK(r.code == c.code);
    CHECK(r.err.rfind(c.err_starts, 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  }
  auto r = s.run_raw({"--db", s.db(), "--today", "2026-02-30", "add", "X"});
  CHECK(r.code == 2);
  CHECK(s.dump() == before);
}

TEST_CASE("very long and non-ASCII text is kept exactly", "[e2e][allies]") {
  TempStore s;
  std::string long_note(100000, 'x');  // one argument may hold at most 128 KiB
  std::string name = "山田 太郎 🎸";
  auto r = s.run({"--json", "add", name, "--note", long_note + "\n\"quoted\" 'single' ünïcödé"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  CHECK(j["name"] == name);
  CHECK(j["notes"] == long_note + "\n\"quoted\" 'single' ünïcödé");
  CHECK(s.scalar("SELECT length(notes) FROM ally") == std::to_string(100000 + 26));
  r = s.run({"--json", "show", "山田"});
  REQUIRE(r.code == 0);
  CHECK(json::parse(r.out)["name"] == name);
}

TEST_CASE("rm archives, restore brings back, purge deletes and leaves a tombstone",
          "[e2e][allies]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith", "--birthday", "1980-03-22"}).code == 0);
  auto r = s.run({"rm", "Rachel"});
  CHECK(r.code == 0);
  CHECK(r.out == "Archived Rachel Green (#1); 'ally restore 1' brings them back.\n");
  r = s.run({"--json", "list"});
  CHECK(json::parse(r.out).size() == 1);
  r = s.run({"--json", "list", "--archived"});
  CHECK(json::parse(r.out)[0]["name"] == "Rachel Green");
  CHECK(s.run({"restore", "Rachel"}).code == 0);
  auto john_id = s.scalar("SELECT id FROM ally WHERE num = 2");
  auto date_id = s.scalar("SELECT id FROM important_date");
  r = s.run({"rm", "John", "--purge", "--yes"});
  CHECK(r.code == 0);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "1");
  CHECK(s.scalar("SELECT count(*) FROM important_date") == "0");
  CHECK(s.scalar("SELECT group_concat(kind, ',') FROM (SELECT kind FROM tombstone ORDER BY kind)") == "ally,date");
  CHECK(s.scalar("SELECT count(*) FROM tombstone WHERE id = '" + john_id + "'") == "1");
  // Numbers are never reused.
  r = s.run({"add", "Mark"});
  CHECK(r.out == "Added Mark (#3).\n");
}

TEST_CASE("list filters combine and sort", "[e2e][allies]") {
  TempStore s;
  REQUIRE(s.run({"add", "Ann", "--tag", "ux", "--circle", "core", "--city", "Lisbon"}).code == 0);
  REQUIRE(s.run({"add", "Bob", "--tag", "ux", "--circle", "network"}).code == 0);
  REQUIRE(s.run({"add", "Cid", "--tag", "ops", "--circle", "core", "--every", "none"}).code == 0);
  auto names = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--json", "list"});
    auto r = s.run(args);
    std::string out;
    for (const auto& a : json::parse(r.out)) out += a["name"].get<std::string>() + " ";
    return out;
  };
  CHECK(names({}) == "Ann Bob Cid ");
  CHECK(names({"--tag", "UX"}) == "Ann Bob ");
  CHECK(names({"--tag", "ux", "--circle", "core"}) == "Ann ");
  CHECK(names({"--untracked"}) == "Cid ");
  CHECK(names({"--city", "lis"}) == "Ann ");
  CHECK(names({"--sort", "due"}) == "Ann Bob Cid ");
  auto r = s.run({"list"});
  CHECK(r.out.rfind("#  NAME  CIRCLE   ORG  LAST CONTACT  NEXT\n1  Ann   core          never         in 4w\n", 0) == 0);
}

TEST_CASE("--help works on every command and --version prints the version", "[e2e][cli]") {
  TempStore s;
  for (const char* cmd : {"add", "edit", "show", "list", "rm", "restore"}) {
    auto r = s.run({cmd, "--help"});
    INFO(cmd);
    CHECK(r.code == 0);
    CHECK(r.out.find("Usage") != std::string::npos);
  }
  auto r = s.run({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("ally ", 0) == 0);
}
