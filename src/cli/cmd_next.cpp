// `ally next [WHO [TEXT]]` and `ally next done|edit|rm N`: things to bring up the next time you
// talk with someone ("ask how the marathon went"), open until done.
#include <fmt/format.h>

#include <algorithm>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "ally/to_bring_up.hpp"
#include "cli/commands.hpp"
#include "render/ally_view.hpp"
#include "cli/record_number.hpp"
#include "render/records_json.hpp"
#include "render/table.hpp"

namespace ally::cli {
namespace {

std::string joined(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

void check_text(const std::string& text) {
  if (trim(text).empty()) throw UsageError("empty text: say what to bring up");
}

void define_next_done(CLI::App& cmd, Context& ctx) {
  auto numbers = std::make_shared<std::vector<std::string>>();
  cmd.add_option("numbers", *numbers, "The numbers of the things brought up (see 'ally next')")
      ->required();
  cmd.callback([numbers, &ctx] {
    std::vector<std::int64_t> wanted;
    for (const auto& n : *numbers) wanted.push_back(parse_record_number(n, "thing to bring up"));
    Date today = ctx.clock().today;
    auto& store = ctx.store(Access::write);
    std::vector<std::pair<ToBringUp, Ally>> done;
    store.write("next done", [&] {
      for (auto n : wanted) {
        auto item = mark_to_bring_up_done(store, n, today);
        done.emplace_back(item, get_ally(store, item.ally));
      }
      std::string summary = "brought up";
      for (const auto& [item, ally] : done) summary += fmt::format(" #{}", item.meta.number);
      store.set_write_summary(summary);
    });
    if (ctx.options.json) {
      return ctx.print_json_array(done.size(), [&](std::size_t i) { return to_json(done[i].first); });
    }
    for (const auto& [item, ally] : done) {
      ctx.out << fmt::format("Brought up with {}: {} (#{}).\n", who_text(ally),
                             truncate_to_width(item.text, 60), item.meta.number);
    }
  });
}

void define_next_edit(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string number;
    std::vector<std::string> text;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("number", o->number, "Its number (see 'ally next')")->required();
  cmd.add_option("text", o->text, "The new text (the rest of the line)")->required();
  cmd.callback([o, &ctx] {
    auto n = parse_record_number(o->number, "thing to bring up");
    std::string text = joined(o->text);
    check_text(text);
    auto& store = ctx.store(Access::write);
    ToBringUp item;
    Ally ally;
    store.write("next edit", [&] {
      item = get_to_bring_up(store, n);
      item.text = text;
      update_to_bring_up(store, item);
      ally = get_ally(store, item.ally);
      store.set_write_summary(fmt::format("edit thing to bring up #{} with {}", n, who_text(ally)));
    });
    if (!store.last_write_changed()) item = get_to_bring_up(store, n);
    if (ctx.report_unchanged(fmt::format("#{} already says that", n), to_json(item))) return;
    if (ctx.options.json) return ctx.print_json(to_json(item));
    ctx.out << fmt::format("Updated #{} with {}: {}.\n", n, who_text(ally), truncate_to_width(item.text, 60));
  });
}

void define_next_rm(CLI::App& cmd, Context& ctx) {
  auto number = std::make_shared<std::string>();
  cmd.add_option("number", *number, "Its number (see 'ally next')")->required();
  cmd.callback([number, &ctx] {
    auto n = parse_record_number(*number, "thing to bring up");
    auto& store = ctx.store(Access::write);
    ToBringUp item;
    Ally ally;
    store.write("next rm", [&] {
      item = get_to_bring_up(store, n);
      ally = get_ally(store, item.ally);
      remove_to_bring_up(store, n);
      store.set_write_summary(fmt::format("remove thing to bring up #{} with {}", n, who_text(ally)));
    });
    if (ctx.options.json) return ctx.print_json(to_json(item));
    ctx.out << fmt::format("Removed #{} with {}: {}.\n", n, who_text(ally), truncate_to_width(item.text, 60));
  });
}

// The open ones, by ally name then age; one ally's, or everyone's.
void list_open(Context& ctx, Store& store, std::optional<std::int64_t> ally) {
  auto items = open_to_bring_up(store, ally);
  std::map<std::int64_t, Ally> allies;
  for (const auto& item : items) {
    if (!allies.contains(item.ally)) allies.emplace(item.ally, get_ally(store, item.ally));
  }
  std::stable_sort(items.begin(), items.end(), [&](const ToBringUp& a, const ToBringUp& b) {
    return fold(allies.at(a.ally).name) < fold(allies.at(b.ally).name);
  });
  if (ctx.options.json) {
    return ctx.print_json_array(items.size(), [&](std::size_t i) {
      auto j = to_json(items[i]);
      j["ally_name"] = allies.at(items[i].ally).name;
      return j;
    });
  }
  if (items.empty()) {
    if (ally) {
      ctx.out << fmt::format("Nothing to bring up with {}. Note something: ally next {} TEXT\n",
                             who_text(get_ally(store, *ally)), *ally);
    } else {
      ctx.out << "Nothing to bring up. Note something for next time: ally next WHO TEXT, or ally "
                 "log WHO … --next TEXT\n";
    }
    return;
  }
  ctx.page_output();
  Date today = ctx.clock().today;
  Table table({"#", "WITH", "ADDED", "TO BRING UP"});
  table.keep_last(30);
  for (const auto& item : items) {
    table.add({std::to_string(item.meta.number), who_text(allies.at(item.ally)),
               format_relative(item.date, today), item.text});
  }
  table.print(ctx.out, Style{ctx.color()}, terminal_width());
}

} // namespace

void define_next(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    std::vector<std::string> text;
  };
  auto o = std::make_shared<Options>();
  auto* who = cmd.add_option("who", o->who,
                             "The ally, or several: \"Rachel,John\" (one item each); alone, lists theirs");
  cmd.add_option("text", o->text, "What to bring up (the rest of the line)");
  cmd.require_subcommand(0, 1);
  std::vector<CLI::App*> subs{cmd.add_subcommand("done", "Mark things brought up (one or more numbers)"),
                              cmd.add_subcommand("edit", "Change the text of one"),
                              cmd.add_subcommand("rm", "Delete one")};
  define_next_done(*subs[0], ctx);
  define_next_edit(*subs[1], ctx);
  define_next_rm(*subs[2], ctx);
  // Once WHO is given, every word after it is the text, even "done" or "rm".
  cmd.validate_positionals();
  who->check(CLI::Validator(
      [subs](std::string&) {
        for (auto* sub : subs) sub->disabled();
        return std::string();
      },
      "", "text-follows"));
  cmd.callback([o, &ctx, &cmd] {
    if (!cmd.get_subcommands().empty()) return;
    if (o->who.empty()) {
      auto& store = ctx.store(Access::read);
      return list_open(ctx, store, std::nullopt);
    }
    if (o->text.empty()) {
      auto& store = ctx.store(Access::read);
      return list_open(ctx, store, resolve_ally(store, o->who).number);
    }
    std::string text = joined(o->text);
    check_text(text);
    Date today = ctx.clock().today;
    std::vector<NameMatch> allies;
    {
      auto& store = ctx.store(Access::read);
      allies = resolve_ally_list(store, o->who);
    }
    auto& store = ctx.store(Access::write);
    std::vector<std::pair<ToBringUp, Ally>> added;
    store.write("next", [&] {
      for (const auto& match : allies) {
        auto item = add_to_bring_up(store, match.number, text, today);
        added.emplace_back(item, get_ally(store, match.number));
      }
      std::string summary = "to bring up";
      for (const auto& [item, ally] : added)
        summary += fmt::format(" #{} with {}", item.meta.number, who_text(ally));
      store.set_write_summary(summary);
    });
    if (ctx.options.json) {
      return ctx.print_json_array(added.size(), [&](std::size_t i) { return to_json(added[i].first); });
    }
    for (const auto& [item, ally] : added) {
      ctx.out << fmt::format("To bring up with {}: {} (#{}; ally next done {} when you have).\n",
                             who_text(ally), truncate_to_width(item.text, 60), item.meta.number,
                             item.meta.number);
    }
  });
}

} // namespace ally::cli
