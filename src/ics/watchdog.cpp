#include "watchdog.hpp"

#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

namespace ally_ics {
namespace {

void on_timeout(int) {
  // Only async-signal-safe calls: the signal can land inside libical or malloc.
  static const char message[] =
      "ally-ics: error: gave up after 10 s of processing (a recurrence rule without end?)\n";
  ssize_t ignored = ::write(2, message, sizeof message - 1);
  (void)ignored;
  ::_exit(1);
}

} // namespace

void start_watchdog() {
  struct sigaction action {};
  action.sa_handler = on_timeout;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGVTALRM, &action, nullptr);
  // CPU time, not wall time: a loaded machine must not fail a calendar that is merely slow.
  itimerval timer{};
  timer.it_value.tv_sec = watchdog_cpu_seconds;
  ::setitimer(ITIMER_VIRTUAL, &timer, nullptr);
}

} // namespace ally_ics
