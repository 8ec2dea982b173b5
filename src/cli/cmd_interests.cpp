// `ally interests [TOPIC]`: topics of common ground with how many allies share each, or who
// shares one topic.
#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/interests.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/table.hpp"

namespace ally::cli {
namespace {

nlohmann::json interest_json(const Interest& i) {
  return {{"id", i.meta.id},
          {"number", i.meta.number},
          {"created_at", i.meta.created_at},
          {"updated_at", i.meta.updated_at},
          {"name", i.name},
          {"ally_count", i.ally_count}};
}

// A close spelling, else the one topic that contains what was typed ("strokes").
std::string suggestion_for(const std::string& typed, const std::vector<Interest>& topics) {
  const std::string key = fold(trim(typed));
  const Interest* best = nullptr;
  std::size_t best_distance = 0;
  std::vector<const Interest*> containing;
  for (const auto& t : topics) {
    std::string name = fold(t.name);
    std::size_t distance = edit_distance(key, name);
    if (!best || distance < best_distance) {
      best = &t;
      best_distance = distance;
    }
    if (!key.empty() && name.find(key) != std::string::npos)
      containing.push_back(&t);
  }
  if (best && best_distance <= std::max<std::size_t>(2, key.size() / 3))
    return best->name;
  if (containing.size() == 1)
    return containing.front()->name;
  return {};
}

void show_topic(Context& ctx, const std::string& typed) {
  auto& store = ctx.store(Access::read);
  auto topic = find_interest(store, typed);
  if (!topic) {
    std::string hint;
    if (auto close = suggestion_for(typed, list_interests(store)); !close.empty()) {
      hint = fmt::format("did you mean '{}'?", close);
    } else {
      hint = "'ally interests' lists every topic";
    }
    throw NotFound(fmt::format("no interest '{}'", truncate_to_width(typed, 40)), hint);
  }
  auto allies = allies_sharing(store, *topic);
  if (ctx.options.json) {
    auto doc = interest_json(*topic);
    auto list = nlohmann::json::array();
    for (const auto& a : allies)
      list.push_back({{"number", a.number}, {"name", a.name}});
    doc["allies"] = list;
    return ctx.print_json(doc);
  }
  if (allies.empty()) {
    ctx.out << fmt::format("No active ally shares {} now.\n", topic->name);
    return;
  }
  ctx.out << fmt::format("{}, shared with {} {}:\n", topic->name, allies.size(),
                         allies.size() == 1 ? "ally" : "allies");
  for (const auto& a : allies)
    ctx.out << fmt::format("  {} (#{})\n", a.name, a.number);
}

} // namespace

void define_interests(CLI::App& cmd, Context& ctx) {
  auto topic = std::make_shared<std::string>();
  cmd.add_option("topic", *topic, "Show who shares this topic")->check(non_empty("topic"));
  cmd.callback([topic, &ctx] {
    if (!topic->empty())
      return show_topic(ctx, *topic);
    auto& store = ctx.store(Access::read);
    auto topics = list_interests(store);
    if (ctx.options.json) {
      auto doc = nlohmann::json::array();
      for (const auto& t : topics)
        doc.push_back(interest_json(t));
      return ctx.print_json(doc);
    }
    if (topics.empty()) {
      ctx.out
          << "No shared interests yet. Add one with: ally edit Rachel --interest \"The Strokes\"\n";
      return;
    }
    Table table({"TOPIC", "ALLIES"});
    for (const auto& t : topics)
      table.add({t.name, std::to_string(t.ally_count)});
    table.print(ctx.out, Style{ctx.color()}, terminal_width());
  });
}

} // namespace ally::cli
