#pragma once
// The `git` program as the sync runs it: in the work tree, never through a shell, always as
// ally's own committer and never with the user's hooks, signing or GIT_* variables.
#include <optional>
#include <string>
#include <vector>

#include "sync/process.hpp"

namespace ally::sync {

// The last non-blank line of `text`.
std::string last_line(const std::string& text);

// git's own words for why it failed: its "fatal:"/"error:" lines, else its last line.
std::string git_reason(const ProcessResult& r);

class Git {
public:
  explicit Git(std::string dir) : m_dir(std::move(dir)) {}

  ProcessResult run(const std::vector<std::string>& args, const std::string& input = {});

  // Runs git and returns its output; throws Conflict saying what failed and why.
  std::string must(const std::vector<std::string>& args, const std::string& what,
                   const std::string& input = {});

  std::optional<std::string> commit_of(const std::string& ref);

  // Variables for every git started from now on ("NAME=value"), seen by the merge driver.
  void set_env(std::vector<std::string> env) { m_env = std::move(env); }

  const std::string& dir() const { return m_dir; }

private:
  std::string m_dir;
  std::vector<std::string> m_env;
};

} // namespace ally::sync
