#pragma once
// What every subcommand gets: the global options, the output streams, and a lazily opened store.
#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <sstream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "ally/store.hpp"
#include "cli/run.hpp"
#include "render/terminal_text.hpp"

namespace ally::cli {

struct GlobalOptions {
  std::string db;
  bool json = false;
  std::string color = "auto";
  std::string today;
  bool no_pager = false;
};

struct Context {
  GlobalOptions options;
  // The streams as given, for bytes that must stay as they are: --json, an export or a
  // calendar on standard output, the progress bar's own codes.
  std::ostream& raw_out;
  std::ostream& raw_err;

private:
  TerminalBuf m_out_buf;
  TerminalBuf m_err_buf;
  std::ostream m_out;
  std::ostream m_err;

public:
  // What is written for a person: through for_terminal(), so stored text never reaches the
  // terminal as a control sequence, however a command prints it.
  std::ostream& out;
  std::ostream& err;
  bool out_is_tty = false;

  Context(std::ostream& o, std::ostream& e)
      : raw_out(o), raw_err(e), m_out_buf(o.rdbuf()), m_err_buf(e.rdbuf()), m_out(&m_out_buf),
        m_err(&m_err_buf), out(m_out), err(m_err) {}
  ~Context() {
    out.flush();
    err.flush();
  }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // "Today" from --today, else $ALLY_TODAY, else the system clock. Throws UsageError.
  const Clock& clock();
  // Opens the store once; a write after a read reopens it for writing.
  Store& store(Access access);
  bool color() const;
  // Prints a JSON document on stdout.
  void print_json(const nlohmann::json& doc);
  // After a write: when it changed nothing (Store::last_write_changed), prints "nothing to
  // change: WHAT" (with --json: `doc` with "changed": false) and returns true; exit status 0.
  bool report_unchanged(const std::string& what, nlohmann::json doc);
  // Prints the store's notices, "ally: note: …" on stderr.
  void print_notices();
  // Long human output: from here on what is printed for a person is kept, and finish_paging()
  // shows it through the pager when it is taller than the terminal (print_paged), as git does.
  // Nothing changes when stdout is not a terminal, with --json or --no-pager.
  void page_output();
  void finish_paging() noexcept;
  // Closes the store, so its files can be removed.
  void close_store() { m_store.reset(); }
  // Prints a JSON array of `count` elements exactly as print_json would, building one element
  // at a time (`due --all --json` at 10,000 allies held a 40 MB document otherwise).
  void print_json_array(std::size_t count, const std::function<nlohmann::json(std::size_t)>& element);
  // Prints `doc` exactly as print_json would with `key` holding an array of `count` elements,
  // building one element at a time: an import's per-record report is streamed, not held as a
  // document (30,000 contacts).
  void print_json_streaming(nlohmann::json doc, const std::string& key, std::size_t count,
                            const std::function<nlohmann::json(std::size_t)>& element);

private:
  std::optional<std::ostringstream> m_paged;
  std::optional<Clock> m_clock;
  std::optional<Store> m_store;
  Access m_access = Access::read;
};

// One entry per subcommand: its name, one-line summary, and the function that declares its
// options and callback on the CLI11 subcommand made for it.
struct CommandEntry {
  const char* name;
  const char* summary;
  void (*define)(CLI::App& command, Context& ctx);
  std::vector<const char*> examples; // real command lines, each under 78 columns
};

// Every subcommand, in the order `ally --help` lists them.
const std::vector<CommandEntry>& command_table();

// Builds the command line on `app`: the global options and every command, or only the command
// `only` names (what `run` does once it knows which command a line runs).
void define_app(CLI::App& app, Context& ctx, const std::string& only = {});

// The command a command line runs, when it can be told before parsing: its first word that is
// not a global option or the value of one, if that names a command. Empty when it cannot be
// told, and for help (-h anywhere, `ally help`), which lists every command. `run` defines that
// command alone: defining all thirty was half of ally's start-up, paid by every `ally due` in a
// new terminal.
std::string command_word(int argc, const char* const* argv);

// True when a command line holds global options and their values only (`ally`, `ally --json`):
// that is `ally due`, run at once rather than after defining every command to find no command.
bool only_global_options(int argc, const char* const* argv);

// Option helpers shared by the subcommands.
// A string option that remembers whether it was given.
struct TextOption {
  std::string value;
  CLI::Option* option = nullptr;
  bool given() const { return option && option->count() > 0; }
};
void add_text(CLI::App& app, TextOption& target, const std::string& name, const std::string& help);
// A repeatable option: each occurrence takes exactly one value.
// Refuses an empty value ("empty ally name") for an argument whose absence means something else
// (all allies, all settings), so `ally timeline "$WHO"` with WHO unset is not read as no WHO.
CLI::Validator non_empty(const std::string& what);
CLI::Option* add_list(CLI::App& app, std::vector<std::string>& target, const std::string& name,
                      const std::string& help);

} // namespace ally::cli
