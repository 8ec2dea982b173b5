// The plain-words query `ally search` hands to FTS5: every word quoted, so no user text is ever
// read as FTS5 syntax.
#include <catch2/catch.hpp>

#include "ally/search.hpp"

using ally::fts_query_from_words;

TEST_CASE("plain words become quoted FTS5 phrases joined by AND", "[search][unit]") {
  CHECK(fts_query_from_words("strokes") == "\"strokes\"");
  CHECK(fts_query_from_words("  south  american\twine\n") == "\"south\" \"american\" \"wine\"");
  CHECK(fts_query_from_words("O'Neil Mary-Jane C++") == "\"O'Neil\" \"Mary-Jane\" \"C++\"");
  CHECK(fts_query_from_words("AND OR NOT NEAR(a*") == "\"AND\" \"OR\" \"NOT\" \"NEAR(a*\"");
  CHECK(fts_query_from_words("José ☕") == "\"José\" \"☕\"");
}

TEST_CASE("quotes inside a word are doubled", "[search][unit]") {
  CHECK(fts_query_from_words("say \"hi\"") == "\"say\" \"\"\"hi\"\"\"");
  CHECK(fts_query_from_words("\"") == "\"\"\"\"");
}

TEST_CASE("blank text gives an empty query", "[search][unit]") {
  CHECK(fts_query_from_words("").empty());
  CHECK(fts_query_from_words(" \t\n ").empty());
}
