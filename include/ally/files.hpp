#pragma once
// Writing files users asked for (exports, calendars): all or nothing.
#include <fstream>
#include <string>
#include <string_view>

namespace ally {

// Writes `content` to a temporary file beside `path`, then renames it over `path`, so a reader
// never sees half a file. The file gets the user's umask (0666 & ~umask). A device or pipe
// (/dev/stdout, a FIFO) is written in place instead, never replaced. Throws StoreError
// naming the path on failure, leaving any existing file as it was.
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
  void commit();

private:
  std::string m_path;
  std::string m_temp;
  std::ofstream m_stream;
  bool m_committed = false;
  bool m_direct = false; // a device or pipe, written in place
};

} // namespace ally
