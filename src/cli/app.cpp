// The command line as a whole: global options, the subcommand table, and the one place errors
// become `ally: error: …` and an exit code.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/text.hpp"
#include "cli/context.hpp"

namespace ally::cli {
namespace {

std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && (text.size() < 2 || !(text[1] >= 'A' && text[1] <= 'Z'))) {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

void print_error(std::ostream& err, const std::string& message, const std::string& hint) {
  // One line, whatever the message holds.
  std::string line = message;
  if (!hint.empty()) line += " — " + hint;
  for (auto& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  err << "ally: error: " << line << '\n';
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

} // namespace

void define_app(CLI::App& app, Context& ctx) {
  app.name("ally");
  app.description("ally — keep in touch with the people you work with");
  app.set_version_flag("--version", "ally " ALLY_VERSION);
  app.add_option("--db", ctx.options.db, "Store file (default: $ALLY_DB, else $XDG_DATA_HOME/ally/ally.db)");
  app.add_flag("--json", ctx.options.json, "Print machine-readable JSON");
  app.add_option("--color", ctx.options.color, "Colour: auto (only on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--today", ctx.options.today, "Pin today's date (YYYY-MM-DD), also $ALLY_TODAY");
  app.require_subcommand(0, 1);
  for (const auto& entry : command_table()) {
    auto* sub = app.add_subcommand(entry.name, entry.summary);
    entry.define(*sub, ctx);
  }
  require_utf8(app);
  configure_subcommands(app);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Context ctx(out, err);
  ctx.out_is_tty = &out == &std::cout && ::isatty(STDOUT_FILENO);
  CLI::App app;
  try {
    define_app(app, ctx);
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
      print_error(err, lower_first(e.what()), "see 'ally --help'");
      return 2;
    }
    if (app.get_subcommands().empty()) {
      out << app.help();
    }
    return 0;
  } catch (const Error& e) {
    print_error(err, e.what(), e.hint());
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    print_error(err, "out of memory", "");
    return 1;
  } catch (const std::exception& e) {
    print_error(err, e.what(), "");
    return 1;
  }
}

} // namespace ally::cli
