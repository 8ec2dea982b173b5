// The command line as a whole: global options, the subcommand table, and the one place errors
// become `ally: error: …` and an exit code.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <iostream>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/text.hpp"
#include "ally/names.hpp"
#include "cli/completion.hpp"
#include "cli/context.hpp"
#include "cli/parse_errors.hpp"

namespace ally::cli {
namespace {

void print_error(std::ostream& err, const std::string& message, const std::string& hint) {
  // One line, whatever the message holds, and nothing in it that a terminal acts on.
  std::string line = message;
  if (!hint.empty()) line += " — " + hint;
  err << "ally: error: " << visible(line, Breaks::space) << '\n';
}

// File paths are bytes and pass as they are; they are opened, never stored.
bool names_a_path(const CLI::Option& option) {
  return option.check_lname("db") || option.check_lname("output") || option.get_name() == "file";
}

// Text that ally stores or looks up must be UTF-8: an export or --json would otherwise replace
// the bad bytes silently. Refused here, once, for every option and argument (exit 2), as are
// empty file names.
void require_utf8(CLI::App& app) {
  static const CLI::Validator k_utf8(
      [](const std::string& value) {
        return is_valid_utf8(value) ? std::string() : std::string("not valid UTF-8 text");
      },
      "");
  // `--db ""` would quietly fall back to the default store, `-o ""` to standard output.
  static const CLI::Validator k_file_name(
      [](const std::string& value) {
        return value.empty() ? std::string("empty file name") : std::string();
      },
      "");
  for (auto* option : app.get_options()) {
    if (option->get_type_size_max() > 0) option->check(names_a_path(*option) ? k_file_name : k_utf8);
  }
}

void configure_subcommands(CLI::App& app) {
  for (auto* sub : app.get_subcommands({})) {
    sub->fallthrough();
    require_utf8(*sub);
    configure_subcommands(*sub);
  }
}

constexpr std::size_t k_completion_names = 200;

// `ally __complete -- WORDS…`, called by the completion scripts: prints what kind of completion
// applies, then one "value<TAB>description" line per candidate. Silent on any error: a broken
// store must not spill messages into the user's command line.
int print_completions(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> words;
  for (int i = 2; i < argc; ++i) {
    if (i == 2 && std::string(argv[i]) == "--") continue;
    words.emplace_back(argv[i]);
  }
  Context ctx(out, err);
  CLI::App app;
  define_app(app, ctx);
  auto names = [](const std::string& prefix, const std::string& db) {
    std::vector<std::string> found;
    try {
      Store store(default_store_path(db), Access::read, Clock::system());
      for (auto& match : ally_names_starting(store, prefix, k_completion_names)) {
        found.push_back(std::move(match.name));
      }
    } catch (const std::exception&) {
      // No names to offer.
    }
    return found;
  };
  Completion completion;
  try {
    completion = complete_words(app, words, names);
  } catch (const std::exception&) {
    return 0; // nothing to offer
  }
  switch (completion.kind) {
  case CompletionKind::words: out << "words\n"; break;
  case CompletionKind::names: out << "names\n"; break;
  case CompletionKind::files: out << "files\n"; break;
  }
  for (const auto& c : completion.candidates) {
    std::string description = c.description;
    for (auto& ch : description) {
      if (ch == '\n' || ch == '\t') ch = ' ';
    }
    out << c.value << (description.empty() ? "" : "\t" + description) << '\n';
  }
  return 0;
}

// `ally` alone is `ally due`, which welcomes a first run itself.
int run_default(int argc, const char* const* argv, Context& ctx) {
  std::vector<const char*> args(argv, argv + argc);
  args.push_back("due");
  return run(static_cast<int>(args.size()), args.data(), ctx.raw_out, ctx.raw_err);
}

// The global options that take a value (the next word, or after `=`), for the two scans of a
// command line below, which run before CLI11 has parsed it.
constexpr std::array<std::string_view, 3> k_valued_global_options = {"--db", "--color", "--today"};

bool takes_next_word(std::string_view arg) {
  return std::ranges::find(k_valued_global_options, arg) != k_valued_global_options.end();
}

bool holds_its_value(std::string_view arg) {
  return std::ranges::any_of(k_valued_global_options, [arg](std::string_view option) {
    return arg.size() > option.size() && arg.starts_with(option) && arg[option.size()] == '=';
  });
}

} // namespace

bool only_global_options(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--json" || arg == "--no-pager" || holds_its_value(arg)) continue;
    if (takes_next_word(arg)) {
      if (++i == argc) return false; // CLI11 says what is missing
      continue;
    }
    return false;
  }
  return true;
}

std::string command_word(int argc, const char* const* argv) {
  std::string word;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "--") return {};
    if (!word.empty()) continue;
    if (takes_next_word(arg)) {
      ++i;
      continue;
    }
    if (arg.starts_with("-")) continue;
    word = arg;
  }
  if (word == "help") return {};
  for (const auto& entry : command_table()) {
    if (entry.name == word) return word;
  }
  return {};
}

namespace {
// What every `ally CMD --help` ends with: examples, and the options every command takes.
std::string help_footer(const CommandEntry& entry) {
  std::string text = "Examples:\n";
  for (const char* example : entry.examples)
    text += fmt::format("  {}\n", example);
  text += "\nGlobal options, before or after the command: --json (machine-readable output),\n"
          "--db FILE (another store), --today DATE (pin today), --color auto|always|never.\n"
          "--no-pager. Dates: 'ally help dates'. Names: 'ally help names'.";
  return text;
}
} // namespace

void define_app(CLI::App& app, Context& ctx, const std::string& only) {
  app.name("ally");
  app.description("ally — keep in touch with the people you work with");
  app.set_version_flag("--version", "ally " ALLY_VERSION);
  app.add_option("--db", ctx.options.db, "Store file (default: $ALLY_DB, else $XDG_DATA_HOME/ally/ally.db)");
  app.add_flag("--json", ctx.options.json, "Print machine-readable JSON");
  app.add_flag("--no-pager", ctx.options.no_pager, "Never page long output ($ALLY_PAGER, $PAGER)");
  app.add_option("--color", ctx.options.color, "Colour: auto (only on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--today", ctx.options.today, "Pin today's date (YYYY-MM-DD), also $ALLY_TODAY");
  app.require_subcommand(0, 1);
  for (const auto& entry : command_table()) {
    if (!only.empty() && entry.name != only) continue;
    auto* sub = app.add_subcommand(entry.name, entry.summary);
    entry.define(*sub, ctx);
    sub->footer(help_footer(entry));
  }
  require_utf8(app);
  configure_subcommands(app);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  if (argc >= 2 && std::string(argv[1]) == "__complete") return print_completions(argc, argv, out, err);
  Context ctx(out, err);
  ctx.out_is_tty = &out == &std::cout && ::isatty(STDOUT_FILENO);
  // What a command printed for the pager is shown however the command ended.
  struct ShowPaged {
    Context& ctx;
    ~ShowPaged() { ctx.finish_paging(); }
  } show_paged{ctx};
  if (only_global_options(argc, argv)) return run_default(argc, argv, ctx);
  CLI::App app;
  try {
    define_app(app, ctx, command_word(argc, argv));
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      out << app.help();
      return 0;
    } catch (const CLI::CallForAllHelp&) {
      out << app.help("", CLI::AppFormatMode::All);
      return 0;
    } catch (const CLI::CallForVersion&) {
      out << "ally " ALLY_VERSION << '\n';
      return 0;
    } catch (const CLI::ParseError& e) {
      if (e.get_exit_code() == 0) return 0;
      const ParseProblem problem = explain_parse_error(e, app);
      print_error(err, problem.message, problem.hint);
      return 2;
    }
    if (app.get_subcommands().empty()) return run_default(argc, argv, ctx);
    ctx.print_notices();
    return 0;
  } catch (const Error& e) {
    ctx.finish_paging(); // an error reads below what was printed before it
    print_error(err, e.what(), e.hint());
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    ctx.finish_paging();
    print_error(err, "out of memory", "");
    return 1;
  } catch (const std::exception& e) {
    ctx.finish_paging();
    print_error(err, e.what(), "");
    return 1;
  }
}

} // namespace ally::cli
