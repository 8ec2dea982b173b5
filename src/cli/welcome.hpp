#pragma once
// What a first run says instead of an empty table.
#include <iosfwd>

#include "ally/store.hpp"

namespace ally::cli {

// True when the store does not exist yet or holds no ally at all, archived ones included.
bool store_is_new(Store& store);

// Two lines on how to start: add someone, or import an address book.
void print_welcome(std::ostream& out);

} // namespace ally::cli
