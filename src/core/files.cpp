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

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "a device";
}

} // namespace

void require_regular_target(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    fail(path, errno);
  }
  if (S_ISREG(st.st_mode)) return;
  throw Conflict(fmt::format("'{}' is {}, not a regular file: ally writes only regular files", path,
                             kind_of(st.st_mode)),
                 S_ISLNK(st.st_mode) ? "name the file it points to" : "name a new or existing regular file");
}

std::string create_temporary_beside(const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path path(target);
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    // Hidden, and O_EXCL: never written through a file (or link) someone else put there.
    const fs::path candidate = dir / fmt::format(".{}.tmp-{}-{:08x}", path.filename().string(), ::getpid(), rd());
    int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
      return candidate.string();
    }
    if (errno != EEXIST) fail(target, errno);
  }
  fail(target, EEXIST);
  return {};
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
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
  require_regular_target(m_path);
  m_temp = create_temporary_beside(m_path);
  m_cleanup.emplace(m_temp);
  m_stream.open(m_temp, std::ios::binary | std::ios::trunc);
  if (!m_stream) {
    const int error = errno;
    ::unlink(m_temp.c_str());
    fail(m_path, error);
  }
}

AtomicFile::~AtomicFile() {
  if (m_committed) return;
  m_stream.close();
  ::unlink(m_temp.c_str());
}

void AtomicFile::commit() {
  m_stream.flush();
  bool written = static_cast<bool>(m_stream);
  m_stream.close();
  if (!written || m_stream.fail()) fail(m_path, errno ? errno : EIO);
  // The data must be on disk before the rename makes it the file.
  int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
  // Private while written; the finished file gets the mode the user's umask asks for, as `cp`'s.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (fd < 0 || ::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0) {
    int error = errno;
    if (fd >= 0) ::close(fd);
    fail(m_path, error);
  }
  ::close(fd);
  // Checked again: the target may have become something else while the file was written.
  require_regular_target(m_path);
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) fail(m_path, errno);
  m_committed = true;
}

} // namespace ally
