#include "sync/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "ally/error.hpp"

extern char** environ;

namespace ally::sync {
namespace {

// Pipe ends closed however run_process leaves.
class Fd {
public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = other.m_fd;
      other.m_fd = -1;
    }
    return *this;
  }
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0)
      ::close(m_fd);
    m_fd = -1;
  }

private:
  int m_fd = -1;
};

struct Pipe {
  Fd read, write;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw Error(fmt::format("cannot start a program: {}", std::strerror(errno)), 1);
  Pipe p;
  p.read = Fd(fds[0]);
  p.write = Fd(fds[1]);
  return p;
}

std::vector<std::string> environment_without(const std::vector<std::string>& unset) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    bool drop = false;
    for (const auto& u : unset)
      drop = drop || name == u;
    if (!drop)
      env.push_back(std::move(entry));
  }
  return env;
}

// Feeds the input and drains both outputs together, so neither side blocks on a full pipe.
void exchange(int in, int out, int err, const std::string& input, ProcessResult& result) {
  std::size_t written = 0;
  if (input.empty() && in >= 0) {
    ::close(in);
    in = -1;
  }
  char buffer[65536];
  while (out >= 0 || err >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    auto watch = [&](int fd, short events) {
      if (fd >= 0)
        fds[n++] = pollfd{fd, events, 0};
    };
    watch(out, POLLIN);
    watch(err, POLLIN);
    watch(in, POLLOUT);
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (!fds[i].revents)
        continue;
      int fd = fds[i].fd;
      if (fd == in) {
        ssize_t w = ::write(in, input.data() + written, input.size() - written);
        if (w > 0)
          written += static_cast<std::size_t>(w);
        if (w < 0 && errno != EINTR && errno != EAGAIN)
          written = input.size(); // the program stopped reading
        if (written == input.size()) {
          ::close(in);
          in = -1;
        }
        continue;
      }
      ssize_t r = ::read(fd, buffer, sizeof buffer);
      if (r > 0) {
        (fd == out ? result.out : result.err).append(buffer, static_cast<std::size_t>(r));
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        (fd == out ? out : err) = -1;
      }
    }
  }
  if (in >= 0)
    ::close(in);
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  std::vector<std::string> args = argv;
  std::vector<char*> c_argv;
  for (auto& a : args)
    c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::vector<std::string> unset = options.unset;
  for (const auto& entry : options.set)
    unset.push_back(entry.substr(0, entry.find('=')));
  std::vector<std::string> env = environment_without(unset);
  env.insert(env.end(), options.set.begin(), options.set.end());
  std::vector<char*> c_env;
  for (auto& e : env)
    c_env.push_back(e.data());
  c_env.push_back(nullptr);

  Pipe in = make_pipe(), out = make_pipe(), err = make_pipe(), report = make_pipe();
  // A child writing to a pipe we closed must not kill us.
  ::signal(SIGPIPE, SIG_IGN);
  pid_t pid = ::fork();
  if (pid < 0)
    throw Error(fmt::format("cannot start {}: {}", argv.front(), std::strerror(errno)), 1);
  if (pid == 0) {
    ::dup2(in.read.get(), 0);
    ::dup2(out.write.get(), 1);
    ::dup2(err.write.get(), 2);
    if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) {
      int e = errno;
      [[maybe_unused]] auto n = ::write(report.write.get(), &e, sizeof e);
      ::_exit(127);
    }
    ::execvpe(c_argv[0], c_argv.data(), c_env.data());
    int e = errno;
    [[maybe_unused]] auto n = ::write(report.write.get(), &e, sizeof e);
    ::_exit(127);
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();
  report.write.reset();
  int exec_error = 0;
  ssize_t got = 0;
  do {
    got = ::read(report.read.get(), &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);

  ProcessResult result;
  if (got != static_cast<ssize_t>(sizeof exec_error)) {
    int in_fd = ::dup(in.write.get());
    in.write.reset();
    exchange(in_fd, out.read.get(), err.read.get(), options.input, result);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got == static_cast<ssize_t>(sizeof exec_error)) {
    throw Error(fmt::format("cannot start {}: {}", argv.front(), std::strerror(exec_error)), 1,
                argv.front() == "git" ? "ally sync needs git: install it (e.g. apt install git)"
                                      : std::string());
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

} // namespace ally::sync
