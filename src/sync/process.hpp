#pragma once
// Starting a program with an argument vector, never through a shell, and collecting what it
// says. The sync uses it to run `git`.
#include <string>
#include <vector>

namespace ally::sync {

struct ProcessResult {
  int status = -1; // the exit status; 128 + N when killed by signal N
  std::string out;
  std::string err;
  bool ok() const { return status == 0; }
};

struct ProcessOptions {
  std::string cwd;   // where it runs; empty: here
  std::string input; // written to its standard input, which is then closed
  // Variables removed from the environment it inherits (GIT_DIR and friends would point git
  // at another repository).
  std::vector<std::string> unset;
  // Variables set for it ("NAME=value"), replacing any inherited value.
  std::vector<std::string> set;
};

// Runs argv[0] (looked up in PATH) with `argv`, waits for it and returns its status and
// output. Throws Error (exit 1) when the program cannot be started at all.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options);

} // namespace ally::sync
