#pragma once
// One ally as a vCard 4.0 card (RFC 6350), for `ally export --format vcard`.
#include <string>

#include "ally/exchange.hpp"

namespace ally {

// UID is the ally's own vCard UID when it came from a card, else "urn:uuid:<its id>": stable
// across exports, and a re-import finds the same ally. REV is its updated_at; NOTE its notes;
// CATEGORIES its tags; BDAY its yearly "birthday" date.
std::string vcard_of(const AllyRow& row);

} // namespace ally
