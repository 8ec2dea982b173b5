// vCards onto the one intake path: the vCard reader's fields as the neutral record.
#include "ally/intake.hpp"
#include "ally/text.hpp"
#include "ally/vcard.hpp"

namespace ally {

IncomingContact incoming_of(const VCard& card) {
  IncomingContact c;
  c.identity = trim(card.uid);
  c.name = trim(display_name(card));
  c.given = card.given;
  c.family = card.family;
  c.nicknames = card.nicknames;
  c.emails = card.emails;
  c.phones = card.phones;
  c.links = card.urls;
  c.tags = card.categories;
  c.org = card.org;
  c.role = card.title;
  c.city = card.city;
  c.note = card.note;
  c.birthday = card.birthday;
  c.line = static_cast<std::size_t>(card.line);
  c.warnings = card.warnings;
  return c;
}

std::vector<IncomingContact> incoming_of(const std::vector<VCard>& cards) {
  std::vector<IncomingContact> out;
  out.reserve(cards.size());
  for (const auto& card : cards) out.push_back(incoming_of(card));
  return out;
}

} // namespace ally
