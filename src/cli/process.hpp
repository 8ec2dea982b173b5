#pragma once
// Starting another program (a pager, Graphviz's dot) directly, never through a shell.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ally::cli {

// The words of the first of `variables` that is set and not blank, split on white space
// ("less -R" is two words), else `fallback`. Nothing in the value is interpreted.
std::vector<std::string> command_from_environment(const std::vector<const char*>& variables,
                                                  const std::vector<std::string>& fallback);

struct ProcessResult {
  bool started = false; // false: the program could not be run (`error` says why)
  int error = 0;        // errno of the failed exec
  int exit_code = 0;    // the program's exit status, or 128 + signal
  int signal = 0;       // the signal that stopped it, if one did
};

// Runs `argv` and waits for it, with `input` on its standard input, or ally's own standard
// input (an editor's terminal) when there is none. Standard output and error are shared with
// ally. A program that stops reading early (a pager quit with q) is fine. While it runs, Ctrl-C
// is the program's to handle.
ProcessResult run_program(const std::vector<std::string>& argv,
                          std::optional<std::string_view> input = std::nullopt);

} // namespace ally::cli
