// End-to-end: the file system's edges. ally writes only regular files (never through a folder,
// device, FIFO, socket or symbolic link, --force included), leaves no temporary behind when it
// is stopped, opens only ally stores, and reads its environment as the conventions say.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "e2e/harness.hpp"

using ally_test::Result;
using ally_test::TempStore;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Every name in the folder, so a test sees any temporary left beside a target.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

mode_t type_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & S_IFMT;
}

void check_one_line_error(const Result& r, int code, const std::string& says) {
  INFO(r.err);
  CHECK(r.code == code);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("ally: error: ", 0) == 0);
  CHECK(r.err.find('\n') == r.err.size() - 1);
  CHECK(r.err.find(says) != std::string::npos);
}

// An SQLite database another program made, with its own tables and data.
void make_foreign_database(const fs::path& path, bool wal, int user_version) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  std::string sql = std::string(wal ? "PRAGMA journal_mode = WAL;" : "") +
                    "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);"
                    "INSERT INTO notes(body) VALUES ('grocery list'), ('passwords');"
                    "PRAGMA user_version = " + std::to_string(user_version) + ";";
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

void seed(const TempStore& s) {
  REQUIRE(s.run({"add", "Rachel Green", "--every", "1w"}).code == 0);
  REQUIRE(s.run({"log", "Rachel", "coffee"}).code == 0);
}

} // namespace

TEST_CASE("backup, export -o, due --ics -o and graph -o write only regular files",
          "[e2e][files]") {
  TempStore s;
  seed(s);
  const fs::path out = s.dir() / "out";
  fs::create_directory(out);
  const fs::path folder = out / "folder.dot"; // .dot: a name graph -o can draw to
  fs::create_directory(folder);
  const fs::path fifo = out / "pipe.dot";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path pointee = out / "precious.txt";
  write_bytes(pointee, "precious\n");
  const fs::path link = out / "link.dot";
  fs::create_symlink(pointee, link);
  const auto before = names_in(out);

  struct Target {
    fs::path path;
    std::string kind;
  };
  std::vector<Target> targets{{folder, "a folder"}, {fifo, "a named pipe"}, {link, "a symbolic link"}};
  // A device: as root, a rename over /dev/null would replace it for the whole machine.
  if (fs::exists("/dev/null")) targets.push_back({"/dev/null", "a device"});

  for (const auto& target : targets) {
    const std::string p = target.path.string();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"backup", p},
             {"backup", p, "--force"},
             {"export", "-o", p},
             {"export", "--format", "vcard", "-o", p},
             {"due", "--ics", "-o", p},
             {"graph", "-o", p}}) {
      if (args[0] == "graph" && target.kind == "a device") continue; // no drawing format to name
      INFO("ally " << args[0] << " " << args.back() << " → " << p);
      auto r = s.run(args);
      check_one_line_error(r, 1, "'" + p + "' is " + target.kind + ", not a regular file");
    }
  }
  // Nothing was replaced, written through the link, or left beside the targets.
  CHECK(names_in(out) == before);
  CHECK(type_of(folder) == S_IFDIR);
  CHECK(fs::is_empty(folder));
  CHECK(type_of(fifo) == S_IFIFO);
  CHECK(type_of(link) == S_IFLNK);
  CHECK(read_bytes(pointee) == "precious\n");
  if (fs::exists("/dev/null")) CHECK(type_of("/dev/null") == S_IFCHR);

  // A regular file is replaced whole, with nothing left beside it.
  const fs::path file = out / "ally.json";
  write_bytes(file, "old");
  REQUIRE(s.run({"export", "-o", file.string()}).code == 0);
  CHECK(read_bytes(file).find("Rachel Green") != std::string::npos);
  auto after = names_in(out);
  CHECK(after.size() == before.size() + 1);
}

TEST_CASE("graph -o with a name that starts with '-' is drawn, never passed as an option",
          "[e2e][files]") {
  if (!fs::exists("/usr/bin/dot")) {
    WARN("Graphviz is not installed: skipped");
    return;
  }
  TempStore s;
  seed(s);
  // Relative to the folder ally runs in: run through a shell that changes into it.
  auto r = ally_test::run_process(
      {"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" --db \"$3\" graph -o -x.svg", "sh", s.dir().string(),
       ALLY_BINARY, s.db()},
      {}, {{"PATH", "/usr/bin:/bin"}, {"HOME", s.dir().string()}, {"NO_COLOR", "1"}});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(read_bytes(s.dir() / "-x.svg").find("<svg") != std::string::npos);
}

TEST_CASE("log -e keeps its draft in a private folder, removed with the editor when ally is ended",
          "[e2e][files][signals]") {
  TempStore s;
  seed(s);
  const fs::path runtime = s.dir() / "runtime";
  fs::create_directory(runtime);
  ::chmod(runtime.c_str(), 0700);
  const fs::path seen = s.dir() / "seen";
  // The editor notes where the draft is and how it is protected, stops ally as a closed
  // terminal would, and waits (with no terminal output of its own, so only ally can end it).
  const fs::path editor = s.dir() / "editor.sh";
  for (const char* signal : {"TERM", "HUP"}) {
    INFO("SIG" << signal);
    write_bytes(editor, "#!/bin/sh\n"
                        "printf '%s %s %s %s\\n' \"$$\" \"$1\" \"$(stat -c %a \"$1\")\" "
                        "\"$(stat -c %a \"$(dirname \"$1\")\")\" > '" + seen.string() + "'\n"
                        "kill -" + std::string(signal) + " $PPID\n"
                        "exec sleep 60 </dev/null >/dev/null 2>&1\n");
    ::chmod(editor.c_str(), 0700);
    auto before = s.dump();
    auto r = s.run_raw({"--db", s.db(), "--today", s.today, "log", "Rachel", "-e"}, {},
                       {{"VISUAL", editor.string()}, {"XDG_RUNTIME_DIR", runtime.string()}});
    INFO(r.err);
    CHECK(r.code == 128 + (std::string(signal) == "TERM" ? SIGTERM : SIGHUP));
    std::istringstream line(read_bytes(seen));
    pid_t editor_pid = 0;
    std::string draft, file_mode, folder_mode;
    line >> editor_pid >> draft >> file_mode >> folder_mode;
    CHECK(fs::path(draft).parent_path().parent_path() == runtime);
    CHECK(file_mode == "600");
    CHECK(folder_mode == "700");
    // Draft and folder are gone, nothing was logged, and the editor was ended with ally.
    CHECK(fs::is_empty(runtime));
    CHECK(s.dump() == before);
    bool ended = false;
    for (int i = 0; i < 500 && !ended; ++i) {
      ended = ::kill(editor_pid, 0) != 0;
      if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(ended);
    if (!ended && editor_pid > 0) ::kill(editor_pid, SIGKILL);
  }
}

TEST_CASE("an SQLite file that is not an ally store is refused and left byte for byte",
          "[e2e][files][store]") {
  TempStore s;
  for (bool wal : {false, true}) {
    for (int version : {0, 3, 42}) {
      INFO("WAL " << wal << ", user_version " << version);
      const fs::path dir = s.dir() / ("other-" + std::to_string(wal) + "-" + std::to_string(version));
      fs::create_directory(dir);
      const fs::path db = dir / "other-app.db";
      make_foreign_database(db, wal, version);
      const auto bytes = read_bytes(db);
      const auto files = names_in(dir);
      for (const auto& args : std::vector<std::vector<std::string>>{
               {"list"}, {"due"}, {"export"}, {"add", "Bob"}, {"backup", (s.dir() / "b.db").string()}}) {
        INFO("ally " << args[0]);
        std::vector<std::string> full{"--db", db.string(), "--today", s.today};
        full.insert(full.end(), args.begin(), args.end());
        auto r = s.run_raw(full);
        check_one_line_error(r, 1, "is an SQLite database but not an ally store");
      }
      CHECK(read_bytes(db) == bytes);
      CHECK(names_in(dir) == files); // no -wal, -shm, -journal or upgrade backup left
      CHECK_FALSE(fs::exists(s.dir() / "b.db"));
    }
  }
}

TEST_CASE("a store path that is a FIFO, a device or a folder is refused at once", "[e2e][files][store]") {
  TempStore s;
  const fs::path fifo = s.dir() / "pipe.db";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::vector<std::pair<std::string, std::string>> paths{{fifo.string(), "a named pipe"},
                                                         {s.dir().string(), "a directory"}};
  if (fs::exists("/dev/null")) paths.emplace_back("/dev/null", "a device");
  for (const auto& [path, says] : paths) {
    for (const char* command : {"list", "add"}) {
      INFO(command << " on " << path);
      std::vector<std::string> args{"--db", path, command};
      if (std::string(command) == "add") args.push_back("Bob");
      check_one_line_error(s.run_raw(args), 1, says);
    }
  }
  CHECK(type_of(fifo) == S_IFIFO);
  CHECK_FALSE(fs::exists("/dev/null-journal"));
}

TEST_CASE("the environment is read per convention", "[e2e][files][env]") {
  TempStore s;
  SECTION("ALLY_DB set but empty is an error, as --db \"\" is") {
    auto r = s.run_raw({"list"}, {}, {{"ALLY_DB", ""}});
    check_one_line_error(r, 2, "ALLY_DB is set but empty");
    CHECK_FALSE(fs::exists(s.dir() / ".local"));
  }
  SECTION("a relative XDG_DATA_HOME is ignored: the store goes under HOME") {
    const fs::path work = s.dir() / "work";
    fs::create_directory(work);
    auto r = ally_test::run_process(
        {"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" add 'Rachel Green'", "sh", work.string(), ALLY_BINARY}, {},
        {{"PATH", "/usr/bin:/bin"}, {"HOME", s.dir().string()}, {"NO_COLOR", "1"}, {"XDG_DATA_HOME", "data"}});
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(fs::is_empty(work));
    CHECK(fs::exists(s.dir() / ".local" / "share" / "ally" / "ally.db"));
  }
}

TEST_CASE("a search of more than 32 terms is refused instead of running for a minute",
          "[e2e][files][search]") {
  TempStore s;
  seed(s);
  std::string many;
  for (int i = 0; i < 33; ++i) many += "t" + std::to_string(i) + "* OR ";
  many += "coffee";
  for (const char* mode : {"--fts", ""}) {
    std::vector<std::string> args{"search", many};
    if (*mode) args.insert(args.begin() + 1, mode);
    check_one_line_error(s.run(args), 2, "32");
  }
  CHECK(s.run({"search", "--fts", "coffee"}).code == 0);
}

TEST_CASE("a store in a read-only folder can be read, and writes say the folder is read-only",
          "[e2e][files][permissions]") {
  TempStore s;
  seed(s);
  const fs::path copy = s.dir() / "copy";
  fs::create_directory(copy);
  // Another user's folder, as a mounted backup would be: run as nobody when we are root.
  std::vector<std::string> prefix;
  if (::geteuid() == 0) {
    REQUIRE(std::system(("chown -R nobody:nogroup '" + s.dir().string() + "'").c_str()) == 0);
    prefix = {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
  }
  ::chmod(s.dir().c_str(), 0755);
  ::chmod(s.db().c_str(), 0644);
  ::chmod(s.dir().c_str(), 0555);
  ::chmod(copy.c_str(), 0777);
  const auto before = names_in(s.dir());
  const auto bytes = read_bytes(s.db());
  auto run = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv = prefix;
    argv.insert(argv.end(), {ALLY_BINARY, "--db", s.db(), "--today", s.today});
    argv.insert(argv.end(), args.begin(), args.end());
    return ally_test::run_process(argv, {}, {{"PATH", "/usr/bin:/bin"}, {"HOME", copy.string()}, {"NO_COLOR", "1"}});
  };
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"list"}, {"show", "Rachel"}, {"due", "--all"}, {"export"}, {"backup", (copy / "b.db").string()}}) {
    INFO("ally " << args[0]);
    auto r = run(args);
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    if (args[0] != "backup") CHECK(r.out.find("Rachel Green") != std::string::npos);
  }
  CHECK(fs::exists(copy / "b.db"));
  for (const auto& args : std::vector<std::vector<std::string>>{{"add", "Bob"}, {"log", "Rachel", "hi"}}) {
    check_one_line_error(run(args), 1, "the folder of store '" + s.db() + "' is read-only");
  }
  ::chmod(s.dir().c_str(), 0755);
  CHECK(names_in(s.dir()) == before);
  CHECK(read_bytes(s.db()) == bytes);
}
