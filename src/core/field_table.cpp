#include "ally/field_table.hpp"

#include <array>

namespace ally {
namespace {

using K = FieldKind;
using F = FoldRule;

const std::array<FieldRow, 22> k_fields{{
    {"name", K::text, F::none, "--name", "name", &Ally::name, nullptr},
    {"nicknames", K::texts, F::unite, "--nick", "nicknames", nullptr, &Ally::nicknames},
    {"org", K::text, F::fill, "--org", "org", &Ally::org, nullptr},
    {"role", K::text, F::fill, "--role", "role", &Ally::role, nullptr},
    {"city", K::text, F::fill, "--city", "city", &Ally::city, nullptr},
    {"emails", K::texts, F::unite, "--email", "emails", nullptr, &Ally::emails},
    {"phones", K::texts, F::unite, "--phone", "phones", nullptr, &Ally::phones},
    {"links", K::texts, F::unite, "--link", "links", nullptr, &Ally::links},
    {"circle", K::text, F::fill, "--circle", "circle", &Ally::circle, nullptr},
    {"relationship", K::text, F::fill, "--rel", "relationship", &Ally::relationship, nullptr},
    {"cadence", K::special, F::none, "--every", "cadence", nullptr, nullptr},
    {"met", K::text, F::fill, "--met", "met", &Ally::met, nullptr},
    {"goals", K::text, F::fill, "--goal", "goals", &Ally::goals, nullptr},
    {"notes", K::text, F::append, "--note", "notes", &Ally::notes, nullptr},
    {"tags", K::texts, F::unite, "--tag", "tags", nullptr, &Ally::tags},
    {"expertise", K::texts, F::unite, "--knows", "expertise", nullptr, &Ally::expertise},
    {"interests", K::texts, F::unite, "--interest", "interests", nullptr, &Ally::interests},
    {"snoozed_until", K::special, F::none, "", "snooze", nullptr, nullptr},
    {"snooze_all", K::special, F::none, "", "snooze --all", nullptr, nullptr},
    {"archived", K::special, F::none, "", "archived", nullptr, nullptr},
    {"vcard_uids", K::texts, F::unite, "", "vCard UIDs", nullptr, &Ally::vcard_uids},
    {"added_on", K::special, F::none, "", "added", nullptr, nullptr},
}};

} // namespace

std::span<const FieldRow> ally_field_table() { return k_fields; }

const FieldRow* ally_field(std::string_view key) {
  for (const auto& f : k_fields) {
    if (f.key == key)
      return &f;
  }
  return nullptr;
}

} // namespace ally
