// End-to-end: `ally search` finds plain words whatever punctuation or accents they carry,
// passes FTS5 syntax through with --fts (and turns its errors into usage errors), groups hits
// by ally, and prints stable JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("search takes punctuation in words literally", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Mary-Jane O'Neil", "--org", "C++ Guild"}).code == 0);           // #1
  REQUIRE(s.run({"add", "Jane Doe", "--note", "Mary's friend; writes Rust"}).code == 0); // #2
  REQUIRE(s.run({"add", "Carl Mayer"}).code == 0);                                       // #3

  auto r = s.run({"search", "O'Neil"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "Mary-Jane O'Neil (#1)\n"
                 "  profile     name: Mary-Jane «O'Neil»\n");

  r = s.run({"search", "Mary-Jane"});
  CHECK(r.code == 0);
  CHECK(r.out == "Mary-Jane O'Neil (#1)\n"
                 "  profile     name: «Mary-Jane» O'Neil\n");

  r = s.run({"search", "C++"});
  CHECK(r.code == 0);
  CHECK(r.out == "Mary-Jane O'Neil (#1)\n"
                 "  profile     org: «C»++ Guild\n");

  // Quotes, parentheses and FTS5 operators are words like any other without --fts.
  for (const char* text : {"\"Jane", "Jane)", "(Jane", "Jane AND", "NOT Jane", "Jane*", "^Jane"}) {
    r = s.run({"search", text});
    INFO(text);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
  }
  // A word starting with a dash comes after `--`, as in every command.
  r = s.run({"search", "--", "-Jane"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "Jane Doe (#2)"));
  // Every word must match.
  r = s.run({"search", "jane", "rust"});
  CHECK(r.out == "Jane Doe (#2)\n"
                 "  profile     notes: Mary's friend; writes «Rust»\n");
  CHECK(s.run({"search", "jane rust"}).out == r.out);
}

TEST_CASE("search ignores case and accents both ways", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "José Álvarez", "--city", "Málaga"}).code == 0);
  REQUIRE(s.run({"add", "Zoe Smith", "--note", "café at the crème brûlée place"}).code == 0);
  for (const char* text : {"jose", "JOSÉ", "José", "alvarez", "malaga"}) {
    INFO(text);
    auto r = s.run({"search", text});
    CHECK(r.code == 0);
    CHECK(contains(r.out, "José Álvarez (#1)"));
  }
  auto r = s.run({"search", "creme", "brulee"});
  CHECK(r.out == "Zoe Smith (#2)\n"
                 "  profile     notes: café at the «crème» «brûlée» place\n");
}

TEST_CASE("search --fts passes FTS5 syntax through", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--note", "loves The Strokes"}).code == 0);
  REQUIRE(s.run({"add", "John Smith", "--note", "reads Murakami"}).code == 0);
  REQUIRE(s.run({"add", "Sarah Lee", "--goal", "lead the platform project"}).code == 0);

  auto r = s.run({"--json", "search", "--fts", "strokes OR murakami"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  REQUIRE(j.size() == 2);

  r = s.run({"search", "--fts", "Mura*"});
  CHECK(r.out == "John Smith (#2)\n"
                 "  profile     notes: reads «Murakami»\n");
  // Without --fts the star is literal: no word "mura".
  CHECK(s.run({"search", "Mura*"}).out == "No matches for 'Mura*'.\n");

  r = s.run({"search", "--fts", "goals: project"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "Sarah Lee (#3)"));
  r = s.run({"search", "--fts", "\"the strokes\" NOT murakami"});
  CHECK(contains(r.out, "Rachel Green (#1)"));
  CHECK_FALSE(contains(r.out, "John"));
}

TEST_CASE("a bad FTS5 query is a usage error, never a crash", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto before = s.dump();
  for (const char* query : {"rachel AND", "\"unclosed", "(rachel", "NEAR(", "*",
                            "rachel:", "nosuchcolumn: rachel", "AND OR NOT"}) {
    INFO(query);
    auto r = s.run({"search", "--fts", query});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind(std::string("ally: error: bad search query '") + query + "'", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK(s.dump() == before);
}

TEST_CASE("search needs some text", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  for (const char* text : {"", "   "}) {
    auto r = s.run({"search", text});
    CHECK(r.code == 2);
    CHECK(r.err == "ally: error: empty search: give the words to look for\n");
  }
  CHECK(s.run({"search"}).code == 2);
}

TEST_CASE("no matches is a kind message, not an error", "[e2e][search]") {
  TempStore s;
  auto r = s.run({"search", "zebra"});
  CHECK(r.code == 0);
  CHECK(r.out == "No matches for 'zebra'.\n");
  CHECK(r.err == "ally: hint: words match whole words; for words starting so: ally search --fts "
                 "'zebra*'\n");
  CHECK_FALSE(std::filesystem::exists(s.db()));
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  CHECK(s.run({"search", "zebra"}).out == "No matches for 'zebra'.\n");
  CHECK(s.run({"search", "mura", "ka"}).err.find("ally search --fts 'mura* ka*'") !=
        std::string::npos);
  CHECK(s.run({"--json", "search", "zebra"}).out == "[]\n");
  // Words made only of punctuation match nothing.
  CHECK(s.run({"search", "--", "-"}).out == "No matches for '-'.\n");
}

TEST_CASE("search groups hits by ally, best first, and marks archived allies", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--note", "wine lover"}).code == 0);        // #1
  REQUIRE(s.run({"add", "John Smith"}).code == 0);                                  // #2
  REQUIRE(s.run({"add", "Old Friend", "--met", "wine tasting in 2019"}).code == 0); // #3
  REQUIRE(s.run({"favor", "John", "--got", "brought a South American wine", "--date", "2026-11-01"})
              .code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--gave", "wine list for the party", "--date", "2026-10-02"})
              .code == 0);
  REQUIRE(s.run({"rm", "Old Friend"}).code == 0);

  auto r = s.run({"search", "wine"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "Rachel Green (#1)\n"));
  CHECK(contains(r.out, "  2026-10-02  favor #2 (gave): «wine» list for the party\n"));
  CHECK(contains(r.out, "  profile     notes: «wine» lover\n"));
  CHECK(contains(
      r.out, "John Smith (#2)\n  2026-11-01  favor #1 (got): brought a South American «wine»\n"));
  CHECK(contains(r.out, "Old Friend (#3), archived\n  profile     met: «wine» tasting in 2019\n"));
  // Each ally's block is together: Rachel's two hits follow her name.
  auto rachel = r.out.find("Rachel Green (#1)");
  auto next_block = r.out.find("\n\n", rachel);
  CHECK(r.out.find("favor #2", rachel) < next_block);
  CHECK(r.out.find("notes: «wine»", rachel) < next_block);

  auto j = json::parse(s.run({"--json", "search", "wine"}).out);
  REQUIRE(j.size() == 3);
  for (const auto& group : j) {
    CHECK(group["ally"].contains("number"));
    CHECK(group["ally"].contains("id"));
    CHECK(group["ally"].contains("name"));
    CHECK(group["ally"]["archived"] == (group["ally"]["number"] == 3));
  }
}

TEST_CASE("search --json keys", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--note", "The Strokes fan"}).code == 0);
  REQUIRE(s.run({"favor", "Rachel", "--got", "Strokes tickets", "--date", "2026-11-20"}).code == 0);
  auto r = s.run({"--json", "search", "strokes"});
  REQUIRE(r.code == 0);
  auto j = json::parse(r.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["ally"]["number"] == 1);
  CHECK(j[0]["ally"]["name"] == "Rachel Green");
  CHECK(j[0]["ally"]["id"].get<std::string>().size() == 36);
  REQUIRE(j[0]["hits"].size() == 2);
  for (const auto& hit : j[0]["hits"]) {
    for (const auto* key : {"kind", "number", "date", "field", "snippet", "text"}) {
      INFO(key);
      CHECK(hit.contains(key));
    }
  }
  json favor, profile;
  for (const auto& hit : j[0]["hits"]) (hit["kind"] == "favor" ? favor : profile) = hit;
  CHECK(favor["number"] == 1);
  CHECK(favor["date"] == "2026-11-20");
  CHECK(favor["field"] == "text");
  CHECK(favor["snippet"] == "«Strokes» tickets");
  CHECK(favor["text"] == "Strokes tickets");
  CHECK(profile["kind"] == "ally");
  CHECK(profile["number"] == 1);
  CHECK(profile["date"].is_null());
  CHECK(profile["field"] == "notes");
  CHECK(profile["text"] == "The Strokes fan");
}

TEST_CASE("search --limit cuts the list and says so", "[e2e][search]") {
  TempStore s;
  for (const char* name : {"Ann Wine", "Bob Wine", "Cy Wine"})
    REQUIRE(s.run({"add", name}).code == 0);
  auto r = s.run({"search", "wine", "--limit", "2"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "\nShowing the best 2 of 3 matches; --limit 3 shows them all.\n"));
  CHECK(json::parse(s.run({"--json", "search", "wine", "--limit", "2"}).out).size() == 2);
  CHECK(json::parse(s.run({"--json", "search", "wine", "--limit", "0"}).out).size() == 3);
  CHECK(s.run({"search", "wine", "--limit", "-1"}).code == 2);
}

TEST_CASE("search finds logged conversations under each ally present", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  REQUIRE(s.run({"add", "John Smith"}).code == 0);
  REQUIRE(s.run({"log", "Rachel,John", "lunch about the Strokes reunion", "--kind", "lunch",
                 "--date", "2026-11-20"})
              .code == 0);
  auto r = s.run({"search", "reunion"});
  CHECK(r.code == 0);
  CHECK(contains(r.out,
                 "Rachel Green (#1)\n  2026-11-20  lunch #1: lunch about the Strokes «reunion»\n"));
  CHECK(contains(r.out,
                 "John Smith (#2)\n  2026-11-20  lunch #1: lunch about the Strokes «reunion»\n"));
  auto j = json::parse(s.run({"--json", "search", "reunion"}).out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["hits"][0]["kind"] == "interaction");
  CHECK(j[0]["hits"][0]["number"] == 1);
  CHECK(j[0]["hits"][0]["date"] == "2026-11-20");
  CHECK(j[0]["hits"][0]["field"] == "note");
}

TEST_CASE("search finds an ally by every word ally keeps about them", "[e2e][search]") {
  TempStore s;
  REQUIRE(s.run({"add", "Priya Raman", "--email", "priya@acme.example", "--phone", "+1 555 0142",
                 "--tag", "platform", "--knows", "kubernetes", "--interest", "murakami",
                 "--rel", "mentor", "--circle", "inner", "--nick", "Pri"})
              .code == 0);
  REQUIRE(s.run({"add", "Ben Okafor", "--interest", "Murakami"}).code == 0);
  REQUIRE(s.run({"date", "Ben", "work anniversary", "2020-03-01"}).code == 0);
  const std::pair<const char*, const char*> cases[] = {
      {"priya@acme.example", "emails"}, {"555 0142", "phones"}, {"platform", "tags"},
      {"kubernetes", "expertise"},      {"mentor", "relationship"}, {"inner", "circle"},
      {"pri", "nicknames"}};
  for (const auto& [query, field] : cases) {
    auto r = s.run({"--json", "search", query});
    REQUIRE(r.code == 0);
    auto doc = json::parse(r.out);
    INFO(query);
    REQUIRE(doc.size() == 1);
    CHECK(doc[0]["ally"]["name"] == "Priya Raman");
    CHECK(doc[0]["hits"][0]["field"] == field);
  }
  // An interest two allies share finds both; a date's label finds its ally.
  auto both = json::parse(s.run({"--json", "search", "murakami"}).out);
  CHECK(both.size() == 2);
  CHECK(both[0]["hits"][0]["field"] == "interests");
  auto dated = json::parse(s.run({"--json", "search", "anniversary"}).out);
  REQUIRE(dated.size() == 1);
  CHECK(dated[0]["hits"][0]["field"] == "dates");
  CHECK(s.run({"search", "kubernetes"}).out.find("profile     expertise: «kubernetes»") !=
        std::string::npos);

  // The index follows edits and undo, and `check` finds it sound.
  REQUIRE(s.run({"edit", "Priya", "--drop-knows", "kubernetes"}).code == 0);
  CHECK(json::parse(s.run({"--json", "search", "kubernetes"}).out).empty());
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(json::parse(s.run({"--json", "search", "kubernetes"}).out).size() == 1);
  REQUIRE(s.run({"date", "rm", "Ben", "work anniversary"}).code == 0);
  CHECK(json::parse(s.run({"--json", "search", "anniversary"}).out).empty());
  REQUIRE(s.run({"undo"}).code == 0);
  CHECK(json::parse(s.run({"--json", "search", "anniversary"}).out).size() == 1);
  CHECK(s.run({"check"}).code == 0);
}
