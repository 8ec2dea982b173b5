// End-to-end: the JSON export and import. Moving a store to a new machine loses nothing;
// merging by UUID lets the newer version win and never duplicates; untrusted files are refused
// with a message naming the record and field, and change nothing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <set>

#include "e2e/exchange_helpers.hpp"
#include "unit/json_schema.hpp"

using ally_test::ok;
using ally_test::populate;
using ally_test::read_text;
using ally_test::TempStore;
using ally_test::write_text;
using nlohmann::json;

namespace {

std::string without_exported_at(std::string text) {
  auto at = text.find("\"exported_at\"");
  if (at == std::string::npos)
    return text;
  return text.erase(at, text.find('\n', at) - at);
}

json parsed(const ally_test::Result& r) {
  INFO(r.out);
  return json::parse(r.out);
}

ally_test::JsonSchema export_schema() {
  auto path =
      std::filesystem::path(ALLY_TEST_DATA) / ".." / ".." / "docs" / "ally-export.schema.json";
  return ally_test::JsonSchema(json::parse(read_text(path)));
}

// A minimal valid export with one ally, to break in the tests below.
json small_export() {
  return json::parse(R"({
    "format": "ally", "version": 1, "exported_at": "2026-11-24T11:00:00.000Z",
    "allies": [
      {"id": "11111111-1111-4111-8111-111111111111", "number": 1,
       "created_at": "2026-11-24T11:00:00.000Z", "updated_at": "2026-11-24T11:00:00.000Z",
       "name": "Rachel Green", "emails": ["rachel@example.com"]},
      {"id": "22222222-2222-4222-8222-222222222222", "number": 2,
       "created_at": "2026-11-24T11:00:00.000Z", "updated_at": "2026-11-24T11:00:00.000Z",
       "name": "John Smith"}
    ],
    "interactions": [
      {"id": "33333333-3333-4333-8333-333333333333", "number": 1,
       "created_at": "2026-11-24T11:00:00.000Z", "updated_at": "2026-11-24T11:00:00.000Z",
       "date": "2026-11-20", "kind": "coffee", "note": "hello",
       "allies": ["11111111-1111-4111-8111-111111111111"]}
    ]
  })");
}

} // namespace

TEST_CASE("export then import into an empty store gives the same document",
          "[e2e][export][import]") {
  TempStore a;
  populate(a);
  auto first = ok(a, {"export"});

  TempStore b;
  b.today = "2026-12-24";
  auto file = write_text(b, "ally.json", first.out);
  auto r = ok(b, {"import", file});
  CHECK(r.out.rfind("Imported " + file + ": ", 0) == 0);
  CHECK(r.err.empty());
  auto second = ok(b, {"export"});

  CHECK(without_exported_at(second.out) == without_exported_at(first.out));
  CHECK(second.out != first.out); // exported_at is the day of each export
  // Derived data is rebuilt by the store, not imported.
  const char* contact = "SELECT num, last_contact, last_kind FROM ally ORDER BY num";
  CHECK(b.query(contact) == a.query(contact));
  b.today = a.today; // what is due depends on the day
  CHECK(ok(b, {"--json", "show", "José"}).out == ok(a, {"--json", "show", "José"}).out);
}

TEST_CASE("the export holds every record with UUID references", "[e2e][export]") {
  TempStore s;
  populate(s);
  auto doc = parsed(ok(s, {"export"}));
  CHECK(doc["format"] == "ally");
  CHECK(doc["version"] == 2);
  CHECK(doc["exported_at"] == "2026-11-24T12:00:00.000Z"); // --today pins noon, here in UTC
  REQUIRE(doc["allies"].size() == 4);
  // Every section lists its records by UUID, so that two synced stores export alike.
  for (const auto& [section, records] : doc.items()) {
    if (!records.is_array())
      continue;
    for (std::size_t i = 1; i < records.size(); ++i) {
      INFO(section);
      CHECK(records[i - 1]["id"].get<std::string>() < records[i]["id"].get<std::string>());
    }
  }
  // This store's numbers still find them.
  auto numbered = [&](const char* section, int number) -> const json& {
    for (const auto& record : doc[section]) {
      if (record["number"] == number)
        return record;
    }
    FAIL("no " << section << " #" << number);
    return doc;
  };
  const auto& rachel = numbered("allies", 1);
  CHECK(rachel["name"] == "Rachel Green");
  CHECK(rachel["notes"] == ally_test::k_rich_note);
  CHECK(rachel["nicknames"] == json::array({"Rach", "Рейчел"}));
  CHECK(rachel["cadence"] == "14d");
  CHECK(rachel["interests"] == json::array({"Murakami", "South American wine"}));
  CHECK_FALSE(rachel.contains("last_contact"));
  auto named = [&](const char* name) -> const json& {
    for (const auto& record : doc["allies"]) {
      if (record["name"] == name)
        return record;
    }
    FAIL("no ally " << name);
    return doc;
  };
  CHECK(named("Mary-Jane O'Neil")["archived"] == true);
  CHECK(named("Mary-Jane O'Neil")["snoozed_until"] == "2026-12-08");
  CHECK(named("Chandler Bing")["vcard_uids"] == json::array({"chandler-1"}));
  CHECK_FALSE(named("Chandler Bing").contains("vcard_uid"));
  CHECK(named("Chandler Bing")["cadence"] == "none");
  // Records name allies by UUID, never by number.
  std::string jose = numbered("allies", 2)["id"];
  const auto& coffee = numbered("interactions", 1);
  auto present = json::array({rachel["id"], jose});
  std::sort(present.begin(), present.end());
  CHECK(coffee["allies"] == present);
  CHECK(coffee["follow_up"] == "2026-12-01");
  CHECK(coffee["interests"] == json::array({"South American wine"}));
  CHECK(numbered("interactions", 2)["follow_up_done"] == "2026-11-24");
  CHECK(numbered("favors", 1)["ally"] == rachel["id"]);
  CHECK(numbered("favors", 1)["due"] == "2026-11-30");
  CHECK(numbered("favors", 2)["thanked"] == "2026-11-24");
  CHECK(doc["introductions"][0]["a"] == rachel["id"]);
  CHECK(doc["introductions"][0]["b"] == jose);
  // The topic nobody shares any more is kept with its UUID.
  bool strokes = false;
  for (const auto& topic : doc["interests"])
    strokes = strokes || topic["name"] == "The Strokes";
  CHECK(strokes);
  CHECK(doc["config"]["due.cadence.inner"]["value"] == "21d");
  CHECK(doc["config"]["due.cadence.inner"]["id"].get<std::string>().size() == 36);
  std::set<std::string> kinds;
  for (const auto& t : doc["tombstones"])
    kinds.insert(t["kind"].get<std::string>());
  CHECK(kinds == std::set<std::string>{"ally", "interaction"});
  bool one_off = false;
  for (const auto& d : doc["dates"]) {
    if (d["label"] == "work anniversary")
      one_off = d["date"] == "2020-03-01" && d["yearly"] == false;
  }
  CHECK(one_off);
}

TEST_CASE("exports validate against the published JSON Schema", "[e2e][export][schema]") {
  auto schema = export_schema();
  TempStore s;
  auto empty = parsed(ok(s, {"export"}));
  CHECK(schema.errors(empty).empty());
  populate(s);
  auto full = parsed(ok(s, {"export"}));
  auto problems = schema.errors(full);
  INFO((problems.empty() ? "" : problems.front()));
  CHECK(problems.empty());
  // The validator does catch a broken export.
  full["allies"][0]["emails"] = "rachel@example.com";
  full["interactions"][0]["kind"] = "dinner";
  CHECK(schema.errors(full).size() == 2);
}

TEST_CASE("export is deterministic and -o writes the file whole", "[e2e][export]") {
  TempStore s;
  populate(s);
  auto once = ok(s, {"export"}).out;
  CHECK(ok(s, {"export"}).out == once);
  auto path = (s.dir() / "out").string();
  std::filesystem::create_directory(path);
  auto file = path + "/ally.json";
  auto r = ok(s, {"export", "-o", file});
  CHECK(r.out.rfind("Exported 4 allies (", 0) == 0);
  CHECK(read_text(file) == once);
  CHECK(std::distance(std::filesystem::directory_iterator(path), {}) == 1); // no temporary left
  r = s.run({"export", "-o", path});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: '" + path +
                     "' is a folder, not a regular file: ally writes only regular files — name a new or existing"
                     " regular file\n");
  r = s.run({"export", "--format", "yaml"});
  CHECK(r.code == 2);
}

TEST_CASE("export of a missing store is an empty export and creates nothing", "[e2e][export]") {
  TempStore s;
  auto doc = parsed(ok(s, {"export"}));
  CHECK(doc["allies"] == json::array());
  CHECK(doc["config"] == json::object());
  CHECK_FALSE(std::filesystem::exists(s.db()));
}

TEST_CASE("import refuses a store in use without --merge and changes nothing", "[e2e][import]") {
  TempStore a;
  populate(a);
  auto file = write_text(a, "ally.json", ok(a, {"export"}).out);
  auto before = a.dump();
  auto r = a.run({"import", file});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "ally: error: import: the store is not empty: use --merge to merge by UUID — the "
                 "newer version of each record wins; --dry-run shows what would change\n");
  CHECK(a.dump() == before);
}

TEST_CASE("importing the same file twice changes nothing the second time", "[e2e][import][merge]") {
  TempStore a;
  populate(a);
  auto export_a = ok(a, {"export"}).out;
  TempStore b;
  auto file = write_text(b, "ally.json", export_a);
  ok(b, {"import", file});
  auto before = b.dump();
  auto r = ok(b, {"--json", "import", "--merge", file});
  auto j = json::parse(r.out);
  CHECK(j["added"] == 0);
  CHECK(j["updated"] == 0);
  CHECK(j["deleted"] == 0);
  CHECK(j["unchanged"].get<int>() > 10);
  CHECK(b.dump() == before); // not even an undo entry
  r = ok(b, {"import", "--merge", file});
  CHECK(r.out.find(": 0 added, 0 updated, ") != std::string::npos);
  // Merging a store's own export into itself is a no-op too.
  auto own = write_text(a, "own.json", export_a);
  auto before_a = a.dump();
  ok(a, {"import", "--merge", own});
  CHECK(a.dump() == before_a);
}

TEST_CASE("an interaction lists its allies by UUID and its topics by their key", "[e2e][export]") {
  TempStore s;
  for (const char* name :
       {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov"})
    ok(s, {"add", name});
  ok(s, {"log", "Barbara,Alan,Grace,Edsger,Ada", "design review", "--interest", "cherry",
         "--interest", "Banana", "--interest", "apple"});
  auto doc = parsed(ok(s, {"export"}));
  REQUIRE(doc["interactions"].size() == 1);
  const auto& review = doc["interactions"][0];
  std::vector<std::string> ids;
  for (const auto& a : doc["allies"])
    ids.push_back(a["id"]);
  std::sort(ids.begin(), ids.end());
  CHECK(review["allies"] == json(ids));
  // By the folded key ("apple" < "banana" < "cherry"), not by the name as typed.
  CHECK(review["interests"] == json::array({"apple", "Banana", "cherry"}));
}

TEST_CASE("a merge by UUID takes the newer version and skips the older", "[e2e][import][merge]") {
  TempStore a;
  ok(a, {"add", "Rachel Green", "--org", "Central Perk"});
  ok(a, {"add", "John Smith"});
  TempStore b;
  ok(b, {"import", write_text(b, "a.json", ok(a, {"export"}).out)});

  b.today = "2026-11-25";
  ok(b, {"edit", "Rachel", "--org", "Ralph Lauren"});
  ok(b, {"add", "Monica Geller"});
  auto from_b = write_text(a, "b.json", ok(b, {"export"}).out);

  auto r = ok(a, {"--json", "import", "--merge", from_b});
  auto j = json::parse(r.out);
  CHECK(j["sections"]["allies"]["updated"] == 1);
  CHECK(j["sections"]["allies"]["added"] == 1);
  CHECK(j["sections"]["allies"]["unchanged"] == 1);
  CHECK(j["kept_numbers"] == false);
  CHECK(a.scalar("SELECT org FROM ally WHERE name = 'Rachel Green'") == "Ralph Lauren");
  // Merged records get this store's next number; the UUID stays.
  CHECK(a.scalar("SELECT num FROM ally WHERE name = 'Monica Geller'") == "3");
  CHECK(a.scalar("SELECT id FROM ally WHERE name = 'Monica Geller'") ==
        b.scalar("SELECT id FROM ally WHERE name = 'Monica Geller'"));

  a.today = "2026-11-26";
  ok(a, {"edit", "Rachel", "--org", "Bloomingdale's"});
  j = json::parse(ok(a, {"--json", "import", "--merge", from_b}).out);
  CHECK(j["sections"]["allies"]["skipped"] == 1);
  CHECK(j["updated"] == 0);
  CHECK(a.scalar("SELECT org FROM ally WHERE name = 'Rachel Green'") == "Bloomingdale's");
}

TEST_CASE("one setting under two UUIDs: newer wins, a tie goes to the larger UUID",
          "[e2e][import][merge]") {
  TempStore a, b;
  ok(a, {"add", "Rachel Green"});
  ok(a, {"config", "due.limit", "5"});
  ok(b, {"config", "due.limit", "7"});
  auto id_a = a.scalar("SELECT id FROM config WHERE key = 'due.limit'");
  auto id_b = b.scalar("SELECT id FROM config WHERE key = 'due.limit'");
  REQUIRE(id_a != id_b);
  auto j = json::parse(
      ok(a, {"--json", "import", "--merge", write_text(a, "b.json", ok(b, {"export"}).out)}).out);
  bool b_wins = id_b > id_a;
  CHECK(a.scalar("SELECT value FROM config WHERE key = 'due.limit'") == (b_wins ? "7" : "5"));
  CHECK(a.scalar("SELECT id FROM config WHERE key = 'due.limit'") == (b_wins ? id_b : id_a));
  CHECK(j["sections"]["config"][b_wins ? "updated" : "skipped"] == 1);
  // The loser's UUID is remembered as replaced, so it never comes back.
  CHECK(a.scalar("SELECT count(*) FROM tombstone WHERE id = '" + (b_wins ? id_a : id_b) + "'") ==
        (b_wins ? "1" : "0"));

  // A newer setting wins whatever its UUID.
  b.today = "2026-11-30";
  ok(b, {"config", "due.limit", "9"});
  ok(a, {"import", "--merge", write_text(a, "b2.json", ok(b, {"export"}).out)});
  CHECK(a.scalar("SELECT value FROM config WHERE key = 'due.limit'") == "9");
}

TEST_CASE("tombstones in the file delete here, and tombstones here keep records out",
          "[e2e][import][merge]") {
  TempStore a;
  ok(a, {"add", "Rachel Green"});
  ok(a, {"add", "John Smith"});
  ok(a, {"log", "Rachel,John", "lunch chat", "--kind", "lunch", "--date", "2026-11-20"});
  ok(a, {"log", "John", "a call", "--kind", "call", "--date", "2026-11-22"});
  ok(a, {"log", "Rachel", "a message", "--kind", "message", "--date", "2026-11-23"});
  ok(a, {"favor", "John", "--got", "a book tip", "--date", "2026-11-21"});
  auto old_export = ok(a, {"export"}).out;
  TempStore b;
  ok(b, {"import", write_text(b, "old.json", old_export)});
  REQUIRE(b.scalar("SELECT count(*) FROM ally") == "2");

  ok(a, {"rm", "John", "--purge", "--yes"});
  auto j = json::parse(
      ok(b, {"--json", "import", "--merge", write_text(b, "new.json", ok(a, {"export"}).out)}).out);
  CHECK(j["sections"]["allies"]["deleted"] == 1);
  CHECK(j["sections"]["favors"]["deleted"] == 1);
  CHECK(j["sections"]["interactions"]["deleted"] == 1);
  CHECK(j["sections"]["tombstones"]["added"] == 3);
  CHECK(b.scalar("SELECT count(*) FROM ally") == "1");
  CHECK(b.scalar("SELECT count(*) FROM favor") == "0");
  // The lunch stays with Rachel, as it did where John was deleted.
  CHECK(b.query("SELECT interaction, ally FROM interaction_ally ORDER BY 1") ==
        std::vector<std::vector<std::string>>{{"1", "1"}, {"3", "1"}});
  CHECK(b.scalar("SELECT last_contact FROM ally") == "2026-11-23");

  // A conversation deleted there goes here too, and Rachel's last contact moves back.
  ok(a, {"log", "rm", "3"});
  j = json::parse(ok(b, {"--json", "import", "--merge", write_text(b, "newer.json", ok(a, {"export"}).out)}).out);
  CHECK(j["sections"]["interactions"]["deleted"] == 1);
  CHECK(b.scalar("SELECT last_contact || ' ' || last_kind FROM ally") == "2026-11-20 lunch");
  auto john = a.scalar("SELECT id FROM tombstone WHERE kind = 'ally'");
  CHECK(b.scalar("SELECT kind FROM tombstone WHERE id = '" + john + "'") == "ally");

  // The old file still has John: he does not come back.
  j = json::parse(
      ok(b, {"--json", "import", "--merge", write_text(b, "old.json", old_export)}).out);
  CHECK(j["sections"]["allies"]["skipped"] == 1);
  CHECK(j["sections"]["favors"]["skipped"] == 1);
  CHECK(j["sections"]["interactions"]["skipped"] == 2);
  CHECK(j["added"] == 0);
  CHECK(b.scalar("SELECT count(*) FROM ally") == "1");
}

TEST_CASE("--dry-run reports what would change and changes nothing", "[e2e][import]") {
  TempStore a;
  populate(a);
  auto export_a = ok(a, {"export"}).out;

  TempStore fresh;
  auto file = write_text(fresh, "ally.json", export_a);
  auto r = ok(fresh, {"import", "--dry-run", file});
  CHECK(r.out.rfind("Would import " + file + ": ", 0) == 0);
  CHECK(r.out.find("Nothing was changed (--dry-run).\n") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(fresh.db())); // not even created

  TempStore b;
  ok(b, {"add", "Monica Geller"});
  auto before = b.dump();
  auto j = json::parse(
      ok(b, {"--json", "import", "--merge", "--dry-run", write_text(b, "a.json", export_a)}).out);
  CHECK(j["dry_run"] == true);
  CHECK(j["sections"]["allies"]["added"] == 4);
  CHECK(b.dump() == before);
  r = b.run({"import", "--dry-run", file});
  CHECK(r.code == 1); // still needs --merge
  CHECK(b.dump() == before);
}

TEST_CASE("import reads standard input with -", "[e2e][import]") {
  TempStore s;
  auto r = ok(s, {"import", "-"}, small_export().dump());
  CHECK(r.out == "Imported standard input: 3 added, 0 updated, 0 unchanged, 0 skipped, 0 deleted.\n"
                 "  allies        2 added\n"
                 "  interactions  1 added\n");
  CHECK(s.scalar("SELECT last_contact FROM ally WHERE num = 1") == "2026-11-20");
  // Fields left out take their defaults: tracked by the circle's cadence, added the day created.
  auto john = json::parse(ok(s, {"--json", "show", "John"}).out);
  CHECK(john["cadence"] == "default");
  CHECK(john["added_on"] == "2026-11-24");
}

TEST_CASE("bad files are refused with the record and field, and change nothing",
          "[e2e][import][errors]") {
  TempStore s;
  ok(s, {"add", "Monica Geller"});
  auto before = s.dump();
  auto refuse = [&](const std::string& content, const std::string& message) {
    auto file = write_text(s, "bad.json", content);
    auto r = s.run({"import", "--merge", file});
    INFO(content.substr(0, 200));
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "ally: error: import: " + message + "\n");
    CHECK(s.dump() == before);
  };
  auto good = small_export();

  SECTION("truncated") {
    auto text = good.dump(2);
    refuse(text.substr(0, text.size() / 2),
           "not valid JSON: parse error at line 18, column 29: syntax error while parsing value - "
           "invalid string: missing closing quote");
    refuse(text.substr(0, text.size() - 3),
           "not valid JSON: parse error at line 37, column 14: syntax error while parsing value - "
           "unexpected end of input; expected '[', '{', or a literal");
  }
  SECTION("wrong types") {
    auto doc = good;
    doc["allies"][0]["emails"] = "rachel@example.com";
    refuse(doc.dump(),
           "allies[0] (\"Rachel Green\"): field \"emails\": expected an array of strings");
    doc = good;
    doc["allies"][1]["archived"] = "yes";
    refuse(doc.dump(), "allies[1] (\"John Smith\"): field \"archived\": expected true or false");
    doc = good;
    doc["allies"] = json::object();
    refuse(doc.dump(), "field \"allies\": expected an array");
    doc = good;
    doc["allies"][1] = 42;
    refuse(doc.dump(), "allies[1]: expected an object");
  }
  SECTION("missing fields, unknown fields, bad values") {
    auto doc = good;
    doc["allies"][1].erase("name");
    refuse(doc.dump(), "allies[1]: missing field \"name\"");
    doc = good;
    doc["allies"][0]["emial"] = "x";
    refuse(doc.dump(), "allies[0] (\"Rachel Green\"): unknown field \"emial\"");
    doc = good;
    doc["interactions"][0]["date"] = "2026-02-30";
    refuse(doc.dump(), "interactions[0] (2026-02-30 coffee): field \"date\": bad date '2026-02-30' "
                       "(expected YYYY-MM-DD)");
    doc = good;
    doc["allies"][0]["updated_at"] = "yesterday";
    refuse(doc.dump(), "allies[0] (\"Rachel Green\"): field \"updated_at\": bad timestamp "
                       "'yesterday' (expected YYYY-MM-DDTHH:MM:SS.mmmZ, UTC)");
    doc = good;
    doc["allies"][1]["id"] = doc["allies"][0]["id"];
    refuse(doc.dump(), "allies[1] (\"John Smith\"): field \"id\": "
                       "'11111111-1111-4111-8111-111111111111' appears twice");
    doc = good;
    doc["unexpected"] = true;
    refuse(doc.dump(), "unknown top-level field \"unexpected\"");
  }
  SECTION("an ally that is neither in the file nor in the store") {
    auto doc = good;
    doc["interactions"][0]["allies"] = json::array({"44444444-4444-4444-8444-444444444444"});
    refuse(doc.dump(), "interactions[0] (2026-11-20 coffee): field \"allies\": no ally with id "
                       "'44444444-4444-4444-8444-444444444444' in the file or the store");
  }
  SECTION("invalid UTF-8") {
    auto text = good.dump();
    text.replace(text.find("Rachel"), 6, "Rach\xC3\x28l");
    refuse(text, "not valid JSON: parse error at line 1, column 142: syntax error while parsing "
                 "value - invalid string: ill-formed UTF-8 byte");
  }
  SECTION("deep nesting") {
    std::string text =
        R"({"format": "ally", "version": 1, "allies": [{"notes": )" + std::string(100000, '[');
    refuse(text, "not an ally export: the JSON nests deeper than 32 levels");
    refuse(R"({"format": "ally", "version": 1, "allies": [[]]})", "allies[0]: expected an object");
  }
  SECTION("wrong format and unknown version") {
    auto doc = good;
    doc["format"] = "monica";
    refuse(doc.dump(), "not an ally export: \"format\" is \"monica\", expected \"ally\"");
    doc = good;
    doc["version"] = 3;
    refuse(doc.dump(), "unknown export version 3: this ally reads versions 1 to 2 — a newer ally "
                       "wrote it; upgrade ally to import it");
    doc["version"] = 0;
    refuse(doc.dump(), "unknown export version 0: this ally reads versions 1 to 2 — a newer ally "
                       "wrote it; upgrade ally to import it");
    refuse(R"({"name": "Rachel"})", "not an ally export: it has no \"format\": \"ally\" — export "
                                    "one with 'ally export', or use --format vcard for vCards");
    refuse("[1, 2]", "cannot tell what " + (s.dir() / "bad.json").string() +
                         " holds: it is neither an ally JSON export, vCards nor a CSV of "
                         "contacts — name the format: --format "
                         "json|vcard|linkedin|google-csv|outlook-csv|ally-csv|ics|friends|monica, or --map for "
                         "another CSV");
  }
  SECTION("a 5 MB string") {
    auto doc = good;
    doc["allies"][0]["notes"] = std::string(5 << 20, 'x');
    refuse(doc.dump(), "allies[0] (\"Rachel Green\"): field \"notes\": longer than 1 MiB");
  }
  SECTION("a bad record after good ones rolls back the good ones") {
    auto doc = good;
    doc["favors"] = json::array({json{{"id", "55555555-5555-4555-8555-555555555555"},
                                      {"created_at", "2026-11-24T11:00:00Z"},
                                      {"updated_at", "2026-11-24T11:00:00Z"},
                                      {"ally", "66666666-6666-4666-8666-666666666666"},
                                      {"direction", "gave"},
                                      {"text", "help"},
                                      {"date", "2026-11-01"}}});
    refuse(doc.dump(), "favors[0] (\"help\"): field \"ally\": no ally with id "
                       "'66666666-6666-4666-8666-666666666666' in the file or the store");
  }
}

TEST_CASE("a large import shows no progress bar when stderr is not a terminal", "[e2e][import]") {
  json doc = {{"format", "ally"}, {"version", 1}, {"allies", json::array()}};
  for (int i = 1; i <= 1500; ++i) {
    char id[37];
    std::snprintf(id, sizeof id, "%08d-0000-4000-8000-000000000000", i);
    doc["allies"].push_back({{"id", id},
                             {"number", i},
                             {"created_at", "2026-01-01T10:00:00.000Z"},
                             {"updated_at", "2026-01-01T10:00:00.000Z"},
                             {"name", "Ally " + std::to_string(i)}});
  }
  TempStore s;
  auto r = ok(s, {"import", write_text(s, "big.json", doc.dump())});
  CHECK(r.err.empty());
  CHECK(r.out.rfind("Imported ", 0) == 0);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "1500");
  CHECK(s.scalar("SELECT max(num) FROM ally") == "1500");
  r = ok(s, {"export", "-o", (s.dir() / "big-out.json").string()});
  CHECK(r.err.empty());
}

TEST_CASE("undo takes a whole import back", "[e2e][import][undo]") {
  TempStore s;
  ok(s, {"add", "Monica Geller"});
  auto before = s.dump_data();
  auto doc = small_export();
  doc["dates"] = json::array({json{{"id", "77777777-7777-4777-8777-777777777777"},
                                   {"created_at", "2026-11-24T11:00:00.000Z"},
                                   {"updated_at", "2026-11-24T11:00:00.000Z"},
                                   {"ally", "11111111-1111-4111-8111-111111111111"},
                                   {"label", "birthday"},
                                   {"date", "05-05"}}});
  auto file = write_text(s, "small.json", doc.dump());
  ok(s, {"import", "--merge", file});
  REQUIRE(s.scalar("SELECT count(*) FROM ally") == "3");
  auto r = ok(s, {"undo"});
  CHECK(r.out == "Undid: import " + file + " (4 records).\n");
  CHECK(s.dump_data() == before);
}

// An import into an empty store loads in bulk (search index rebuilt at the end, one journal
// step per record rather than per row); what it leaves and what undo restores must be the same.
TEST_CASE("an import into an empty store is searchable and undone whole", "[e2e][import][undo]") {
  TempStore s;
  ok(s, {"config", "due.cadence.core", "3w"});
  auto before = s.dump_data();
  auto doc = small_export();
  doc["allies"][0]["nicknames"] = json::array({"Rach"});
  doc["allies"][0]["interests"] = json::array({"Jazz"});
  doc["interactions"][0]["interests"] = json::array({"jazz", "Sailing"});
  doc["favors"] = json::array({json{{"id", "44444444-4444-4444-8444-444444444444"},
                                    {"created_at", "2026-11-24T11:00:00.000Z"},
                                    {"updated_at", "2026-11-24T11:00:00.000Z"},
                                    {"ally", "22222222-2222-4222-8222-222222222222"},
                                    {"direction", "got"},
                                    {"text", "lent me a zeppelin book"},
                                    {"date", "2026-11-01"}}});
  auto file = write_text(s, "small.json", doc.dump());
  auto r = ok(s, {"import", file});
  CHECK(r.err.empty());
  CHECK(s.scalar("SELECT count(*) FROM interaction_interest") == "2");
  CHECK(s.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
                 "('search_interaction_ai', 'search_favor_ai')") == "2");
  CHECK(ok(s, {"search", "hello"}).out.find("Rachel Green") != std::string::npos);
  CHECK(ok(s, {"search", "zeppelin"}).out.find("John Smith") != std::string::npos);
  // The triggers that keep the index are back: a new note is found too.
  ok(s, {"log", "John Smith", "talked about quokkas"});
  CHECK(ok(s, {"search", "quokkas"}).out.find("John Smith") != std::string::npos);
  CHECK(ok(s, {"undo"}).out == "Undid: log #2 (a conversation with John Smith (#2) on 2026-11-24).\n");
  r = ok(s, {"undo"});
  CHECK(r.out == "Undid: import " + file + " (4 records).\n");
  CHECK(s.dump_data() == before);
  CHECK(ok(s, {"search", "hello"}).out.find("Rachel") == std::string::npos);
}

// Interactions are written by hand rather than through a JSON object: the file must still be
// exactly what dumping the whole document would give, whatever a note holds.
TEST_CASE("exported notes with quotes, escapes, control characters and emoji read back the same",
          "[e2e][export]") {
  TempStore s;
  ok(s, {"add", "Rachel Green"});
  ok(s, {"add", "John Smith"});
  std::string note = "she said \"hi\" \\ tab\there\x01 caf\xc3\xa9 \xf0\x9f\x8e\x89 end";
  ok(s, {"log", "Rachel Green, John Smith", note, "--follow-up", "2026-12-01"});
  ok(s, {"log", "John Smith", "plain"});
  auto file = (s.dir() / "out.json").string();
  ok(s, {"export", "-o", file});
  auto text = read_text(file);
  auto doc = nlohmann::ordered_json::parse(text);
  CHECK(text == doc.dump(2) + "\n");
  REQUIRE(doc["interactions"].size() == 2);
  const auto& rich = doc["interactions"][0]["number"] == 1 ? doc["interactions"][0] : doc["interactions"][1];
  const auto& plain = doc["interactions"][0]["number"] == 1 ? doc["interactions"][1] : doc["interactions"][0];
  CHECK(rich["note"] == "she said \"hi\" \\ tab\there\x01 caf\xc3\xa9 \xf0\x9f\x8e\x89 end");
  CHECK(rich["allies"].size() == 2);
  CHECK(rich["follow_up"] == "2026-12-01");
  CHECK(plain["interests"] == json::array());
}

TEST_CASE("export -o picks the format from the file's extension unless --format says",
          "[e2e][export]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com"});
  auto vcf = (s.dir() / "allies.VCF").string();
  CHECK(ok(s, {"export", "-o", vcf}).out == "Exported 1 ally as vCards to " + vcf + ".\n");
  CHECK(read_text(vcf).rfind("BEGIN:VCARD\r\n", 0) == 0);
  auto csv = (s.dir() / "allies.csv").string();
  CHECK(ok(s, {"export", "-o", csv}).out == "Exported 1 ally as CSV to " + csv + ".\n");
  auto other = (s.dir() / "backup.txt").string();
  ok(s, {"export", "-o", other});
  CHECK(nlohmann::json::parse(read_text(other))["format"] == "ally");
  auto forced = (s.dir() / "forced.vcf").string();
  ok(s, {"export", "--format", "json", "-o", forced});
  CHECK(nlohmann::json::parse(read_text(forced))["format"] == "ally");
}

TEST_CASE("version 2 keeps links, UIDs, snooze --all, calendar sources and things to bring up",
          "[e2e][export][import][v2]") {
  const std::string v2 = R"({
  "format": "ally",
  "version": 2,
  "exported_at": "2026-11-24T12:00:00.000Z",
  "allies": [
    {
      "id": "11111111-1111-4111-8111-111111111111",
      "number": 1,
      "created_at": "2026-11-24T11:00:00.000Z",
      "updated_at": "2026-11-24T11:00:00.000Z",
      "name": "Rachel Green",
      "nicknames": [],
      "org": "",
      "role": "",
      "city": "",
      "emails": [],
      "phones": [],
      "links": [
        "https://www.linkedin.com/in/rachel-green",
        "https://rachel.example"
      ],
      "circle": "",
      "relationship": "",
      "cadence": "default",
      "met": "",
      "goals": "",
      "notes": "",
      "tags": [],
      "expertise": [],
      "interests": [],
      "snoozed_until": "2026-12-08",
      "snooze_all": true,
      "archived": false,
      "vcard_uids": [
        "apple-1",
        "google-7"
      ],
      "added_on": "2026-11-24"
    }
  ],
  "dates": [],
  "interests": [],
  "interactions": [
    {
      "id": "33333333-3333-4333-8333-333333333333",
      "number": 1,
      "created_at": "2026-11-24T11:00:00.000Z",
      "updated_at": "2026-11-24T11:00:00.000Z",
      "date": "2026-11-20",
      "kind": "meeting",
      "note": "Quarterly review",
      "allies": [
        "11111111-1111-4111-8111-111111111111"
      ],
      "interests": [],
      "follow_up": null,
      "follow_up_done": null,
      "source": {
        "uid": "event-42@calendar.example",
        "recurrence_id": "20261120T100000Z"
      }
    }
  ],
  "favors": [],
  "introductions": [],
  "to_bring_up": [
    {
      "id": "44444444-4444-4444-8444-444444444444",
      "number": 1,
      "created_at": "2026-11-24T11:00:00.000Z",
      "updated_at": "2026-11-24T11:00:00.000Z",
      "ally": "11111111-1111-4111-8111-111111111111",
      "text": "ask how the marathon went",
      "date": "2026-11-24",
      "done": null
    }
  ],
  "tombstones": [
    {
      "id": "55555555-5555-4555-8555-555555555555",
      "kind": "to_bring_up",
      "deleted_at": "2026-11-24T11:00:00.000Z"
    }
  ],
  "config": {}
}
)";
  TempStore s;
  auto file = write_text(s, "v2.json", v2);
  ok(s, {"import", file});
  auto out = ok(s, {"export"}).out;
  CHECK(without_exported_at(out) == without_exported_at(v2));
  CHECK(export_schema().errors(json::parse(out)).empty());
  // The links are searchable and the store is sound.
  CHECK(ok(s, {"search", "linkedin"}).out.find("Rachel Green") != std::string::npos);
  ok(s, {"check"});

  SECTION("a version 1 file's vcard_uid is the first of vcard_uids") {
    TempStore old;
    auto doc = small_export();
    doc["allies"][0]["vcard_uid"] = "card-1";
    CHECK(export_schema().errors(doc).empty());
    ok(old, {"import", write_text(old, "v1.json", doc.dump())});
    auto exported = json::parse(ok(old, {"export"}).out);
    CHECK(exported["version"] == 2);
    for (const auto& a : exported["allies"]) {
      if (a["name"] == "Rachel Green") CHECK(a["vcard_uids"] == json::array({"card-1"}));
      if (a["name"] == "John Smith") CHECK(a["vcard_uids"] == json::array());
    }
  }
  SECTION("a bad source is refused with its field") {
    auto doc = json::parse(v2);
    doc["interactions"][0]["source"] = {{"recurrence_id", nullptr}};
    TempStore t;
    auto r = t.run({"import", write_text(t, "bad.json", doc.dump())});
    CHECK(r.code == 1);
    CHECK(r.err.find("field \"source\": missing field \"uid\"") != std::string::npos);
  }
}
