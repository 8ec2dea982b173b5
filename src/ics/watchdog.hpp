#pragma once

namespace ally_ics {

// libical's recurrence iterator can spin inside one call for minutes on a legal rule (a
// FREQ=SECONDLY rule with BYMONTH steps second by second until the month comes), where no
// budget of ours can count. After this much CPU time the process prints one error line and
// exits 1, as for any other calendar it cannot read.
inline constexpr int watchdog_cpu_seconds = 10;

void start_watchdog();

} // namespace ally_ics
