#pragma once
// Writing files users asked for (exports, calendars): all or nothing.
#include <string>
#include <string_view>

namespace ally {

// Writes `content` to a temporary file beside `path`, then renames it over `path`, so a reader
// never sees half a file. The file gets the user's umask (0666 & ~umask). Throws StoreError
// naming the path on failure, leaving any existing file as it was.
void write_file_atomically(const std::string& path, std::string_view content);

// Reads a whole file, or standard input for "-". Throws Conflict naming the path on failure.
std::string read_file_or_stdin(const std::string& path);

} // namespace ally
