#pragma once
// Starting another program (a pager, Graphviz's dot) directly, never through a shell.
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
};

// Runs `argv` with `input` on its standard input and waits for it. Standard output and error
// are shared with ally. A program that stops reading early (a pager quit with q) is fine.
ProcessResult run_with_input(const std::vector<std::string>& argv, std::string_view input);

} // namespace ally::cli
