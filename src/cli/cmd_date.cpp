// `ally date WHO LABEL DATE [--yearly]` and `ally date rm WHO LABEL`: birthdays, work
// anniversaries, launch days.
#include <fmt/format.h>

#include <algorithm>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/ally_view.hpp"
#include "render/date_view.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

std::optional<ImportantDate> date_labelled(Store& store, std::int64_t ally,
                                           const std::string& label) {
  auto dates = dates_of(store, ally);
  auto it = std::find_if(dates.begin(), dates.end(), [&](const ImportantDate& d) {
    return fold(d.label) == fold(trim(label));
  });
  if (it == dates.end()) return std::nullopt;
  return *it;
}

// A yearly date's next day (Feb 29 falls on Feb 28 in other years), or the one-off day itself.
Date occurrence(const ImportantDate& d, Date today) {
  if (d.yearly) return next_yearly(d.date, today);
  return Date{std::chrono::year{*d.date.year} / std::chrono::month{d.date.month} /
              std::chrono::day{d.date.day}};
}

// "05-05, every year (next: Tue 2027-05-05, in 5mo)" or "2027-03-01 (in 3mo)".
std::string when_text(const ImportantDate& d, Date today) {
  Date day = occurrence(d, today);
  std::string relative = format_relative(day, today);
  if (!d.yearly) return fmt::format("{} ({})", format_yearless(d.date), relative);
  const std::string years = years_words(d, day);
  // `05-03` is 3 May to some readers and 5 March to others: say which, once, in words.
  const std::string spelled =
      d.date.year ? "" : fmt::format(" ({})", day_month_words(d.date));
  return fmt::format("{}{}, every year (next: {} {}, {}{})", format_yearless(d.date), spelled,
                     weekday_name(day), format_date(day), relative,
                     years.empty() ? "" : ", " + years);
}

nlohmann::json important_date_json(const ImportantDate& d, Date today) {
  auto j = to_json(d);
  j["next"] =
      d.yearly ? nlohmann::json(format_date(occurrence(d, today))) : nlohmann::json(nullptr);
  return j;
}

void define_date_rm(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who, label;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("who", o->who, "The ally")->required();
  cmd.add_option("label", o->label, "The date's label, e.g. birthday")->required();
  cmd.callback([o, &ctx] {
    auto& store = ctx.store(Access::write);
    Ally ally;
    ImportantDate removed;
    store.write("date rm", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      if (!date_labelled(store, ally.meta.number, o->label)) {
        std::string labels;
        for (const auto& d : dates_of(store, ally.meta.number)) {
          labels += (labels.empty() ? "" : ", ") + d.label;
        }
        throw NotFound(fmt::format("{} has no date labelled '{}'", who_text(ally),
                                   truncate_to_width(o->label, 40)),
                       labels.empty() ? "" : "their dates: " + labels);
      }
      removed = remove_important_date(store, ally.meta.number, o->label);
      store.set_write_summary(fmt::format("remove {} of {}", removed.label, who_text(ally)));
    });
    if (ctx.options.json) return ctx.print_json(to_json(removed));
    ctx.out << fmt::format("Removed {} from {}.\n", removed.label, who_text(ally));
  });
}

} // namespace

void define_date(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string who, label, date;
    bool yearly = false, once = false;
  };
  auto o = std::make_shared<Options>();
  // Not required: `date rm WHO LABEL` leaves them empty.
  cmd.add_option("who", o->who, "The ally");
  cmd.add_option("label", o->label, "What the date is: birthday, work anniversary, launch day…");
  cmd.add_option("date", o->date, "YYYY-MM-DD (one-off unless --yearly) or MM-DD (yearly)");
  cmd.add_flag("--yearly", o->yearly, "Every year on this day (a date without a year, or a birthday, is)");
  cmd.add_flag("--once", o->once, "A one-off date, even for a birthday")->excludes("--yearly");
  define_date_rm(*cmd.add_subcommand("rm", "Remove an important date"), ctx);
  cmd.callback([o, &ctx, &cmd] {
    if (!cmd.get_subcommands().empty()) return;
    if (o->date.empty()) {
      throw UsageError("name the ally, a label and a date",
                       "ally date WHO LABEL DATE [--yearly], e.g. ally date Rachel birthday 05-03");
    }
    if (trim(o->label).empty()) throw UsageError("empty date label: say what the date is");
    Date today = ctx.clock().today;
    // `ally date` plans: `friday` or `in 2w` is ahead.
    YearlessDate when = parse_yearless_date(o->date, today, DateDirection::future);
    if (o->once && !when.year)
      throw UsageError(fmt::format("a one-off date needs its year: '{}' comes every year",
                                   o->date),
                       "give the year, e.g. 2027-05-03, or leave out --once");
    // A date without a year can only come round every year; a birthday does whatever is given.
    bool yearly = !o->once && (o->yearly || !when.year || is_birthday_label(o->label));
    auto& store = ctx.store(Access::write);
    Ally ally;
    ImportantDate saved;
    bool replaced = false;
    store.write("date", [&] {
      ally = get_ally(store, resolve_ally(store, o->who).number);
      replaced = date_labelled(store, ally.meta.number, o->label).has_value();
      saved = set_important_date(store, ally.meta.number, o->label, when, yearly);
      store.set_write_summary(fmt::format("{} {} of {}", replaced ? "change" : "set", saved.label,
                                          who_text(ally)));
    });
    if (!store.last_write_changed()) { // rolled back: show the date as it is stored
      if (auto stored = date_labelled(store, ally.meta.number, o->label)) saved = *stored;
    }
    if (ctx.report_unchanged(fmt::format("{} of {} is already {}", saved.label, who_text(ally),
                                         when_text(saved, today)),
                             important_date_json(saved, today)))
      return;
    if (ctx.options.json) return ctx.print_json(important_date_json(saved, today));
    ctx.out << fmt::format("{} {} for {}: {}.\n", replaced ? "Changed" : "Saved", saved.label,
                           who_text(ally), when_text(saved, today));
  });
}

} // namespace ally::cli
