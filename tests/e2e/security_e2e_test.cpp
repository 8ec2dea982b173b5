// End-to-end: ally's security promises. SQL only through bound parameters (injection through
// every text field is stored verbatim and changes nothing else), exports follow the user's
// umask while the store stays 0600, the editor is started without a shell, and paths are
// opened literally.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <fstream>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

// Each would do damage if it were pasted into SQL; with bound parameters it is only text.
const std::vector<std::string> k_payloads = {
    "Robert'); DROP TABLE ally; --",
    "x' OR '1'='1",
    "\"; DELETE FROM favor; --",
    "1; UPDATE ally SET name = 'pwned' WHERE 1=1; --",
    "') UNION SELECT name FROM sqlite_master --",
    "%_*\" OR \"a\" NEAR x",
};

std::string schema(const TempStore& s) {
  std::string out;
  for (const auto& row : s.query("SELECT type, name, sql FROM sqlite_master ORDER BY name"))
    out += row[0] + "|" + row[1] + "|" + row[2] + "\n";
  return out;
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string write_file(const TempStore& s, const std::string& name, const std::string& bytes) {
  auto path = (s.dir() / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Sets the umask for the processes this test starts, and puts it back.
class Umask {
public:
  explicit Umask(mode_t mask) : m_old(::umask(mask)) {}
  ~Umask() { ::umask(m_old); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

private:
  mode_t m_old;
};

} // namespace

TEST_CASE("SQL in every text field is stored verbatim and changes nothing else",
          "[e2e][security]") {
  TempStore s;
  REQUIRE(s.run({"add", "Keeper"}).code == 0);
  auto shape = schema(s);
  int n = 1;
  for (const auto& p : k_payloads) {
    INFO("payload: " << p);
    ++n;
    auto name = p + " " + std::to_string(n);
    auto r = s.run({"--json", "add", name, "--nick", p + "nick", "--org", p, "--role", p, "--city",
                    p, "--email", p + "@x", "--phone", p, "--circle", p, "--rel", p, "--tag", p,
                    "--interest", p + " topic", "--knows", p, "--met", p, "--goal", p, "--note", p});
    INFO(r.err);
    REQUIRE(r.code == 0);
    auto a = json::parse(r.out);
    CHECK(a["name"] == name);
    CHECK(a["org"] == p);
    CHECK(a["notes"] == p);
    CHECK(a["tags"] == json::array({p}));
    auto num = std::to_string(a["number"].get<int>());
    CHECK(s.scalar("SELECT org FROM ally WHERE num = " + num) == p);
    CHECK(s.scalar("SELECT count(*) FROM ally WHERE name = 'pwned'") == "0");

    REQUIRE(s.run({"log", num, p, "--kind", "call", "--interest", p + " topic"}).code == 0);
    REQUIRE(s.run({"favor", num, "--gave", p}).code == 0);
    REQUIRE(s.run({"intro", num, "Keeper", p}).code == 0);
    REQUIRE(s.run({"date", num, p, "05-03", "--yearly"}).code == 0);
    REQUIRE(s.run({"thank", num, p}).code == 0);
    CHECK(s.scalar("SELECT note FROM interaction WHERE kind = 'call' ORDER BY num DESC LIMIT 1") == p);
    CHECK(s.scalar("SELECT text FROM favor ORDER BY num DESC LIMIT 1") == p);
    CHECK(s.scalar("SELECT note FROM introduction ORDER BY num DESC LIMIT 1") == p);
    CHECK(s.scalar("SELECT label FROM important_date ORDER BY num DESC LIMIT 1") == p);

    // Looking things up with it finds it, or nothing, and changes nothing.
    auto before = s.dump();
    CHECK(s.run({"show", name}).code == 0);
    CHECK(s.run({"search", p}).code == 0);
    auto fts = s.run({"search", "--fts", p});
    CHECK((fts.code == 0 || fts.err.rfind("ally: error: ", 0) == 0));
    CHECK(s.run({"list", "--tag", p, "--org", p, "--city", p, "--circle", p, "--rel", p,
                 "--knows", p, "--interest", p + " topic"})
              .out.find(name) != std::string::npos);
    CHECK(s.run({"interests", p + " topic"}).code == 0);
    CHECK(s.run({"suggest", "--for", p}).code == 0);
    CHECK(s.run({"config", "due.cadence." + p, "2w"}).code == 2);
    CHECK(s.run({"config", "due.limit", p}).code == 2);
    CHECK(s.dump() == before);
  }
  CHECK(schema(s) == shape);
  CHECK(s.scalar("SELECT count(*) FROM ally") == std::to_string(n));
  CHECK(s.scalar("PRAGMA integrity_check") == "ok");
}

TEST_CASE("SQL in imported files is stored verbatim", "[e2e][security]") {
  TempStore s;
  const auto& p = k_payloads.front();
  json doc = {{"format", "ally"},
              {"version", 1},
              {"exported_at", "2026-11-24T12:00:00.000Z"},
              {"allies",
               {{{"id", "73c6f616-af7a-41f1-8e38-60150238daa5"},
                 {"number", 1},
                 {"created_at", "2026-11-24T12:00:00.000Z"},
                 {"updated_at", "2026-11-24T12:00:00.000Z"},
                 {"name", p},
                 {"org", p},
                 {"notes", p},
                 {"tags", {p}},
                 {"interests", {p}}}}}};
  auto r = s.run({"import", write_file(s, "evil.json", doc.dump())});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(s.scalar("SELECT name FROM ally") == p);
  CHECK(s.scalar("SELECT notes FROM ally") == p);
  CHECK(s.scalar("SELECT name FROM interest") == p);

  std::string card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + p + " card\r\nORG:" + p +
                     "\r\nNOTE:" + p + "\r\nEMAIL:evil@example.com\r\nCATEGORIES:" + p +
                     "\r\nEND:VCARD\r\n";
  auto v = s.run({"import", write_file(s, "evil.vcf", card)});
  INFO(v.err);
  REQUIRE(v.code == 0);
  CHECK(s.scalar("SELECT notes FROM ally WHERE name = '" + std::string("Robert''); DROP TABLE ally; -- card") + "'") == p);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "2");
  CHECK(s.scalar("PRAGMA integrity_check") == "ok");
}

TEST_CASE("exported files follow the umask; the store stays 0600", "[e2e][security]") {
  TempStore s;
  {
    Umask open_mask(0);
    REQUIRE(s.run({"add", "Rachel Green", "--every", "1w"}).code == 0);
  }
  CHECK(mode_of(s.db()) == 0600);
  for (mode_t mask : {mode_t{022}, mode_t{027}, mode_t{077}, mode_t{002}}) {
    Umask set(mask);
    INFO("umask " << std::oct << mask);
    auto base = (s.dir() / ("out-" + std::to_string(mask))).string();
    REQUIRE(s.run({"export", "-o", base + ".json"}).code == 0);
    REQUIRE(s.run({"export", "--format", "vcard", "-o", base + ".vcf"}).code == 0);
    REQUIRE(s.run({"export", "--format", "csv", "-o", base + ".csv"}).code == 0);
    REQUIRE(s.run({"due", "--ics", "-o", base + ".ics"}).code == 0);
    for (const auto* ext : {".json", ".vcf", ".csv", ".ics"}) {
      INFO(ext);
      CHECK(mode_of(base + ext) == (0666 & ~mask));
    }
    CHECK(mode_of(s.db()) == 0600);
  }
}

TEST_CASE("the editor is started without a shell", "[e2e][security]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto marker = s.dir() / "pwned";
  // Words with shell syntax reach the editor as they are: nothing expands or runs.
  auto script = write_file(s, "editor.sh",
                           "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" +
                               (s.dir() / "args").string() + "'\n"
                               "for last; do :; done\nprintf 'noted' > \"$last\"\n");
  ::chmod(script.c_str(), 0755);
  std::string words = "$(touch " + marker.string() + ") ;touch " + marker.string() + " `id` |x";
  auto r = s.run_raw({"--db", s.db(), "--today", s.today, "log", "Rachel", "-e"}, {},
                     {{"EDITOR", script + " " + words}, {"VISUAL", ""}});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_FALSE(std::filesystem::exists(marker));
  std::ifstream args(s.dir() / "args");
  std::vector<std::string> got;
  for (std::string line; std::getline(args, line);) got.push_back(line);
  REQUIRE(got.size() == 7); // six words and the note's path
  CHECK(got[0] == "$(touch");
  CHECK(got[2] == ";touch");
  CHECK(got[4] == "`id`");
  CHECK(got[5] == "|x");
  CHECK(s.scalar("SELECT note FROM interaction") == "noted");

  // `;` is part of a word, not a command separator: touch makes a file named "pwned;true".
  auto literal = s.run_raw({"--db", s.db(), "--today", s.today, "log", "Rachel", "-e"}, {},
                           {{"EDITOR", "touch " + marker.string() + ";true"}, {"VISUAL", ""}});
  CHECK(literal.code == 1); // the note was left empty
  CHECK(std::filesystem::exists(marker.string() + ";true"));
  CHECK_FALSE(std::filesystem::exists(marker));
  // An editor command that is shell syntax is not found, rather than run by a shell.
  auto unknown = s.run_raw({"--db", s.db(), "--today", s.today, "log", "Rachel", "-e"}, {},
                           {{"EDITOR", "$(touch " + marker.string() + ")"}, {"VISUAL", ""}});
  CHECK(unknown.code == 1);
  CHECK(unknown.err.find("cannot start the editor '$(touch") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(marker));
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "1");
}

TEST_CASE("paths in arguments are opened literally", "[e2e][security]") {
  TempStore s;
  auto odd = "$(touch pwned) ~ `id` *";
  // Run from inside the temporary folder, so relative paths land there.
  auto run_here = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/env", "-C", s.dir().string(), ALLY_BINARY,
                                  "--today", s.today};
    argv.insert(argv.end(), args.begin(), args.end());
    return ally_test::run_process(argv, {}, {{"NO_COLOR", "1"}, {"HOME", (s.dir() / "home").string()},
                                             {"PATH", "/usr/bin:/bin"}});
  };
  auto r = run_here({"--db", std::string(odd) + "/ally.db", "add", "Rachel Green"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(std::filesystem::exists(s.dir() / odd / "ally.db"));
  r = run_here({"--db", "~/ally.db", "add", "Bob"});
  REQUIRE(r.code == 0);
  CHECK(std::filesystem::exists(s.dir() / "~" / "ally.db"));
  CHECK_FALSE(std::filesystem::exists(s.dir() / "home"));
  r = run_here({"--db", "~/ally.db", "export", "-o", "~/$HOME.json"});
  REQUIRE(r.code == 0);
  CHECK(std::filesystem::exists(s.dir() / "~" / "$HOME.json"));
  r = run_here({"--db", "~/ally.db", "import", "$(touch pwned).vcf"});
  CHECK(r.code == 1);
  CHECK(r.err.find("'$(touch pwned).vcf'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.dir() / "pwned"));
  CHECK_FALSE(std::filesystem::exists("pwned"));
}
