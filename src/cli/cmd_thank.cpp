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
#include "render/ally_view.hpp"
#include "cli/record_number.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

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
  cmd.add_option("who", o->who, "The ally you thank, or several: \"Mei,Nadia\"")->required();
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
    struct Thanked {
      Ally ally;
      Interaction thanks;
      std::optional<Favor> favor;
      bool again = false;
    };
    std::vector<Thanked> done;
    auto& store = ctx.store(Access::write);
    store.write("thank", [&] {
      // The same lists as `log`: "Mei,Nadia" thanks each for their own latest favor.
      const std::vector<NameMatch> allies = resolve_ally_list(store, o->who);
      if (allies.size() > 1 && favor_number)
        throw UsageError("--favor names one favor: thank one ally with it",
                         "ally thank WHO --favor N");
      std::string summary;
      for (const auto& match : allies) {
        Thanked t;
        t.ally = get_ally(store, match.number);
        if (favor_number) {
          t.favor = named_favor(store, *favor_number, t.ally);
        } else if (auto unthanked = unthanked_favors(store, t.ally.meta.number); !unthanked.empty()) {
          t.favor = unthanked.front();
        }
        t.again = t.favor && t.favor->thanked.has_value();
        NewInteraction entry;
        entry.date = day;
        entry.kind = "thanks";
        // With no words of its own, the note says what the thanks were for.
        entry.note = note.empty() && t.favor ? "for: " + t.favor->text : note;
        entry.allies = {t.ally.meta.number};
        t.thanks = log_interaction(store, entry);
        if (t.favor) t.favor = mark_favor_thanked(store, t.favor->meta.number, day);
        summary += (summary.empty() ? "thank " : ", ") + who_text(t.ally) +
                   (t.favor ? fmt::format(" for favor #{}", t.favor->meta.number) : "");
        done.push_back(std::move(t));
      }
      store.set_write_summary(summary);
    });
    if (ctx.options.json) {
      nlohmann::json docs = nlohmann::json::array();
      for (const auto& t : done) {
        auto doc = to_json(t.thanks);
        doc["thanked_favor"] = t.favor ? to_json(*t.favor) : nlohmann::json(nullptr);
        docs.push_back(std::move(doc));
      }
      // One ally: the record itself, as before lists were taken.
      return ctx.print_json(docs.size() == 1 ? docs.front() : docs);
    }
    for (const auto& t : done) {
      if (t.favor) {
        ctx.out << fmt::format("Thanked {}{} for: {} (favor #{}).\n", who_text(t.ally),
                               t.again ? " again" : "", truncate_to_width(t.favor->text, 60),
                               t.favor->meta.number);
      } else {
        ctx.out << fmt::format("Thanked {}. No favor from them was waiting for thanks.\n",
                               who_text(t.ally));
      }
    }
  });
}

} // namespace ally::cli
