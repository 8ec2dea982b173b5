#pragma once
// Shared by the export, import and merge end-to-end tests: files in the store's folder, and a
// store holding one of everything ally keeps.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/harness.hpp"

namespace ally_test {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::string write_text(const TempStore& s, const std::string& name,
                              const std::string& content) {
  auto path = s.dir() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

// Runs a command that must work, showing its stderr when it does not.
inline Result ok(const TempStore& s, const std::vector<std::string>& args,
                 const std::string& input = {}) {
  auto r = s.run(args, input);
  INFO(args.front() << " failed: " << r.err);
  REQUIRE(r.code == 0);
  return r;
}

// `ally --json import ARGS…`, which must work, as the report it prints.
inline nlohmann::json import_json(const TempStore& s, std::vector<std::string> args) {
  args.insert(args.begin(), {"--json", "import"});
  return nlohmann::json::parse(ok(s, args).out);
}

inline const std::string k_rich_note = "line one\nline two, with \"quotes\" and a tab\there\n"
                                       "ünïcödé — 日本語 🎉";

// One of everything: every field of an ally, several allies in one conversation, an open and
// a closed follow-up, a promise, a thanked favor, an introduction, yearly and one-off dates,
// a topic nobody shares any more, a snoozed and an archived ally, a vCard UID, a setting, and
// tombstones of deleted records.
inline void populate(const TempStore& s) {
  ok(s, {"add",        "Rachel Green",
         "--nick",     "Rach",
         "--nick",     "Рейчел",
         "--org",      "Central Perk",
         "--role",     "Buyer",
         "--city",     "New York",
         "--email",    "rachel@example.com",
         "--email",    "rg@example.org",
         "--phone",    "+1 555 0100",
         "--circle",   "inner",
         "--rel",      "peer",
         "--every",    "2w",
         "--tag",      "fashion",
         "--interest", "The Strokes",
         "--interest", "Murakami",
         "--knows",    "merchandising",
         "--met",      "overheard at the cubicle",
         "--goal",     "run the reporting revamp",
         "--birthday", "05-05",
         "--note",     k_rich_note});
  ok(s, {"add", "José Álvarez", "--circle", "core", "--email", "jose@example.org", "--interest",
         "South American wine", "--birthday", "1980-02-29"});
  ok(s, {"add", "Mary-Jane O'Neil", "--org", "Acme, Inc.", "--every", "none"});
  ok(s, {"add", "Temp Person"});
  ok(s, {"log", "Rachel,José", "coffee about wine", "--kind", "coffee", "--date", "2026-11-20",
         "--interest", "South American wine", "--follow-up", "2026-12-01"});
  ok(s, {"log", "Rachel", "quick call\nsecond line", "--kind", "call", "--date", "2026-11-22",
         "--follow-up", "2026-11-23"});
  ok(s, {"log", "done", "2"});
  ok(s, {"log", "Rachel", "logged by mistake", "--date", "2026-11-01"});
  ok(s, {"log", "rm", "3"});
  ok(s, {"favor", "Rachel", "--gave", "review the deck", "--date", "2026-11-21", "--due",
         "2026-11-30"});
  ok(s, {"favor", "José", "--got", "intro to the CFO", "--date", "2026-11-19"});
  ok(s, {"thank", "José", "--favor", "2", "thanks for the intro"});
  ok(s, {"intro", "Rachel", "José", "both love wine"});
  ok(s, {"date", "José", "work anniversary", "2020-03-01"});
  ok(s, {"date", "Rachel", "launch day", "06-01", "--yearly"});
  ok(s, {"edit", "Rachel", "--drop-interest", "The Strokes"});
  ok(s, {"snooze", "Mary-Jane", "2w"});
  ok(s, {"config", "due.cadence.inner", "21d"});
  ok(s, {"rm", "Temp Person", "--purge", "--yes"});
  ok(s, {"rm", "Mary-Jane"});
  auto card = write_text(s, "one.vcf",
                         "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:chandler-1\r\nFN:Chandler Bing\r\n"
                         "EMAIL:chandler@example.com\r\nEND:VCARD\r\n");
  ok(s, {"import", card});
}

} // namespace ally_test
