// An import's per-record report is streamed (Context::print_json_streaming): the text must be
// exactly what print_json gives for the whole document, so that scripts reading it see one JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace {

std::string printed(const nlohmann::json& doc) {
  std::ostringstream out, err;
  {
    ally::cli::Context ctx{out, err};
    ctx.print_json(doc);
  }
  return out.str();
}

std::string streamed(const nlohmann::json& doc, const std::string& key,
                     const std::vector<nlohmann::json>& records) {
  std::ostringstream out, err;
  {
    ally::cli::Context ctx{out, err};
    ctx.print_json_streaming(doc, key, records.size(), [&](std::size_t i) { return records[i]; });
  }
  return out.str();
}

} // namespace

TEST_CASE("a streamed JSON report is the same text as the whole document", "[json_stream]") {
  // Strings that look like the marker or like layout are data, escaped as print_json escapes them.
  const nlohmann::json doc = {{"added", 2},
                              {"format", "vcard"},
                              {"warnings", {"\"allies\": \"\\u0001\"", "line\nbreak \x01"}},
                              {"zeta", {{"nested", {1, 2}}}}};
  const std::vector<nlohmann::json> records = {
      {{"name", "Ann \"A\" Lee"}, {"fields", {"email", "tag"}}, {"number", 1}},
      {{"name", "Bob"}, {"fields", nlohmann::json::array()}, {"reason", nullptr}},
      nlohmann::json::array({1, {{"deep", {{"er", true}}}}})};
  nlohmann::json whole = doc;
  whole["allies"] = records;
  CHECK(streamed(doc, "allies", records) == printed(whole));
  // Sorted first or last among the keys, or alone.
  whole = doc;
  whole["aaa"] = records;
  CHECK(streamed(doc, "aaa", records) == printed(whole));
  whole = doc;
  whole["zzz"] = records;
  CHECK(streamed(doc, "zzz", records) == printed(whole));
  CHECK(streamed(nlohmann::json::object(), "allies", records) ==
        printed(nlohmann::json{{"allies", records}}));
  // No records: an empty array, as print_json writes one.
  whole = doc;
  whole["allies"] = nlohmann::json::array();
  CHECK(streamed(doc, "allies", {}) == printed(whole));
  CHECK(nlohmann::json::parse(streamed(doc, "allies", records))["allies"].size() == 3);
}
