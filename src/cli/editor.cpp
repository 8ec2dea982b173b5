#include "cli/editor.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/text.hpp"
#include "cli/process.hpp"

namespace ally::cli {
namespace {

// Removes the temporary file however the edit ends.
class TempNote {
public:
  explicit TempNote(const std::string& content) {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/ally-note-XXXXXX.txt";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    // mkstemps creates the file 0600, whatever the umask.
    int fd = ::mkstemps(name.data(), 4);
    if (fd < 0) {
      throw Error(
          fmt::format("cannot create a temporary file for the note: {}", std::strerror(errno)), 1);
    }
    m_path = name.data();
    std::size_t written = 0;
    while (written < content.size()) {
      ssize_t n = ::write(fd, content.data() + written, content.size() - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0) {
        int err = errno;
        ::close(fd);
        throw Error(
            fmt::format("cannot write the temporary note {}: {}", m_path, std::strerror(err)), 1);
      }
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
  ~TempNote() { ::unlink(m_path.c_str()); }
  TempNote(const TempNote&) = delete;
  TempNote& operator=(const TempNote&) = delete;

  const std::string& path() const { return m_path; }

  std::string read(const std::string& nothing_done) const {
    std::ifstream in(m_path, std::ios::binary);
    if (!in)
      throw Error(fmt::format("cannot read the note back from {}", m_path), 1, nothing_done);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

private:
  std::string m_path;
};

// Starts the editor directly (no shell) and waits for it.
void run_editor(const std::vector<std::string>& command, const std::string& path,
                const std::string& nothing_done) {
  std::vector<std::string> argv = command;
  argv.push_back(path);
  auto result = run_program(argv);
  const std::string& name = command.front();
  if (!result.started) {
    throw Error(fmt::format("cannot start the editor '{}': {}", name, std::strerror(result.error)),
                1, "set $VISUAL or $EDITOR to your editor; " + nothing_done);
  }
  if (result.signal != 0) {
    throw Error(
        fmt::format("aborted: the editor '{}' was stopped by signal {}", name, result.signal), 1,
        nothing_done);
  }
  if (result.exit_code != 0) {
    throw Error(
        fmt::format("aborted: the editor '{}' exited with status {}", name, result.exit_code), 1,
        nothing_done);
  }
}

bool blank(const std::string& line) { return trim(line).empty(); }

} // namespace

std::vector<std::string> editor_command() {
  return command_from_environment({"VISUAL", "EDITOR"}, {"vi"});
}

std::string clean_note(const std::string& written) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= written.size()) {
    std::size_t end = written.find('\n', start);
    if (end == std::string::npos)
      end = written.size();
    std::string line = written.substr(start, end - start);
    if (line.empty() || line.front() != '#')
      lines.push_back(std::move(line));
    start = end + 1;
  }
  std::size_t first = 0;
  std::size_t last = lines.size();
  while (first < last && blank(lines[first]))
    ++first;
  while (last > first && blank(lines[last - 1]))
    --last;
  std::string note;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first)
      note += '\n';
    note += lines[i];
  }
  return note;
}

std::string edit_note(const std::string& initial, const std::vector<std::string>& help,
                      const std::string& nothing_done) {
  std::string content = initial;
  if (!content.empty() && content.back() != '\n')
    content += '\n';
  content += '\n';
  for (const auto& line : help)
    content += "# " + line + '\n';
  TempNote file(content);
  run_editor(editor_command(), file.path(), nothing_done);
  std::string note = clean_note(file.read(nothing_done));
  if (note.empty())
    throw Error("aborted: the note is empty", 1, nothing_done);
  // Notes are text: what the editor wrote is kept whole, or refused, never cut at a NUL.
  if (note.find('\0') != std::string::npos)
    throw Error("aborted: the note holds a NUL byte; it is not text", 1, nothing_done);
  if (!is_valid_utf8(note))
    throw Error("aborted: the note is not valid UTF-8 text", 1, nothing_done);
  return note;
}

} // namespace ally::cli
