#include "cli/editor.hpp"

#include "ally/export_format.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "ally/cleanup.hpp"
#include "ally/error.hpp"
#include "ally/text.hpp"
#include "cli/process.hpp"

namespace ally::cli {
namespace {

// The folder for the draft: $XDG_RUNTIME_DIR (the user's own, 0700, gone at logout) when it is
// set to an absolute path, else $TMPDIR, else /tmp.
std::string draft_folder() {
  for (const char* variable : {"XDG_RUNTIME_DIR", "TMPDIR"}) {
    const char* dir = std::getenv(variable);
    if (dir && dir[0] == '/') return dir;
  }
  return "/tmp";
}

// The draft lives in a private folder of its own (0700, from mkdtemp), so nobody else can see
// it, replace it or plant a link where the editor writes; both go however the edit ends, a
// closed terminal or a kill included.
class TempNote {
public:
  explicit TempNote(const std::string& content) {
    std::string pattern = draft_folder() + "/ally-note-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (::mkdtemp(name.data()) == nullptr) {
      throw Error(
          fmt::format("cannot create a private folder for the note: {}", std::strerror(errno)), 1);
    }
    m_folder = name.data();
    m_folder_cleanup.emplace(m_folder);
    m_path = m_folder + "/note.txt";
    int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
      const int error = errno;
      ::rmdir(m_folder.c_str());
      throw Error(fmt::format("cannot create the draft note: {}", std::strerror(error)), 1);
    }
    m_cleanup.emplace(m_path);
    std::size_t written = 0;
    while (written < content.size()) {
      ssize_t n = ::write(fd, content.data() + written, content.size() - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0) {
        int err = errno;
        ::close(fd);
        ::unlink(m_path.c_str()); // no destructor runs for a constructor that throws
        ::rmdir(m_folder.c_str());
        throw Error(
            fmt::format("cannot write the temporary note {}: {}", m_path, std::strerror(err)), 1);
      }
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
  ~TempNote() {
    ::unlink(m_path.c_str());
    ::rmdir(m_folder.c_str());
  }
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
  std::string m_folder;
  std::string m_path;
  std::optional<RemoveOnSignal> m_folder_cleanup;
  std::optional<RemoveOnSignal> m_cleanup;
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
  if (note.size() > k_max_import_text)
    throw UsageError(fmt::format("the note is {} KiB, over the limit of 1 MiB for one text",
                                 note.size() >> 10));
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
