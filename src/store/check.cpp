// `ally check`: each check is one row of k_checks, a name, what it checks, and a function that
// reports problems. A new rule (say, for a derived column a migration adds) is one more row.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "ally/check.hpp"
#include "ally/error.hpp"
#include "ally/export_format.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

// Enough to act on; the rest is counted, not listed.
constexpr std::size_t k_problems_listed = 20;

struct Run {
  Store& store;
  SQLite::Database& db;
  CheckOutcome& outcome;
  std::size_t unlisted = 0;

  void problem(std::string text) {
    if (outcome.problems.size() < k_problems_listed) {
      outcome.problems.push_back(std::move(text));
    } else {
      ++unlisted;
    }
  }
  // Reports one problem per row of `sql`, worded by `describe` from the row.
  template <class Describe> void each_row(const char* sql, Describe describe) {
    SQLite::Statement st(db, sql);
    while (st.executeStep()) problem(describe(st));
  }
};

std::string text(SQLite::Statement& st, int column) {
  auto c = st.getColumn(column);
  return c.isNull() ? "none" : c.getString();
}

void check_integrity(Run& run) {
  run.each_row("PRAGMA integrity_check", [](SQLite::Statement& st) { return text(st, 0); });
  if (run.outcome.problems.size() == 1 && run.outcome.problems[0] == "ok") {
    run.outcome.problems.clear();
  }
}

void check_schema_version(Run& run) {
  int version = run.db.execAndGet("PRAGMA user_version").getInt();
  if (version != current_schema_version()) {
    run.problem(fmt::format("schema version {}, expected {}", version, current_schema_version()));
  }
}

void check_foreign_keys(Run& run) {
  run.each_row("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check",
               [](SQLite::Statement& st) {
                 return fmt::format("a row of {} (rowid {}) points to a missing {}", text(st, 0),
                                    text(st, 1), text(st, 2));
               });
}

void check_last_contact(Run& run) {
  run.each_row(R"sql(
    WITH latest AS (
      SELECT a.num,
        (SELECT ia.date FROM interaction_ally ia WHERE ia.ally = a.num
         ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1) AS date,
        coalesce((SELECT i.kind FROM interaction_ally ia JOIN interaction i ON i.num = ia.interaction
                  WHERE ia.ally = a.num ORDER BY ia.date DESC, ia.interaction DESC LIMIT 1), '') AS kind
      FROM ally a)
    SELECT a.num, a.name, a.last_contact, a.last_kind, l.date, l.kind
    FROM ally a JOIN latest l ON l.num = a.num
    WHERE a.last_contact IS NOT l.date OR a.last_kind IS NOT l.kind ORDER BY a.num)sql",
               [](SQLite::Statement& st) {
                 return fmt::format("{} (#{}) says last contact {} ({}), the log says {} ({})",
                                    text(st, 1), text(st, 0), text(st, 2), text(st, 3),
                                    text(st, 4), text(st, 5));
               });
}

void check_recent_favors(Run& run) {
  auto sql = fmt::format("SELECT num, name FROM ally WHERE recent_favors IS NOT {} ORDER BY num",
                         recent_favors_sql("ally.num"));
  run.each_row(sql.c_str(),
               [](SQLite::Statement& st) {
                 return fmt::format("{} (#{})'s recent favors, which `due` counts, do not match "
                                    "their favors",
                                    text(st, 1), text(st, 0));
               });
}

void check_interaction_allies(Run& run) {
  run.each_row("SELECT num FROM interaction i WHERE NOT EXISTS "
               "(SELECT 1 FROM interaction_ally ia WHERE ia.interaction = i.num) ORDER BY num",
               [](SQLite::Statement& st) {
                 return fmt::format("conversation #{} has no ally", text(st, 0));
               });
  run.each_row("SELECT i.num, ia.ally, ia.date, i.date FROM interaction_ally ia "
               "JOIN interaction i ON i.num = ia.interaction WHERE ia.date IS NOT i.date "
               "ORDER BY i.num",
               [](SQLite::Statement& st) {
                 return fmt::format("conversation #{} is dated {} but {} for ally #{}",
                                    text(st, 0), text(st, 3), text(st, 2), text(st, 1));
               });
  run.each_row("SELECT i.num, ia.ally FROM interaction_ally ia "
               "JOIN interaction i ON i.num = ia.interaction WHERE ia.follow_up IS NOT "
               "(CASE WHEN i.follow_up_done IS NULL THEN i.follow_up END) ORDER BY i.num",
               [](SQLite::Statement& st) {
                 return fmt::format("conversation #{}'s open follow-up is not the one `due` "
                                    "sees for ally #{}",
                                    text(st, 0), text(st, 1));
               });
}

void check_dates(Run& run) {
  // date(x, '+0 days') gives x back only for a real calendar day written YYYY-MM-DD (the
  // modifier makes SQLite normalise "02-30" rather than echo it).
  struct DateColumn {
    const char* table;
    const char* column;
    const char* row; // how a row is named in the report
  };
  static const DateColumn k_date_columns[] = {
      {"ally", "added_on", "num"},
      {"ally", "snoozed_until", "num"},
      {"ally", "last_contact", "num"},
      {"interaction", "date", "num"},
      {"interaction", "follow_up", "num"},
      {"interaction", "follow_up_done", "num"},
      {"favor", "date", "num"},
      {"favor", "due", "num"},
      {"favor", "done", "num"},
      {"favor", "thanked", "num"},
      {"introduction", "date", "num"},
      {"to_bring_up", "date", "num"},
      {"to_bring_up", "done", "num"},
      {"interaction_ally", "date", "interaction || '/' || ally"},
  };
  for (const auto& d : k_date_columns) {
    auto sql = fmt::format("SELECT {2}, {1} FROM {0} WHERE {1} IS NOT NULL AND "
                           "(typeof({1}) <> 'text' OR date({1}, '+0 days') IS NOT {1}) ORDER BY 1",
                           d.table, d.column, d.row);
    run.each_row(sql.c_str(), [&d](SQLite::Statement& st) {
      return fmt::format("{}.{} of #{} is not a date: '{}'", d.table, d.column, text(st, 0),
                         text(st, 1));
    });
  }
}

// External-content indexes compare themselves with their tables; the ally index has its own
// copy of each ally's words, compared here column by column.
void check_search_index(Run& run) {
  for (const char* index : {"search_interaction", "search_favor", "search_to_bring_up"}) {
    try {
      run.db.exec(fmt::format("INSERT INTO {0}({0}, rank) VALUES ('integrity-check', 1)", index));
    } catch (const SQLite::Exception& e) {
      std::string what = e.what();
      if (what.find("readonly") != std::string::npos) {
        run.outcome.skipped = "the store is read-only, and SQLite checks a search index by writing";
        return;
      }
      run.problem(fmt::format("the search index {} does not match its records: {}", index, what));
    }
  }
  run.db.exec("INSERT INTO search_ally(search_ally) VALUES ('integrity-check')");
  run.each_row(R"sql(
    SELECT a.num, a.name FROM search_ally_source a LEFT JOIN search_ally s ON s.rowid = a.num
    WHERE s.rowid IS NULL OR s.name IS NOT a.name OR s.nicknames IS NOT a.nicknames
       OR s.org IS NOT a.org OR s.role IS NOT a.role OR s.city IS NOT a.city
       OR s.circle IS NOT a.circle OR s.relationship IS NOT a.relationship
       OR s.met IS NOT a.met OR s.goals IS NOT a.goals OR s.notes IS NOT a.notes
       OR s.emails IS NOT a.emails OR s.phones IS NOT a.phones OR s.tags IS NOT a.tags
       OR s.expertise IS NOT a.expertise OR s.interests IS NOT a.interests
       OR s.dates IS NOT a.dates OR s.links IS NOT a.links
    ORDER BY a.num)sql",
               [](SQLite::Statement& st) {
                 return fmt::format("the search index is out of date for {} (#{})", text(st, 1),
                                    text(st, 0));
               });
  run.each_row("SELECT rowid FROM search_ally WHERE rowid NOT IN (SELECT num FROM ally)",
               [](SQLite::Statement& st) {
                 return fmt::format("the search index holds ally #{}, who does not exist",
                                    text(st, 0));
               });
}

void check_journal(Run& run) {
  if (run.db.execAndGet("SELECT count(*) FROM journal_state").getInt() != 1) {
    run.problem("the journal state must be exactly one row");
  }
  run.each_row("SELECT seq FROM journal_state WHERE seq IS NOT NULL", [](SQLite::Statement& st) {
    return fmt::format("a write (journal entry {}) is marked as still under way", text(st, 0));
  });
  run.each_row("SELECT DISTINCT seq FROM journal_step WHERE seq NOT IN (SELECT seq FROM journal) "
               "ORDER BY seq",
               [](SQLite::Statement& st) {
                 return fmt::format("undo steps belong to journal entry {}, which does not exist",
                                    text(st, 0));
               });
  run.each_row("SELECT seq, undone FROM journal WHERE undone NOT IN (0, 1)",
               [](SQLite::Statement& st) {
                 return fmt::format("journal entry {} has undone = {}", text(st, 0), text(st, 1));
               });
}

void check_tombstones(Run& run) {
  static const char* const k_tables[] = {"ally",           "interaction", "favor", "introduction",
                                         "important_date", "to_bring_up"};
  for (const char* table : k_tables) {
    auto sql = fmt::format("SELECT t.num, t.id FROM {} t JOIN tombstone d ON d.id = t.id "
                           "ORDER BY t.num",
                           table);
    run.each_row(sql.c_str(), [table](SQLite::Statement& st) {
      return fmt::format("{} #{} ({}) is both present and marked deleted", table, text(st, 0),
                         text(st, 1));
    });
  }
}

void check_file_mode(Run& run) {
  if (!run.store.exists_on_disk()) return;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    auto path = run.store.path() + suffix;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) continue;
    if ((st.st_mode & 077) != 0) {
      run.problem(fmt::format("'{}' can be read by others (mode {:04o}); 'chmod 600' fixes it",
                              path, st.st_mode & 07777));
    }
  }
}

// A text over the one size limit would be refused by every other store's import and sync.
void check_text_sizes(Run& run) {
  struct Column {
    const char* table;
    const char* column;
    const char* fix; // the command that shortens it, {} = the record's number
  };
  static const Column k_columns[] = {
      {"ally", "name", "ally edit '#{}' --name …"},   {"ally", "org", "ally edit '#{}' --org …"},
      {"ally", "role", "ally edit '#{}' --role …"},   {"ally", "city", "ally edit '#{}' --city …"},
      {"ally", "met", "ally edit '#{}' --met …"},     {"ally", "goals", "ally edit '#{}' --goal …"},
      {"ally", "notes", "ally edit '#{}' --note …"},  {"interaction", "note", "ally log edit {} --text …"},
      {"favor", "text", "ally favor edit {} --text …"},
      {"to_bring_up", "text", "ally next edit {} TEXT"},
  };
  for (const auto& c : k_columns) {
    // Table and column names come from the list above, never from the data.
    auto sql = fmt::format("SELECT num, length(CAST({1} AS BLOB)) FROM {0} WHERE "
                           "length(CAST({1} AS BLOB)) > {2} ORDER BY num",
                           c.table, c.column, k_max_import_text);
    run.each_row(sql.c_str(), [&c](SQLite::Statement& st) {
      auto number = text(st, 0);
      return fmt::format("{} #{}: its {} is {} KiB, over the 1 MiB limit (other stores refuse it); "
                         "shorten it with '{}'",
                         c.table, number, c.column, st.getColumn(1).getInt64() >> 10,
                         fmt::format(fmt::runtime(c.fix), number));
    });
  }
  run.each_row(fmt::format("SELECT ally, field, length(CAST(value AS BLOB)) FROM ally_value "
                           "WHERE length(CAST(value AS BLOB)) > {} ORDER BY ally",
                           k_max_import_text)
                   .c_str(),
               [](SQLite::Statement& st) {
                 return fmt::format("ally #{}: a {} of {} KiB, over the 1 MiB limit; drop it with "
                                    "'ally edit '#{}' --drop-{} …'",
                                    text(st, 0), text(st, 1), st.getColumn(2).getInt64() >> 10,
                                    text(st, 0), text(st, 1));
               });
}

struct StoreCheck {
  const char* name;
  const char* description;
  void (*run)(Run&);
};

const StoreCheck k_checks[] = {
    {"integrity", "SQLite's integrity check of the whole file", check_integrity},
    {"schema_version", "the store's schema is the one this ally writes", check_schema_version},
    {"foreign_keys", "no row points to a record that does not exist", check_foreign_keys},
    {"last_contact", "each ally's last contact and kind match the log", check_last_contact},
    {"recent_favors", "each ally's recent favors match their favors", check_recent_favors},
    {"interaction_allies", "every conversation has an ally, and their dates and follow-ups agree",
     check_interaction_allies},
    {"dates", "every stored date is a real YYYY-MM-DD day", check_dates},
    {"search_index", "the search indexes match the records", check_search_index},
    {"journal", "the undo journal is settled and whole", check_journal},
    {"tombstones", "no deleted record is still present", check_tombstones},
    {"file_mode", "the store's files are private to you (0600)", check_file_mode},
    {"text_size", "no text is over the 1 MiB limit other stores accept", check_text_sizes},
};

} // namespace

std::vector<CheckOutcome> check_store(Store& store) {
  std::vector<CheckOutcome> outcomes;
  auto& db = db_of(store);
  for (const auto& check : k_checks) {
    CheckOutcome outcome;
    outcome.name = check.name;
    outcome.description = check.description;
    Run run{store, db, outcome};
    try {
      check.run(run);
    } catch (const std::exception& e) {
      // A check that cannot run is itself a finding (a corrupt file often fails this way).
      run.problem(fmt::format("could not check: {}", e.what()));
    }
    if (run.unlisted > 0) run.outcome.problems.push_back(fmt::format("… and {} more", run.unlisted));
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

} // namespace ally
