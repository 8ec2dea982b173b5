#pragma once
// CLI11's parse errors in ally's words: the real option names, the words in the order typed, a
// "did you mean" where a word was chosen from a list, and the help of the command at hand.
#include <string>

#include <CLI/CLI.hpp>

namespace ally::cli {

struct ParseProblem {
  std::string message;
  std::string hint;
};

// REQUIRES: `app` is the top-level app `error` came from, in the state parse() left it.
ParseProblem explain_parse_error(const CLI::ParseError& error, CLI::App& app);

} // namespace ally::cli
