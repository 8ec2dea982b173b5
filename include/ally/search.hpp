#pragma once
// `ally search`: full-text search (SQLite FTS5, accents and case ignored) over allies' names,
// nicknames and free-text fields, conversation notes and favor texts.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ally/date.hpp"
#include "ally/store.hpp"

namespace ally {

// Plain words (each taken literally) or FTS5 query syntax passed through (`OR`, `NOT`, `pre*`,
// `"a phrase"`, `NEAR(…)`, `notes: word`).
enum class QuerySyntax { plain_words, fts5 };

enum class HitKind { ally, interaction, favor, to_bring_up };

// A snippet wraps each matched word in these two characters, which typed text never holds, so a
// renderer can colour or bracket them.
inline constexpr char k_match_open = '\x02';
inline constexpr char k_match_close = '\x03';

struct SearchHit {
  HitKind kind = HitKind::ally;
  std::int64_t number = 0;  // the ally's, the conversation's, the favor's or the item's number
  std::optional<Date> date; // the conversation's or favor's date; none for an ally's own fields
  std::string field;        // where it matched: "name", "nicknames", "org", "role", "city",
                            // "met", "goals", "notes" (ally), "note" (conversation), "text"
                            // (favor, thing to bring up)
  std::string detail;       // the conversation's kind ("coffee"), the favor's direction ("gave"),
                            // or "open"/"done" for a thing to bring up
  std::string snippet;      // a short excerpt around the match, one line
  std::string text;         // the whole text the match is in
  double rank = 0;          // bm25: lower is a better match
};

struct SearchGroup {
  std::int64_t ally = 0;
  std::string id;
  std::string name;
  bool archived = false;
  std::vector<SearchHit> hits; // best first
};

struct SearchResults {
  std::vector<SearchGroup> groups; // the group holding the best hit first
  std::size_t shown = 0;           // hits in `groups`
  std::size_t total = 0;           // hits found; more than `shown` when the limit cut them
};

// The FTS5 query for plain words: each whitespace-separated word becomes a quoted phrase (an
// embedded `"` doubled), so `O'Neil`, `Mary-Jane` or `C++` never reach FTS5's syntax; the
// phrases are joined by FTS5's implicit AND. Empty for blank text.
std::string fts_query_from_words(std::string_view text);

// Every hit of `text`, one per ally and record (a conversation with two allies is a hit under
// each), ranked by bm25 then newest, cut to `limit` hits (0 = no limit) and grouped by ally.
// Archived allies' hits are included and marked. Throws UsageError for blank text or a query
// FTS5 rejects (only possible with QuerySyntax::fts5).
SearchResults search(Store& store, std::string_view text, QuerySyntax syntax, std::size_t limit);

} // namespace ally
