// `ally thank WHO [--favor N] [TEXT]`: appreciation, logged as a conversation of kind `thanks`,
// that also marks the favor it was for as thanked.
#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/favors.hpp"
#include "ally/interactions.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "cli/record_number.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

std::string who_text(const Ally& ally) {
  return fmt::format("{} (#{})", ally.name, ally.meta.number);
}

// The favor `--favor N` names, which must be one this ally did for you.
Favor named_favor(Store& store, std::int64_t number, const Ally& ally) {
  Favor favor = get_favor(store, number);
  if (favor.ally != ally.meta.number) {
    auto other = find_ally(store, favor.ally);
    throw Conflict(fmt::format("favor #{} is with {}, not {}", number,
                               other ? who_text(*other) : fmt::format("#{}", favor.ally),
                               who_text(ally)));
  }
  if (favor.direction == FavorDirection::gave) {
    throw Conflict(fmt::format("favor #{} is one you gave to {}; thanks go to favors you got",
                               number, who_text(ally)));
  }
  return favor;
}

} // namespace

void define_thank(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who;
    std::vector<std::string> words;
    std::string favor;
    TextOption date;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "The ally you thank")->required();
  cmd.add_option("text", o->words, "What you said or did to thank them");
  cmd.add_option("--favor", o->favor, "The favor you thank them for (default: their latest "
                                      "favor not thanked yet)");
  add_text(cmd, o->date, "--date", "When you thanked them (default today; not in the future)");
  cmd.callback([o, &ctx] {
    std::optional<std::int64_t> favor_number;
    if (!o->favor.empty()) favor_number = parse_record_number(o->favor, "favor");
    // Several words without quotes are one note; a single argument is kept exactly.
    std::string note;
    for (const auto& w : o->words) note += (note.empty() ? "" : " ") + w;
    Date today = ctx.clock().today;
    Date day = today;
    if (o->date.given()) {
      day = parse_date(o->date.value, today, DateDirection::past);
      if (day > today) {
        throw UsageError(fmt::format("date '{}' is in the future ({})",
                                     truncate_to_width(o->date.value, 40), format_date(day)),
                         "record thanks you already gave");
      }
    }
    auto& store = ctx.store(Access::write);
    Ally ally;
    Interaction thanks;
    std::optional<Favor> favor;
    bool again = false;
    store.write("thank", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      if (favor_number) {
        favor = named_favor(store, *favor_number, ally);
      } else if (auto unthanked = unthanked_favors(store, ally.meta.number); !unthanked.empty()) {
        favor = unthanked.front();
      }
      again = favor && favor->thanked.has_value();
      NewInteraction entry;
      entry.date = day;
      entry.kind = "thanks";
      // With no words of its own, the note says what the thanks were for.
      entry.note = note.empty() && favor ? "for: " + favor->text : note;
      entry.allies = {ally.meta.number};
      thanks = log_interaction(store, entry);
      if (favor) {
        favor = mark_favor_thanked(store, favor->meta.number, day);
        store.set_write_summary(
            fmt::format("thank {} for favor #{}", who_text(ally), favor->meta.number));
      } else {
        store.set_write_summary(fmt::format("thank {}", who_text(ally)));
      }
    });
    if (ctx.options.json) {
      auto doc = to_json(thanks);
      doc["thanked_favor"] = favor ? to_json(*favor) : nlohmann::json(nullptr);
      return ctx.print_json(doc);
    }
    if (favor) {
      ctx.out << fmt::format("Thanked {}{} for: {} (favor #{}).\n", who_text(ally),
                             again ? " again" : "", truncate_to_width(favor->text, 60),
                             favor->meta.number);
    } else {
      ctx.out << fmt::format("Thanked {}. No favor from them was waiting for thanks.\n",
                             who_text(ally));
    }
  });
}

} // namespace ally::cli
