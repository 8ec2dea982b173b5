#pragma once
// The two ways ally-ics refuses: its caller tells "you called me wrong" (exit 2) from "this
// file is not a calendar I can read" (exit 1).
#include <stdexcept>

namespace ally_ics {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

} // namespace ally_ics
