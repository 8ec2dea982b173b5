// End-to-end: stored text never drives the terminal. Names, organisations, tags, interests,
// notes, favor texts and date labels full of escape sequences, C1 controls and bidi overrides go
// in through `add`, `log`, `favor` and a JSON import; every human view and error message then
// writes them as visible escapes (`\e`, `\u202E`), while `--json` and `export` keep the bytes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "e2e/harness.hpp"

using ally_test::Result;
using ally_test::TempStore;
using nlohmann::json;

namespace {

// Set the window title, clear the screen, plant an OSC 8 link, move the cursor home, conceal
// what follows (shaped like ally's own colour codes), a C1 CSI, a right-to-left override and
// isolate, a carriage return and a backspace.
const std::string k_attack = "\x1b]0;owned\x07\x1b[2J\x1b]8;;https://evil.example\x1b\\link\x1b[8m"
                             "\x1b[H\xc2\x9b" "31m\u202Etxt.exe\u2066\r\x08\x7f";

std::string hostile(const std::string& word) { return word + " " + k_attack; }

// The first byte sequence in `text` a terminal would act on, or "" when there is none: C0
// controls but line feed and tab, DEL, C1 controls (U+0080–U+009F) and the bidi controls.
std::string first_control(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return text.substr(i, 4);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    const auto third = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
    if (c == 0xc2 && next >= 0x80 && next <= 0x9f) return text.substr(i, 2);
    if (c == 0xd8 && next == 0x9c) return text.substr(i, 2); // U+061C
    if (c == 0xe2 && next == 0x80 && (third == 0x8e || third == 0x8f || (third >= 0xaa && third <= 0xae)))
      return text.substr(i, 3); // U+200E, U+200F, U+202A–U+202E
    if (c == 0xe2 && next == 0x81 && third >= 0xa6 && third <= 0xa9) return text.substr(i, 3); // U+2066–9
  }
  return "";
}

// On a terminal (where `script` turns each "\n" into "\r\n"), the same check after taking out
// ally's own colour codes: SGR 0, 1, 2, 31, 32, 33 and 36, nothing else.
std::string first_control_on_terminal(const std::string& text) {
  std::string rest;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    bool ours = false;
    for (const char* code : {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m"}) {
      if (text.compare(i, std::char_traits<char>::length(code), code) == 0) {
        i += std::char_traits<char>::length(code) - 1;
        ours = true;
        break;
      }
    }
    if (!ours) rest += text[i];
  }
  return first_control(rest);
}

void check_safe(const TempStore& s, const std::vector<std::string>& args, const std::string& input = {}) {
  std::string line;
  for (const auto& a : args) line += (line.empty() ? "" : " ") + a.substr(0, 24);
  INFO("ally " << line);
  const Result r = s.run(args, input);
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(first_control(r.out).empty());
  CHECK(first_control(r.err).empty());
}

// Two allies whose every text field is hostile, with a conversation, favors, a date and an
// introduction; a third, imported from JSON.
void seed(const TempStore& s) {
  REQUIRE(s.run({"add", hostile("Eve"), "--org", hostile("Org"), "--role", hostile("Role"), "--city",
                 hostile("City"), "--tag", hostile("tag"), "--interest", hostile("chess"), "--knows",
                 hostile("rust"), "--nick", hostile("nick"), "--email", "eve@example.com", "--met",
                 hostile("met"), "--goal", hostile("goal"), "--note", hostile("note"), "--circle",
                 hostile("circle"), "--rel", hostile("rel")})
              .code == 0);
  REQUIRE(s.run({"add", hostile("Mallory"), "--interest", hostile("chess"), "--tag", hostile("tag")}).code == 0);
  REQUIRE(s.run({"log", "#1", "-w", "#2", hostile("talked"), "--date", "2026-01-05", "--follow-up", "in 3d"}).code == 0);
  REQUIRE(s.run({"favor", "#1", "--gave", hostile("reviewed deck"), "--date", "2026-01-06"}).code == 0);
  REQUIRE(s.run({"favor", "#1", "--gave", hostile("send draft"), "--due", "2026-01-08"}).code == 0);
  REQUIRE(s.run({"favor", "#2", "--got", hostile("lent a book"), "--date", "2026-01-07"}).code == 0);
  REQUIRE(s.run({"date", "#1", hostile("label"), "01-20", "--yearly"}).code == 0);
  REQUIRE(s.run({"intro", "#1", "#2", hostile("both chess")}).code == 0);
}

} // namespace

TEST_CASE("no view prints a stored control sequence or bidi override") {
  TempStore s;
  s.today = "2026-01-10";
  seed(s);
  const std::string name = hostile("Eve");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"list"}, {"list", "--all"}, {"due"}, {"due", "--all"}, {"due", "--explain", "#1"},
           {"show", "#1"}, {"show", "#2"}, {"timeline"}, {"timeline", "#1"}, {"favors"},
           {"favors", "#1"}, {"interests"}, {"interests", hostile("chess")}, {"stats"},
           {"undo", "--list"}, {"graph"}, {"search", "chess"}, {"search", "owned"}, {"suggest"},
           {"suggest", "--for", "rust"}, {"dupes"}, {"check"}, {"config"},
           {"edit", "#1", "--city", hostile("Town")}, {"log", "#1", hostile("again")},
           {"favor", "#2", "--gave", hostile("coffee")}, {"thank", "#2", hostile("thanks")},
           {"snooze", "#2", "2026-02-01"}, {"rm", "#2"}, {"restore", "#2"}, {"undo"},
           {"merge", "#1", "#2", "--dry-run"}}) {
    check_safe(s, args);
  }
  SECTION("error messages quote the text visibly") {
    check_safe(s, {"show", hostile("Nobody")});
    check_safe(s, {"log", hostile("Nobody"), "hi"});
    check_safe(s, {"add", name}); // already exists
  }
}

TEST_CASE("on a terminal, in colour, only ally's own colour codes reach it") {
  TempStore s;
  s.today = "2026-01-10";
  seed(s);
  for (const char* columns : {"80", "200"}) {
    for (const std::string view : {"list", "due --all", "show '#1'", "timeline", "favors", "stats", "interests"}) {
      INFO(view << " at " << columns << " columns");
      const std::string command = std::string(ALLY_BINARY) + " --db " + s.db() + " --today " + s.today + " " + view;
      const Result r = ally_test::run_process(
          {"/usr/bin/script", "-qec", std::string("stty rows 200 cols ") + columns + "; " + command, "/dev/null"},
          "", {{"PAGER", "cat"}, {"PATH", "/usr/bin:/bin"}, {"TERM", "xterm-256color"}});
      INFO(r.out);
      CHECK(r.code == 0);
      CHECK(r.out.find("\x1b[") != std::string::npos); // in colour
      CHECK(first_control_on_terminal(r.out).empty());
    }
  }
}

TEST_CASE("visible escapes name what was stored") {
  TempStore s;
  s.today = "2026-01-10";
  REQUIRE(s.run({"add", "Eve \x1b[2J\u202Eevil"}).code == 0);
  const Result r = s.run({"show", "#1"});
  CHECK(r.out.find("Eve \\e[2J\\u202Eevil") != std::string::npos);
}

TEST_CASE("--json and export keep the stored bytes") {
  TempStore s;
  s.today = "2026-01-10";
  seed(s);
  const json shown = json::parse(s.run({"--json", "show", "#1"}).out);
  CHECK(shown.dump().find(json(hostile("Eve")).dump()) != std::string::npos);
  const Result exported = s.run({"export"});
  REQUIRE(exported.code == 0);
  CHECK(json::parse(exported.out).dump().find(json(hostile("talked")).dump()) != std::string::npos);
}

TEST_CASE("a JSON import's hostile text is shown escaped too") {
  TempStore a;
  a.today = "2026-01-10";
  seed(a);
  const std::string file = (a.dir() / "export.json").string();
  REQUIRE(a.run({"export", "-o", file}).code == 0);
  TempStore b;
  b.today = "2026-01-10";
  REQUIRE(b.run({"import", file}).code == 0);
  for (const auto& args : std::vector<std::vector<std::string>>{{"list"}, {"show", "#1"}, {"timeline"}, {"due", "--all"}})
    check_safe(b, args);
}
