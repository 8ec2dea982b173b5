// `ally merge KEEP OTHER`: OTHER's history and fields move to KEEP, then OTHER goes.
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/merge.hpp"

#include "ally/field_table.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

class Merger {
public:
  Merger(Store& store, MergeReport& report)
      : m_store(store), m_db(db_of(store)), m_now(store.clock().now), m_r(report),
        m_keep(report.keep.meta.number), m_other(report.other.meta.number) {}

  void run() {
    conversations();
    favors();
    introductions();
    dates();
    fields();
    // What OTHER's cards said at their last import is KEEP's now, so re-importing them applies
    // only what they change (one card's memory, when both have it, stays KEEP's).
    SQLite::Statement cards(m_db, "UPDATE OR IGNORE card_import SET ally = ? WHERE ally = ?");
    cards.bind(1, m_keep);
    cards.bind(2, m_other);
    cards.exec();
    SQLite::Statement planned(m_db, "UPDATE OR IGNORE planned_meeting_ally SET ally = ? WHERE ally = ?");
    planned.bind(1, m_keep);
    planned.bind(2, m_other);
    planned.exec();
    add_tombstone(m_store, m_r.other.meta.id, "ally");
    // What is left of OTHER (its list values, topics, rows of conversations KEEP was in too)
    // goes with it.
    SQLite::Statement drop(m_db, "DELETE FROM ally WHERE num = ?");
    drop.bind(1, m_other);
    drop.exec();
    m_r.keep = get_ally(m_store, m_keep);
  }

private:
  // A conversation both were in keeps KEEP's row (OTHER's goes with OTHER); the others change
  // hands. Moving a row by UPDATE runs no last-contact trigger, so KEEP's is recomputed after.
  void conversations() {
    std::vector<std::pair<std::int64_t, bool>> rows; // interaction, KEEP was there too
    SQLite::Statement st(m_db, "SELECT interaction, EXISTS (SELECT 1 FROM interaction_ally k WHERE "
                               "k.interaction = ia.interaction AND k.ally = ?2) FROM "
                               "interaction_ally ia WHERE ally = ?1");
    st.bind(1, m_other);
    st.bind(2, m_keep);
    while (st.executeStep())
      rows.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt() != 0);
    for (const auto& [interaction, shared] : rows) {
      if (!shared) {
        SQLite::Statement move(
            m_db, "UPDATE interaction_ally SET ally = ? WHERE interaction = ? AND ally = ?");
        move.bind(1, m_keep);
        move.bind(2, interaction);
        move.bind(3, m_other);
        move.exec();
      }
      touch("interaction", interaction);
    }
    m_r.interactions = rows.size();
    SQLite::Statement contact(m_db, R"sql(
      UPDATE ally SET
        last_contact = (SELECT ia.date FROM interaction_ally ia JOIN interaction i
          ON i.num = ia.interaction WHERE ia.ally = ally.num
          ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1),
        last_kind = coalesce((SELECT i.kind FROM interaction_ally ia JOIN interaction i
          ON i.num = ia.interaction WHERE ia.ally = ally.num
          ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '')
      WHERE num = ?)sql");
    contact.bind(1, m_keep);
    contact.exec();
  }

  void touch(const char* table, std::int64_t num) {
    SQLite::Statement st(m_db, fmt::format("UPDATE {} SET updated_at = ? WHERE num = ?", table));
    st.bind(1, m_now);
    st.bind(2, num);
    st.exec();
  }

  void favors() {
    SQLite::Statement st(m_db, "UPDATE favor SET ally = ?, updated_at = ? WHERE ally = ?");
    st.bind(1, m_keep);
    st.bind(2, m_now);
    st.bind(3, m_other);
    m_r.favors = static_cast<std::size_t>(st.exec());
    SQLite::Statement items(m_db, "UPDATE to_bring_up SET ally = ?, updated_at = ? WHERE ally = ?");
    items.bind(1, m_keep);
    items.bind(2, m_now);
    items.bind(3, m_other);
    m_r.to_bring_up = static_cast<std::size_t>(items.exec());
  }

  void introductions() {
    struct Row {
      std::int64_t num;
      std::string id;
      std::int64_t a, b;
    };
    std::vector<Row> rows;
    SQLite::Statement st(m_db, "SELECT num, id, a, b FROM introduction WHERE a = ?1 OR b = ?1");
    st.bind(1, m_other);
    while (st.executeStep()) {
      rows.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                      st.getColumn(2).getInt64(), st.getColumn(3).getInt64()});
    }
    for (const auto& row : rows) {
      auto a = row.a == m_other ? m_keep : row.a;
      auto b = row.b == m_other ? m_keep : row.b;
      if (a == b) {
        // Introducing someone to themselves means nothing once they are one ally.
        add_tombstone(m_store, row.id, "introduction");
        SQLite::Statement del(m_db, "DELETE FROM introduction WHERE num = ?");
        del.bind(1, row.num);
        del.exec();
        ++m_r.dropped_introductions;
        continue;
      }
      SQLite::Statement move(m_db,
                             "UPDATE introduction SET a = ?, b = ?, updated_at = ? WHERE num = ?");
      move.bind(1, a);
      move.bind(2, b);
      move.bind(3, m_now);
      move.bind(4, row.num);
      move.exec();
      ++m_r.introductions;
    }
  }

  void dates() {
    struct Row {
      std::int64_t num;
      std::string id, label, label_key;
    };
    std::vector<Row> rows;
    SQLite::Statement st(m_db,
                         "SELECT num, id, label, label_key FROM important_date WHERE ally = ?");
    st.bind(1, m_other);
    while (st.executeStep()) {
      rows.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                      st.getColumn(2).getString(), st.getColumn(3).getString()});
    }
    for (const auto& row : rows) {
      SQLite::Statement clash(m_db,
                              "SELECT 1 FROM important_date WHERE ally = ? AND label_key = ?");
      clash.bind(1, m_keep);
      clash.bind(2, row.label_key);
      if (clash.executeStep()) {
        add_tombstone(m_store, row.id, "date");
        SQLite::Statement del(m_db, "DELETE FROM important_date WHERE num = ?");
        del.bind(1, row.num);
        del.exec();
        m_r.dropped_dates.push_back(row.label);
        continue;
      }
      SQLite::Statement move(m_db,
                             "UPDATE important_date SET ally = ?, updated_at = ? WHERE num = ?");
      move.bind(1, m_keep);
      move.bind(2, m_now);
      move.bind(3, row.num);
      move.exec();
      ++m_r.dates;
    }
  }

  void unite(const char* field, std::vector<std::string>& list,
             const std::vector<std::string>& values, const char* one, const char* many) {
    std::size_t added = 0;
    for (const auto& value : values) {
      auto key = ally_value_key(field, value);
      bool present = std::any_of(list.begin(), list.end(), [&](const std::string& have) {
        return ally_value_key(field, have) == key;
      });
      if (key.empty() || present)
        continue;
      list.push_back(value);
      ++added;
    }
    if (added > 0)
      m_r.united.push_back(counted(added, one, many));
  }

  void fill(std::string& field, const std::string& value, const std::string& name) {
    if (!trim(field).empty() || trim(value).empty())
      return;
    field = value;
    m_r.filled.emplace_back(name);
  }

  void fields() {
    Ally keep = m_r.keep;
    const Ally& other = m_r.other;
    unite("nick", keep.nicknames, other.nicknames, "nickname", "nicknames");
    unite("email", keep.emails, other.emails, "email", "emails");
    unite("phone", keep.phones, other.phones, "phone", "phones");
    unite("link", keep.links, other.links, "link", "links");
    // One person's cards from several services stay this ally's on every later import.
    unite("uid", keep.vcard_uids, other.vcard_uids, "vCard UID", "vCard UIDs");
    unite("tag", keep.tags, other.tags, "tag", "tags");
    unite("knows", keep.expertise, other.expertise, "area of expertise", "areas of expertise");
    for (const auto& topic : other.interests) {
      auto key = topic_key(topic);
      bool present = std::any_of(keep.interests.begin(), keep.interests.end(),
                                 [&](const std::string& have) { return topic_key(have) == key; });
      if (present)
        continue;
      keep.interests.push_back(topic);
      ++m_r.interests;
    }
    for (const auto& field : ally_field_table()) {
      if (field.fold == FoldRule::fill)
        fill(keep.*field.text, other.*field.text, std::string(field.label));
    }
    if (!trim(other.notes).empty() && other.notes != keep.notes) {
      if (trim(keep.notes).empty()) {
        keep.notes = other.notes;
      } else {
        keep.notes += "\n\n" + other.notes;
      }
      m_r.filled.emplace_back("notes");
    }
    if (!keep.snoozed_until && other.snoozed_until) {
      keep.snoozed_until = other.snoozed_until;
      keep.snooze_all = other.snooze_all;
      m_r.filled.emplace_back("snooze");
    }
    // An untracked KEEP (say, imported from a phone) takes the cadence OTHER was given.
    if (keep.cadence.mode == Cadence::Mode::untracked &&
        other.cadence.mode != Cadence::Mode::untracked) {
      keep.cadence = other.cadence;
      m_r.filled.emplace_back("cadence");
    }
    keep.added = std::min(keep.added, other.added);
    update_ally(m_store, keep);
  }

  Store& m_store;
  SQLite::Database& m_db;
  std::string m_now;
  MergeReport& m_r;
  std::int64_t m_keep;
  std::int64_t m_other;
};

} // namespace

MergeReport merge_allies(Store& store, std::int64_t keep, std::int64_t other) {
  try {
    MergeReport report;
    report.keep = get_ally(store, keep);
    report.other = get_ally(store, other);
    if (keep == other) {
      throw Conflict(fmt::format("{} (#{}) and {} (#{}) are the same ally: nothing to merge",
                                 report.keep.name, keep, report.other.name, other));
    }
    Merger(store, report).run();
    return report;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
