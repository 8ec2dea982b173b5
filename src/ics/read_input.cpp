#include "read_input.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "failure.hpp"

namespace ally_ics {

std::string read_input(const std::string& file) {
  const bool from_stdin = file == "-";
  int fd = from_stdin ? 0 : ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Failure("cannot open " + file + ": " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      if (!from_stdin) ::close(fd);
      throw Failure("cannot read " + (from_stdin ? std::string("stdin") : file) + ": " +
                    std::strerror(error));
    }
    if (n == 0) break;
    // Checked before appending, so a stream without end stops here and not out of memory.
    if (text.size() + static_cast<std::size_t>(n) > max_input_bytes) {
      if (!from_stdin) ::close(fd);
      throw Failure((from_stdin ? std::string("stdin") : file) + " is larger than 256 MiB");
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  if (!from_stdin) ::close(fd);
  return text;
}

} // namespace ally_ics
