// `ally completion bash|zsh|fish`: the shell script that makes Tab complete ally's commands,
// options and ally names.
#include "cli/commands.hpp"
#include "cli/completion.hpp"

namespace ally::cli {

void define_completion(CLI::App& cmd, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  cmd.add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd.callback([shell, &ctx] { ctx.raw_out << completion_script(*shell); }); // shell code, no stored text
}

} // namespace ally::cli
