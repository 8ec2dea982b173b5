#include "cli/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <sstream>

#include "ally/cleanup.hpp"

namespace ally::cli {
namespace {

// While the child has the terminal, Ctrl-C is the child's to handle, and a closed pipe must
// not kill ally.
class ChildSignals {
public:
  ChildSignals() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGINT, &ignore, &m_int);
    ::sigaction(SIGQUIT, &ignore, &m_quit);
    ::sigaction(SIGPIPE, &ignore, &m_pipe);
  }
  ~ChildSignals() { restore(); }
  ChildSignals(const ChildSignals&) = delete;
  ChildSignals& operator=(const ChildSignals&) = delete;
  void restore() {
    ::sigaction(SIGINT, &m_int, nullptr);
    ::sigaction(SIGQUIT, &m_quit, nullptr);
    ::sigaction(SIGPIPE, &m_pipe, nullptr);
  }

private:
  struct sigaction m_int {};
  struct sigaction m_quit {};
  struct sigaction m_pipe {};
};

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return; // the reader is gone (EPIPE): nothing more to say
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

} // namespace

std::vector<std::string> command_from_environment(const std::vector<const char*>& variables,
                                                  const std::vector<std::string>& fallback) {
  for (const char* variable : variables) {
    const char* value = std::getenv(variable);
    if (!value)
      continue;
    std::vector<std::string> words;
    std::istringstream in(value);
    for (std::string word; in >> word;)
      words.push_back(word);
    if (!words.empty())
      return words;
  }
  return fallback;
}

ProcessResult run_program(const std::vector<std::string>& command,
                          std::optional<std::string_view> input) {
  ProcessResult result;
  std::vector<std::string> args = command;
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  int data[2];
  int report[2]; // the child reports a failed exec here; a successful exec closes it
  if (::pipe2(data, O_CLOEXEC) != 0) {
    result.error = errno;
    return result;
  }
  if (::pipe2(report, O_CLOEXEC) != 0) {
    result.error = errno;
    ::close(data[0]);
    ::close(data[1]);
    return result;
  }
  ChildSignals guard;
  pid_t pid = ::fork();
  if (pid < 0) {
    result.error = errno;
    for (int fd : {data[0], data[1], report[0], report[1]})
      ::close(fd);
    return result;
  }
  if (pid == 0) {
    guard.restore();
    if (input)
      ::dup2(data[0], STDIN_FILENO);
    ::execvp(argv[0], argv.data());
    int err = errno;
    [[maybe_unused]] auto n = ::write(report[1], &err, sizeof err);
    ::_exit(127);
  }
  // Ended with ally: a closed terminal or a kill must not leave the editor running.
  const EndOnSignal end_child(pid);
  ::close(data[0]);
  ::close(report[1]);
  int exec_error = 0;
  ssize_t got = 0;
  do {
    got = ::read(report[0], &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);
  ::close(report[0]);
  if (input && got != static_cast<ssize_t>(sizeof exec_error))
    write_all(data[1], *input);
  ::close(data[1]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got == static_cast<ssize_t>(sizeof exec_error)) {
    result.error = exec_error;
    return result;
  }
  result.started = true;
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + result.signal;
  return result;
}

} // namespace ally::cli
