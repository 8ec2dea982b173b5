#include "ally/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <random>

#include <fmt/format.h>

#include "ally/error.hpp"

namespace ally {
namespace {

void fail(const std::string& path, int error) {
  throw StoreError(fmt::format("cannot write '{}': {}", path, std::strerror(error)));
}

// A device, pipe or socket (`-o /dev/stdout`, `-o /dev/null`, a FIFO) is written in place:
// renaming a file over it would replace the device itself.
bool is_special_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

void write_in_place(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) fail(path, errno);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = n < 0 ? errno : EIO;
      ::close(fd);
      fail(path, error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(path, errno);
}

} // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  if (fs::is_directory(target)) throw StoreError(fmt::format("cannot write '{}': it is a directory", path));
  if (is_special_file(path)) return write_in_place(path, content);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device rd;
  fs::path temp = dir / fmt::format(".{}.tmp-{:08x}", target.filename().string(), rd());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) fail(path, errno);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      fail(path, error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, error);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, error);
  }
}

std::string read_file_or_stdin(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  return read_file_head(path, std::string::npos);
}

std::string read_file_head(const std::string& path, std::size_t limit) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw Conflict(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) throw Conflict(fmt::format("cannot read '{}': it is a directory", path));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Conflict(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  std::string data;
  char buffer[1 << 16];
  while (data.size() < limit) {
    ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, limit - data.size()));
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      throw Conflict(fmt::format("cannot read '{}': {}", path, std::strerror(error)));
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
  namespace fs = std::filesystem;
  fs::path target(m_path);
  if (fs::is_directory(target)) throw StoreError(fmt::format("cannot write '{}': it is a directory", m_path));
  if (is_special_file(m_path)) {
    m_direct = true;
    m_stream.open(m_path, std::ios::binary);
    if (!m_stream) fail(m_path, errno);
    return;
  }
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device rd;
  fs::path temp = dir / fmt::format(".{}.tmp-{:08x}", target.filename().string(), rd());
  // O_EXCL: never write through a file (or link) someone else put there.
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) fail(m_path, errno);
  ::close(fd);
  m_temp = temp.string();
  m_stream.open(m_temp, std::ios::binary | std::ios::trunc);
  if (!m_stream) {
    ::unlink(m_temp.c_str());
    fail(m_path, errno);
  }
}

AtomicFile::~AtomicFile() {
  if (m_committed || m_direct) return;
  m_stream.close();
  ::unlink(m_temp.c_str());
}

void AtomicFile::commit() {
  m_stream.flush();
  bool written = static_cast<bool>(m_stream);
  m_stream.close();
  if (!written || m_stream.fail()) fail(m_path, errno ? errno : EIO);
  if (m_direct) return;
  // The data must be on disk before the rename makes it the file.
  int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    int error = errno;
    if (fd >= 0) ::close(fd);
    fail(m_path, error);
  }
  ::close(fd);
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) fail(m_path, errno);
  m_committed = true;
}

} // namespace ally
