// `ally search TEXT [--fts] [--limit N]`: full-text search, grouped by ally.
#include <sstream>

#include "ally/search.hpp"
#include "cli/commands.hpp"
#include "cli/pager.hpp"
#include "render/search_view.hpp"

namespace ally::cli {
namespace {
constexpr int k_default_limit = 50;
} // namespace

void define_search(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::vector<std::string> words;
    bool fts = false;
    int limit = k_default_limit;
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
    std::ostringstream page;
    render_search(page, results, text, Style{ctx.color()});
    print_paged(ctx, page.str());
  });
}

} // namespace ally::cli
