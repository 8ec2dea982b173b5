// End-to-end: a JSON import is as strict as the command line. A setting `ally config` refuses,
// a key written twice, a record number the store could not go on from, or a failed import into
// a store that was not there: each is refused or settled in the open, never kept silently.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "e2e/exchange_helpers.hpp"

namespace fs = std::filesystem;
using ally_test::ok;
using ally_test::TempStore;
using ally_test::write_text;
using nlohmann::json;

namespace {

const char* const k_stamp = "2026-11-24T11:00:00.000Z";

json one_ally(std::int64_t number = 1) {
  return json{{"format", "ally"},
              {"version", 1},
              {"exported_at", k_stamp},
              {"allies", json::array({json{{"id", "11111111-1111-4111-8111-111111111111"},
                                           {"number", number},
                                           {"created_at", k_stamp},
                                           {"updated_at", k_stamp},
                                           {"name", "Rachel Green"}}})}};
}

json with_setting(const std::string& key, const std::string& value) {
  auto doc = one_ally();
  doc["config"] = {{key,
                    {{"value", value},
                     {"id", "99999999-9999-4999-8999-999999999999"},
                     {"created_at", k_stamp},
                     {"updated_at", k_stamp}}}};
  return doc;
}

} // namespace

TEST_CASE("JSON import checks every setting as ally config does", "[e2e][import][errors]") {
  TempStore s;
  struct Case {
    std::string key, value, error;
  };
  const std::vector<Case> cases = {
      {"due.limit", "lots", "bad value 'lots' for due.limit: use a whole number (0 = no limit)"},
      {"due.weight.promise", "NaN", "bad value 'NaN' for due.weight.promise: use a number such as "
                                    "1.5 (0 turns the term off)"},
      {"due.weight.date", "1e309", "bad value '1e309' for due.weight.date: use a number such as "
                                   "1.5 (0 turns the term off)"},
      {"due.cadence.core", "fortnight", ""},
  };
  for (const auto& c : cases) {
    INFO(c.key << " = " << c.value);
    // The command line refuses it...
    auto cli = s.run({"config", c.key, c.value});
    CHECK(cli.code == 2);
    // ...and so does the import, naming the setting and the field.
    auto file = write_text(s, "settings.json", with_setting(c.key, c.value).dump());
    auto r = s.run({"import", file});
    CHECK(r.code == 1);
    CHECK(r.err.rfind("ally: error: import: config[\"" + c.key + "\"]: field \"value\": ", 0) == 0);
    if (!c.error.empty()) CHECK(r.err.find(c.error) != std::string::npos);
  }
  // A good one goes in.
  auto file = write_text(s, "settings.json", with_setting("due.limit", "7").dump());
  ok(s, {"import", file});
  CHECK(ok(s, {"config", "due.limit"}).out == "7\n");
}

TEST_CASE("JSON import refuses a key written twice, naming the record and key",
          "[e2e][import][errors]") {
  TempStore s;
  ok(s, {"add", "Monica Geller"});
  auto before = s.dump();
  auto refuse = [&](const std::string& content, const std::string& message) {
    auto r = s.run({"import", "--merge", write_text(s, "dup.json", content)});
    INFO(content);
    CHECK(r.code == 1);
    CHECK(r.err == "ally: error: import: " + message + "\n");
    CHECK(s.dump() == before);
  };
  auto text = one_ally().dump();
  auto in_record = text;
  in_record.replace(in_record.find("\"name\""), 0, "\"name\":\"Someone Else\",");
  refuse(in_record, "allies[0]: field \"name\" appears twice");
  auto top = text;
  top.replace(top.rfind('}'), 0, ",\"allies\":[]");
  refuse(top, "top-level field \"allies\" appears twice");
  auto settings = with_setting("due.limit", "7").dump();
  auto dup_setting = settings;
  dup_setting.replace(dup_setting.find("\"value\""), 0, "\"value\":\"9\",");
  refuse(dup_setting, "config[\"due.limit\"]: field \"value\" appears twice");
}

TEST_CASE("record numbers the store could not go on from are renumbered and reported",
          "[e2e][import]") {
  TempStore s;
  auto file = write_text(s, "big.json", one_ally(9223372036854775807LL).dump());
  auto r = ok(s, {"import", file});
  CHECK(r.out.find("Renumbered 1 record numbered above 1000000000000000: it has the next free "
                   "number.\n") != std::string::npos);
  CHECK(s.scalar("SELECT num FROM ally") == "1");
  // The store goes on: the next add works, and check finds nothing wrong.
  r = ok(s, {"add", "John Smith"});
  CHECK(r.out == "Added John Smith (#2).\n");
  CHECK(s.run({"check"}).code == 0);
  auto j = json::parse(ok(s, {"--json", "import", "--merge", file}).out);
  CHECK(j["renumbered"] == 0); // merged records take new numbers anyway
}

TEST_CASE("a failed import into a missing store leaves nothing behind", "[e2e][import][errors]") {
  TempStore s;
  auto folder = s.dir() / "new" / "deeper";
  auto store = (folder / "ally.db").string();
  auto bad = one_ally().dump();
  bad.replace(bad.find("Rachel Green"), 12, "");
  auto file = write_text(s, "bad.json", bad);
  auto r = s.run_raw({"--db", store, "import", file});
  CHECK(r.code == 1);
  CHECK(r.err.find("must not be blank") != std::string::npos);
  CHECK_FALSE(fs::exists(s.dir() / "new"));
  // A vCard file that is not one, likewise.
  auto vcf = write_text(s, "bad.vcf", "BEGIN:VCARD\nFN:x\n");
  r = s.run_raw({"--db", store, "import", vcf});
  CHECK(r.code == 1);
  CHECK_FALSE(fs::exists(s.dir() / "new"));
  // A folder that was there stays.
  fs::create_directories(folder);
  r = s.run_raw({"--db", store, "import", file});
  CHECK(r.code == 1);
  CHECK(fs::exists(folder));
  CHECK(fs::is_empty(folder));
}

TEST_CASE("a JSON export in UTF-16 is refused with what to do", "[e2e][import][errors]") {
  TempStore s;
  auto text = one_ally().dump();
  std::string utf16 = "\xFF\xFE";
  for (char c : text) {
    utf16 += c;
    utf16 += '\0';
  }
  auto r = s.run({"import", write_text(s, "utf16.json", utf16)});
  CHECK(r.code == 1);
  CHECK(r.err.find("is a JSON file in UTF-16 or UTF-32; ally exports and reads JSON in UTF-8 — "
                   "convert it first") != std::string::npos);
  CHECK_FALSE(fs::exists(s.db()));
}

TEST_CASE("a failed import leaves a dangling symlink where it was", "[e2e][import][errors]") {
  TempStore s;
  auto link = s.dir() / "data";
  fs::create_directory_symlink(s.dir() / "nowhere", link);
  auto bad = one_ally().dump();
  bad.replace(bad.find("Rachel Green"), 12, "");
  auto r = s.run_raw({"--db", (link / "ally" / "ally.db").string(), "import",
                      write_text(s, "bad.json", bad)});
  CHECK(r.code == 1);
  CHECK(fs::is_symlink(link));
}
