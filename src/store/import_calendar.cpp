// Meetings from a calendar, logged as conversations (include/ally/exchange.hpp, import_calendar).
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ally/date.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/intake.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace calendar_import {
namespace {

// The conversation of one event instance has an id made from the event's identity, the same in
// every store, so a second import (or another machine's) finds it, and its tombstone after
// a delete says "not again".
std::string meeting_id(const std::string& uid, const std::string& recurrence_id) {
  return id_of_identity("ally meeting\x1f" + uid + "\x1f" + recurrence_id);
}

class CalendarImport {
public:
  CalendarImport(Store& store, const CalendarRules& rules) : m_store(store), m_rules(rules) {
    for (const auto& email : rules.my_emails)
      m_mine.insert(ally_value_key("email", email));
  }

  void add(const IncomingEvent& event, CalendarImportReport& report) {
    const bool planned = event.start >= m_rules.now;
    if (event.status == "CANCELLED") {
      ++report.skipped.cancelled;
      return;
    }
    // Everyone on the event once, the organizer first; a person's own answer wins over the
    // organizer entry (which has none).
    std::vector<IncomingPerson> people;
    std::set<std::string> seen;
    auto take = [&](const IncomingPerson& person) {
      if (person.email.empty() || !person.is_person())
        return;
      const std::string key = ally_value_key("email", person.email);
      if (!seen.insert(key).second) {
        for (auto& p : people)
          if (ally_value_key("email", p.email) == key && p.partstat.empty())
            p.partstat = person.partstat;
        return;
      }
      people.push_back(person);
    };
    if (event.organizer)
      take(*event.organizer);
    for (const auto& attendee : event.attendees)
      take(attendee);

    std::vector<const IncomingPerson*> others;
    for (const auto& person : people) {
      if (m_mine.count(ally_value_key("email", person.email))) {
        if (person.partstat == "DECLINED") {
          ++report.skipped.declined;
          return;
        }
        continue;
      }
      others.push_back(&person);
    }
    if (others.empty()) {
      ++report.skipped.only_you;
      return;
    }
    if (others.size() > m_rules.max_people) {
      ++report.skipped.large;
      return;
    }
    std::vector<std::int64_t> allies;
    for (const IncomingPerson* person : others) {
      if (auto ally = ally_of(person->email)) {
        if (person->partstat != "DECLINED" &&
            std::find(allies.begin(), allies.end(), *ally) == allies.end())
          allies.push_back(*ally);
      } else if (!planned && person->partstat != "DECLINED" &&
                 !m_known.count(ally_value_key("email", person->email))) {
        met(*person, event.day);
      }
    }
    if (allies.empty()) {
      ++report.skipped.no_ally;
      return;
    }
    if (planned) {
      std::sort(allies.begin(), allies.end());
      report.planned.push_back(
          {meeting_id(event.uid, event.recurrence_id), event.day, event.start, event.summary, allies});
      return;
    }
    log(event, allies, report);
  }

  std::vector<MetStranger> strangers() const {
    std::vector<MetStranger> out;
    for (const auto& [key, stranger] : m_strangers)
      out.push_back(stranger);
    std::sort(out.begin(), out.end(), [](const MetStranger& a, const MetStranger& b) {
      if (a.meetings != b.meetings)
        return a.meetings > b.meetings;
      if (a.last != b.last)
        return a.last > b.last;
      return a.email < b.email;
    });
    return out;
  }

private:
  // The one active ally holding this email; nobody when none or several do (a shared address
  // names no one). Emails held only by archived allies are neither allies nor strangers.
  std::optional<std::int64_t> ally_of(const std::string& email) {
    const std::string key = ally_value_key("email", email);
    if (auto it = m_allies.find(key); it != m_allies.end())
      return it->second;
    SQLite::Statement& st = prepared(
        m_store, "SELECT v.ally, a.archived FROM ally_value v JOIN ally a ON a.num = v.ally "
                 "WHERE v.field = 'email' AND v.key = ?");
    st.bind(1, key);
    std::set<std::int64_t> active;
    bool held = false;
    while (st.executeStep()) {
      held = true;
      if (st.getColumn(1).getInt() == 0)
        active.insert(st.getColumn(0).getInt64());
    }
    if (held)
      m_known.insert(key);
    std::optional<std::int64_t> found;
    if (active.size() == 1)
      found = *active.begin();
    m_allies[key] = found;
    return found;
  }

  void met(const IncomingPerson& person, Date day) {
    MetStranger& s = m_strangers[ally_value_key("email", person.email)];
    if (s.email.empty())
      s.email = person.email;
    if (s.name.empty())
      s.name = person.name;
    ++s.meetings;
    s.last = std::max(s.last, day);
  }

  void log(const IncomingEvent& event, const std::vector<std::int64_t>& allies,
           CalendarImportReport& report) {
    MeetingOutcome out;
    out.id = meeting_id(event.uid, event.recurrence_id);
    out.day = event.day;
    out.summary = event.summary;
    const std::string day = format_date(event.day);
    SQLite::Statement& find = prepared(m_store, "SELECT num, date FROM interaction WHERE id = ?");
    find.bind(1, out.id);
    if (find.executeStep()) {
      out.number = find.getColumn(0).getInt64();
      out.result = CardResult::unchanged;
      if (find.getColumn(1).getString() != day) {
        // The meeting moved: the conversation follows the calendar, its note stays yours.
        auto& move =
            prepared(m_store, "UPDATE interaction SET date = ?, updated_at = ? WHERE num = ?");
        move.bind(1, day);
        move.bind(2, m_store.clock().now);
        move.bind(3, out.number);
        move.exec();
        auto& move_allies =
            prepared(m_store, "UPDATE interaction_ally SET date = ? WHERE interaction = ?");
        move_allies.bind(1, day);
        move_allies.bind(2, out.number);
        move_allies.exec();
        out.result = CardResult::updated;
      }
      bool joined = false;
      for (std::int64_t ally : allies)
        joined = link(out.number, ally, day) || joined;
      if (joined) {
        // Sync and merges compare records by updated_at: who was there is part of the record.
        auto& touch = prepared(m_store, "UPDATE interaction SET updated_at = ? WHERE num = ?");
        touch.bind(1, m_store.clock().now);
        touch.bind(2, out.number);
        touch.exec();
        out.result = CardResult::updated;
      }
      auto& present = prepared(m_store, "SELECT ally FROM interaction_ally WHERE interaction = ? "
                                        "ORDER BY ally");
      present.bind(1, out.number);
      while (present.executeStep())
        out.allies.push_back(present.getColumn(0).getInt64());
      report.meetings.push_back(std::move(out));
      return;
    }
    SQLite::Statement& gone = prepared(m_store, "SELECT 1 FROM tombstone WHERE id = ?");
    gone.bind(1, out.id);
    if (gone.executeStep()) {
      ++report.skipped.deleted;
      return;
    }
    const auto& now = m_store.clock().now;
    SQLite::Statement& insert =
        prepared(m_store, "INSERT INTO interaction(id, created_at, updated_at, date, kind, "
                          "note, source_uid, source_recurrence_id) VALUES (?, ?, ?, ?, "
                          "'meeting', ?, ?, ?)");
    insert.bind(1, out.id);
    insert.bind(2, now);
    insert.bind(3, now);
    insert.bind(4, day);
    insert.bind(5, event.summary);
    insert.bind(6, event.uid);
    if (event.recurrence_id.empty())
      insert.bind(7);
    else
      insert.bind(7, event.recurrence_id);
    insert.exec();
    out.number = db_of(m_store).getLastInsertRowid();
    for (std::int64_t ally : allies)
      link(out.number, ally, day);
    out.allies = allies;
    std::sort(out.allies.begin(), out.allies.end());
    report.meetings.push_back(std::move(out));
  }

  // Adds the ally to the conversation; false when they are in it already.
  bool link(std::int64_t interaction, std::int64_t ally, const std::string& day) {
    SQLite::Statement& st =
        prepared(m_store, "INSERT OR IGNORE INTO interaction_ally(interaction, ally, date) "
                          "VALUES (?, ?, ?)");
    st.bind(1, interaction);
    st.bind(2, ally);
    st.bind(3, day);
    return st.exec() > 0;
  }

  Store& m_store;
  const CalendarRules& m_rules;
  std::set<std::string> m_mine;
  std::map<std::string, std::optional<std::int64_t>> m_allies; // email key → the ally
  std::set<std::string> m_known;                               // emails some ally holds
  std::map<std::string, MetStranger> m_strangers;
};

// The store's planned meetings become `wanted`; rows that already say the same stay as they are
// (an unchanged calendar writes nothing).
void replace_planned(Store& store, const std::vector<PlannedMeeting>& wanted) {
  SQLite::Database& db = db_of(store);
  std::map<std::string, std::pair<std::int64_t, PlannedMeeting>> held; // id → (num, meeting)
  SQLite::Statement rows(db, "SELECT p.num, p.id, p.day, p.start, p.summary, pa.ally FROM "
                             "planned_meeting p LEFT JOIN planned_meeting_ally pa ON pa.meeting = "
                             "p.num ORDER BY p.num, pa.ally");
  while (rows.executeStep()) {
    auto& [num, meeting] = held[rows.getColumn(1).getString()];
    if (num == 0) {
      num = rows.getColumn(0).getInt64();
      meeting.id = rows.getColumn(1).getString();
      meeting.day = parse_iso_date(rows.getColumn(2).getString()).value_or(Date{});
      meeting.start = rows.getColumn(3).getInt64();
      meeting.summary = rows.getColumn(4).getString();
    }
    if (!rows.getColumn(5).isNull())
      meeting.allies.push_back(rows.getColumn(5).getInt64());
  }
  std::set<std::string> keep;
  for (const auto& meeting : wanted) {
    auto it = held.find(meeting.id);
    if (it != held.end() && it->second.second == meeting)
      keep.insert(meeting.id);
  }
  for (const auto& [id, row] : held) {
    if (keep.count(id))
      continue;
    auto& drop_allies = prepared(store, "DELETE FROM planned_meeting_ally WHERE meeting = ?");
    drop_allies.bind(1, row.first);
    drop_allies.exec();
    auto& drop = prepared(store, "DELETE FROM planned_meeting WHERE num = ?");
    drop.bind(1, row.first);
    drop.exec();
  }
  for (const auto& meeting : wanted) {
    if (keep.count(meeting.id))
      continue;
    auto& insert =
        prepared(store, "INSERT INTO planned_meeting(id, day, start, summary, imported_at) "
                        "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, meeting.id);
    insert.bind(2, format_date(meeting.day));
    insert.bind(3, meeting.start);
    insert.bind(4, meeting.summary);
    insert.bind(5, store.clock().now);
    insert.exec();
    const std::int64_t num = db.getLastInsertRowid();
    for (std::int64_t ally : meeting.allies) {
      auto& link = prepared(store, "INSERT INTO planned_meeting_ally(meeting, ally) VALUES (?, ?)");
      link.bind(1, num);
      link.bind(2, ally);
      link.exec();
    }
  }
}

} // namespace
} // namespace calendar_import

std::size_t CalendarImportReport::count(CardResult result) const {
  return static_cast<std::size_t>(std::count_if(
      meetings.begin(), meetings.end(), [&](const MeetingOutcome& m) { return m.result == result; }));
}

CalendarImportReport import_calendar(Store& store, const IncomingCalendar& calendar,
                                     const CalendarRules& rules, const Progress& progress) {
  CalendarImportReport report;
  try {
    calendar_import::CalendarImport import(store, rules);
    const std::size_t total = calendar.events.size();
    for (std::size_t i = 0; i < total; ++i) {
      import.add(calendar.events[i], report);
      if (progress && (i % 256 == 0 || i + 1 == total))
        progress(i + 1, total);
    }
    report.strangers = import.strangers();
    // One instance once, even when a file repeats an event.
    std::sort(report.planned.begin(), report.planned.end(),
              [](const PlannedMeeting& a, const PlannedMeeting& b) {
                return std::tie(a.start, a.id) < std::tie(b.start, b.id);
              });
    report.planned.erase(std::unique(report.planned.begin(), report.planned.end(),
                                     [](const PlannedMeeting& a, const PlannedMeeting& b) {
                                       return a.id == b.id;
                                     }),
                         report.planned.end());
    calendar_import::replace_planned(store, report.planned);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return report;
}

std::vector<PlannedMeeting> planned_meetings_on(Store& store, Date day) {
  try {
    SQLite::Statement st(db_of(store),
                         "SELECT p.id, p.start, p.summary, pa.ally FROM planned_meeting p JOIN "
                         "planned_meeting_ally pa ON pa.meeting = p.num JOIN ally a ON a.num = "
                         "pa.ally WHERE p.day = ? AND a.archived = 0 ORDER BY p.start, p.id, pa.ally");
    st.bind(1, format_date(day));
    std::vector<PlannedMeeting> out;
    while (st.executeStep()) {
      if (out.empty() || out.back().id != st.getColumn(0).getString())
        out.push_back({st.getColumn(0).getString(), day, st.getColumn(1).getInt64(),
                       st.getColumn(2).getString(), {}});
      out.back().allies.push_back(st.getColumn(3).getInt64());
    }
    return out;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
}

} // namespace ally
