#pragma once
// Long human output (show, search) goes through $PAGER when stdout is a terminal, as git does.
#include <string>

#include "cli/context.hpp"

namespace ally::cli {

// Writes `text` to ctx.out, through `$PAGER` (default `less`, with LESS=FRX unless LESS is set)
// when stdout is a terminal and the text is taller than it. The pager is split on white space
// and started without a shell; one that cannot start leaves the text printed as usual.
void print_paged(Context& ctx, const std::string& text);

} // namespace ally::cli
