// Full-text search over the FTS5 indexes the schema's triggers keep (search_ally,
// search_interaction, search_favor).
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/search.hpp"
#include "ally/text.hpp"
#include "store/database.hpp"

namespace ally {
namespace {

// search_ally's columns, in table order.
constexpr const char* k_ally_fields[] = {
    "name",  "nicknames", "org",    "role",   "city", "circle",    "relationship", "met",
    "goals", "notes",     "emails", "phones", "tags", "expertise", "interests",    "dates",
    "links"};
constexpr int k_ally_field_count = 17;
// A name or nickname match says more about who was meant than a word in the notes; an email
// address or phone number names one person.
constexpr const char* k_ally_weights =
    "5.0, 5.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 5.0, 1.0, 1.0, 1.0, 1.0, 5.0";
// Tokens of context a snippet shows around the match.
constexpr int k_snippet_tokens = 12;

std::string snippet_sql(const char* table, int column) {
  return fmt::format("snippet({}, {}, char(2), char(3), '…', {})", table, column, k_snippet_tokens);
}

// Snippets are shown on one line.
std::string one_line(std::string text) {
  for (auto& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

struct Owner {
  std::int64_t number = 0;
  std::string id;
  std::string name;
  bool archived = false;
};

struct OwnedHit {
  Owner owner;
  SearchHit hit;
};

// A hit with only what ranking needs. A million notes can match thousands of times; a whole
// OwnedHit for each (strings and all, 17,000 at 10k/1M) took 12 MB and a page fault per 4 kB.
struct Candidate {
  double rank = 0;              // bm25: lower is better
  std::optional<Date> date;     // none for an ally's own fields
  HitKind kind = HitKind::ally;
  std::int64_t number = 0;      // the ally's, conversation's or favor's
  std::int64_t owner = 0;       // the ally it is shown under
  std::size_t found_whole = 0;  // an ally hit: its index in Found::allies
};

// What the three indexes found: every hit as a candidate, and the allies' hits also whole.
struct Found {
  std::vector<Candidate> hits;
  std::vector<OwnedHit> allies;
};

Owner read_owner(SQLite::Statement& st, int first) {
  return {st.getColumn(first).getInt64(), st.getColumn(first + 1).getString(),
          st.getColumn(first + 2).getString(), st.getColumn(first + 3).getInt() != 0};
}

// The field whose snippet marks the most matches. The name heads the ally's block anyway, so
// on a tie the free-text fields win ("jane rust" shows the notes that mention Rust).
int best_field(SQLite::Statement& st, int first_snippet) {
  // notes, goals, met, interests, expertise, tags, relationship, circle, org, role, city,
  // dates, emails, phones, links, nicknames, name
  constexpr int k_preference[] = {9, 8, 7, 14, 13, 12, 6, 5, 2, 3, 4, 15, 10, 11, 16, 1, 0};
  static_assert(std::size(k_preference) == k_ally_field_count);
  int best = 0;
  long best_marks = 0;
  for (int c : k_preference) {
    auto snippet = st.getColumn(first_snippet + c).getString();
    long marks = std::count(snippet.begin(), snippet.end(), k_match_open);
    if (marks > best_marks) {
      best = c;
      best_marks = marks;
    }
  }
  return best;
}

// Allies are few: their hits are read whole, snippets and all, in one step.
void find_in_allies(SQLite::Database& db, const std::string& query, Found& found) {
  std::string snippets, texts;
  for (int c = 0; c < k_ally_field_count; ++c) {
    snippets += ", " + snippet_sql("search_ally", c);
    texts += fmt::format(", search_ally.{}", k_ally_fields[c]);
  }
  SQLite::Statement st(
      db, fmt::format("SELECT a.num, a.id, a.name, a.archived, bm25(search_ally, {}){}{} "
                      "FROM search_ally JOIN ally a ON a.num = search_ally.rowid "
                      "WHERE search_ally MATCH ?",
                      k_ally_weights, snippets, texts));
  st.bind(1, query);
  constexpr int k_snippets = 5;
  constexpr int k_texts = k_snippets + k_ally_field_count;
  while (st.executeStep()) {
    OwnedHit row{read_owner(st, 0), {}};
    auto& hit = row.hit;
    hit.kind = HitKind::ally;
    hit.number = row.owner.number;
    hit.rank = st.getColumn(4).getDouble();
    int field = best_field(st, k_snippets);
    hit.field = k_ally_fields[field];
    hit.snippet = one_line(st.getColumn(k_snippets + field).getString());
    hit.text = st.getColumn(k_texts + field).getString();
    found.hits.push_back(
        {hit.rank, {}, HitKind::ally, hit.number, row.owner.number, found.allies.size()});
    found.allies.push_back(std::move(row));
  }
}

// Interactions and favors are found in two steps: first every hit with only what ranking
// needs (bm25, the owner, the date: a million notes can match thousands of times), then the
// snippet and text of the hits shown. Making a snippet for each of 13,000 hits and reading their
// notes took most of a search over a million notes.
void find_in_interactions(SQLite::Database& db, const std::string& query, Found& found) {
  // interaction_ally holds a copy of the date, so ranking reads no interaction row.
  SQLite::Statement st(db, R"sql(
    SELECT ia.ally, bm25(search_interaction), search_interaction.rowid, ia.date
    FROM search_interaction
    JOIN interaction_ally ia ON ia.interaction = search_interaction.rowid
    WHERE search_interaction MATCH ?)sql");
  st.bind(1, query);
  while (st.executeStep()) {
    found.hits.push_back({st.getColumn(1).getDouble(), column_date(st.getColumn(3)),
                     HitKind::interaction, st.getColumn(2).getInt64(), st.getColumn(0).getInt64()});
  }
}

void find_in_favors(SQLite::Database& db, const std::string& query, Found& found) {
  SQLite::Statement st(db, R"sql(
    SELECT f.ally, bm25(search_favor), f.num, f.date
    FROM search_favor
    JOIN favor f ON f.num = search_favor.rowid
    WHERE search_favor MATCH ?)sql");
  st.bind(1, query);
  while (st.executeStep()) {
    found.hits.push_back({st.getColumn(1).getDouble(), column_date(st.getColumn(3)), HitKind::favor,
                     st.getColumn(2).getInt64(), st.getColumn(0).getInt64()});
  }
}

void find_in_to_bring_up(SQLite::Database& db, const std::string& query, Found& found) {
  SQLite::Statement st(db, R"sql(
    SELECT t.ally, bm25(search_to_bring_up), t.num, t.date
    FROM search_to_bring_up
    JOIN to_bring_up t ON t.num = search_to_bring_up.rowid
    WHERE search_to_bring_up MATCH ?)sql");
  st.bind(1, query);
  while (st.executeStep()) {
    found.hits.push_back({st.getColumn(1).getDouble(), column_date(st.getColumn(3)),
                          HitKind::to_bring_up, st.getColumn(2).getInt64(), st.getColumn(0).getInt64()});
  }
}

// The second step for the hits shown: owner, snippet, kind or direction, and the whole text.
class Details {
public:
  Details(SQLite::Database& db, const std::string& query)
      : m_interaction(db, fmt::format(R"sql(
          SELECT {}, i.kind, i.note FROM search_interaction
          JOIN interaction i ON i.num = search_interaction.rowid
          WHERE search_interaction MATCH ?1 AND search_interaction.rowid = ?2)sql",
                                      snippet_sql("search_interaction", 0))),
        m_favor(db, fmt::format(R"sql(
          SELECT {}, f.direction, f.text FROM search_favor
          JOIN favor f ON f.num = search_favor.rowid
          WHERE search_favor MATCH ?1 AND search_favor.rowid = ?2)sql",
                                snippet_sql("search_favor", 0))),
        m_to_bring_up(db, fmt::format(R"sql(
          SELECT {}, CASE WHEN t.done IS NULL THEN 'open' ELSE 'done' END, t.text
          FROM search_to_bring_up JOIN to_bring_up t ON t.num = search_to_bring_up.rowid
          WHERE search_to_bring_up MATCH ?1 AND search_to_bring_up.rowid = ?2)sql",
                                      snippet_sql("search_to_bring_up", 0))),
        m_owner(db, "SELECT num, id, name, archived FROM ally WHERE num = ?") {
    m_interaction.bind(1, query);
    m_favor.bind(1, query);
    m_to_bring_up.bind(1, query);
  }

  OwnedHit fill(const Candidate& found) {
    OwnedHit row;
    row.owner.number = found.owner;
    auto& hit = row.hit;
    hit.kind = found.kind;
    hit.number = found.number;
    hit.rank = found.rank;
    hit.date = found.date;
    hit.field = found.kind == HitKind::interaction ? "note" : "text";
    auto& st = found.kind == HitKind::interaction ? m_interaction
               : found.kind == HitKind::favor     ? m_favor
                                                  : m_to_bring_up;
    st.reset();
    st.bind(2, row.hit.number);
    if (st.executeStep()) {
      row.hit.snippet = one_line(st.getColumn(0).getString());
      row.hit.detail = st.getColumn(1).getString();
      row.hit.text = st.getColumn(2).getString();
    }
    m_owner.reset();
    m_owner.bind(1, row.owner.number);
    if (m_owner.executeStep()) row.owner = read_owner(m_owner, 0);
    return row;
  }

private:
  SQLite::Statement m_interaction, m_favor, m_to_bring_up, m_owner;
};

// FTS5 reports a query it cannot parse (syntax, an unknown column, an unterminated string) as a
// plain SQLITE_ERROR; a store that cannot be read fails with other codes.
bool is_query_error(const SQLite::Exception& e) { return e.getErrorCode() == SQLITE_ERROR; }

// Ranked by bm25, then newest (an ally's own fields, undated, before dated records), then a
// fixed order so equal hits always come out the same way.
bool better(const Candidate& x, const Candidate& y) {
  if (x.rank != y.rank) return x.rank < y.rank;
  if (x.date != y.date) {
    if (!x.date || !y.date) return !x.date;
    return *x.date > *y.date;
  }
  if (x.kind != y.kind) return x.kind < y.kind;
  if (x.number != y.number) return x.number < y.number;
  return x.owner < y.owner;
}

} // namespace

std::string fts_query_from_words(std::string_view text) {
  std::string query;
  std::size_t i = 0;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    if (!query.empty()) query += ' ';
    query += '"';
    for (; i < text.size() && !is_space(text[i]); ++i) {
      if (text[i] == '"') query += '"';
      query += text[i];
    }
    query += '"';
  }
  return query;
}

constexpr std::size_t k_max_search_terms = 32;

SearchResults search(Store& store, std::string_view text, QuerySyntax syntax, std::size_t limit) {
  if (trim(text).empty()) throw UsageError("empty search: give the words to look for");
  // Hundreds of OR'd prefix terms kept SQLite busy for a minute (67 s for 500 at 10k allies);
  // a search a person types has a handful.
  if (const std::size_t terms = split_list(std::string(text), ' ').size(); terms > k_max_search_terms) {
    throw UsageError(fmt::format("search of {} terms: at most {} are looked for at once", terms, k_max_search_terms),
                     "search for fewer words");
  }
  std::string query = syntax == QuerySyntax::fts5 ? std::string(text) : fts_query_from_words(text);
  auto& db = db_of(store);
  Found found;
  // FTS5 column filters (`notes: wine`) name columns of one index only; the others then have
  // nothing to match, which is not an error unless no index has the column.
  std::string column_error;
  int searched = 0;
  for (auto* find : {find_in_allies, find_in_interactions, find_in_favors, find_in_to_bring_up}) {
    try {
      find(db, query, found);
      ++searched;
    } catch (const SQLite::Exception& e) {
      if (!is_query_error(e)) rethrow_sqlite(e);
      std::string message = e.what();
      if (message.find("no such column") == std::string::npos) {
        throw UsageError(fmt::format("bad search query '{}': {}", text, message),
                         "quote words, or leave out --fts to search for plain words");
      }
      column_error = message;
    } catch (const std::exception& e) {
      rethrow_sqlite(e);
    }
  }
  if (searched == 0) {
    throw UsageError(fmt::format("bad search query '{}': {}", text, column_error),
                     "columns are name, nicknames, org, role, city, met, goals, notes, note, text");
  }

  SearchResults results;
  auto& hits = found.hits;
  results.total = hits.size();
  // Only the shown hits need an order (`better` is total, so they are the same ones).
  if (limit > 0 && hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(),
                      better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  results.shown = hits.size();
  std::vector<OwnedHit> rows;
  rows.reserve(hits.size());
  try {
    Details details(db, query);
    for (const auto& hit : hits) {
      rows.push_back(hit.kind == HitKind::ally ? std::move(found.allies[hit.found_whole])
                                               : details.fill(hit));
    }
  } catch (const std::exception& e) {
    rethrow_sqlite(e);
  }
  std::map<std::int64_t, std::size_t> group_of; // ally number → index in results.groups
  for (auto& row : rows) {
    auto [it, added] = group_of.emplace(row.owner.number, results.groups.size());
    if (added) {
      results.groups.push_back(
          {row.owner.number, row.owner.id, row.owner.name, row.owner.archived, {}});
    }
    results.groups[it->second].hits.push_back(std::move(row.hit));
  }
  return results;
}

} // namespace ally
