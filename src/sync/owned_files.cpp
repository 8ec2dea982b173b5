#include "sync/owned_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "ally/error.hpp"

namespace ally::sync {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISLNK(mode))
    return "a symlink";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode))
    return "a device";
  if (S_ISSOCK(mode))
    return "a socket";
  if (S_ISDIR(mode))
    return "a folder";
  return "not a regular file";
}

class OwnedFd {
public:
  explicit OwnedFd(int fd) : m_fd(fd) {}
  ~OwnedFd() {
    if (m_fd >= 0)
      ::close(m_fd);
  }
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  int get() const { return m_fd; }

private:
  int m_fd;
};

// Opens the regular file at `path` for writing; O_NOFOLLOW and O_NONBLOCK keep a symlink or
// FIFO planted there from being followed or from blocking.
int open_for_writing(const std::filesystem::path& path, int extra) {
  if (auto odd = odd_file_kind(path); !odd.empty())
    refuse_odd(path, odd);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | extra,
                  0600);
  if (fd < 0)
    throw StoreError(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    refuse_odd(path, "not a regular file");
  }
  if ((st.st_mode & 07777) != 0600)
    ::fchmod(fd, 0600);
  return fd;
}

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw StoreError(fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
    done += static_cast<std::size_t>(n);
  }
}

} // namespace

std::string odd_file_kind(const std::filesystem::path& path, bool folder) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    return {};
  if (folder ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))
    return {};
  return kind_of(st.st_mode);
}

void refuse_odd(const std::filesystem::path& path, const std::string& kind) {
  throw Conflict(fmt::format("sync: '{}' is {}, which ally did not put there; nothing was changed",
                             path.string(), kind),
                 "move it away, or run 'ally sync init REMOTE' again to make the work tree afresh");
}

std::string read_owned(const std::filesystem::path& path) {
  if (auto odd = odd_file_kind(path); !odd.empty())
    refuse_odd(path, odd);
  OwnedFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT)
      return {};
    throw StoreError(fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
    refuse_odd(path, "not a regular file");
  std::string out;
  char buffer[65536];
  for (;;) {
    auto n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      throw StoreError(fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
    if (n == 0)
      break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

void write_owned(const std::filesystem::path& path, std::string_view content) {
  // No temporary file: a torn file is rewritten from the store by the next sync.
  OwnedFd fd(open_for_writing(path, O_TRUNC));
  write_all(fd.get(), content, path);
}

void append_owned(const std::filesystem::path& path, std::string_view content) {
  OwnedFd fd(open_for_writing(path, O_APPEND));
  write_all(fd.get(), content, path);
}

void make_owned_folder(const std::filesystem::path& path) {
  if (auto odd = odd_file_kind(path, true); !odd.empty())
    refuse_odd(path, odd);
  if (::mkdir(path.c_str(), 0700) != 0) {
    if (errno == ENOENT && path.has_parent_path() && path.parent_path() != path) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
      if (::mkdir(path.c_str(), 0700) == 0)
        return;
    }
    if (errno != EEXIST)
      throw StoreError(
          fmt::format("cannot create the folder '{}': {}", path.string(), std::strerror(errno)));
    if (auto odd = odd_file_kind(path, true); !odd.empty())
      refuse_odd(path, odd);
  }
  if (::chmod(path.c_str(), 0700) != 0)
    throw StoreError(
        fmt::format("cannot protect the folder '{}': {}", path.string(), std::strerror(errno)));
}

PrivateUmask::PrivateUmask() : m_old(::umask(077)) {}
PrivateUmask::~PrivateUmask() { ::umask(m_old); }

} // namespace ally::sync
