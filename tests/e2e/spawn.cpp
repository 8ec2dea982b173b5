#include "e2e/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace ally_test {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

StartGate::StartGate() {
  if (pipe2(m_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
}

StartGate::~StartGate() {
  for (int fd : m_fds) {
    if (fd >= 0) close(fd);
  }
}

void StartGate::open() {
  if (m_fds[1] >= 0) close(m_fds[1]); // every waiting child reads end-of-file and goes
  m_fds[1] = -1;
}

Spawned spawn_ally(const TempStore& store, const std::vector<std::string>& args,
                   const std::string& tag, const StartGate* gate) {
  Spawned p;
  p.out = store.dir() / (tag + ".out");
  p.err = store.dir() / (tag + ".err");
  // ALLY_TEST_BINARY runs these tests against another build (say, to show a fix is needed).
  const char* binary = std::getenv("ALLY_TEST_BINARY");
  std::vector<std::string> argv{binary && *binary ? binary : ALLY_BINARY, "--db", store.db(),
                                "--today", store.today};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env{"NO_COLOR=1", "HOME=" + store.dir().string(), "PATH=/usr/bin:/bin",
                               "LANG=C.UTF-8"};
  for (const char* keep : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) env.push_back(std::string(keep) + "=" + v);
  }
  std::vector<char*> c_argv, c_env;
  for (auto& s : argv) c_argv.push_back(s.data());
  c_argv.push_back(nullptr);
  for (auto& s : env) c_env.push_back(s.data());
  c_env.push_back(nullptr);
  int out = ::open(p.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err = ::open(p.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out < 0 || err < 0 || in < 0) throw std::runtime_error("cannot open output files");
  int gate_fd = gate ? gate->read_end() : -1;
  int gate_writer = gate ? gate->write_end() : -1;
  p.pid = fork();
  if (p.pid < 0) throw std::runtime_error("fork failed");
  if (p.pid == 0) {
    // Only async-signal-safe calls between fork and exec: other test threads may hold locks.
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (gate_fd >= 0) {
      if (gate_writer >= 0) close(gate_writer); // else this child would hold its own gate shut
      char byte;
      while (read(gate_fd, &byte, 1) < 0) {
      }
    }
    execve(c_argv[0], c_argv.data(), c_env.data());
    _exit(127);
  }
  close(out);
  close(err);
  close(in);
  return p;
}

Result wait_for(const Spawned& process) {
  int status = 0;
  while (waitpid(process.pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_all(process.out);
  r.err = read_all(process.err);
  std::error_code ec;
  std::filesystem::remove(process.out, ec);
  std::filesystem::remove(process.err, ec);
  return r;
}

void kill_hard(const Spawned& process) {
  kill(process.pid, SIGKILL);
  wait_for(process);
}

int env_number(const char* name, int fallback) {
  const char* value = std::getenv(name);
  if (!value || !*value) return fallback;
  return std::atoi(value);
}

} // namespace ally_test
