#pragma once
#include <iosfwd>

namespace ally::cli {
// Runs ally with these arguments; returns the exit code. Errors are printed on `err`.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
} // namespace ally::cli
