// End-to-end: bad input to every command. Each refusal is one line `ally: error: …` on stderr
// with the exit code of SPEC §5, nothing on stdout, and the store's logical dump unchanged.
// Permission cases run as `nobody` when the tests run as root (root ignores file modes).
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "e2e/harness.hpp"

using ally_test::Result;
using ally_test::TempStore;

namespace {

struct Case {
  std::vector<std::string> args;
  int code;
  std::string says; // a piece of the message
};

std::string describe(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& a : args) text += (text.empty() ? "" : " ") + (a.size() > 40 ? a.substr(0, 40) + "…" : a);
  return text;
}

void check_refusal(const Result& r, int code, const std::string& says) {
  CHECK(r.code == code);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("ally: error: ", 0) == 0);
  // One line: a single newline, at the end.
  CHECK(r.err.find('\n') == r.err.size() - 1);
  CHECK(r.err.find(says) != std::string::npos);
}

// Runs `args` on `s`, expecting a refusal that leaves the store as it was.
void check_refused(const TempStore& s, const Case& c, const std::string& input = {}) {
  INFO("ally " << describe(c.args));
  auto before = s.dump();
  auto r = s.run(c.args, input);
  INFO("stderr: " << r.err);
  check_refusal(r, c.code, c.says);
  CHECK(s.dump() == before);
}

// A store with two allies, a conversation, a favor, an introduction and a date.
void seed(const TempStore& s) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"add", "Rachel Green", "--nick", "Rach"},
           {"add", "John Smith"},
           {"log", "Rachel", "coffee chat", "--kind", "coffee"},
           {"favor", "Rachel", "--gave", "review deck", "--due", "in 2d"},
           {"intro", "Rachel", "John", "both like wine"},
           {"date", "John", "birthday", "05-03", "--yearly"}}) {
    REQUIRE(s.run(args).code == 0);
  }
}

std::string write_file(const TempStore& s, const std::string& name, const std::string& bytes) {
  auto path = (s.dir() / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// An editor (a script started without a shell) that replaces the note with `content_file`.
std::map<std::string, std::string> editor_writing(const TempStore& s, const std::string& content_file) {
  auto script = write_file(s, "editor.sh", "#!/bin/sh\ncat '" + content_file + "' > \"$1\"\n");
  ::chmod(script.c_str(), 0755);
  return {{"EDITOR", script}, {"VISUAL", ""}};
}

Result run_with_env(const TempStore& s, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env) {
  std::vector<std::string> full{"--db", s.db(), "--today", s.today};
  full.insert(full.end(), args.begin(), args.end());
  return s.run_raw(full, {}, env);
}

// Runs ally as `nobody` when we are root, so file modes apply; as ourselves otherwise.
Result run_unprivileged(const TempStore& s, const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  if (::geteuid() == 0) {
    argv = {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
  }
  argv.push_back(ALLY_BINARY);
  argv.insert(argv.end(), {"--db", s.db(), "--today", s.today});
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> env{{"NO_COLOR", "1"}, {"HOME", s.dir().string()},
                                         {"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"}};
  return ally_test::run_process(argv, {}, env);
}

// Gives the store (and its folder) to `nobody` when we are root.
void hand_to_nobody(const TempStore& s) {
  if (::geteuid() != 0) return;
  REQUIRE(std::system(("chown -R nobody:nogroup '" + s.dir().string() + "'").c_str()) == 0);
}

} // namespace

TEST_CASE("bad dates and durations are usage errors on every command that takes one",
          "[e2e][hostile]") {
  TempStore s;
  seed(s);
  for (const auto& c : std::vector<Case>{
           {{"log", "Rachel", "hi", "--date", "2026-02-30"}, 2, "bad date '2026-02-30'"},
           {{"log", "Rachel", "hi", "--date", "tomorrow"}, 2, "future"},
           {{"log", "Rachel", "hi", "--date", "1899-12-31"}, 2, "bad date"},
           {{"log", "Rachel", "hi", "--follow-up", "99999999999999d"}, 2, "bad date"},
           {{"log", "Rachel", "hi", "--follow-up", "yesterday"}, 2, "before the conversation"},
           {{"log", "Rachel", "hi", "--follow-up", "someday"}, 2, "someday"},
           {{"log", "edit", "1", "--date", "32"}, 2, "bad date"},
           {{"favor", "Rachel", "--gave", "x", "--due", "2x"}, 2, "bad date '2x'"},
           {{"favor", "Rachel", "--got", "x", "--date", "-1d ago"}, 2, "bad date"},
           {{"date", "John", "anniversary", "13-45"}, 2, "bad date"},
           {{"date", "John", "anniversary", "02-30"}, 2, "bad date"},
           {{"add", "Bob", "--birthday", "2026-13-01"}, 2, "bad date"},
           {{"add", "Bob", "--every", "0d"}, 2, "bad duration '0d'"},
           {{"add", "Bob", "--every", "fortnight"}, 2, "bad duration"},
           {{"edit", "Rachel", "--every", "-3w"}, 2, "bad duration"},
           {{"snooze", "Rachel", "soon"}, 2, "soon"},
           {{"timeline", "--since", "yesterdayish"}, 2, "yesterdayish"},
           {{"due", "--within", "0d"}, 2, "bad duration"},
           {{"config", "due.cadence.inner", "banana"}, 2, "banana"},
           {{"config", "due.weight.overdue", "nan"}, 2, "nan"},
       }) {
    check_refused(s, c);
  }
  auto r = s.run_raw({"--db", s.db(), "--today", "2026-99-99", "list"});
  check_refusal(r, 2, "2026-99-99");
}

TEST_CASE("an unknown option is a usage error for every command and subcommand",
          "[e2e][hostile]") {
  TempStore s;
  seed(s);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"add", "Bob"}, {"edit", "Rachel"}, {"show", "Rachel"}, {"list"}, {"rm", "Rachel"},
           {"restore", "Rachel"}, {"merge", "Rachel", "John"}, {"log", "Rachel", "hi"},
           {"log", "edit", "1"}, {"log", "rm", "1"}, {"log", "done", "1"}, {"timeline"},
           {"interests"}, {"intro", "Rachel", "John"}, {"intro", "rm", "1"},
           {"favor", "Rachel", "--gave", "x"}, {"favor", "done", "1"}, {"favor", "edit", "1"},
           {"favor", "rm", "1"}, {"favors"}, {"thank", "Rachel"}, {"date", "John", "x", "05-03"},
           {"date", "rm", "John", "birthday"}, {"undo"}, {"search", "wine"}, {"due"},
           {"snooze", "Rachel", "1w"}, {"config"}, {"suggest"}, {"stats"}, {"export"},
           {"import", "-"}}) {
    auto with_flag = args;
    with_flag.push_back("--no-such-flag");
    check_refused(s, {with_flag, 2, "--no-such-flag"});
  }
  check_refused(s, {{"no-such-command"}, 2, "no-such-command"});
}

TEST_CASE("missing arguments and empty strings are usage errors", "[e2e][hostile]") {
  TempStore s;
  seed(s);
  for (const auto& c : std::vector<Case>{
           {{"add"}, 2, "name"},
           {{"add", ""}, 2, "empty name"},
           {{"add", "   "}, 2, "empty name"},
           {{"add", "Bob", "--nick", ""}, 2, "empty nickname"},
           {{"edit", "Rachel", "--name", ""}, 2, "empty name"},
           {{"show", ""}, 2, "empty ally name"},
           {{"log"}, 2, "WHO"},
           {{"log", "", "hi"}, 2, "WHO"},
           {{"log", "edit"}, 2, ""},
           {{"favor", "Rachel", "--gave", ""}, 2, "empty favor text"},
           {{"favor", "", "--gave", "x"}, 2, ""},
           {{"intro", "Rachel"}, 2, "two allies"},
           {{"intro", "", "John"}, 2, ""},
           {{"date", "John", "", "05-03"}, 2, "empty date label"},
           {{"date", "John"}, 2, ""},
           {{"thank", ""}, 2, "empty ally name"},
           {{"snooze", "Rachel"}, 2, ""},
           {{"snooze", "", "1w"}, 2, "empty ally name"},
           {{"rm", ""}, 2, "empty ally name"},
           {{"restore", ""}, 2, ""},
           {{"merge", "Rachel"}, 2, ""},
           {{"merge", "", "John"}, 2, ""},
           {{"timeline", ""}, 2, "empty ally name"},
           {{"interests", ""}, 2, "empty topic"},
           {{"search", ""}, 2, "empty search"},
           {{"suggest", "--for", ""}, 2, "empty topic"},
           {{"config", "", "3"}, 2, "empty setting name"},
           {{"config", "due.limit", ""}, 2, "empty value"},
           {{"export", "-o", ""}, 2, "empty file name"},
           {{"due", "--ics", "-o", ""}, 2, "empty file name"},
           {{"import"}, 2, "file"},
           {{"import", ""}, 2, "empty file name"},
       }) {
    check_refused(s, c);
  }
  // `--db ""` must not fall back to the default store.
  auto r = s.run_raw({"--db", "", "add", "Bob"}, {}, {{"ALLY_DB", (s.dir() / "other.db").string()}});
  check_refusal(r, 2, "empty file name");
  CHECK_FALSE(std::filesystem::exists(s.dir() / "other.db"));
}

TEST_CASE("unknown allies and record numbers are data errors", "[e2e][hostile]") {
  TempStore s;
  seed(s);
  for (const auto& c : std::vector<Case>{
           {{"show", "Nobody"}, 1, "no ally named 'Nobody'"},
           {{"show", "99999999999999999999999"}, 1, "no ally"},
           {{"show", "#0"}, 1, "no ally #0"},
           {{"log", "Rachel,Nobody", "hi"}, 1, "Nobody"},
           {{"log", "edit", "999", "--text", "x"}, 1, "999"},
           {{"log", "rm", "999"}, 1, "999"},
           {{"log", "edit", "99999999999999999999", "--text", "x"}, 2, "bad log number"},
           {{"favor", "done", "999"}, 1, "999"},
           {{"favor", "done", "-1"}, 2, "bad favor number"},
           {{"intro", "rm", "999"}, 1, "999"},
           {{"intro", "Rachel", "Rach"}, 1, "themselves"},
           {{"date", "rm", "John", "wedding"}, 1, "wedding"},
           {{"thank", "Rachel", "--favor", "999"}, 1, "999"},
           {{"merge", "Rachel", "Rachel"}, 1, ""},
       }) {
    check_refused(s, c);
  }
}

TEST_CASE("text that is not UTF-8 is refused, from arguments, files, stdin and the editor",
          "[e2e][hostile]") {
  TempStore s;
  seed(s);
  const std::string bad = "caf\xC3\x28 \xFF\xFE";
  for (const auto& c : std::vector<Case>{
           {{"add", bad}, 2, "not valid UTF-8"},
           {{"add", "Bob", "--note", bad}, 2, "not valid UTF-8"},
           {{"edit", "Rachel", "--org", bad}, 2, "not valid UTF-8"},
           {{"log", "Rachel", bad}, 2, ""}, // CLI11 reports the text as unexpected
           {{"favor", "Rachel", "--gave", bad}, 2, "not valid UTF-8"},
           {{"search", bad}, 2, "not valid UTF-8"},
           {{"show", bad}, 2, "not valid UTF-8"},
           {{"list", "--tag", bad}, 2, "not valid UTF-8"},
       }) {
    check_refused(s, c);
  }
  // Import files and stdin: raw NUL bytes and bad UTF-8 are not a JSON export.
  auto nul_json = write_file(s, "nul.json", std::string("{\"format\": \"ally\"\0, \"version\": 1}", 33));
  check_refused(s, {{"import", nul_json, "--merge"}, 1, "import:"});
  auto bad_json = write_file(s, "bad.json",
                             "{\"format\": \"ally\", \"version\": 1, \"allies\": [{\"name\": \"" +
                                 bad + "\"}]}");
  check_refused(s, {{"import", bad_json, "--merge"}, 1, "import:"});
  check_refused(s, {{"import", "-", "--merge"}, 1, "import:"},
                std::string("{\"format\":\0\"ally\"}", 18));
  check_refused(s, {{"import", "-"}, 1, "import:"}, std::string("\0\0\0BEGIN:VCARD", 14));

  // The editor writes the note: a NUL byte or bad UTF-8 is refused, not cut short.
  for (const auto& note : {std::string("before\0after", 12), bad}) {
    auto content = write_file(s, "note.txt", note);
    auto before = s.dump();
    auto r = run_with_env(s, {"log", "Rachel", "-e"}, editor_writing(s, content));
    INFO(r.err);
    check_refusal(r, 1, "aborted");
    CHECK(s.dump() == before);
  }
}

TEST_CASE("a NUL escaped in a JSON export is refused, naming the field", "[e2e][hostile]") {
  TempStore s;
  seed(s);
  auto file = write_file(
      s, "nul.json",
      R"({"format":"ally","version":1,"exported_at":"2026-11-24T12:00:00.000Z","allies":[{"id":"73c6f616-af7a-41f1-8e38-60150238daa5","number":9,"created_at":"2026-11-24T12:00:00.000Z","updated_at":"2026-11-24T12:00:00.000Z","name":"Nul Person","notes":"before\u0000after"}]})");
  check_refused(s, {{"import", file, "--merge"}, 1, "field \"notes\": contains a NUL character"});
}

TEST_CASE("megabyte-long notes are stored whole or refused, never cut: one 1 MiB limit", "[e2e][hostile]") {
  TempStore s;
  seed(s);
  // Arguments can carry up to 128 KiB each on Linux.
  std::string long_note(120 * 1024, 'a');
  long_note.back() = 'z';
  REQUIRE(s.run({"add", "Bob", "--note", long_note}).code == 0);
  CHECK(s.scalar("SELECT notes = '" + long_note + "' FROM ally WHERE name = 'Bob'") == "1");

  // Through the editor: 3 MiB is over the one limit for a text, refused as a usage error and
  // nothing logged.
  std::string huge(3 << 20, 'b');
  huge.back() = 'z';
  auto logged = s.scalar("SELECT count(*) FROM interaction");
  auto r = run_with_env(s, {"log", "Bob", "-e"}, editor_writing(s, write_file(s, "huge.txt", huge)));
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: the note is 3072 KiB, over the limit of 1 MiB for one text\n");
  CHECK(s.scalar("SELECT count(*) FROM interaction") == logged);

  // Through an import: over the 1 MiB limit is refused, naming the record and field.
  auto export_text = s.run({"export"}).out;
  auto pos = export_text.find("\"notes\": \"\"");
  REQUIRE(pos != std::string::npos);
  auto too_long = export_text;
  too_long.replace(pos, 11, "\"notes\": \"" + std::string((1 << 20) + 1, 'c') + "\"");
  TempStore fresh;
  auto file = write_file(fresh, "big.json", too_long);
  REQUIRE(fresh.run({"add", "Keep Me"}).code == 0);
  check_refused(fresh, {{"import", file, "--merge"}, 1, "notes"});

  // A vCard with a 3 MiB NOTE: stored whole or refused, never cut.
  std::string card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\nNOTE:" + huge + "\r\nEND:VCARD\r\n";
  auto vcf = write_file(fresh, "big.vcf", card);
  auto before = fresh.dump();
  auto v = fresh.run({"import", vcf});
  check_refusal(v, 1, "its NOTE is 3072 KiB, over the limit of 1 MiB");
  CHECK(fresh.dump() == before);
}

TEST_CASE("a store that cannot be used is a clear data error", "[e2e][hostile]") {
  TempStore s;
  seed(s);

  SECTION("missing folders: reads see an empty store and create nothing") {
    auto missing = (s.dir() / "no" / "such" / "ally.db").string();
    auto r = s.run_raw({"--db", missing, "--today", s.today, "list"});
    CHECK(r.code == 0);
    CHECK_FALSE(std::filesystem::exists(s.dir() / "no"));
  }
  SECTION("a folder that cannot be made") {
    write_file(s, "plain-file", "x");
    auto r = s.run_raw({"--db", (s.dir() / "plain-file" / "ally.db").string(), "add", "Bob"});
    check_refusal(r, 1, "plain-file");
  }
  SECTION("a directory") {
    std::filesystem::create_directory(s.dir() / "folder.db");
    for (const auto& cmd : {"list", "add"}) {
      std::vector<std::string> args{"--db", (s.dir() / "folder.db").string(), cmd};
      if (std::string(cmd) == "add") args.push_back("Bob");
      check_refusal(s.run_raw(args), 1, "is a directory");
    }
  }
  SECTION("not an SQLite file") {
    auto path = write_file(s, "notes.txt", "Rachel: coffee on Monday\n");
    for (const auto& args : std::vector<std::vector<std::string>>{{"list"}, {"add", "Bob"}, {"due"}}) {
      std::vector<std::string> full{"--db", path};
      full.insert(full.end(), args.begin(), args.end());
      check_refusal(s.run_raw(full), 1, "not an ally store");
    }
    CHECK(read_file(path) == "Rachel: coffee on Monday\n");
  }
  SECTION("a corrupt SQLite file") {
    auto bytes = read_file(s.db());
    REQUIRE(bytes.size() > 8192);
    // Keep the header, scribble over the schema and the first table pages.
    for (std::size_t i = 100; i < 8192; ++i) bytes[i] = static_cast<char>(i * 7);
    auto path = write_file(s, "corrupt.db", bytes);
    for (const auto& args : std::vector<std::vector<std::string>>{{"list"}, {"add", "Bob"}}) {
      std::vector<std::string> full{"--db", path};
      full.insert(full.end(), args.begin(), args.end());
      auto r = s.run_raw(full);
      INFO(r.err);
      check_refusal(r, 1, "corrupt");
    }
    CHECK(read_file(path) == bytes);
  }
}

TEST_CASE("unreadable and read-only stores are refused for an unprivileged user",
          "[e2e][hostile][permissions]") {
  TempStore s;
  seed(s);
  auto before = s.dump();
  ::chmod(s.dir().c_str(), 0755);

  SECTION("unreadable") {
    // Root's 0600 store is unreadable to nobody; as ourselves, 0000 does it.
    if (::geteuid() != 0) ::chmod(s.db().c_str(), 0);
    for (const auto& args : std::vector<std::vector<std::string>>{{"list"}, {"add", "Bob"}, {"export"}}) {
      auto r = run_unprivileged(s, args);
      INFO(r.err);
      check_refusal(r, 1, "ally.db");
    }
    ::chmod(s.db().c_str(), 0600);
  }
  SECTION("read-only file: reads work, writes are refused") {
    hand_to_nobody(s);
    ::chmod(s.db().c_str(), 0400);
    auto r = run_unprivileged(s, {"list"});
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.out.find("Rachel Green") != std::string::npos);
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"add", "Bob"}, {"log", "Rachel", "hi"}, {"undo"}, {"config", "due.limit", "3"}}) {
      auto w = run_unprivileged(s, args);
      INFO(w.err);
      check_refusal(w, 1, "read-only");
    }
  }
  CHECK(s.dump() == before);
}

TEST_CASE("a full disk changes nothing and says so", "[e2e][hostile]") {
  TempStore s;
  seed(s);
  auto before = s.dump();
  // The store cannot grow: a file size limit (as a full disk would) with SIGXFSZ ignored, so
  // writes fail with EFBIG instead of killing the process.
  std::string note(120 * 1024, 'n');
  auto r = ally_test::run_process(
      {"/bin/sh", "-c", "trap '' XFSZ; exec prlimit --fsize=65536 -- \"$@\"", "sh", ALLY_BINARY,
       "--db", s.db(), "--today", s.today, "log", "Rachel", note},
      {}, {{"PATH", "/usr/bin:/bin"}, {"NO_COLOR", "1"}, {"HOME", s.dir().string()}});
  INFO(r.err);
  check_refusal(r, 1, "disk");
  CHECK(s.dump() == before);
  CHECK(s.run({"list"}).code == 0);

  // A device is never written into nor replaced: the export is refused before anything is written.
  auto e = s.run({"export", "-o", "/dev/full"});
  check_refusal(e, 1, "'/dev/full' is a device, not a regular file");
  struct stat st {};
  REQUIRE(::stat("/dev/full", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}
