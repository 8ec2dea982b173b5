// `ally favor WHO (--gave TEXT | --got TEXT) [--date] [--due]`, `ally favor done|edit|rm N`,
// and `ally favors [WHO] [--open]`: favors, promises and the balance between you and each ally.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/favors.hpp"
#include "ally/names.hpp"
#include "ally/profile.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/ally_view.hpp"
#include "cli/favor_lines.hpp"
#include "cli/record_number.hpp"
#include "render/favor_view.hpp"
#include "render/records_json.hpp"
#include "render/table.hpp"

namespace ally::cli {
namespace {

// How much of a favor's text a one-line confirmation quotes.
constexpr std::size_t k_quoted_width = 60;

std::string shown(const std::string& text) { return truncate_to_width(text, k_quoted_width); }

// "for Rachel Green (#1)" or "from Rachel Green (#1)".
std::string with_whom(const Favor& favor, const Ally& ally) {
  return fmt::format("{} {}", favor.direction == FavorDirection::gave ? "for" : "from",
                     who_text(ally));
}

// `--date`: when the favor happened; a past-context date, never in the future.
Date favor_date(const TextOption& option, Date today) {
  if (!option.given()) return today;
  Date date = parse_date(option.value, today, DateDirection::past);
  if (date > today) {
    throw UsageError(fmt::format("favor date '{}' is in the future ({})",
                                 truncate_to_width(option.value, 40), format_date(date)),
                     "a promise's date to keep goes in --due");
  }
  return date;
}

void check_text(const std::string& text) {
  if (trim(text).empty()) throw UsageError("empty favor text: say what the favor was");
}

void define_favor_done(CLI::App& cmd, Context& ctx) {
  auto number = std::make_shared<std::string>();
  cmd.add_option("number", *number, "The favor's number")->required();
  cmd.callback([number, &ctx] {
    auto n = parse_record_number(*number, "favor");
    Date today = ctx.clock().today;
    auto& store = ctx.store(Access::write);
    Favor favor;
    Ally ally;
    store.write("favor done", [&] {
      favor = mark_favor_done(store, n, today);
      ally = get_ally(store, favor.ally);
      store.set_write_summary(fmt::format("done favor #{} {}", n, with_whom(favor, ally)));
    });
    if (ctx.options.json) return ctx.print_json(to_json(favor));
    if (favor.due) {
      ctx.out << fmt::format("Kept your promise to {}: {} (favor #{}).\n", who_text(ally),
                             shown(favor.text), n);
    } else {
      ctx.out << fmt::format("Marked favor #{} {} done: {}.\n", n, with_whom(favor, ally),
                             shown(favor.text));
    }
  });
}

void define_favor_edit(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string number;
    TextOption text, date, due;
    bool gave = false;
    bool got = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("number", o->number, "The favor's number")->required();
  add_text(cmd, o->text, "--text", "New text");
  add_text(cmd, o->date, "--date", "When it happened");
  add_text(cmd, o->due, "--due", "When the promise is due, or 'none' (no longer a promise)");
  cmd.add_flag("--gave", o->gave, "It was a favor you gave");
  cmd.add_flag("--got", o->got, "It was a favor you got");
  cmd.callback([o, &ctx] {
    auto n = parse_record_number(o->number, "favor");
    if (!o->text.given() && !o->date.given() && !o->due.given() && !o->gave && !o->got) {
      throw UsageError("nothing to change", "give --text, --date, --due, --gave or --got");
    }
    if (o->gave && o->got) throw UsageError("--gave and --got contradict each other: give one");
    Date today = ctx.clock().today;
    if (o->text.given()) check_text(o->text.value);
    Date date = favor_date(o->date, today);
    std::optional<Date> due;
    bool due_none = o->due.given() && fold(trim(o->due.value)) == "none";
    if (o->due.given() && !due_none) due = parse_date(o->due.value, today, DateDirection::future);
    auto& store = ctx.store(Access::write);
    Favor favor;
    Ally ally;
    store.write("favor edit", [&] {
      favor = get_favor(store, n);
      if (o->text.given()) favor.text = o->text.value;
      if (o->date.given()) favor.date = date;
      if (o->due.given()) favor.due = due;
      // Done belongs to favors you gave, thanked to favors you got: a flip drops the other's.
      if (o->gave && favor.direction == FavorDirection::got) {
        favor.direction = FavorDirection::gave;
        favor.thanked.reset();
      }
      if (o->got && favor.direction == FavorDirection::gave) {
        favor.direction = FavorDirection::got;
        favor.done.reset();
        if (favor.due && !o->due.given()) {
          throw UsageError(fmt::format("favor #{} is a promise due {}", n, format_date(*favor.due)),
                           "add --due none to make it a favor you got");
        }
      }
      update_favor(store, favor);
      ally = get_ally(store, favor.ally);
      store.set_write_summary(fmt::format("edit favor #{} {}", n, with_whom(favor, ally)));
    });
    if (!store.last_write_changed()) favor = get_favor(store, n);
    if (ctx.report_unchanged(fmt::format("favor #{} {} already has that", n, with_whom(favor, ally)),
                             to_json(favor)))
      return;
    if (ctx.options.json) return ctx.print_json(to_json(favor));
    ctx.out << fmt::format("Updated favor #{} {}: {}.\n", n, with_whom(favor, ally),
                           shown(favor.text));
  });
}

void define_favor_rm(CLI::App& cmd, Context& ctx) {
  auto number = std::make_shared<std::string>();
  cmd.add_option("number", *number, "The favor's number")->required();
  cmd.callback([number, &ctx] {
    auto n = parse_record_number(*number, "favor");
    auto& store = ctx.store(Access::write);
    Favor favor;
    Ally ally;
    store.write("favor rm", [&] {
      favor = get_favor(store, n);
      ally = get_ally(store, favor.ally);
      remove_favor(store, n);
      store.set_write_summary(fmt::format("remove favor #{} {}", n, with_whom(favor, ally)));
    });
    if (ctx.options.json) return ctx.print_json(to_json(favor));
    ctx.out << fmt::format("Removed favor #{} {}: {}.\n", n, with_whom(favor, ally),
                           shown(favor.text));
  });
}

// The names of the allies these favors are with, by number.
std::map<std::int64_t, std::string> names_of(Store& store, const std::vector<Favor>& favors) {
  std::map<std::int64_t, std::string> names;
  for (const auto& f : favors) {
    if (names.contains(f.ally)) continue;
    auto ally = find_ally(store, f.ally);
    names[f.ally] = ally ? ally->name : fmt::format("#{}", f.ally);
  }
  return names;
}

std::string counts_text(const FavorBalance& b) {
  return fmt::format("gave {}, got {}", b.gave, b.got);
}

// One row per ally with favors, by name: the balance over the last 12 months and all time.
void render_balances(std::ostream& out, Store& store,
                     const std::map<std::int64_t, std::string>& names, Date today,
                     const Style& style, std::size_t width) {
  auto recent = favor_balances(store, balance_window_start(today));
  auto all_time = favor_balances(store);
  std::vector<std::pair<std::string, std::int64_t>> order;
  for (const auto& [number, name] : names) order.emplace_back(fold(name), number);
  std::sort(order.begin(), order.end());
  Table table({"BALANCE WITH", "LAST 12 MONTHS", "ALL TIME"});
  for (const auto& [key, number] : order) {
    table.add({fmt::format("{} (#{})", names.at(number), number), counts_text(recent[number]),
               counts_text(all_time[number])});
  }
  table.print(out, style, width);
}

} // namespace

void define_favor(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    TextOption gave, got, date, due;
  };
  auto o = std::make_shared<Options>();
  // Not required: `favor done|edit|rm N` leave it empty.
  cmd.add_option("who", o->who, "The ally: number, name, nickname or prefix");
  add_text(cmd, o->gave, "--gave", "A favor you did for them");
  add_text(cmd, o->got, "--got", "A favor they did for you");
  add_text(cmd, o->date, "--date", "When it happened (default today; not in the future)");
  add_text(cmd, o->due, "--due", "With --gave: a promise, due on this date");
  define_favor_done(*cmd.add_subcommand("done", "Mark a favor you gave (a promise) as done"), ctx);
  define_favor_edit(*cmd.add_subcommand("edit", "Correct a favor"), ctx);
  define_favor_rm(*cmd.add_subcommand("rm", "Delete a favor"), ctx);
  cmd.callback([o, &ctx, &cmd] {
    if (!cmd.get_subcommands().empty()) return;
    if (trim(o->who).empty()) {
      throw UsageError("name the ally", "ally favor WHO --gave TEXT, or ally favor done|edit|rm N");
    }
    if (o->gave.given() == o->got.given()) {
      throw UsageError("say which way the favor went: --gave TEXT or --got TEXT (one of them)");
    }
    Date today = ctx.clock().today;
    NewFavor entry;
    entry.direction = o->gave.given() ? FavorDirection::gave : FavorDirection::got;
    entry.text = o->gave.given() ? o->gave.value : o->got.value;
    check_text(entry.text);
    entry.date = favor_date(o->date, today);
    if (o->due.given()) {
      if (entry.direction == FavorDirection::got) {
        throw UsageError("--due is for promises you make (--gave), not favors you got");
      }
      entry.due = parse_date(o->due.value, today, DateDirection::future);
    }
    auto& store = ctx.store(Access::write);
    Favor favor;
    Ally ally;
    store.write("favor", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      entry.ally = ally.meta.number;
      favor = add_favor(store, entry);
      store.set_write_summary(fmt::format("{} #{} {}", favor.due ? "promise" : "favor",
                                          favor.meta.number, with_whom(favor, ally)));
    });
    if (ctx.options.json) return ctx.print_json(to_json(favor));
    print_recorded_favor(ctx, store, favor, ally);
  });
}

void define_favors(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    bool open = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "Only favors with this ally");
  cmd.add_flag("--open", o->open, "Only open promises and favors not thanked yet");
  cmd.callback([o, &ctx] {
    Date today = ctx.clock().today;
    auto& store = ctx.store(Access::read);
    std::optional<Ally> ally;
    if (!o->who.empty()) ally = get_ally(store, resolve_ally(store, o->who).number);
    std::optional<std::int64_t> number;
    if (ally) number = ally->meta.number;
    auto favors = o->open ? open_favors(store, number) : list_favors(store, number);
    auto names = names_of(store, favors);
    if (ctx.options.json) {
      auto doc = nlohmann::json::array();
      for (const auto& f : favors) doc.push_back(favor_json(f, names.at(f.ally), today));
      return ctx.print_json(doc);
    }
    Style style{ctx.color()};
    std::size_t width = terminal_width();
    ctx.page_output();
    if (favors.empty()) {
      if (o->open) {
        ctx.out << (ally ? fmt::format("Nothing open with {}: ", who_text(*ally))
                         : "Nothing open: ")
                << "every promise kept and every favor thanked.\n";
      } else if (ally) {
        ctx.out << fmt::format("No favors with {} yet.\n", who_text(*ally));
      } else {
        ctx.out
            << "No favors yet. Record one with: ally favor Rachel --gave \"reviewed her deck\"\n";
      }
    } else {
      render_favors(ctx.out, favors, names, today, style, width);
    }
    if (ally) {
      auto all_time = favor_balance(store, ally->meta.number);
      if (all_time.gave + all_time.got > 0) {
        auto recent = favor_balance(store, ally->meta.number, balance_window_start(today));
        ctx.out << '\n' << balance_sentence(recent, all_time) << '\n';
      }
    } else if (!o->open && !favors.empty()) {
      ctx.out << '\n';
      render_balances(ctx.out, store, names, today, style, width);
    }
  });
}

} // namespace ally::cli
