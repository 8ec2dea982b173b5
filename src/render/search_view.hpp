#pragma once
// `ally search` results, for people and as JSON.
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "ally/search.hpp"
#include "render/table.hpp"

namespace ally {

// A snippet for display: the match markers become colour when `style.color`, else «…»
// (so piped output still shows what matched).
std::string render_snippet(const std::string& snippet, const Style& style);

// One block per ally, best first: its name, then one line per hit with its date (or "profile"
// for the ally's own fields), what it is, and the snippet. Says when nothing matched and when
// the limit cut the list. Snippets are cut so lines fit `width` columns (0: no limit).
void render_search(std::ostream& out, const SearchResults& results, const std::string& text,
                   const Style& style, std::size_t width = 0);

// `ally search --json`: [{"ally": {number, id, name, archived}, "hits": [{kind, number, date,
// field, snippet, text}]}]; snippets mark matches with «…».
nlohmann::json search_json(const SearchResults& results);

} // namespace ally
