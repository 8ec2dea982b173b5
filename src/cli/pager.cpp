#include "cli/pager.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "cli/process.hpp"
#include "render/table.hpp"
#include "render/terminal_text.hpp"

namespace ally::cli {

void print_paged(Context& ctx, const std::string& text) {
  std::size_t height = ctx.out_is_tty && !ctx.options.no_pager ? terminal_height() : 0;
  auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (height == 0 || lines < height) {
    ctx.out << text;
    return;
  }
  // As GIT_PAGER does for git: ALLY_PAGER wins over PAGER, and set to "" or "cat" it means none.
  if (const char* own = std::getenv("ALLY_PAGER"); own) {
    const std::string_view chosen = own;
    if (chosen.find_first_not_of(" \t") == std::string_view::npos || chosen == "cat") {
      ctx.out << text;
      return;
    }
  }
  auto pager = command_from_environment({"ALLY_PAGER", "PAGER"}, {"less"});
  // F: quit when it fits after all, R: keep colours, X: leave the text on the screen.
  ::setenv("LESS", "FRX", 0);
  ctx.out.flush();
  if (!run_program(pager, for_terminal(text)).started)
    ctx.out << text;
}

} // namespace ally::cli
