#pragma once
// Starts `ally` processes without waiting for them, for the tests that run many at once
// (concurrency) or kill them half-way (crashes). Output goes to files, so no pipe of one
// process is inherited by another started meanwhile from another thread.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/harness.hpp"

namespace ally_test {

struct Spawned {
  pid_t pid = -1;
  std::filesystem::path out;
  std::filesystem::path err;
};

// Holds processes started with it until `open()`, so they start at the same moment.
class StartGate {
public:
  StartGate();
  ~StartGate();
  StartGate(const StartGate&) = delete;
  StartGate& operator=(const StartGate&) = delete;
  void open();
  int read_end() const { return m_fds[0]; }
  int write_end() const { return m_fds[1]; }

private:
  int m_fds[2] = {-1, -1};
};

// Runs `ally --db <db> --today <today> args…` like TempStore::run, writing stdout and stderr to
// files in the store's folder named after `tag` (unique per process). With a gate, the
// process waits for it to open before it starts ally.
Spawned spawn_ally(const TempStore& store, const std::vector<std::string>& args,
                   const std::string& tag, const StartGate* gate = nullptr);

// Waits for the process; code is its exit status, or 128 + signal.
Result wait_for(const Spawned& process);

// Sends SIGKILL and reaps it.
void kill_hard(const Spawned& process);

// A whole number from the environment, else `fallback` (for longer, bench-like runs).
int env_number(const char* name, int fallback);

} // namespace ally_test
