#pragma once
// Runs `ally` on a real pseudo-terminal of a given size, as a person at a terminal sees it:
// stdout and stderr are the terminal, so ally takes its width, its height and "a TTY" from
// the kernel, not from COLUMNS.
#include <map>
#include <string>
#include <vector>

#include "e2e/harness.hpp"

namespace ally_test {

// `ally --db <db> --today <today> args…` on a terminal of `columns` × `rows` with NO_COLOR=1,
// no pager (PAGER=cat) and no COLUMNS/LINES. `out` holds what the terminal showed
// (stdout and stderr together), with the terminal's "\r\n" read back as "\n".
Result run_on_terminal(const TempStore& store, const std::vector<std::string>& args,
                       unsigned short columns, unsigned short rows = 24,
                       const std::map<std::string, std::string>& env = {});

// The widest line of `text`, in terminal columns (UTF-8 code points; ally's output is
// escaped text with no wide characters in these tests).
std::size_t widest_line(const std::string& text);

} // namespace ally_test
