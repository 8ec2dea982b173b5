// A JSON import, as `ally import FILE` runs it: read and validate the export, then import it
// into an empty store and merge it into one in use, each in a write that is rolled back.
// A bad file must be refused with Conflict (exit 1), never crash, leak or misbehave.
#include <cstdint>
#include <string>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/export_format.hpp"
#include "fuzz_store.hpp"

namespace {

// The CLI's path from bytes to stored records (src/cli/cmd_import.cpp), in one place so it can
// follow the CLI when the reader changes.
void import_bytes(ally::Store& store, std::string_view bytes, ally::MergeMode mode) {
  // The streaming reader `ally import FILE` uses, fed from memory as `ally import -` does.
  (void)ally::import_json(
      store, [&](ally::ExportSink& sink) { ally::read_export(bytes, sink); }, mode);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ally_fuzz::FuzzStore empty(false);
  static ally_fuzz::FuzzStore in_use(true);
  auto bytes = ally_fuzz::as_text(data, size);
  try {
    empty.in_rolled_back_write(
        [&](ally::Store& store) { import_bytes(store, bytes, ally::MergeMode::empty_only); });
    in_use.in_rolled_back_write(
        [&](ally::Store& store) { import_bytes(store, bytes, ally::MergeMode::merge); });
  } catch (const ally::Conflict&) {
  }
  return 0;
}
