// Stores written by earlier allies (tests/data/stores/v<N>.db, made by make-store there) open
// with this one and migrate; a store from a newer ally is refused and never touched.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fmt/format.h>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = fs::path(ALLY_TEST_DATA) / "stores";

std::vector<fs::path> fixtures() {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(k_fixtures)) {
    if (entry.path().extension() == ".db") found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Puts a fixture in place as the store, private as ally makes it (git keeps no 0600).
void install(const TempStore& s, const fs::path& fixture) {
  fs::copy_file(fixture, s.db());
  fs::permissions(s.db(), fs::perms::owner_read | fs::perms::owner_write);
}

// Every row of every data table, in the columns the store has now: compared after an upgrade,
// which may add derived columns (schema 3's open follow-up on each conversation link) but must
// not change a value that was there. `ally.recent_favors`, a copy of the favors that schema 6
// writes shorter, is left out: `ally check` compares it with the favors.
struct DataDump {
  std::vector<std::pair<std::string, std::string>> tables; // name, column list

  explicit DataDump(const TempStore& s) {
    for (const auto& t : s.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                 "NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%' AND name NOT "
                                 "LIKE 'journal%' ORDER BY name")) {
      std::string columns;
      for (const auto& c : s.query("SELECT name FROM pragma_table_info('" + t[0] + "')")) {
        if (t[0] == "ally" && c[0] == "recent_favors") continue;
        columns += (columns.empty() ? "" : ", ") + c[0];
      }
      tables.emplace_back(t[0], columns);
    }
  }
  // Schema 11 moved `ally.vcard_uid` into ally_value's 'uid' rows: read from there when the
  // column is gone, and those rows left out of ally_value, the value must be the same.
  std::string of(const TempStore& s) const {
    bool moved_uid = s.scalar("SELECT count(*) FROM pragma_table_info('ally') WHERE name = "
                              "'vcard_uid'") == "0";
    std::string out;
    for (const auto& [table, list] : tables) {
      std::string columns = list;
      std::string where;
      if (moved_uid && table == "ally") {
        auto at = columns.find("vcard_uid");
        if (at != std::string::npos) {
          columns.replace(at, 9, "(SELECT value FROM ally_value v WHERE v.ally = ally.num AND "
                                 "v.field = 'uid' ORDER BY v.pos LIMIT 1)");
        }
      }
      if (moved_uid && table == "ally_value") where = " WHERE field <> 'uid'";
      out += "## " + table + "\n";
      for (const auto& row :
           s.query("SELECT " + columns + " FROM " + table + where + " ORDER BY 1, 2")) {
        for (const auto& cell : row) out += cell + "|";
        out += "\n";
      }
    }
    return out;
  }
};

int schema_of(const std::string& file) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
  int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return version;
}

void set_schema(const std::string& file, int version) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, fmt::format("PRAGMA user_version = {}", version).c_str(), nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("every stored fixture opens, migrates to the current schema and keeps its data",
          "[e2e][upgrade]") {
  auto all = fixtures();
  REQUIRE_FALSE(all.empty());
  TempStore probe;
  REQUIRE(probe.run({"add", "Probe"}).code == 0);
  const int current = std::stoi(probe.scalar("PRAGMA user_version"));

  for (const auto& fixture : all) {
    INFO("fixture " << fixture.filename().string());
    TempStore s;
    install(s, fixture);
    const int version = schema_of(s.db());
    REQUIRE(version >= 1);
    REQUIRE(version <= current);
    const DataDump data(s);
    const auto before = data.of(s);
    const auto allies_before = s.scalar("SELECT count(*) FROM ally");

    // Any write upgrades the store; this one changes a setting nobody else looks at.
    auto r = s.run({"config", "due.limit", "9"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(schema_of(s.db()) == current);
    auto backup = s.db() + fmt::format(".v{}-backup", version);
    if (version < current) {
      CHECK(r.err == fmt::format("ally: upgraded the store to schema {}; the store as it was is "
                                 "kept in {}\n",
                                 current, backup));
      REQUIRE(fs::exists(backup));
      struct stat st {};
      REQUIRE(::stat(backup.c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0600);
      CHECK(schema_of(backup) == version);
    } else {
      CHECK(r.err.empty());
      CHECK_FALSE(fs::exists(backup));
    }

    // Everything is still there, sound, and readable by every command that shows it.
    CHECK(s.scalar("SELECT count(*) FROM ally") == allies_before);
    auto check = s.run({"check"});
    INFO(check.out);
    CHECK(check.code == 0);
    auto exported = s.run({"export"});
    REQUIRE(exported.code == 0);
    auto doc = nlohmann::json::parse(exported.out);
    CHECK(std::to_string(doc["allies"].size()) == allies_before);
    for (const auto& ally : doc["allies"]) {
      auto shown = s.run({"show", std::to_string(ally["number"].get<int>())});
      CHECK(shown.code == 0);
    }
    for (const auto& command : std::vector<std::vector<std::string>>{
             {"list", "--archived"}, {"due", "--all"}, {"timeline"}, {"favors"}, {"stats"},
             {"search", "coffee"}, {"undo", "--list"}, {"interests"}, {"check"}}) {
      auto shown = s.run(command);
      INFO(command[0] << ": " << shown.err);
      CHECK(shown.code == 0);
    }
    // Only the setting changed, in the columns the store had before.
    auto after = data.of(s);
    CHECK(after.substr(0, after.find("## config")) == before.substr(0, before.find("## config")));
  }
}

TEST_CASE("the v1 fixture holds every kind of record", "[e2e][upgrade]") {
  TempStore s;
  install(s, k_fixtures / "v1.db");
  auto r = s.run({"export"});
  REQUIRE(r.code == 0);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["allies"].size() == 8);
  CHECK(doc["interactions"].size() == 6);
  CHECK(doc["favors"].size() == 4);
  CHECK(doc["introductions"].size() == 2);
  CHECK(doc["dates"].size() == 4);
  CHECK(doc["config"].size() == 2);
  CHECK(doc["tombstones"].size() >= 4);
  CHECK(s.scalar("SELECT count(*) FROM journal WHERE undone = 1") == "1");

  auto rachel = s.run({"--json", "show", "Rachel"});
  REQUIRE(rachel.code == 0);
  auto j = nlohmann::json::parse(rachel.out);
  CHECK(j.dump().find("rachel@example.com") != std::string::npos);
  CHECK(j.dump().find("Open a boutique together") != std::string::npos);
  auto zoe = s.run({"show", "Zoë"});
  CHECK(zoe.code == 0);
  CHECK(zoe.out.find("中文") != std::string::npos);
  // Migration 9 filled the last-name key of every ally already there.
  CHECK(s.run({"show", "tribbiani"}).out.rfind("Joey Tribbiani", 0) == 0);
  CHECK(s.run({"show", "unicode-olsen"}).out.rfind("Zoë Ünicode-Ölsen", 0) == 0);
  CHECK(s.run({"show", "geller"}).code == 1); // two of them
}

TEST_CASE("a store from a newer ally is refused and left byte for byte as it was",
          "[e2e][upgrade]") {
  TempStore s;
  install(s, k_fixtures / "v1.db");
  TempStore probe;
  REQUIRE(probe.run({"add", "Probe"}).code == 0);
  const int newer = std::stoi(probe.scalar("PRAGMA user_version")) + 1;
  set_schema(s.db(), newer);
  // A newer ally's store carries ally's marker, as every store from schema 8 on does.
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(s.db().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA application_id = 1634495609", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  const auto bytes = bytes_of(s.db());
  const auto files = files_in(s.dir());
  auto input = s.dir() / "in.json";
  REQUIRE(probe.run({"export", "-o", input.string()}).code == 0);
  fs::rename(input, probe.dir() / "in.json");
  input = probe.dir() / "in.json";

  for (const auto& command : std::vector<std::vector<std::string>>{
           {"list"}, {"show", "Rachel"}, {"add", "New Person"}, {"log", "Rachel", "hello"},
           {"due"}, {"export"}, {"import", "--merge", input.string()}, {"undo"}, {"check"},
           {"backup", (probe.dir() / "copy.db").string()}, {"config", "due.limit", "3"}}) {
    auto r = s.run(command);
    INFO(command[0]);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    // import names itself first ("ally: error: import: the store …").
    CHECK_THAT(r.err, Catch::StartsWith("ally: error: "));
    CHECK_THAT(r.err, Catch::EndsWith(fmt::format(
                          "the store was written by a newer ally (schema {}, this ally knows up "
                          "to {}); upgrade ally to use it — the store was left untouched\n",
                          newer, newer - 1)));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(bytes_of(s.db()) == bytes);
    CHECK(files_in(s.dir()) == files);
  }
}

TEST_CASE("a read command upgrades an older store too, so `ally due` works after an update",
          "[e2e][upgrade]") {
  TempStore probe;
  REQUIRE(probe.run({"add", "Probe"}).code == 0);
  const int current = std::stoi(probe.scalar("PRAGMA user_version"));
  for (const auto& fixture : fixtures()) {
    INFO("fixture " << fixture.filename().string());
    TempStore s;
    install(s, fixture);
    const int version = schema_of(s.db());
    if (version == current) continue;
    const DataDump data(s);
    const auto before = data.of(s);
    auto r = s.run({"list"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(schema_of(s.db()) == current);
    CHECK(r.err == fmt::format("ally: upgraded the store to schema {}; the store as it was is "
                               "kept in {}\n",
                               current, s.db() + fmt::format(".v{}-backup", version)));
    CHECK(data.of(s) == before);
  }
}
