#include "cli/welcome.hpp"

#include <ostream>

#include "ally/allies.hpp"

namespace ally::cli {

bool store_is_new(Store& store) {
  if (!store.exists_on_disk()) return true;
  AllyFilter archived;
  archived.archived = true;
  return list_allies(store, AllyFilter{}).empty() && list_allies(store, archived).empty();
}

void print_welcome(std::ostream& out) {
  out << "No allies yet. Start with someone you talked to lately: ally add \"Rachel Green\" --circle core\n"
         "Or bring in your address book: ally import contacts.vcf (see 'man ally')\n";
}

} // namespace ally::cli
