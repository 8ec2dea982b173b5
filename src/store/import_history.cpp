// Another tool's history into the store (include/ally/exchange.hpp, import_history).
#include <SQLiteCpp/SQLiteCpp.h>

#include <fmt/format.h>

#include <algorithm>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/favors.hpp"
#include "ally/intake.hpp"
#include "ally/interactions.hpp"
#include "ally/introductions.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace history_import {
namespace {

enum class Seen { fresh, present, deleted };

// Whether a record with this id is in `table`, or was and was deleted.
Seen seen(Store& store, const char* table, const std::string& id) {
  auto& here = prepared(store, fmt::format("SELECT 1 FROM {} WHERE id = ?", table));
  here.bind(1, id);
  if (here.executeStep()) return Seen::present;
  auto& gone = prepared(store, "SELECT 1 FROM tombstone WHERE id = ?");
  gone.bind(1, id);
  return gone.executeStep() ? Seen::deleted : Seen::fresh;
}

// Counts the record as present or deleted and says false, or says true for a new one.
bool is_new(Store& store, const char* table, const std::string& id, HistoryCounts& counts) {
  switch (seen(store, table, id)) {
  case Seen::present:
    ++counts.present;
    return false;
  case Seen::deleted:
    ++counts.deleted;
    return false;
  case Seen::fresh:
    break;
  }
  return true;
}

} // namespace
} // namespace history_import

HistoryImportReport import_history(Store& store, const IncomingHistory& history,
                                   const Progress& progress) {
  using namespace history_import;
  HistoryImportReport report;
  report.left_out = history.left_out;
  report.contacts = import_contacts(store, history.contacts, progress, ContactPlace::line);
  // The ally each of the file's people went to; 0 when they were not imported.
  auto ally = [&](std::size_t person) -> std::int64_t {
    return person < report.contacts.cards.size() ? report.contacts.cards[person].number : 0;
  };
  try {
    for (const auto& c : history.conversations) {
      NewInteraction entry;
      for (auto person : c.people) {
        auto number = ally(person);
        if (number && std::find(entry.allies.begin(), entry.allies.end(), number) == entry.allies.end())
          entry.allies.push_back(number);
      }
      if (entry.allies.empty()) {
        report.left_out.push_back(fmt::format("{}{}: none of its people were imported",
                                              c.line ? fmt::format("line {}", c.line) : "a conversation",
                                              c.line ? "" : fmt::format(" on {}", format_date(c.day))));
        continue;
      }
      entry.id = id_of_identity(c.identity);
      if (!is_new(store, "interaction", entry.id, report.conversations)) continue;
      entry.date = c.day;
      entry.kind = c.kind;
      entry.note = c.note;
      log_interaction(store, entry);
      ++report.conversations.added;
    }
    for (const auto& f : history.favors) {
      NewFavor entry;
      entry.ally = ally(f.person);
      if (!entry.ally) continue; // its contact was left out, and said so
      entry.id = id_of_identity(f.identity);
      if (!is_new(store, "favor", entry.id, report.favors)) continue;
      entry.direction = f.you_gave ? FavorDirection::gave : FavorDirection::got;
      entry.text = f.text;
      entry.date = f.date;
      auto favor = add_favor(store, entry);
      if (f.settled && !f.you_gave) mark_favor_thanked(store, favor.meta.number, f.date);
      ++report.favors.added;
    }
    for (const auto& i : history.introductions) {
      auto a = ally(i.a), b = ally(i.b);
      if (!a || !b || a == b) continue;
      auto id = id_of_identity(i.identity);
      if (!is_new(store, "introduction", id, report.introductions)) continue;
      add_introduction(store, a, b, i.date, i.note, id);
      ++report.introductions.added;
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  return report;
}

} // namespace ally
