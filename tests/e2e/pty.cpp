#include "e2e/pty.hpp"

#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace ally_test {

Result run_on_terminal(const TempStore& store, const std::vector<std::string>& args,
                       unsigned short columns, unsigned short rows,
                       const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> vars{{"NO_COLOR", "1"},         {"HOME", store.dir().string()},
                                          {"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"},
                                          {"TERM", "xterm"},         {"PAGER", "cat"}};
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> env_strings;
  for (const char* keep : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) env_strings.push_back(std::string(keep) + "=" + v);
  }
  for (const auto& [k, v] : vars) env_strings.push_back(k + "=" + v);
  std::vector<std::string> argv{ALLY_BINARY, "--db", store.db(), "--today", store.today};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_env, c_argv;
  for (auto& s : env_strings) c_env.push_back(s.data());
  c_env.push_back(nullptr);
  for (auto& s : argv) c_argv.push_back(s.data());
  c_argv.push_back(nullptr);

  winsize size{};
  size.ws_col = columns;
  size.ws_row = rows;
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    execve(c_argv[0], c_argv.data(), c_env.data());
    _exit(127);
  }
  Result r;
  std::string raw;
  char buffer[4096];
  for (;;) {
    ssize_t n = read(master, buffer, sizeof buffer);
    if (n > 0) {
      raw.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break; // EIO once the child and every copy of the terminal are gone
    }
  }
  close(master);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    r.out += raw[i];
  }
  return r;
}

std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0, current = 0;
  for (char c : text) {
    if (c == '\n') {
      widest = std::max(widest, current);
      current = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++current;
    }
  }
  return std::max(widest, current);
}

} // namespace ally_test
