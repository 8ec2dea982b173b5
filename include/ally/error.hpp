#pragma once
// One error family for the whole program. Low layers throw these; `main` catches them once,
// prints `ally: error: <message>` (plus the hint) and exits with `exit_code()`.
#include <stdexcept>
#include <string>

namespace ally {

class Error : public std::runtime_error {
public:
  Error(std::string message, int exit_code, std::string hint = {})
      : std::runtime_error(std::move(message)), m_exit_code(exit_code), m_hint(std::move(hint)) {}
  int exit_code() const { return m_exit_code; }
  const std::string& hint() const { return m_hint; }

private:
  int m_exit_code;
  std::string m_hint;
};

// The command line was wrong: bad option, bad date or duration, empty name. Exit 2.
struct UsageError : Error {
  explicit UsageError(std::string message, std::string hint = {})
      : Error(std::move(message), 2, std::move(hint)) {}
};

// Something named does not exist (ally, log number, favor number). Exit 1.
struct NotFound : Error {
  explicit NotFound(std::string message, std::string hint = {})
      : Error(std::move(message), 1, std::move(hint)) {}
};

// A name matched several records. Exit 1.
struct Ambiguous : Error {
  explicit Ambiguous(std::string message, std::string hint = {})
      : Error(std::move(message), 1, std::move(hint)) {}
};

// The data does not allow it: self-introduction, import into a non-empty store, bad file. Exit 1.
struct Conflict : Error {
  explicit Conflict(std::string message, std::string hint = {})
      : Error(std::move(message), 1, std::move(hint)) {}
};

// The store cannot be used: a directory, unreadable, read-only, corrupt, too new. Exit 1.
struct StoreError : Error {
  explicit StoreError(std::string message, std::string hint = {})
      : Error(std::move(message), 1, std::move(hint)) {}
};

} // namespace ally
