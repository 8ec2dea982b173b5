// Another tool's history, as `ally import friends.md|monica.json` runs it: the first byte picks
// the format (even: friends.md, odd: Monica's JSON export), the rest is the file; parse it, then
// bring it into a store in use in a write that is rolled back. A broken file must be refused
// with Conflict (exit 1), never crash, leak or misbehave.
#include <cstdint>
#include <string>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/intake.hpp"
#include "fuzz_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ally_fuzz::FuzzStore in_use(true);
  if (size == 0) return 0;
  const bool monica = data[0] % 2 == 1;
  const std::string text(ally_fuzz::as_text(data + 1, size - 1));
  ally::IncomingHistory history;
  try {
    history = monica ? ally::parse_monica_json(text) : ally::parse_friends_md(text);
  } catch (const ally::Conflict&) {
    return 0;
  }
  in_use.in_rolled_back_write([&](ally::Store& store) { (void)ally::import_history(store, history); });
  return 0;
}
