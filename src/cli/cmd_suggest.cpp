// `ally suggest [--for TOPIC] [--limit N]`: introductions worth making, or who to ask about a
// topic. Read-only.
#include "ally/error.hpp"
#include "ally/insights.hpp"
#include "ally/suggest.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/suggest_view.hpp"
#include "render/table.hpp"

namespace ally::cli {

namespace {
constexpr int k_suggest_limit = 10;
}

void define_suggest(CLI::App& cmd, Context& ctx) {
  struct Options {
    TextOption topic;
    int limit = k_suggest_limit;
  };
  auto o = std::make_shared<Options>();
  add_text(cmd, o->topic, "--for",
           "Allies who know or are into TOPIC (case- and accent-insensitive, prefixes ok)");
  cmd.add_option("--limit", o->limit, "Show at most N (default 10; 0 = all)")
      ->check(CLI::Range(0, 1000000));
  cmd.callback([o, &ctx] {
    std::string topic = trim(o->topic.value);
    if (o->topic.given() && topic_key_of(topic).empty()) {
      throw UsageError("empty topic: give --for a topic such as \"wine\"");
    }
    auto& store = ctx.store(Access::read);
    auto allies = suggest_allies(store);
    auto limit = static_cast<std::size_t>(o->limit);
    Style style{ctx.color()};
    if (o->topic.given()) {
      auto found = match_topic(allies, topic);
      if (ctx.options.json) return ctx.print_json(topic_matches_json(topic, found, allies, limit));
      return render_topic_matches(ctx.out, topic, found, allies, ctx.clock().today, limit, style,
                                  terminal_width());
    }
    auto found = suggest_introductions(allies, introduced_pairs(store), met_pairs(store));
    if (ctx.options.json) return ctx.print_json(introductions_json(found, allies, limit));
    render_introductions(ctx.out, found, allies, limit, style);
  });
}

} // namespace ally::cli
