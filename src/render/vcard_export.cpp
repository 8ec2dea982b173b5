#include "render/vcard_export.hpp"

namespace ally {
namespace {

// "2026-01-05T10:15:00.000Z" → "20260105T101500Z" (RFC 6350 timestamp).
std::string rev_of(const std::string& updated_at) {
  if (updated_at.size() < 19)
    return {};
  std::string out;
  for (std::size_t i = 0; i < 19; ++i) {
    char c = updated_at[i];
    if (c != '-' && c != ':')
      out += c;
  }
  return out + "Z";
}

} // namespace

std::string vcard_of(const AllyRow& row) {
  const Ally& a = row.ally;
  VCardOut card;
  // The first card's UID, so the address book it came from knows it again.
  card.uid = a.vcard_uids.empty() ? "urn:uuid:" + a.meta.id : a.vcard_uids.front();
  card.name = a.name;
  card.nicknames = a.nicknames;
  card.emails = a.emails;
  card.phones = a.phones;
  card.urls = a.links;
  card.categories = a.tags;
  card.org = a.org;
  card.title = a.role;
  card.note = a.notes;
  card.city = a.city;
  card.birthday = row.birthday;
  card.rev = rev_of(a.meta.updated_at);
  return write_vcard(card);
}

} // namespace ally
