// Naming an ally: whatever the text, resolution finds one ally, or throws UsageError (empty),
// NotFound or Ambiguous — over a store whose names have accents, punctuation and near-twins.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ally/error.hpp"
#include "ally/names.hpp"
#include "fuzz_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ally_fuzz::FuzzStore fuzz_store(true);
  auto& store = fuzz_store.store();
  auto text = ally_fuzz::as_text(data, size);
  (void)ally::name_keys(text);
  try {
    auto match = ally::resolve_ally(store, text);
    if (match.number < 1) std::abort();
  } catch (const ally::UsageError&) {
  } catch (const ally::NotFound&) {
  } catch (const ally::Ambiguous&) {
  }
  try {
    auto matches = ally::resolve_ally_list(store, text);
    if (matches.empty()) std::abort();
  } catch (const ally::UsageError&) {
  } catch (const ally::NotFound&) {
  } catch (const ally::Ambiguous&) {
  }
  return 0;
}
