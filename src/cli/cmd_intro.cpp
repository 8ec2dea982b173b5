// `ally intro WHO WHO [TEXT…]` records that you introduced two allies; `ally intro rm N`
// deletes one.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/introductions.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "cli/parent_arguments.hpp"
#include "cli/record_number.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

std::string ally_text(Store& store, std::int64_t number) {
  auto ally = find_ally(store, number);
  return fmt::format("{} (#{})", ally ? ally->name : "?", number);
}

// "Rachel Green (#1) to John Smith (#3)"
std::string pair_text(Store& store, const Introduction& intro) {
  return ally_text(store, intro.a) + " to " + ally_text(store, intro.b);
}

void define_intro_rm(CLI::App& cmd, const CLI::App& intro, Context& ctx) {
  auto number = std::make_shared<std::string>();
  cmd.add_option("number", *number, "The introduction's number (kind 'intro' in 'ally timeline')")
      ->required();
  cmd.callback([number, &ctx, &intro] {
    refuse_parent_arguments(intro, "ally intro rm");
    auto n = parse_record_number(*number, "introduction");
    auto& store = ctx.store(Access::write);
    Introduction removed;
    std::string pair;
    store.write("intro rm", [&] {
      removed = remove_introduction(store, n);
      pair = pair_text(store, removed);
      store.set_write_summary(fmt::format("remove introduction #{} ({})", n, pair));
    });
    if (ctx.options.json)
      return ctx.print_json(to_json(removed));
    ctx.out << fmt::format("Removed introduction #{}: {}.\n", n, pair);
  });
}

} // namespace

void define_intro(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string a, b;
    std::vector<std::string> text;
    TextOption date;
  };
  auto o = std::make_shared<Options>();
  auto* first = cmd.add_option("a", o->a, "The ally you introduced");
  cmd.add_option("b", o->b, "The ally you introduced them to");
  cmd.add_option("text", o->text, "Why, or what came of it (the rest of the line)");
  add_text(cmd, o->date, "--date", "When: YYYY-MM-DD, yesterday, monday, 3d ago (default today)");
  auto* rm = cmd.add_subcommand("rm", "Delete an introduction");
  define_intro_rm(*rm, cmd, ctx);
  cmd.require_subcommand(0, 1);
  // Once the first ally is named, the words after it are names and the note, even "rm".
  cmd.validate_positionals();
  first->check(CLI::Validator(
      [rm](std::string&) {
        rm->disabled();
        return std::string();
      },
      "", "note-follows"));

  cmd.callback([o, &ctx, &cmd] {
    if (!cmd.get_subcommands().empty())
      return;
    if (o->a.empty() || o->b.empty()) {
      throw UsageError("name the two allies you introduced",
                       "ally intro WHO WHO [TEXT], or ally intro rm N");
    }
    const Date today = ctx.clock().today;
    Date date = today;
    if (o->date.given()) {
      date = parse_date(o->date.value, today, DateDirection::past);
      if (date > today) {
        throw UsageError(
            fmt::format("bad date '{}': {} is in the future; record introductions you made",
                        truncate_to_width(o->date.value, 40), format_date(date)));
      }
    }
    std::string note;
    for (const auto& w : o->text)
      note += (note.empty() ? "" : " ") + w;
    NameMatch a, b;
    {
      // Settled before the store is written, so a typo creates no store file.
      auto& store = ctx.store(Access::read);
      a = resolve_ally(store, o->a);
      b = resolve_ally(store, o->b);
    }
    if (a.number == b.number) {
      throw Conflict(fmt::format("{} (#{}) cannot be introduced to themselves", a.name, a.number),
                     "name two different allies");
    }
    auto& store = ctx.store(Access::write);
    Introduction added;
    std::string pair;
    store.write("intro", [&] {
      added = add_introduction(store, a.number, b.number, date, note);
      pair = pair_text(store, added);
      store.set_write_summary(fmt::format("introduction #{} ({})", added.meta.number, pair));
    });
    if (ctx.options.json)
      return ctx.print_json(to_json(added));
    std::string when =
        date == today ? ""
                      : fmt::format(" on {} ({})", format_date(date), format_relative(date, today));
    ctx.out << fmt::format("Recorded introduction #{}: {}{}.\n", added.meta.number, pair, when);
  });
}

} // namespace ally::cli
