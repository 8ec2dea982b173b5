// Help that teaches (issue 24, point 7): every `ally CMD --help` ends with examples and the
// global options, and every example is a command ally accepts, run here on a small store.
#include <catch2/catch.hpp>

#include <sstream>

#include "e2e/harness.hpp"

using ally_test::TempStore;

namespace {

// The command names `ally --help` lists.
std::vector<std::string> commands(const TempStore& s) {
  std::istringstream in(s.run({"--help"}).out);
  std::vector<std::string> names;
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Subcommands:", 0) == 0) {
      listing = true;
    } else if (listing && line.size() > 2 && line[0] == ' ' && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (listing && line.empty()) {
      listing = false;
    }
  }
  return names;
}

// The lines under "Examples:" of a help text.
std::vector<std::string> examples(const std::string& help) {
  std::istringstream in(help);
  std::vector<std::string> lines;
  bool listing = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "Examples:") {
      listing = true;
    } else if (listing && line.rfind("  ally ", 0) == 0) {
      lines.push_back(line.substr(2));
    } else if (listing) {
      break;
    }
  }
  return lines;
}

// Splits a command line as a shell would for the quoting the examples use; stops at `>`.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) quote = 0;
      else word += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ') {
      if (in_word) out.push_back(word);
      word.clear();
      in_word = false;
    } else if (c == '>' && !in_word) {
      return out;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) out.push_back(word);
  return out;
}

} // namespace

TEST_CASE("every command's help ends with examples and the global options", "[e2e][help]") {
  TempStore s;
  const auto names = commands(s);
  REQUIRE(names.size() > 25);
  for (const auto& name : names) {
    INFO(name);
    auto r = s.run({name, "--help"});
    CHECK(r.code == 0);
    CHECK(examples(r.out).size() >= 1);
    CHECK(r.out.find("Global options, before or after the command: --json") != std::string::npos);
    std::istringstream in(r.out);
    bool in_examples = false;
    for (std::string line; std::getline(in, line);) {
      if (line == "Examples:") in_examples = true;
      if (in_examples) CHECK(line.size() <= 80);
    }
  }
}

TEST_CASE("every example in the help is a command ally accepts", "[e2e][help]") {
  TempStore s;
  for (const char* name : {"Rachel Green", "John Smith", "Mei Chen", "Nadia Popescu",
                           "Ben Okafor", "Ann Lee", "Bob Ray", "Cid Moss", "Dee Park"})
    REQUIRE(s.run({"add", name}).code == 0);
  for (int i = 0; i < 12; ++i)
    REQUIRE(s.run({"log", "Rachel", "chat", "--follow-up", "friday"}).code == 0);
  for (int i = 0; i < 7; ++i)
    REQUIRE(s.run({"favor", "Ben", "--gave", "a hand", "--due", "friday"}).code == 0);
  for (int i = 0; i < 3; ++i)
    REQUIRE(s.run({"intro", "Ann", "Bob"}).code == 0);
  REQUIRE(s.run({"export", "-o", (s.dir() / "ally.json").string()}).code == 0);
  REQUIRE(s.run({"export", "--format", "vcard", "-o", (s.dir() / "contacts.vcf").string()}).code == 0);

  for (const auto& name : commands(s)) {
    // Sync needs a reachable remote; its examples are checked for their form only.
    if (name == "sync") continue;
    for (const auto& line : examples(s.run({name, "--help"}).out)) {
      auto args = words(line);
      REQUIRE(args.size() >= 2);
      args.erase(args.begin()); // "ally"
      // Files the examples name go in the test's folder.
      for (auto& a : args) {
        for (const char* ext : {".json", ".vcf", ".ics", ".svg", ".db"}) {
          if (a.size() > 4 && a.ends_with(ext))
            a = (s.dir() / std::filesystem::path(a).filename()).string();
        }
      }
      INFO(line);
      auto r = s.run(args);
      INFO(r.err);
      // Exit 1 is a run-time answer (Graphviz missing, `restore` of an active ally); exit 2
      // would be an example ally does not understand.
      CHECK(r.code != 2);
      CHECK(r.err.find("ally: error: ") == (r.code == 0 ? std::string::npos : 0));
    }
  }
}
