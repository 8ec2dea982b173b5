#pragma once
// What `log` and `next` print about things to bring up: the open ones of some allies, each
// with the command that closes it (`log` never asks; it says).
#include <cstdint>
#include <vector>

#include "ally/store.hpp"
#include "cli/context.hpp"

namespace ally::cli {

// "Still to bring up with Rachel Green (#1): #3 ask how the marathon went · close it: ally
// next done 3", one line per open item of each of `allies`; nothing when none is open.
void print_open_to_bring_up(Context& ctx, Store& store, const std::vector<std::int64_t>& allies);

} // namespace ally::cli
