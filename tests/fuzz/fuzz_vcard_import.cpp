// A vCard import, as `ally import FILE` runs it: parse the cards, then merge them into a store in
// use in a write that is rolled back. Every card also goes through the vCard writer. A broken
// file must be refused with Conflict (exit 1), never crash, leak or misbehave.
#include <cstdint>
#include <string>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/vcard.hpp"
#include "fuzz_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ally_fuzz::FuzzStore in_use(true);
  std::vector<ally::VCard> cards;
  try {
    cards = ally::parse_vcards(ally_fuzz::as_text(data, size));
  } catch (const ally::Conflict&) {
    return 0;
  }
  for (const auto& card : cards) {
    ally::VCardOut out;
    out.uid = card.uid;
    out.name = ally::display_name(card);
    out.nicknames = card.nicknames;
    out.emails = card.emails;
    out.phones = card.phones;
    out.categories = card.categories;
    out.org = card.org;
    out.title = card.title;
    out.note = card.note;
    out.city = card.city;
    out.birthday = card.birthday;
    // What ally writes, it must read back as one card.
    if (ally::parse_vcards(ally::write_vcard(out)).size() != 1) std::abort();
  }
  in_use.in_rolled_back_write([&](ally::Store& store) { (void)ally::import_vcards(store, cards); });
  return 0;
}
