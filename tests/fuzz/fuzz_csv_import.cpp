// A CSV import, as `ally import FILE.csv` runs it: tell the layout from the header (or read it
// with a --map), parse the rows as contacts, then merge them into a store in use in a write
// that is rolled back. A broken file must be refused with Conflict (exit 1), never crash, leak
// or misbehave; every CSV cell ally writes must read back as written.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ally/csv_formula.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/intake.hpp"
#include "fuzz_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ally_fuzz::FuzzStore in_use(true);
  const std::string text(ally_fuzz::as_text(data, size));
  // A cell neutralised for a spreadsheet comes back as it was.
  if (ally::unneutralised_cell(ally::neutralised_cell(text)) != text) std::abort();
  std::vector<ally::IncomingContact> contacts;
  try {
    const auto layout = ally::detect_csv_format(text);
    contacts = layout ? ally::parse_contacts_csv(text, *layout)
                      : ally::parse_contacts_csv(text, ally::CsvFormat::mapped,
                                                 "name=name,email=email,phone=phone,tags=tag");
  } catch (const ally::Conflict&) {
    return 0;
  }
  in_use.in_rolled_back_write([&](ally::Store& store) {
    (void)ally::import_contacts(store, contacts, {}, ally::ContactPlace::line);
  });
  return 0;
}
