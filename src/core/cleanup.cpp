#include "ally/cleanup.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

namespace ally {
namespace {

// Fixed slots the handler can read without allocating: a few temporary files are ever alive
// at once (an export's, a backup's, the editor's draft).
constexpr std::size_t k_slots = 8;
constexpr std::size_t k_path_max = 4096;
std::array<std::array<char, k_path_max>, k_slots> g_paths{};
std::array<std::atomic<bool>, k_slots> g_used{};
std::atomic<pid_t> g_child{0};

void on_signal(int signal) {
  // Files first, then folders (a private folder goes once the draft inside it is gone);
  // unlink fails on a folder and rmdir on a file, harmlessly.
  for (std::size_t i = 0; i < k_slots; ++i) {
    if (g_used[i].load()) ::unlink(g_paths[i].data());
  }
  for (std::size_t i = 0; i < k_slots; ++i) {
    if (g_used[i].load()) ::rmdir(g_paths[i].data());
  }
  if (pid_t child = g_child.load(); child > 0) ::kill(child, SIGTERM);
  // Ended by the signal, as the shell expects (exit status 128 + signal).
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void install_handlers() {
  static const bool installed = [] {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      ::sigaction(signal, nullptr, &current);
      if (current.sa_handler == SIG_IGN) continue; // nohup: stay ignored
      struct sigaction action {};
      action.sa_handler = on_signal;
      sigemptyset(&action.sa_mask);
      ::sigaction(signal, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

} // namespace

RemoveOnSignal::RemoveOnSignal(const std::string& path) {
  if (path.size() >= k_path_max) return;
  install_handlers();
  for (std::size_t i = 0; i < k_slots; ++i) {
    if (g_used[i].load()) continue;
    std::memcpy(g_paths[i].data(), path.c_str(), path.size() + 1);
    g_used[i].store(true);
    m_slot = static_cast<int>(i);
    return;
  }
}

RemoveOnSignal::~RemoveOnSignal() {
  if (m_slot >= 0) g_used[static_cast<std::size_t>(m_slot)].store(false);
}

EndOnSignal::EndOnSignal(pid_t child) {
  install_handlers();
  g_child.store(child);
}

EndOnSignal::~EndOnSignal() { g_child.store(0); }

} // namespace ally
