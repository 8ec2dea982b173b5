// A word chosen from a list and mistyped gets "did you mean", in ally's words, with the words in
// the order typed and the help of the command at hand (issue 24, point 2).
#include <catch2/catch.hpp>

#include "e2e/harness.hpp"

using ally_test::TempStore;

TEST_CASE("typos in commands, options and listed words suggest the right one", "[e2e][typos]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  const auto before = s.dump();
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"lgo", "Rachel", "hi"}, "unknown command 'lgo' — did you mean 'log'? see 'ally --help'"},
      {{"due", "--explian"},
       "unknown option '--explian' for 'ally due' — did you mean '--explain'? see 'ally due --help'"},
      {{"--jsn", "due"},
       "unknown option '--jsn' for 'ally due' — did you mean '--json'? see 'ally due --help'"},
      {{"snooze", "Rachel"},
       "'ally snooze' needs UNTIL (a duration (2w), a date (2026-12-01, friday), or off) — see "
       "'ally snooze --help'"},
      {{"sync", "init"}, "'ally sync init' needs REMOTE"},
      {{"show", "Rachel", "extra", "two words"},
       "'ally show' does not take the words 'extra', 'two words' — see 'ally show --help'"},
      {{"log", "Rachel", "--kind", "emal"}, "unknown kind 'emal' — did you mean 'email'?"},
      {{"list", "--sort", "nmae"},
       "bad --sort 'nmae': use name, last or due — did you mean 'name'? see 'ally list --help'"},
      {{"config", "due.limt", "3"}, "unknown setting 'due.limt' — did you mean 'due.limit'?"},
      {{"help", "lgo"}, "no command 'lgo' — did you mean 'log'?"},
      {{"help", "nams"}, "no command 'nams' — did you mean 'names'?"},
      {{"log", "Rachel", "--kind"}, "--kind needs a value — see 'ally log --help'"},
      {{"frobnicate"}, "unknown command 'frobnicate' — see 'ally --help'"}, // nothing close
  };
  for (const auto& c : cases) {
    INFO(c.args.front() << " " << (c.args.size() > 1 ? c.args[1] : ""));
    auto r = s.run(c.args);
    CHECK(r.code == 2);
    CHECK(r.err.rfind("ally: error: " + c.err, 0) == 0);
    CHECK(r.out.empty());
  }
  CHECK(s.dump() == before);
}

TEST_CASE("a mistyped name, first or last, suggests the ally", "[e2e][typos][names]") {
  TempStore s;
  REQUIRE(s.run({"add", "Sarah Lindqvist"}).code == 0);
  REQUIRE(s.run({"add", "John Okafor Jr."}).code == 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"lindqvst", "did you mean 'Sarah Lindqvist' (#1)?"},
      {"sarha", "did you mean 'Sarah Lindqvist' (#1)?"},
      {"okafr", "did you mean 'John Okafor Jr.' (#2)?"},
  };
  for (const auto& [typed, hint] : cases) {
    INFO(typed);
    auto r = s.run({"show", typed});
    CHECK(r.code == 1);
    CHECK(r.err.find("no ally named '" + typed + "'") != std::string::npos);
    CHECK(r.err.find(hint) != std::string::npos);
  }
  // Nothing close: no guess.
  CHECK(s.run({"show", "zebulon"}).err.find("did you mean") == std::string::npos);
}
