#pragma once
// Writing files users asked for (exports, calendars, drawings): all or nothing, regular files only.
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "ally/cleanup.hpp"

namespace ally {

// Refuses (Conflict) a `path` that exists and is not a regular file: a folder, device, FIFO,
// socket or symbolic link is never written into or replaced, --force or not.
void require_regular_target(const std::string& path);

// Creates an empty file, 0600, with a fresh hidden name beside `target` (same folder, so a
// rename makes it the target), and returns its path. Throws StoreError naming `target`.
std::string create_temporary_beside(const std::string& target);

// Writes `content` to a temporary file beside `path` (0600 until finished, then the umask's
// mode), then renames it over `path`, so a reader never sees half a file. Refuses a target that is not a regular file (above); throws
// StoreError naming the path on failure, leaving any existing file as it was. The temporary
// file is removed on every exit path, SIGINT, SIGTERM and SIGHUP included.
void write_file_atomically(const std::string& path, std::string_view content);

// Reads a whole file, or standard input for "-". Throws Conflict naming the path on failure.
std::string read_file_or_stdin(const std::string& path);

// The first `limit` bytes of a file (all of it when shorter), with read_file_or_stdin's errors.
std::string read_file_head(const std::string& path, std::size_t limit);

// The streaming form of write_file_atomically, for exports too large to hold in memory: what is
// written to stream() goes to a temporary file beside `path`; commit() renames it over `path`.
// Destroyed without commit() (an error midway), it removes the temporary file and leaves any
// existing file as it was. Throws StoreError naming the path.
class AtomicFile {
public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return m_stream; }
  // The temporary file, for a program that writes the content itself (Graphviz's `dot -o`):
  // it never starts with '-', so it cannot pass for an option.
  const std::string& temporary_path() const { return m_temp; }
  void commit();

private:
  std::string m_path;
  std::string m_temp;
  std::ofstream m_stream;
  std::optional<RemoveOnSignal> m_cleanup;
  bool m_committed = false;
};

} // namespace ally
