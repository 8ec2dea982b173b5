// `ally help [COMMAND…]`: the same text as `ally COMMAND --help`, as git users expect; and
// `ally help dates`, `ally help names`, the rules every command shares.
#include "ally/error.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "cli/help_topics.hpp"

namespace ally::cli {

void define_help(CLI::App& cmd, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  cmd.add_option("command", *words, "The command (log, log edit), or a topic: dates, names");
  cmd.callback([words, &cmd, &ctx] {
    if (words->size() == 1) {
      if (const auto topic = help_topic(words->front())) {
        ctx.out << *topic;
        return;
      }
    }
    CLI::App* app = cmd.get_parent();
    std::string path;
    for (const auto& word : *words) {
      CLI::App* next = nullptr;
      for (auto* sub : app->get_subcommands({})) {
        if (!sub->get_group().empty() && sub->get_name() == word)
          next = sub;
      }
      if (!next) {
        std::vector<std::string> choices;
        for (auto* sub : app->get_subcommands({}))
          if (!sub->get_group().empty()) choices.push_back(sub->get_name());
        if (path.empty()) choices.insert(choices.end(), {"dates", "names"});
        const std::string close = closest_choice(word, choices);
        throw UsageError("no command '" + (path.empty() ? word : path.substr(1) + " " + word) + "'",
                         (close.empty() ? "" : "did you mean '" + close + "'? ") +
                             "see 'ally --help', or the topics 'ally help dates' and 'ally help names'");
      }
      app = next;
      path += " " + word;
    }
    // The formatter itself: App::help() on the top would describe `help`, the command running.
    ctx.out << app->get_formatter()->make_help(app, "ally" + path, CLI::AppFormatMode::Normal);
  });
}

} // namespace ally::cli
