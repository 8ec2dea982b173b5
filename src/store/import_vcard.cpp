// vCard import: each card merges into the ally it matches, or becomes a new, untracked one.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/exchange.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr std::string_view k_own_uid_prefix = "urn:uuid:";
constexpr const char* k_birthday = "birthday";

// Adds the values the list lacks (compared as the store compares them); true if any.
bool unite(const char* field, std::vector<std::string>& list,
           const std::vector<std::string>& values) {
  bool grew = false;
  for (const auto& value : values) {
    std::string v = trim(value);
    std::string key = ally_value_key(field, v);
    if (key.empty())
      continue;
    bool present = std::any_of(list.begin(), list.end(), [&](const std::string& have) {
      return ally_value_key(field, have) == key;
    });
    if (!present) {
      list.push_back(v);
      grew = true;
    }
  }
  return grew;
}

// A contact field takes the card's value when the card has one; `fill_only` leaves a value
// that is already there.
bool take(std::string& field, const std::string& value, bool fill_only) {
  std::string v = trim(value);
  if (v.empty() || v == field || (fill_only && !trim(field).empty()))
    return false;
  field = v;
  return true;
}

class CardImporter {
public:
  explicit CardImporter(Store& store) : m_store(store), m_db(db_of(store)) {}

  CardOutcome import(const VCard& card, std::size_t index, std::vector<std::string>& warnings) {
    CardOutcome out;
    out.card = index;
    out.name = trim(display_name(card));
    if (out.name.empty())
      out.name = "(unnamed)";
    std::string label = fmt::format("card {} ({})", index, truncate_to_width(out.name, 40));
    for (const auto& w : card.warnings)
      warnings.push_back(fmt::format("{}: {}", label, w));

    bool by_own_id = false;
    std::optional<std::int64_t> number;
    if (auto own = own_id(card.uid)) {
      number = one("SELECT num FROM ally WHERE id = ?", *own);
      by_own_id = number.has_value();
      if (!number && one("SELECT 1 FROM tombstone WHERE id = ?", *own)) {
        warnings.push_back(label + ": its ally was deleted in ally; not imported again");
        out.result = CardResult::skipped;
        return out;
      }
    }
    if (!number)
      number = match(card);
    if (!number)
      return add(card, out);
    return update(card, *number, by_own_id, out);
  }

private:
  // The ally id inside "urn:uuid:<id>", the UID ally's own vCard export writes.
  static std::optional<std::string> own_id(const std::string& uid) {
    if (uid.size() != k_own_uid_prefix.size() + 36)
      return std::nullopt;
    if (lower_ascii(uid.substr(0, k_own_uid_prefix.size())) != k_own_uid_prefix)
      return std::nullopt;
    return lower_ascii(uid.substr(k_own_uid_prefix.size()));
  }

  std::optional<std::int64_t> one(const char* sql, const std::string& value) {
    SQLite::Statement st(m_db, sql);
    st.bind(1, value);
    if (!st.executeStep())
      return std::nullopt;
    return st.getColumn(0).getInt64();
  }

  std::optional<std::int64_t> by_value(const char* field, const std::vector<std::string>& values) {
    for (const auto& value : values) {
      std::string key = ally_value_key(field, value);
      if (key.empty())
        continue;
      SQLite::Statement st(m_db, "SELECT ally FROM ally_value WHERE field = ? AND key = ? "
                                 "ORDER BY ally LIMIT 1");
      st.bind(1, field);
      st.bind(2, key);
      if (st.executeStep())
        return st.getColumn(0).getInt64();
    }
    return std::nullopt;
  }

  // By vCard UID, then email, then phone, then the exact full name of an ally that did not
  // come from another card. The lowest number wins a tie, so re-imports land in one place.
  std::optional<std::int64_t> match(const VCard& card) {
    if (!card.uid.empty()) {
      if (auto n = one("SELECT num FROM ally WHERE vcard_uid = ? ORDER BY num LIMIT 1", card.uid))
        return n;
    }
    if (auto n = by_value("email", card.emails))
      return n;
    if (auto n = by_value("phone", card.phones))
      return n;
    auto key = name_keys(trim(display_name(card))).full;
    if (key.empty())
      return std::nullopt;
    return one("SELECT num FROM ally WHERE name_key = ? AND vcard_uid IS NULL ORDER BY num LIMIT 1",
               key);
  }

  CardOutcome add(const VCard& card, CardOutcome out) {
    Ally a;
    a.name = out.name;
    unite("nick", a.nicknames, card.nicknames);
    unite("email", a.emails, card.emails);
    unite("phone", a.phones, card.phones);
    unite("tag", a.tags, card.categories);
    a.org = trim(card.org);
    a.role = trim(card.title);
    a.city = trim(card.city);
    a.notes = card.note;
    a.vcard_uid = trim(card.uid);
    // An address book is not a list of people to call: imported allies wait to be given a
    // circle or cadence before `due` shows them.
    a.cadence = {Cadence::Mode::untracked, 0};
    insert_ally(m_store, a);
    m_touched.insert(a.meta.number);
    if (card.birthday)
      set_important_date(m_store, a.meta.number, k_birthday, *card.birthday, true);
    out.result = CardResult::added;
    out.number = a.meta.number;
    out.id = a.meta.id;
    return out;
  }

  CardOutcome update(const VCard& card, std::int64_t number, bool by_own_id, CardOutcome out) {
    Ally a = get_ally(m_store, number);
    // Two cards of one person in a file (a duplicate contact): the first card's values stand,
    // so importing the file again does not flip the ally between them.
    bool fill_only = !m_touched.insert(number).second;
    bool changed = false;
    changed |= take(a.org, card.org, fill_only);
    changed |= take(a.role, card.title, fill_only);
    changed |= take(a.city, card.city, fill_only);
    changed |= unite("nick", a.nicknames, card.nicknames);
    changed |= unite("email", a.emails, card.emails);
    changed |= unite("phone", a.phones, card.phones);
    changed |= unite("tag", a.tags, card.categories);
    if (a.vcard_uid.empty() && !by_own_id && !trim(card.uid).empty()) {
      a.vcard_uid = trim(card.uid);
      changed = true;
    }
    // Nothing new keeps updated_at as it was, so a re-import is a no-op (also for sync).
    if (changed)
      update_ally(m_store, a);
    bool dated = card.birthday && set_birthday(number, *card.birthday, fill_only);
    out.result = changed || dated ? CardResult::updated : CardResult::unchanged;
    out.number = a.meta.number;
    out.id = a.meta.id;
    return out;
  }

  // A card without a year does not erase the year ally knows.
  bool set_birthday(std::int64_t number, const YearlessDate& date, bool fill_only) {
    for (const auto& d : dates_of(m_store, number)) {
      if (fold(trim(d.label)) != k_birthday)
        continue;
      if (fill_only || (d.yearly && d.date.month == date.month && d.date.day == date.day &&
                        (!date.year || d.date.year == date.year))) {
        return false;
      }
    }
    set_important_date(m_store, number, k_birthday, date, true);
    return true;
  }

  Store& m_store;
  SQLite::Database& m_db;
  std::set<std::int64_t> m_touched; // allies an earlier card of this file went to
};

} // namespace

std::size_t VCardImportReport::count(CardResult result) const {
  return static_cast<std::size_t>(std::count_if(
      cards.begin(), cards.end(), [&](const CardOutcome& c) { return c.result == result; }));
}

VCardImportReport import_vcards(Store& store, const std::vector<VCard>& cards,
                                const Progress& progress) {
  try {
    VCardImportReport report;
    CardImporter importer(store);
    for (std::size_t i = 0; i < cards.size(); ++i) {
      report.cards.push_back(importer.import(cards[i], i + 1, report.warnings));
      if (progress)
        progress(i + 1, cards.size());
    }
    return report;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
