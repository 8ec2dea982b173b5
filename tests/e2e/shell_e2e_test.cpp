// End-to-end: what makes ally at home in a terminal — the first run, `ally help`, Tab completion
// in a real bash, and `ally graph` drawn by Graphviz.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ally/text.hpp"
#include "cli/completion.hpp"
#include "cli/context.hpp"
#include "e2e/harness.hpp"

using ally_test::run_process;
using ally_test::TempStore;
using nlohmann::json;

namespace {

const std::string k_welcome =
    "No allies yet. Start with someone you talked to lately: ally add \"Rachel Green\" --circle "
    "core\n"
    "Or bring in your address book: ally import contacts.vcf (see 'man ally')\n";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void add_network(const TempStore& s) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"add", "Rachel Green", "--circle", "core", "--interest", "The Strokes"},
           {"add", "Ross Geller", "--circle", "inner", "--interest", "the strokes"},
           {"add", "Mary-Jane \"MJ\" O'Neil"},
           {"add", "Gunther"},
           {"log", "Rachel,Ross", "coffee"},
           {"intro", "Rachel", "Mary"}}) {
    REQUIRE(s.run(args).code == 0);
  }
}

} // namespace

TEST_CASE("a first run explains how to start instead of an empty table", "[e2e][shell]") {
  TempStore s;
  for (auto args : std::vector<std::vector<std::string>>{{}, {"list"}, {"due"}}) {
    auto r = s.run(args);
    CHECK(r.code == 0);
    CHECK(r.out == k_welcome);
    CHECK(r.err.empty());
  }
  CHECK(s.run({"--json", "list"}).out == "[]\n");
  CHECK(s.run({"--json"}).out == "[]\n"); // `ally --json` is `ally --json due`
  CHECK_FALSE(std::filesystem::exists(s.db()));

  REQUIRE(s.run({"add", "Rachel Green", "--circle", "core", "--every", "1w"}).code == 0);
  REQUIRE(s.run({"log", "Rachel", "coffee", "--date", "2026-11-01"}).code == 0);
  auto plain = s.run({});
  CHECK(plain.code == 0);
  CHECK(plain.out == s.run({"due"}).out); // `ally` alone is today's list
  CHECK(plain.out.find("Rachel Green") != std::string::npos);
}

TEST_CASE("ally help COMMAND prints what COMMAND --help prints, for every command",
          "[e2e][shell]") {
  TempStore s;
  std::ostringstream out, err;
  ally::cli::Context ctx(out, err);
  CLI::App app;
  ally::cli::define_app(app, ctx);
  CHECK(s.run({"help"}).out == s.run({"--help"}).out);
  for (const auto& [path, command] : ally::cli::command_paths(app)) {
    std::vector<std::string> words{"help"};
    std::istringstream split(path);
    for (std::string w; split >> w;)
      words.push_back(w);
    std::vector<std::string> flag(words.begin() + 1, words.end());
    flag.push_back("--help");
    auto help = s.run(words);
    INFO("ally help " << path);
    CHECK(help.code == 0);
    CHECK(help.out == s.run(flag).out);
    CHECK(help.out.find("ally " + path) != std::string::npos);
  }
  auto r = s.run({"help", "nope"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: no command 'nope' — see 'ally --help', or the topics 'ally help "
                 "dates' and 'ally help names'\n");
  // The shared rules have their own pages, each fitting 80 columns.
  for (const char* topic : {"dates", "names"}) {
    auto page = s.run({"help", topic});
    CHECK(page.code == 0);
    std::size_t start = 0;
    while (start < page.out.size()) {
      const std::size_t end = page.out.find('\n', start);
      CHECK(ally::display_width(page.out.substr(start, end - start)) <= 80);
      start = end + 1;
    }
  }
  CHECK(s.run({"help", "dates"}).out.find("last friday, next friday") != std::string::npos);
  CHECK(s.run({"help", "names"}).out.find("the last name") != std::string::npos);
}

TEST_CASE("the bash completion lists subcommands, options and ally names", "[e2e][shell]") {
  TempStore s;
  add_network(s);
  std::string bin_dir = std::filesystem::path(ALLY_BINARY).parent_path().string();
  // Each line: the words typed, then what the completion offers.
  std::string script = R"(source <(ally completion bash) || exit 3
complete -p ally || exit 4
offer() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _ally
          printf '%s|' "${COMPREPLY[@]}"; echo; }
offer ally ''
offer ally sh
offer ally log edit --t
offer ally show R
offer ally log Rachel -w M
offer ally --color ''
)";
  auto r = run_process(
      {"/bin/bash", "--norc", "-c", script}, "",
      {{"PATH", bin_dir + ":/usr/bin:/bin"}, {"ALLY_DB", s.db()}, {"HOME", s.dir().string()}});
  REQUIRE(r.code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "complete -F _ally ally");
  std::getline(lines, line);
  for (const char* command : {"add|", "log|", "due|", "graph|", "completion|", "help|"}) {
    CHECK(line.find(command) != std::string::npos);
  }
  std::getline(lines, line);
  CHECK(line == "show|");
  std::getline(lines, line);
  CHECK(line == "--text|--today|");
  std::getline(lines, line);
  CHECK(line == "Rachel\\ Green|Ross\\ Geller|");
  std::getline(lines, line);
  CHECK(line == "Mary-Jane\\ \\\"MJ\\\"\\ O\\'Neil|");
  std::getline(lines, line);
  CHECK(line == "auto|always|never|");
  CHECK(r.err.empty());
}

TEST_CASE("graph writes DOT that Graphviz draws", "[e2e][shell]") {
  TempStore s;
  add_network(s);
  auto r = s.run({"graph"});
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("graph ally {\n", 0) == 0);
  CHECK(r.out.find("subgraph cluster_0 {\n    label=\"core\";") != std::string::npos);
  CHECK(r.out.find("a1 -- a2 [label=\"1 talk\"") != std::string::npos);
  CHECK(r.out.find("a1 -- a3 [label=\"introduced\"") != std::string::npos);
  CHECK(r.out.find("label=\"Mary-Jane \\\"MJ\\\" O'Neil\\n#3\"") != std::string::npos);
  CHECK(r.out.find("t0 [label=\"The Strokes\"") != std::string::npos);

  // Graphviz parses it, and draws it.
  auto parsed = run_process({"/usr/bin/dot", "-Tcanon"}, r.out, {});
  CHECK(parsed.code == 0);
  CHECK(parsed.err.empty());
  auto svg = (s.dir() / "network.svg").string();
  auto drawn = s.run({"graph", "-o", svg});
  CHECK(drawn.code == 0);
  CHECK(drawn.err == "Wrote the network of 4 allies to " + svg + ".\n");
  CHECK(read_file(svg).find("<svg") != std::string::npos);
  CHECK(read_file(svg).find("Rachel Green") != std::string::npos);

  auto dot = (s.dir() / "network.dot").string();
  REQUIRE(s.run({"graph", "-o", dot}).code == 0);
  CHECK(read_file(dot) == r.out);

  // Filters as list has them: only inner and core, so no link to Mary-Jane.
  auto inner = s.run({"graph", "--circle", "inner"});
  CHECK(inner.out.find("Ross Geller") != std::string::npos);
  CHECK(inner.out.find("Rachel Green") == std::string::npos);
  CHECK(inner.out.find(" -- ") == std::string::npos);

  auto doc = json::parse(s.run({"--json", "graph"}).out);
  CHECK(doc["allies"].size() == 4);
  CHECK(doc["allies"][0]["check_in"] == "fine");
  CHECK(doc["links"][0] == json{{"a", 1}, {"b", 2}, {"introductions", 0}, {"conversations", 1}});
  CHECK(doc["topics"][0] == json{{"topic", "The Strokes"}, {"allies", {1, 2}}});
}

TEST_CASE("graph says which package draws pictures when Graphviz is missing", "[e2e][shell]") {
  TempStore s;
  add_network(s);
  auto png = (s.dir() / "network.png").string();
  auto r = s.run_raw({"--db", s.db(), "graph", "-o", png}, "", {{"PATH", s.dir().string()}});
  CHECK(r.code == 1);
  CHECK(r.err.find("ally: error: cannot draw " + png + ": Graphviz's 'dot' is not available") == 0);
  CHECK(r.err.find("install the 'graphviz' package") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(png));
  r = s.run({"graph", "-o", "network.txt"});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: cannot tell what to write to 'network.txt' — name a .dot, .svg, "
                 ".png or .pdf file\n");
}

TEST_CASE("long show output goes through $PAGER on a terminal only", "[e2e][shell]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--note", "likes The Strokes"}).code == 0);
  // `script` gives ally a terminal 5 rows high; the pager is split on white space, no shell.
  std::string command =
      std::string(ALLY_BINARY) + " --db " + s.db() + " --today " + s.today + " show Rachel";
  auto r =
      run_process({"/usr/bin/script", "-qec", "stty rows 5 cols 80; " + command, "/dev/null"}, "",
                  {{"PAGER", "sed s/^/paged:/"},
                   {"NO_COLOR", "1"},
                   {"PATH", "/usr/bin:/bin"},
                   {"TERM", "dumb"}});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("paged:Rachel Green #1", 0) == 0);
  // Piped, it is printed as it is.
  auto piped = s.run_raw({"--db", s.db(), "show", "Rachel"}, "", {{"PAGER", "sed s/^/paged:/"}});
  CHECK(piped.out.rfind("Rachel Green #1\n", 0) == 0);
}

TEST_CASE("long timeline, list, favors, due --all and undo --list page like git", "[e2e][shell]") {
  TempStore s;
  for (const char* name : {"Ann Lee", "Bob Ray", "Cid Moss", "Dee Park", "Eve Holt", "Fay Wu"}) {
    REQUIRE(s.run({"add", name, "--circle", "core"}).code == 0);
    REQUIRE(s.run({"log", name, "coffee"}).code == 0);
    REQUIRE(s.run({"favor", name, "--got", "a hand"}).code == 0);
  }
  auto on_terminal = [&](const std::string& args, std::map<std::string, std::string> env) {
    std::string command =
        std::string(ALLY_BINARY) + " --db " + s.db() + " --today " + s.today + " " + args;
    env.insert({{"NO_COLOR", "1"}, {"PATH", "/usr/bin:/bin"}, {"TERM", "dumb"}});
    return run_process({"/usr/bin/script", "-qec", "stty rows 5 cols 80; " + command, "/dev/null"},
                       "", env);
  };
  for (const char* args : {"timeline", "list", "favors", "due --all", "undo --list"}) {
    INFO(args);
    // ALLY_PAGER wins over PAGER, as GIT_PAGER does.
    auto r = on_terminal(args, {{"ALLY_PAGER", "sed s/^/paged:/"}, {"PAGER", "false"}});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("paged:", 0) == 0);
    // --no-pager, and ALLY_PAGER=cat, print it as it is.
    for (const auto& [extra, env] :
         std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
             {" --no-pager", {{"PAGER", "sed s/^/paged:/"}}},
             {"", {{"ALLY_PAGER", "cat"}, {"PAGER", "sed s/^/paged:/"}}}}) {
      auto plain = on_terminal(std::string(args) + extra, env);
      CHECK(plain.code == 0);
      CHECK(plain.out.find("paged:") == std::string::npos);
      CHECK_FALSE(plain.out.empty());
    }
  }
  // Piped, never paged.
  auto piped = s.run_raw({"--db", s.db(), "--today", s.today, "timeline"}, "",
                         {{"ALLY_PAGER", "sed s/^/paged:/"}});
  CHECK(piped.out.find("paged:") == std::string::npos);
}
