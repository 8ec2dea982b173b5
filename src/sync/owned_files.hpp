#pragma once
// The files of the sync work tree, read and written as files ally owns: regular files only
// (never through a symlink, never a FIFO or a device, which could block or write elsewhere),
// 0600 in 0700 folders whatever the umask. Anything else in their place is refused, naming it.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace ally::sync {

// What sits at `path`: "" when it is absent or a regular file (or, with `folder`, a real
// folder), else what it is ("a symlink", "a FIFO", "a device", ...).
std::string odd_file_kind(const std::filesystem::path& path, bool folder = false);

// The content of the regular file at `path` ("" when absent). Throws Conflict for anything
// else at that path.
std::string read_owned(const std::filesystem::path& path);

// Replaces the file's content, creating it 0600. Throws Conflict when something other than a
// regular file is there, StoreError when it cannot be written.
void write_owned(const std::filesystem::path& path, std::string_view content);

// Appends to the file, creating it 0600.
void append_owned(const std::filesystem::path& path, std::string_view content);

// Makes the folder 0700 (and its parents as needed), or checks that the one there is a real
// folder and makes it 0700.
void make_owned_folder(const std::filesystem::path& path);

// Throws Conflict naming `path` as something ally did not put there.
[[noreturn]] void refuse_odd(const std::filesystem::path& path, const std::string& kind);

// While alive, files and folders made by this process and its children (git) are private.
class PrivateUmask {
public:
  PrivateUmask();
  ~PrivateUmask();
  PrivateUmask(const PrivateUmask&) = delete;
  PrivateUmask& operator=(const PrivateUmask&) = delete;

private:
  mode_t m_old;
};

} // namespace ally::sync
