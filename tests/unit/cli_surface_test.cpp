// The command tree as users meet it: every command and option documented in the manual, and
// Tab completion worked out from the same tree.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ally/error.hpp"
#include "cli/completion.hpp"
#include "cli/context.hpp"

namespace {

using ally::cli::Completion;
using ally::cli::CompletionKind;

struct Cli {
  std::ostringstream out, err;
  ally::cli::Context ctx{out, err};
  CLI::App app;
  Cli() { ally::cli::define_app(app, ctx); }
};

// docs/manual/*.md by file name.
std::map<std::string, std::string> manual() {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(ALLY_SOURCE_DIR "/docs/manual")) {
    if (entry.path().extension() != ".md")
      continue;
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    files[entry.path().filename().string()] = text.str();
  }
  return files;
}

bool mentions(const std::string& text, const std::string& words) {
  // "ally log" must not be satisfied by "ally logs": the words end at a non-word character.
  std::size_t at = 0;
  while ((at = text.find(words, at)) != std::string::npos) {
    std::size_t end = at + words.size();
    if (end == text.size() ||
        !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-')) {
      return true;
    }
    ++at;
  }
  return false;
}

std::vector<std::string> values(const Completion& c) {
  std::vector<std::string> out;
  for (const auto& candidate : c.candidates)
    out.push_back(candidate.value);
  return out;
}

Completion complete(std::vector<std::string> words) {
  Cli cli;
  auto names = [](const std::string& prefix, const std::string& db) {
    std::vector<std::string> all{"Rachel Green", "Ross Geller", "Mary-Jane O'Neil"};
    std::vector<std::string> out;
    for (auto& n : all) {
      if (n.compare(0, prefix.size(), prefix) == 0)
        out.push_back(db.empty() ? n : db + ":" + n);
    }
    return out;
  };
  return ally::cli::complete_words(cli.app, words, names);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

TEST_CASE("the manual documents every command and every option", "[cli][manual]") {
  Cli cli;
  auto files = manual();
  REQUIRE(files.count("00-ally.md"));
  for (auto* option : cli.app.get_options()) {
    for (const auto& name : option->get_lnames()) {
      INFO("global option --" << name);
      CHECK(mentions(files["00-ally.md"], "--" + name));
    }
  }
  for (const auto& [path, command] : ally::cli::command_paths(cli.app)) {
    // The files that document the command (its top-level word) must name each option.
    std::string top = path.substr(0, path.find(' '));
    std::vector<const std::string*> documenting;
    for (const auto& [file, text] : files) {
      if (mentions(text, "ally " + top))
        documenting.push_back(&text);
    }
    bool documented = false;
    for (const auto* text : documenting)
      documented = documented || mentions(*text, "ally " + path);
    INFO("command: ally " << path);
    CHECK(documented);
    for (auto* option : command->get_options()) {
      for (const auto& name : option->get_lnames()) {
        if (name == "help")
          continue;
        bool found = false;
        for (const auto* text : documenting)
          found = found || mentions(*text, "--" + name);
        INFO("option --" << name);
        CHECK(found);
      }
    }
  }
}

TEST_CASE("completion offers subcommands, options and their values", "[cli][completion]") {
  auto top = complete({""});
  CHECK(top.kind == CompletionKind::words);
  CHECK(contains(values(top), "add"));
  CHECK(contains(values(top), "due"));
  CHECK(contains(values(top), "completion"));
  CHECK(values(complete({"sh"})) == std::vector<std::string>{"show"});

  auto nested = values(complete({"log", ""}));
  CHECK(contains(nested, "edit"));
  CHECK(contains(nested, "done"));
  CHECK(contains(nested, "Rachel Green")); // log's first argument is an ally too

  auto options = values(complete({"log", "Rachel", "--k"}));
  CHECK(options == std::vector<std::string>{"--kind"});
  auto global = values(complete({"list", "--co"}));
  CHECK(global == std::vector<std::string>{"--color"}); // global options fall through
  CHECK(values(complete({"--color", ""})) == std::vector<std::string>{"auto", "always", "never"});
  CHECK(values(complete({"list", "--sort=l"})) == std::vector<std::string>{"--sort=last"});
  // bash splits --sort=x into three words.
  CHECK(values(complete({"list", "--sort", "=", "d"})) == std::vector<std::string>{"due"});
}

TEST_CASE("completion offers ally names where a command takes an ally", "[cli][completion]") {
  auto show = complete({"show", "R"});
  CHECK(show.kind == CompletionKind::names);
  CHECK(values(show) == std::vector<std::string>{"Rachel Green", "Ross Geller"});
  CHECK(values(complete({"log", "Rachel", "-w", "M"})) ==
        std::vector<std::string>{"Mary-Jane O'Neil"});
  CHECK(values(complete({"merge", "Rachel", "Ro"})) == std::vector<std::string>{"Ross Geller"});
  // The note after the names is free text, and a number is not a name.
  CHECK(values(complete({"log", "Rachel", "R"})).empty());
  CHECK(values(complete({"favor", "done", ""})).empty());
  // bash leaves the backslash of `Rachel\ G` in the word.
  CHECK(values(complete({"show", "Rachel\\ G"})) == std::vector<std::string>{"Rachel Green"});
  // --db, wherever it is given, says which store to read the names from.
  CHECK(values(complete({"--db", "x.db", "show", "Ra"})) ==
        std::vector<std::string>{"x.db:Rachel Green"});
}

TEST_CASE("completion leaves file names to the shell", "[cli][completion]") {
  CHECK(complete({"import", ""}).kind == CompletionKind::files);
  CHECK(complete({"export", "-o", "a"}).kind == CompletionKind::files);
  CHECK(complete({"--db", ""}).kind == CompletionKind::files);
  CHECK(complete({"graph", "--output", ""}).kind == CompletionKind::files);
}

TEST_CASE("completion scripts exist for bash, zsh and fish only", "[cli][completion]") {
  CHECK(ally::cli::completion_script("bash").find("complete -F _ally ally") != std::string::npos);
  CHECK(ally::cli::completion_script("zsh").rfind("#compdef ally", 0) == 0);
  CHECK(ally::cli::completion_script("fish").find("complete -c ally") != std::string::npos);
  CHECK_THROWS_AS(ally::cli::completion_script("tcsh"), ally::UsageError);
}

TEST_CASE("the command a line runs is told before parsing, past global options and their values",
          "[cli]") {
  auto word = [](std::vector<const char*> args) {
    args.insert(args.begin(), "ally");
    return ally::cli::command_word(static_cast<int>(args.size()), args.data());
  };
  CHECK(word({"due"}) == "due");
  CHECK(word({"--db", "show", "--today", "2026-11-24", "--json", "log", "Rachel", "due"}) == "log");
  CHECK(word({"--db=due", "--color", "never", "favor", "done", "3"}) == "favor");
  CHECK(word({"--json"}).empty());       // no command: `run` runs due without asking (only_global_options)
  CHECK(word({"nope", "due"}).empty());  // not a command: CLI11 reports it with every command
  CHECK(word({"due", "--help"}).empty()); // help lists what the whole tree knows
  CHECK(word({"-h", "due"}).empty());
  CHECK(word({"help", "due"}).empty());
  CHECK(word({"--db"}).empty());
}

TEST_CASE("a line of global options alone is told apart from one that names a command or asks for help",
          "[cli]") {
  auto only_global = [](std::vector<const char*> args) {
    args.insert(args.begin(), "ally");
    return ally::cli::only_global_options(static_cast<int>(args.size()), args.data());
  };
  CHECK(only_global({}));
  CHECK(only_global({"--json", "--db", "due", "--color", "never", "--today", "2026-11-24"}));
  CHECK(only_global({"--db=x.db", "--color=always", "--today=2026-11-24"}));
  CHECK_FALSE(only_global({"--db"}));          // a missing value is CLI11's to report
  CHECK_FALSE(only_global({"--json", "due"}));
  CHECK_FALSE(only_global({"--version"}));
  CHECK_FALSE(only_global({"--help"}));
  CHECK_FALSE(only_global({"-h"}));
  CHECK_FALSE(only_global({"--bogus"}));
  CHECK_FALSE(only_global({"--today", "2026-11-24", "nope"}));
}
