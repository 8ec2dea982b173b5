// The export format's reader on untrusted input, CSV quoting, the progress bar, and the test
// suite's own JSON Schema validator.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "ally/error.hpp"
#include "ally/export_format.hpp"
#include "render/csv.hpp"
#include "render/progress.hpp"
#include "unit/json_schema.hpp"

using ally::parse_export;
using nlohmann::json;

namespace {

const char* const k_ally = R"({"id": "11111111-1111-4111-8111-111111111111",
  "created_at": "2026-11-24T11:00:00Z", "updated_at": "2026-11-24T11:00:00.250Z",
  "name": "Rachel Green"})";

std::string with_allies(const std::string& allies) {
  return R"({"format": "ally", "version": 1, "allies": [)" + allies + "]}";
}

std::string error_of(const std::string& text) {
  try {
    parse_export(text);
  } catch (const ally::Conflict& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("export reader: records, defaults and normalised timestamps", "[export_format]") {
  auto doc = parse_export("\xEF\xBB\xBF" + with_allies(k_ally));
  REQUIRE(doc.allies.size() == 1);
  const auto& a = doc.allies[0];
  CHECK(a.name == "Rachel Green");
  CHECK(a.meta.number == 0); // absent: the importer picks one
  CHECK(a.meta.created_at == "2026-11-24T11:00:00.000Z");
  CHECK(a.meta.updated_at == "2026-11-24T11:00:00.250Z");
  CHECK(a.cadence.mode == ally::Cadence::Mode::default_cadence);
  CHECK(ally::format_date(a.added) == "2026-11-24");
  CHECK(doc.record_count() == 1);
  // Keys in any order (jq -S sorts them): the header may come last.
  auto sorted = parse_export(R"({"allies": [], "config": {}, "format": "ally", "version": 1})");
  CHECK(sorted.record_count() == 0);
}

TEST_CASE("export reader: UUIDs are lower-cased and must be UUIDs", "[export_format]") {
  auto upper = std::string(k_ally);
  upper.replace(upper.find("11111111-1111-4111-8111-111111111111"), 36,
                "ABCDEF12-1111-4111-8111-111111111111");
  CHECK(parse_export(with_allies(upper)).allies[0].meta.id ==
        "abcdef12-1111-4111-8111-111111111111");
  auto bad = std::string(k_ally);
  bad.replace(bad.find("11111111-1111-4111-8111-111111111111"), 36, "rachel");
  CHECK(error_of(with_allies(bad)) ==
        "allies[0] (\"Rachel Green\"): field \"id\": 'rachel' is not a UUID");
}

TEST_CASE("export reader: the header is checked before the records", "[export_format]") {
  CHECK(error_of(R"({"allies": [42], "format": "vcard", "version": 1})") ==
        "not an ally export: \"format\" is \"vcard\", expected \"ally\"");
  CHECK(error_of(R"({"allies": [42], "version": 3, "format": "ally"})") ==
        "unknown export version 3: this ally reads versions 1 to 2");
  CHECK(error_of(R"({"format": "ally", "version": "1"})") ==
        "bad \"version\" \"1\": expected a whole number");
  CHECK(error_of(R"({"format": "ally"})") == "the export has no \"version\"");
  CHECK(error_of("42") == "not an ally export: expected a JSON object with \"format\": \"ally\"");
  CHECK(error_of("") ==
        "not valid JSON: parse error at line 1, column 1: syntax error while parsing "
        "value - unexpected end of input; expected '[', '{', or a literal");
}

TEST_CASE("export reader: every record kind is checked field by field", "[export_format]") {
  auto header = std::string(R"({"format": "ally", "version": 1, )");
  const std::string meta =
      R"("id": "22222222-2222-4222-8222-222222222222", "created_at": "2026-11-24T11:00:00Z", "updated_at": "2026-11-24T11:00:00Z")";
  const std::string ally_id = "11111111-1111-4111-8111-111111111111";
  CHECK(error_of(header + R"("dates": [{)" + meta + R"(, "ally": ")" + ally_id +
                 R"(", "label": "birthday", "date": "02-30"}]})") ==
        "dates[0] (\"birthday\"): field \"date\": bad date '02-30' (expected MM-DD or YYYY-MM-DD)");
  CHECK(error_of(header + R"("dates": [{)" + meta + R"(, "ally": ")" + ally_id +
                 R"(", "label": "launch", "date": "06-01", "yearly": false}]})") ==
        "dates[0] (\"launch\"): field \"date\": a one-off date needs a year (YYYY-MM-DD)");
  CHECK(parse_export(header + R"("dates": [{)" + meta + R"(, "ally": ")" + ally_id +
                     R"(", "label": "old", "date": "1604-07-04"}]})")
            .dates[0]
            .record.date.year == 1604);
  CHECK(
      error_of(header + R"("interactions": [{)" + meta +
               R"(, "date": "2026-11-20", "kind": "dinner", "allies": [")" + ally_id +
               R"("]}]})") ==
      "interactions[0] (2026-11-20 dinner): field \"kind\": unknown kind 'dinner' (expected one of "
      "coffee, call, meeting, message, email, lunch, event, thanks, other)");
  CHECK(error_of(header + R"("interactions": [{)" + meta +
                 R"(, "date": "2026-11-20", "kind": "call", "allies": []}]})") ==
        "interactions[0] (2026-11-20 call): field \"allies\": expected at least one ally's id");
  CHECK(error_of(header + R"("favors": [{)" + meta + R"(, "ally": ")" + ally_id +
                 R"(", "direction": "lent", "text": "x", "date": "2026-11-20"}]})") ==
        "favors[0] (\"x\"): field \"direction\": 'lent' is neither \"gave\" nor \"got\"");
  CHECK(error_of(header + R"("introductions": [{)" + meta + R"(, "a": ")" + ally_id +
                 R"(", "b": ")" + ally_id + R"(", "date": "2026-11-20"}]})") ==
        "introductions[0] (2026-11-20): field \"b\": an ally cannot be introduced to themselves");
  CHECK(
      error_of(header + R"("tombstones": [{"id": ")" + ally_id +
               R"(", "kind": "person", "deleted_at": "2026-11-24T11:00:00Z"}]})") ==
      "tombstones[0] (person): field \"kind\": unknown kind 'person' (expected one of ally, date, "
      "interest, interaction, favor, introduction, to_bring_up, config)");
  CHECK(error_of(header + R"("config": {"due.colour": {)" + meta + R"(, "value": "red"}}})") ==
        "config: unknown setting \"due.colour\"");
  CHECK(error_of(header + R"("config": {"due.limit": 5}})") ==
        "config[\"due.limit\"]: expected an object with \"value\", \"id\", \"created_at\" and "
        "\"updated_at\"");
  CHECK(error_of(header + R"("allies": [{)" + meta + R"(, "name": "  "}]})") ==
        "allies[0]: field \"name\": must not be blank");
  CHECK(error_of(header + R"("allies": [{)" + meta + R"(, "name": "A", "cadence": "0d"}]})") ==
        "allies[0] (\"A\"): field \"cadence\": bad cadence '0d' (expected \"default\", \"none\" or "
        "days such as \"30d\")");
  CHECK(error_of(header + R"("allies": [{)" + meta + R"(, "name": "A\u0000B"}]})") ==
        "allies[0] (\"A\\x00B\"): field \"name\": contains a NUL character");
  CHECK(error_of(header + R"("allies": [{)" + meta + R"(, "name": "A", "number": -3}]})") ==
        "allies[0] (\"A\"): field \"number\": expected a whole number of at least 1");
}

TEST_CASE("CSV fields are quoted only when they need it", "[csv]") {
  CHECK(ally::csv_field("plain") == "plain");
  CHECK(ally::csv_field("") == "");
  CHECK(ally::csv_field("a,b") == "\"a,b\"");
  CHECK(ally::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(ally::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(ally::csv_field("cr\r") == "\"cr\r\"");
  CHECK(ally::csv_field("José; Zoë") == "José; Zoë");
}

TEST_CASE("the progress bar draws only on a terminal and for long jobs", "[progress]") {
  std::ostringstream tty, pipe;
  {
    ally::ProgressBar bar(tty, true, "Importing");
    ally::ProgressBar quiet(pipe, false, "Importing");
    for (std::size_t i = 1; i <= 2000; ++i) {
      bar.update(i, 2000);
      quiet.update(i, 2000);
    }
  }
  CHECK(pipe.str().empty());
  CHECK(tty.str().find("\rImporting [###############               ]  50% (1000/2000)") !=
        std::string::npos);
  CHECK(tty.str().find("100% (2000/2000)") != std::string::npos);
  CHECK(tty.str().size() < 101 * 70); // once per percent, not once per record
  CHECK(tty.str().substr(tty.str().size() - 4) == "\r\033[K"); // cleared at the end
  std::ostringstream small;
  ally::ProgressBar bar(small, true, "Importing");
  bar.update(5, 10);
  CHECK(small.str().empty());
}

TEST_CASE("the test JSON Schema validator checks what the schema says", "[json_schema]") {
  ally_test::JsonSchema schema(json::parse(R"({
    "type": "object", "required": ["a"], "additionalProperties": false,
    "properties": {
      "a": {"$ref": "#/$defs/id"},
      "b": {"type": ["string", "null"], "pattern": "^x"},
      "c": {"type": "array", "minItems": 1, "items": {"enum": [1, 2]}},
      "d": {"type": "integer", "minimum": 1},
      "e": {"type": "object", "additionalProperties": {"const": true}}
    },
    "$defs": {"id": {"type": "string", "minLength": 2}}
  })"));
  CHECK(
      schema.errors(json::parse(R"({"a": "ok", "b": null, "c": [1, 2], "d": 3, "e": {"k": true}})"))
          .empty());
  CHECK(schema.errors(json::parse(R"({"b": "y", "c": [], "d": 0, "e": {"k": false}, "z": 1})")) ==
        std::vector<std::string>{"$: missing \"a\"", "$.b: 'y' does not match ^x",
                                 "$.c: too few items", "$.d: below the minimum 1",
                                 "$.e.k: expected true", "$: unexpected property \"z\""});
  CHECK(schema.errors(json::parse(R"({"a": "é", "c": [3]})")) ==
        std::vector<std::string>{"$.a: too short", "$.c[0]: not one of [1,2]"});
  CHECK_THROWS(ally_test::JsonSchema(json::parse(R"({"oneOf": []})")).errors(json::object()));
}
