#pragma once
// One table of an ally's fields: each field once, with what every place that only iterates
// fields needs to know about it (its JSON key, how two versions of it merge, the option that
// sets it, its label). The JSON export and import, `ally merge`, the sync merge driver and the
// restore commands of sync conflicts read it; a new field is one row here plus its column.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ally/model.hpp"

namespace ally {

enum class FieldKind {
  text,    // one text value
  texts,   // a set of texts (order kept, no repeats)
  special, // its own type (cadence, dates, flags): read and written by hand where used
};

// How `ally merge` folds OTHER's value into KEEP's.
enum class FoldRule {
  none,   // KEEP's value stays
  fill,   // taken only when KEEP's is empty
  append, // both kept, KEEP's first (notes)
  unite,  // set union
};

struct FieldRow {
  std::string_view key;    // JSON key, sync line key, store column when one
  FieldKind kind;
  FoldRule fold;
  std::string_view option; // the `add`/`edit` option that sets it, "" when none
  std::string_view label;  // how `merge` and sync conflicts name it
  std::string Ally::*text = nullptr;               // FieldKind::text
  std::vector<std::string> Ally::*texts = nullptr; // FieldKind::texts
};

// In the order of the JSON export.
std::span<const FieldRow> ally_field_table();

// The row of `key`, or nullptr.
const FieldRow* ally_field(std::string_view key);

} // namespace ally
