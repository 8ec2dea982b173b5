#include "sync/git.hpp"

#include <sstream>

#include <fmt/format.h>

#include "ally/error.hpp"

namespace ally::sync {

std::string last_line(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' '))
    trimmed.pop_back();
  auto nl = trimmed.rfind('\n');
  return nl == std::string::npos ? trimmed : trimmed.substr(nl + 1);
}

std::string git_reason(const ProcessResult& r) {
  std::string reason;
  std::istringstream in(r.err + r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("fatal: ", 0) == 0 || line.rfind("error: ", 0) == 0 ||
        line.rfind("remote: ", 0) == 0) {
      if (!reason.empty())
        reason += "; ";
      reason += line;
    }
  }
  if (reason.empty())
    reason = last_line(r.err.empty() ? r.out : r.err);
  if (reason.empty())
    reason = fmt::format("git exited with status {}", r.status);
  return reason;
}

ProcessResult Git::run(const std::vector<std::string>& args, const std::string& input) {
  // Commits are ally's, not the user's: the remote learns no name, email or host from them.
  // A symlink in a tree is checked out as a plain file, should one ever get past the checks.
  std::vector<std::string> argv{"git",
                                "-C",
                                m_dir,
                                "-c",
                                "core.quotepath=false",
                                "-c",
                                "user.name=ally sync",
                                "-c",
                                "user.email=ally-sync@localhost",
                                "-c",
                                "user.useConfigOnly=false",
                                "-c",
                                "commit.gpgSign=false",
                                "-c",
                                "core.symlinks=false",
                                "-c",
                                "core.fsmonitor=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.input = input;
  options.unset = {"GIT_DIR",           "GIT_WORK_TREE",
                   "GIT_INDEX_FILE",    "GIT_OBJECT_DIRECTORY",
                   "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                   "GIT_NAMESPACE",     "GIT_PREFIX",
                   "GIT_AUTHOR_NAME",   "GIT_AUTHOR_EMAIL",
                   "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
                   "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
                   "EMAIL"};
  options.set = m_env;
  return run_process(argv, options);
}

std::string Git::must(const std::vector<std::string>& args, const std::string& what,
                      const std::string& input) {
  auto r = run(args, input);
  if (!r.ok())
    throw Conflict(fmt::format("sync: {} failed: {}", what, git_reason(r)));
  return r.out;
}

std::optional<std::string> Git::commit_of(const std::string& ref) {
  auto r = run({"rev-parse", "-q", "--verify", ref + "^{commit}"});
  if (!r.ok())
    return std::nullopt;
  return last_line(r.out);
}

} // namespace ally::sync
