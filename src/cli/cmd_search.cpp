// `ally search TEXT [--fts] [--limit N]`: full-text search, grouped by ally.
#include <fmt/format.h>

#include <cctype>
#include <sstream>

#include "ally/search.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/search_view.hpp"

namespace ally::cli {
namespace {
constexpr int k_search_limit = 50;

// `Mura` finds no word "Mura": the FTS5 query that finds words starting so, or "" when a word
// holds anything but letters and digits or is an operator (the hint would need FTS5's quoting).
std::string prefix_query(const std::vector<std::string>& words) {
  std::string query;
  for (const auto& w : words) {
    std::istringstream in(w);
    for (std::string part; in >> part;) {
      for (unsigned char c : part)
        if (c < 0x80 && !std::isalnum(c)) return "";
      if (part == "AND" || part == "OR" || part == "NOT" || part == "NEAR") return "";
      query += (query.empty() ? "" : " ") + part + "*";
    }
  }
  return query;
}
} // namespace

void define_search(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::vector<std::string> words;
    bool fts = false;
    int limit = k_search_limit;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("text", o->words,
                 "Words to find (all of them); quotes and punctuation are literal")
      ->required();
  cmd.add_flag("--fts", o->fts,
               "Take TEXT as an FTS5 query: OR, NOT, \"phrases\", prefix*, notes: word");
  cmd.add_option("--limit", o->limit, "Show at most N matches (default 50; 0 = all)")
      ->check(CLI::Range(0, 1000000));
  cmd.callback([o, &ctx] {
    // `ally search coffee beans` and `ally search "coffee beans"` mean the same.
    std::string text;
    for (const auto& w : o->words) text += (text.empty() ? "" : " ") + w;
    auto& store = ctx.store(Access::read);
    auto results = search(store, text, o->fts ? QuerySyntax::fts5 : QuerySyntax::plain_words,
                          static_cast<std::size_t>(o->limit));
    if (ctx.options.json) return ctx.print_json(search_json(results));
    ctx.page_output();
    render_search(ctx.out, results, text, Style{ctx.color()}, terminal_width());
    // A hint, like git's, on stderr: the result itself stays "No matches".
    if (results.groups.empty() && !o->fts) {
      if (auto query = prefix_query(o->words); !query.empty())
        ctx.err << fmt::format("ally: hint: words match whole words; for words starting so: "
                               "ally search --fts '{}'\n",
                               query);
    }
  });
}

} // namespace ally::cli
