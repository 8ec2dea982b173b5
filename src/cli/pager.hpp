#pragma once
// Long human output (show, search, timeline, list, favors, due --all, undo --list) goes through
// the pager when stdout is a terminal, as git does; commands ask for it with Context::page_output.
#include <string>

#include "cli/context.hpp"

namespace ally::cli {

// Writes `text` to ctx.out, through `$ALLY_PAGER`, else `$PAGER`, else `less` (with LESS=FRX
// unless LESS is set) when stdout is a terminal, --no-pager was not given and the text is
// taller than it; ALLY_PAGER set to "" or "cat" means no pager. The pager is split on white space
// and started without a shell; one that cannot start leaves the text printed as usual.
void print_paged(Context& ctx, const std::string& text);

} // namespace ally::cli
