// The command line as a whole: global options, the subcommand table, and the one place errors
// become `ally: error: …` and an exit code.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "ally/error.hpp"
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

void configure_subcommands(CLI::App& app) {
  for (auto* sub : app.get_subcommands({})) {
    sub->fallthrough();
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
