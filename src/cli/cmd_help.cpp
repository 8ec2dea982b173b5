// `ally help [COMMAND…]`: the same text as `ally COMMAND --help`, as git users expect.
#include "ally/error.hpp"
#include "cli/commands.hpp"

namespace ally::cli {

void define_help(CLI::App& cmd, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  cmd.add_option("command", *words, "The command, e.g. log or log edit");
  cmd.callback([words, &cmd, &ctx] {
    CLI::App* app = cmd.get_parent();
    std::string path;
    for (const auto& word : *words) {
      CLI::App* next = nullptr;
      for (auto* sub : app->get_subcommands({})) {
        if (!sub->get_group().empty() && sub->get_name() == word)
          next = sub;
      }
      if (!next) {
        throw UsageError("no command '" + (path.empty() ? word : path.substr(1) + " " + word) + "'",
                         "see 'ally --help'");
      }
      app = next;
      path += " " + word;
    }
    // The formatter itself: App::help() on the top would describe `help`, the command running.
    ctx.out << app->get_formatter()->make_help(app, "ally" + path, CLI::AppFormatMode::Normal);
  });
}

} // namespace ally::cli
