#pragma once
#include <cstdio>

namespace ally_ics {

// libical prints its parser's complaints ("Encountered END before BEGIN") to stderr, where the
// caller expects at most one "ally-ics: error:" line. Points the stdio stream `stderr` at
// /dev/null and returns the real one for our own messages. File descriptor 2 is left alone,
// so a sanitizer's report (written to the descriptor) still reaches the caller.
std::FILE* quiet_library_stderr();

} // namespace ally_ics
