#pragma once
// What ally must undo if it is stopped midway (Ctrl-C, a closed terminal, `kill`): temporary
// files it created beside a target or for the editor, and a child (the editor) it is waiting
// for. On SIGINT, SIGTERM or SIGHUP the handler removes the registered files, ends the child,
// and lets the signal end ally as it would have.
#include <sys/types.h>

#include <string>

namespace ally {

// Registers `path` (a file, or an empty folder) for removal on those signals for as long as the object lives; the file
// itself is left alone when the object goes (its owner renames or removes it).
class RemoveOnSignal {
public:
  explicit RemoveOnSignal(const std::string& path);
  ~RemoveOnSignal();
  RemoveOnSignal(const RemoveOnSignal&) = delete;
  RemoveOnSignal& operator=(const RemoveOnSignal&) = delete;

private:
  int m_slot = -1;
};

// Registers a child process to end (SIGTERM) on those signals, for as long as the object lives.
class EndOnSignal {
public:
  explicit EndOnSignal(pid_t child);
  ~EndOnSignal();
  EndOnSignal(const EndOnSignal&) = delete;
  EndOnSignal& operator=(const EndOnSignal&) = delete;
};

} // namespace ally
