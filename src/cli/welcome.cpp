#include "cli/welcome.hpp"

#include <ostream>

#include "ally/names.hpp"

namespace ally::cli {

bool store_is_new(Store& store) {
  // One row from the name index answers it, however large the store: `ally` alone runs at
  // every shell start for some.
  return !store.exists_on_disk() || ally_names_starting(store, "", 1).empty();
}

void print_welcome(std::ostream& out) {
  out << "No allies yet. Start with someone you talked to lately: ally add \"Rachel Green\" "
         "--circle core\n"
         "Or bring in your address book: ally import contacts.vcf (see 'man ally')\n";
}

} // namespace ally::cli
