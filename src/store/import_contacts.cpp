// The one store path of every contact import (vCard, LinkedIn, Google, Outlook, CSV): each
// incoming contact merges into the ally it matches by the identity rules, or becomes a new,
// untracked one.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/exchange.hpp"
#include "ally/intake.hpp"
#include "ally/links.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "ally/vcard.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

constexpr std::string_view k_own_uid_prefix = "urn:uuid:";
// A LinkedIn profile is one person's: its link names them across exports.
constexpr std::string_view k_linkedin_prefix = "linkedin:";
constexpr const char* k_birthday = "birthday";
// The tables whose rows a card writes: the ally's row, then rows that name it in `ally`. Their
// journal triggers are off while an import runs; the importer journals them (RowJournal).
constexpr const char* k_card_tables[] = {"ally", "ally_value", "card_import", "important_date"};

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

// The store's copy of a card's list values as keys, to compare a card with an ally.
bool holds_all(const char* field, const std::vector<std::string>& have,
               const std::vector<std::string>& values) {
  std::set<std::string> keys;
  for (const auto& h : have) keys.insert(ally_value_key(field, h));
  return std::all_of(values.begin(), values.end(), [&](const std::string& v) {
    auto key = ally_value_key(field, trim(v));
    return key.empty() || keys.count(key) > 0;
  });
}

bool same_or_empty(const std::string& have, const std::string& value) {
  return trim(value).empty() || trim(value) == trim(have);
}

class CardImporter {
public:
  CardImporter(Store& store, const std::vector<IncomingContact>& cards) : m_store(store) {
    // An email on two cards of one file does not tell them apart: it is nobody's evidence.
    for (const auto& card : cards) {
      std::set<std::string> keys;
      for (const auto& email : card.emails) {
        if (auto key = ally_value_key("email", trim(email)); !key.empty()) keys.insert(key);
      }
      for (const auto& key : keys) ++m_email_cards[key];
    }
  }

  CardOutcome import(const IncomingContact& card, std::size_t index, ContactPlace place,
                     std::vector<std::string>& warnings) {
    CardOutcome out;
    out.card = index;
    out.line = card.line;
    out.name = trim(card.name);
    if (out.name.empty())
      out.name = "(unnamed)";
    std::string label =
        fmt::format("{} {} ({})", place == ContactPlace::card ? "card" : "line",
                    place == ContactPlace::card ? index : card.line,
                    truncate_to_width(out.name, 40));
    for (const auto& w : card.warnings)
      warnings.push_back(fmt::format("{}: {}", label, w));

    if (auto own = own_id(card.identity)) {
      if (auto number = one("SELECT num FROM ally WHERE id = ?", *own))
        return update(card, *number, out, Memory::none);
      if (one("SELECT 1 FROM tombstone WHERE id = ?", *own)) {
        out.result = CardResult::skipped;
        out.reason = "its ally was deleted in ally; not imported again";
        return out;
      }
    }
    auto uid = trim(card.identity);
    if (!uid.empty()) {
      if (auto number = one("SELECT ally FROM ally_value WHERE field = 'uid' AND key = ? ORDER BY "
                            "ally LIMIT 1",
                            uid))
        return update(card, *number, out);
      // A card imported here before under this UID, whose ally was merged into another since:
      // the merge moved the card's memory to the ally kept.
      if (auto number = one("SELECT ally FROM card_import WHERE source = ? ORDER BY ally LIMIT 1",
                            "uid:" + uid))
        return update(card, *number, out);
      // A LinkedIn profile is theirs alone: the one ally holding its link is them. Failing
      // that, their email may say (below): LinkedIn exports rarely carry one.
      if (uid.rfind(k_linkedin_prefix, 0) == 0) {
        auto owners = link_owners(uid.substr(k_linkedin_prefix.size()));
        if (owners.size() == 1) return update(card, *owners.begin(), out);
      } else {
        // A UID no ally has is someone new, whoever else shares their email or name.
        out.duplicate_of = possible_duplicate(card, same_name(out.name));
        return add(card, out);
      }
    }
    // The card's emails lead to one ally only when nobody else holds any of them.
    auto evidence = email_owners(card, Emails::unique_to_card);
    if (evidence.size() == 1 && email_owners(card, Emails::all).size() == 1 &&
        names_agree(card, get_ally(m_store, *evidence.begin()).name))
      return update(card, *evidence.begin(), out);
    // A card with nothing a namesake lacks is that card imported before (or its twin in this
    // file). Anything new makes it someone else who may be the same person: a new ally, for the
    // user to merge on purpose, never a guess.
    auto named = same_name(out.name);
    for (auto number : named) {
      Ally namesake = get_ally(m_store, number);
      if (holds_card(namesake, card)) {
        out.result = CardResult::unchanged;
        out.number = number;
        out.id = namesake.meta.id;
        return out;
      }
    }
    out.duplicate_of = possible_duplicate(card, named);
    return add(card, out);
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
    auto& st = prepared(m_store, sql);
    st.bind(1, value);
    if (!st.executeStep())
      return std::nullopt;
    return st.getColumn(0).getInt64();
  }

  std::set<std::int64_t> link_owners(const std::string& key) {
    std::set<std::int64_t> owners;
    auto& st = prepared(m_store, "SELECT ally FROM ally_value WHERE field = 'link' AND key = ?");
    st.bind(1, key);
    while (st.executeStep()) owners.insert(st.getColumn(0).getInt64());
    return owners;
  }

  enum class Emails { all, unique_to_card };

  // The allies holding any of the card's emails; with `unique_to_card`, only the emails no
  // other card of the file has count (an email on two cards does not tell them apart).
  std::set<std::int64_t> email_owners(const IncomingContact& card, Emails which) {
    std::set<std::int64_t> owners;
    for (const auto& email : card.emails) {
      std::string key = ally_value_key("email", trim(email));
      if (key.empty() || (which == Emails::unique_to_card && m_email_cards[key] > 1))
        continue;
      auto& st = prepared(m_store, "SELECT ally FROM ally_value WHERE field = 'email' AND key = ?");
      st.bind(1, key);
      while (st.executeStep()) owners.insert(st.getColumn(0).getInt64());
    }
    return owners;
  }

  // Whom a new ally from this card may be: the lowest ally sharing an email, else the lowest
  // namesake, else nobody (0).
  std::int64_t possible_duplicate(const IncomingContact& card, const std::vector<std::int64_t>& named) {
    auto owners = email_owners(card, Emails::all);
    if (!owners.empty()) return *owners.begin();
    return named.empty() ? 0 : named.front();
  }

  // The allies whose name is the card's, case aside and accents kept ("John Doë" is not
  // "John Doe"), lowest number first.
  std::vector<std::int64_t> same_name(const std::string& name) {
    std::vector<std::int64_t> out;
    auto key = name_keys(name).full;
    if (key.empty()) return out;
    auto& st = prepared(m_store, "SELECT num, name FROM ally WHERE name_key = ? ORDER BY num");
    st.bind(1, key);
    auto wanted = lower_case(name);
    while (st.executeStep()) {
      if (lower_case(trim(st.getColumn(1).getString())) == wanted)
        out.push_back(st.getColumn(0).getInt64());
    }
    return out;
  }

  // An email shared by two people (a family or team address) must not make them one: the card's
  // first name must be the ally's, or an initial of it ("R. Green" is Rachel Green, "Jane Smith"
  // is not John Smith). A card named only by its org or email says nothing against it.
  static bool names_agree(const IncomingContact& card, const std::string& ally_name) {
    std::string card_name = trim(card.name);
    if (card_name.empty()) card_name = trim(trim(card.given) + " " + trim(card.family));
    auto first = [](const std::string& name) {
      auto word = name_keys(name).full;
      word = word.substr(0, word.find(' '));
      if (!word.empty() && word.back() == '.') word.pop_back();
      return word;
    };
    auto a = first(card_name), b = first(ally_name);
    if (a.empty() || b.empty() || a == b) return true;
    auto initial_of = [](const std::string& i, const std::string& word) {
      return i.size() == 1 && word.front() == i.front();
    };
    return initial_of(a, b) || initial_of(b, a);
  }

  // True when everything the card says is already on the ally.
  bool holds_card(const Ally& a, const IncomingContact& card) {
    return holds_all("nick", a.nicknames, card.nicknames) && holds_all("email", a.emails, card.emails) &&
           holds_all("phone", a.phones, card.phones) && holds_all("tag", a.tags, card.tags) &&
           same_or_empty(a.org, card.org) && same_or_empty(a.role, card.role) &&
           same_or_empty(a.city, card.city) && same_or_empty(a.notes, card.note) &&
           holds_all("link", a.links, card.links) && a.vcard_uids.empty() && (!card.birthday || has_birthday(a.meta.number, *card.birthday));
  }

  CardOutcome add(const IncomingContact& card, CardOutcome out) {
    Ally a;
    a.name = out.name;
    unite("nick", a.nicknames, card.nicknames);
    unite("email", a.emails, card.emails);
    unite("phone", a.phones, card.phones);
    unite("link", a.links, card.links);
    unite("tag", a.tags, card.tags);
    a.org = trim(card.org);
    a.role = trim(card.role);
    a.city = trim(card.city);
    a.notes = card.note;
    a.met = trim(card.met);
    if (!trim(card.identity).empty()) a.vcard_uids.push_back(trim(card.identity));
    // An address book is not a list of people to call: imported allies wait to be given a
    // circle or cadence before `due` shows them, unless their source kept one (Monica's
    // stay-in-touch frequency).
    a.cadence = card.cadence_days ? Cadence{Cadence::Mode::days, *card.cadence_days}
                                  : Cadence{Cadence::Mode::untracked, 0};
    // Journaled as one step at the end (journal_added_allies); no trigger journals its rows.
    insert_ally(m_store, a);
    m_touched.insert(a.meta.number);
    m_added.insert(a.meta.number);
    remember(a.meta.number, source_of(card), snapshot_of(card), card.family);
    if (card.birthday)
      set_important_date(m_store, a.meta.number, k_birthday, *card.birthday, true);
    out.result = CardResult::added;
    out.number = a.meta.number;
    out.id = a.meta.id;
    out.ally_name = a.name;
    return out;
  }

  // ally's own export says what the ally holds: applying it again is harmless, and there is no
  // other source's card to remember.
  enum class Memory { kept, none };

  CardOutcome update(const IncomingContact& card, std::int64_t number, CardOutcome out,
                     Memory memory = Memory::kept) {
    Ally a = get_ally(m_store, number);
    // Two cards of one person in a file (a duplicate contact): the first card's values stand,
    // so importing the file again does not flip the ally between them.
    bool fill_only = !m_touched.insert(number).second;
    // An ally this import added is undone whole (journal_added_allies).
    const bool added_here = fill_only && m_added.count(number) > 0;
    if (added_here) pause_journal();
    auto note = [&](bool changed, const char* field) {
      if (changed) out.fields.emplace_back(field);
    };
    // Only what the card says differently from its last import here is applied: a value the
    // user changed or removed in ally since stays as the user left it.
    auto source = source_of(card);
    auto last = memory == Memory::kept ? last_import(number, source) : std::nullopt;
    auto now_text = snapshot_of(card);
    auto now = nlohmann::json::parse(now_text);
    auto changed = [&](const char* key) { return !last || (*last)[key] != now[key]; };
    auto gained = [&](const char* key, const std::vector<std::string>& values) {
      if (!last) return values;
      std::vector<std::string> out_values;
      for (const auto& v : values) {
        if (std::find((*last)[key].begin(), (*last)[key].end(), trim(v)) == (*last)[key].end())
          out_values.push_back(v);
      }
      return out_values;
    };
    note(changed("org") && take(a.org, card.org, fill_only), "org");
    note(changed("role") && take(a.role, card.role, fill_only), "role");
    note(changed("city") && take(a.city, card.city, fill_only), "city");
    // How you met is yours to tell: an import only fills it in.
    if (trim(a.met).empty()) note(changed("met") && take(a.met, card.met, true), "met");
    note(unite("nick", a.nicknames, gained("nicknames", card.nicknames)), "nicknames");
    note(unite("email", a.emails, gained("emails", card.emails)), "emails");
    note(unite("phone", a.phones, gained("phones", card.phones)), "phones");
    note(unite("link", a.links, gained("links", card.links)), "links");
    // A card found by the memory of a merged ally, or a LinkedIn contact found by its email:
    // its identity joins the ally's.
    if (memory == Memory::kept && !trim(card.identity).empty())
      note(unite("uid", a.vcard_uids, {trim(card.identity)}), "vCard UIDs");
    note(unite("tag", a.tags, gained("tags", card.tags)), "tags");
    // Nothing new keeps updated_at as it was, so a re-import is a no-op (also for sync).
    if (!out.fields.empty()) {
      journal_before(number);
      update_ally(m_store, a);
    }
    note(card.birthday && changed("birthday") && set_birthday(number, *card.birthday, fill_only),
         "birthday");
    if (memory == Memory::kept && !fill_only && last != now) {
      journal_before(number);
      remember(number, source, now_text, card.family);
    }
    if (added_here) resume_journal();
    out.result = out.fields.empty() ? CardResult::unchanged : CardResult::updated;
    out.number = a.meta.number;
    out.id = a.meta.id;
    out.ally_name = a.name;
    return out;
  }

  // Which card of an ally this is, across imports: its UID, else its name.
  static std::string source_of(const IncomingContact& card) {
    auto uid = trim(card.identity);
    return uid.empty() ? "name:" + lower_case(trim(card.name)) : "uid:" + uid;
  }

  // The contact fields of a card as an import applies them, to remember and compare: JSON
  // text written directly, as building it with nlohmann and dumping it was 8% of importing a
  // large address book. Its text is valid UTF-8 (imported_line), so only quotes, backslashes
  // and controls are escaped.
  static std::string snapshot_of(const IncomingContact& card) {
    std::string out;
    out.reserve(256);
    auto text = [&](std::string_view value) {
      out += '"';
      for (char c : value) {
        if (c == '"' || c == '\\') {
          out += '\\';
          out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
      }
      out += '"';
    };
    auto key = [&](const char* name) {
      out += out.empty() ? '{' : ',';
      text(name);
      out += ':';
    };
    auto list = [&](const char* name, const std::vector<std::string>& values) {
      key(name);
      out += '[';
      bool first = true;
      for (const auto& v : values) {
        auto value = trim_view(v);
        if (value.empty())
          continue;
        if (!first)
          out += ',';
        first = false;
        text(value);
      }
      out += ']';
    };
    std::string birthday;
    if (card.birthday) {
      birthday = card.birthday->year ? fmt::format("{:04}-{:02}-{:02}", *card.birthday->year,
                                                   card.birthday->month, card.birthday->day)
                                     : fmt::format("--{:02}-{:02}", card.birthday->month,
                                                   card.birthday->day);
    }
    // Keys in the order nlohmann writes them, so a stored memory reads the same either way.
    key("birthday"), text(birthday);
    key("city"), text(trim_view(card.city));
    list("emails", card.emails);
    list("links", card.links);
    key("met"), text(trim_view(card.met));
    list("nicknames", card.nicknames);
    key("org"), text(trim_view(card.org));
    list("phones", card.phones);
    key("role"), text(trim_view(card.role));
    list("tags", card.tags);
    out += '}';
    return out;
  }

  std::optional<nlohmann::json> last_import(std::int64_t number, const std::string& source) {
    auto& st = prepared(m_store, "SELECT fields FROM card_import WHERE ally = ? AND source = ?");
    st.bind(1, number);
    st.bind(2, source);
    if (!st.executeStep()) return std::nullopt;
    auto fields = nlohmann::json::parse(st.getColumn(0).getString(), nullptr, false);
    if (!fields.is_object()) return std::nullopt; // unreadable: as if never imported
    for (const char* key : {"nicknames", "emails", "phones", "tags"}) {
      if (!fields[key].is_array()) fields[key] = nlohmann::json::array();
    }
    return fields;
  }

  // `family`: the card's family name, whose last word the last-name tier of resolution uses
  // for this ally instead of the last word of its name ("Zhang Wei" from N:Zhang;Wei is Zhang).
  void remember(std::int64_t number, const std::string& source, const std::string& fields,
                const std::string& family) {
    auto& st = prepared(m_store, "INSERT INTO card_import(ally, source, fields, family_key) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT(ally, source) DO UPDATE SET "
                                 "fields = excluded.fields, family_key = excluded.family_key");
    st.bind(1, number);
    st.bind(2, source);
    st.bind(3, fields);
    if (auto key = family_name_key(family); key.empty())
      st.bind(4);
    else
      st.bind(4, key);
    st.exec();
  }

  // A card without a year does not erase the year ally knows.
  bool set_birthday(std::int64_t number, const YearlessDate& date, bool fill_only) {
    if (has_birthday(number, date, fill_only))
      return false;
    journal_before(number);
    set_important_date(m_store, number, k_birthday, date, true);
    return true;
  }

  // True when the ally's birthday is `date` (or, with `any`, when it has one at all).
  bool has_birthday(std::int64_t number, const YearlessDate& date, bool any = false) {
    for (const auto& d : dates_of(m_store, number)) {
      if (fold(trim(d.label)) != k_birthday)
        continue;
      if (any || (d.yearly && d.date.month == date.month && d.date.day == date.day &&
                  (!date.year || d.date.year == date.year))) {
        return true;
      }
    }
    return false;
  }

  // A new ally's rows (its values, the card's memory, its birthday) are journaled as one
  // step, written by journal_added_allies: undoing the import deletes the ally, and they go
  // with it (ON DELETE CASCADE). A step per row was 29% of a large import. The triggers of
  // those rows are off during the import; pausing keeps out the rest (its topics) when a
  // later card of the file updates it.
  void pause_journal() {
    if (m_store.impl().journal_seq) prepared(m_store, "UPDATE journal_state SET seq = NULL").exec();
  }
  void resume_journal() {
    if (!m_store.impl().journal_seq) return;
    auto& on = prepared(m_store, "UPDATE journal_state SET seq = ?");
    on.bind(1, *m_store.impl().journal_seq);
    on.exec();
  }

  // The rows of an ally that a card writes (its row, values, card memories and dates) are
  // journaled by the importer, their triggers being off while it runs (import_contacts).
  struct RowJournal {
    std::vector<std::string> before; // ?1 the journal entry, ?2 an ally: its rows as they are
    std::vector<std::string> after;  // ?1 the entry, ?2 a JSON list of allies: their rows now
  };
  const RowJournal& row_journal() {
    if (m_row_journal)
      return *m_row_journal;
    auto& db = db_of(m_store);
    auto object = [&](const char* table, bool keys_only) {
      return journal_row_object(db, table, "r", keys_only);
    };
    RowJournal j;
    j.before.push_back(fmt::format("INSERT INTO journal_step(seq, tbl, op, pk, old) SELECT ?1, "
                                   "'ally', 'update', {}, {} FROM ally AS r WHERE r.num = ?2",
                                   object("ally", true), object("ally", false)));
    for (const char* table : std::span(k_card_tables).subspan(1)) {
      j.before.push_back(fmt::format("INSERT INTO journal_step(seq, tbl, op, pk, old) SELECT ?1, "
                                     "'{0}', 'delete', {1}, {2} FROM {0} AS r WHERE r.ally = ?2",
                                     table, object(table, true), object(table, false)));
      j.after.push_back(fmt::format("INSERT INTO journal_step(seq, tbl, op, pk) SELECT ?1, '{0}', "
                                    "'insert', {1} FROM {0} AS r "
                                    "WHERE r.ally IN (SELECT value FROM json_each(?2))",
                                    table, object(table, true)));
    }
    return m_row_journal.emplace(std::move(j));
  }

  // Before the first change this import makes to an ally it did not add: the ally's rows as
  // they are, as deleted (its row as updated), and at the end (journal_changed_allies) its
  // rows as they are then, as inserted. Undo replays that backwards: what the import left is
  // taken out and what was there put back, whatever the import changed in between.
  void journal_before(std::int64_t number) {
    const auto& seq = m_store.impl().journal_seq;
    if (!seq || m_added.count(number) || !m_changed.insert(number).second)
      return;
    for (const auto& sql : row_journal().before) {
      auto& st = prepared(m_store, sql);
      st.bind(1, *seq);
      st.bind(2, number);
      st.exec();
    }
  }

public:
  void journal_changed_allies() {
    const auto& seq = m_store.impl().journal_seq;
    if (!seq || m_changed.empty())
      return;
    const auto numbers = nlohmann::json(m_changed).dump();
    for (const auto& sql : row_journal().after) {
      auto& st = prepared(m_store, sql);
      st.bind(1, *seq);
      st.bind(2, numbers);
      st.exec();
    }
  }

  void journal_added_allies() {
    if (!m_store.impl().journal_seq || m_added.empty()) return;
    SQLite::Statement steps(db_of(m_store),
                            "INSERT INTO journal_step(seq, tbl, op, pk) SELECT ?, 'ally', "
                            "'insert', json_object('num', value) FROM json_each(?)");
    steps.bind(1, *m_store.impl().journal_seq);
    steps.bind(2, nlohmann::json(m_added).dump());
    steps.exec();
  }

private:
  Store& m_store;
  std::set<std::int64_t> m_added; // allies this import added
  std::set<std::int64_t> m_changed; // allies it did not add whose rows it journaled
  std::optional<RowJournal> m_row_journal;
  std::set<std::int64_t> m_touched; // allies an earlier card of this file went to
  std::map<std::string, int> m_email_cards; // email key → how many cards of the file hold it
};

} // namespace

std::size_t ContactImportReport::count(CardResult result) const {
  return static_cast<std::size_t>(std::count_if(
      cards.begin(), cards.end(), [&](const CardOutcome& c) { return c.result == result; }));
}

ContactImportReport import_contacts(Store& store, const std::vector<IncomingContact>& contacts,
                                    const Progress& progress, ContactPlace place) {
  try {
    ContactImportReport report;
    DeferredAllySearch search(db_of(store));
    // Every trigger on a table with rows a card writes made each INSERT keep a statement
    // journal (19% of importing 5,000 LinkedIn rows): the undo journal's triggers of those
    // tables are off too, and the importer journals their rows itself. (Topics, which no card
    // has, keep their triggers.)
    std::vector<std::string> journal_triggers;
    for (const char* table : k_card_tables) {
      for (auto& name : journal_triggers_of(table))
        journal_triggers.push_back(std::move(name));
    }
    SuspendedTriggers journal_off(db_of(store), journal_triggers);
    CardImporter importer(store, contacts);
    std::vector<std::int64_t> written;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
      const auto& card = report.cards.emplace_back(
          importer.import(contacts[i], i + 1, place, report.warnings));
      if (card.result == CardResult::added || card.result == CardResult::updated)
        written.push_back(card.number);
      if (progress)
        progress(i + 1, contacts.size());
    }
    search.finish(written);
    importer.journal_added_allies();
    importer.journal_changed_allies();
    journal_off.restore();
    return report;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

ContactImportReport import_vcards(Store& store, const std::vector<VCard>& cards,
                                  const Progress& progress) {
  return import_contacts(store, incoming_of(cards), progress);
}

} // namespace ally
