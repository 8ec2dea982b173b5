// `ally import meetings.ics`: the meetings of a calendar become logged conversations with the
// allies who attended (import_calendar in include/ally/exchange.hpp says which and how).
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "ally/date.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/intake.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"
#include "cli/import_common.hpp"
#include "render/progress.hpp"

namespace ally::cli {
namespace calendar_cmd {
namespace {

constexpr std::size_t k_shown = 20;

// ally-ics is installed beside ally (a build folder) or in ../libexec/ally (an installed ally).
std::string helper_path() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    for (const auto& candidate :
         {self.parent_path() / "ally-ics", self.parent_path() / ".." / "libexec" / "ally" / "ally-ics"}) {
      if (::access(candidate.c_str(), X_OK) == 0)
        return candidate.string();
    }
  }
  throw Error("cannot find ally-ics, the calendar reader that comes with ally", 1,
              "reinstall ally: ally-ics belongs beside it or in ../libexec/ally");
}

std::int64_t epoch_of(Date day) {
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count();
}

// The clock's "now" (UTC, "YYYY-MM-DDTHH:MM:SS…Z"; noon of the day with --today) in seconds.
std::int64_t epoch_of_now(const std::string& now) {
  std::tm utc{};
  if (std::sscanf(now.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
                  &utc.tm_hour, &utc.tm_min, &utc.tm_sec) != 6)
    throw Error(fmt::format("internal: the clock says '{}'", now), 1);
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return static_cast<std::int64_t>(::timegm(&utc));
}

std::vector<std::string> my_emails(const std::map<std::string, std::string>& settings) {
  auto it = settings.find("me.email");
  if (it == settings.end())
    return {};
  return split_list(it->second, ',');
}

// `import.max_attendees`, checked by `config` and by a JSON import when it was set.
std::size_t max_people(const std::map<std::string, std::string>& settings) {
  auto it = settings.find("import.max_attendees");
  return it == settings.end() ? CalendarRules{}.max_people
                              : std::stoul(checked_setting_value(it->first, it->second));
}

std::string skipped_text(const CalendarSkips& s, std::size_t before_since, std::size_t no_start,
                         std::size_t most) {
  std::vector<std::string> parts;
  auto add = [&](std::size_t n, const std::string& what) {
    if (n > 0)
      parts.push_back(fmt::format("{} {}", n, what));
  };
  add(s.no_ally, "without an ally");
  add(s.only_you, "of you alone");
  add(s.declined, "declined");
  add(s.cancelled, "cancelled");
  add(s.future, "in the future");
  add(s.large, fmt::format("with more than {} people", most));
  add(s.deleted, "deleted in ally");
  add(before_since, "not between --since and today");
  add(no_start, "without a start");
  return join(parts, ", ");
}

std::string stranger_command(const MetStranger& s) {
  const std::string name = s.name.empty() ? s.email : s.name;
  return fmt::format("ally add {} --email {}", shell_quoted(name), shell_quoted(s.email));
}

} // namespace
} // namespace calendar_cmd

void import_calendar_file(Context& ctx, const ImportOptions& o, std::string bytes) {
  using namespace calendar_cmd;
  const Date today = ctx.clock().today;
  std::optional<Date> since;
  if (!o.since.empty())
    since = parse_date(o.since, today, DateDirection::past);
  const auto settings = stored_settings(ctx.store(Access::read));
  const auto mine = my_emails(settings);
  const std::size_t most = max_people(settings);
  if (mine.empty())
    throw UsageError("a calendar import needs your own email address, to tell your meetings "
                     "from the others' and your answers from theirs",
                     "ally config me.email you@example.com (several: a comma-separated list)");
  // A day either side, so that every time zone's events of those days are in; the days
  // themselves are compared below.
  const std::int64_t from = since ? epoch_of(*since - std::chrono::days{1}) : epoch_of(Date{} - std::chrono::days{365 * 70});
  const std::int64_t to = epoch_of(today + std::chrono::days{2});
  IncomingCalendar calendar = read_calendar(helper_path(), bytes, from, to);
  std::string().swap(bytes);
  std::size_t before_since = 0;
  if (since) {
    std::erase_if(calendar.events, [&](const IncomingEvent& e) {
      if (e.day >= *since)
        return false;
      ++before_since;
      return true;
    });
  }
  // Events after today come in only as far as the day after tomorrow, so that a daily series
  // does not run on for years; the reader counts the rest (and, with --since, the earlier
  // ones) as outside its range.
  std::size_t later = 0;
  if (since)
    before_since += calendar.outside_range;
  else
    later = calendar.outside_range;
  const std::size_t events = calendar.events.size();

  ProgressBar bar(ctx.raw_err, &ctx.raw_err == &std::cerr && ::isatty(STDERR_FILENO), "Importing");
  CalendarImportReport report;
  in_transaction(ctx, o.dry_run, [&](Store& store) {
    CalendarRules rules;
    rules.my_emails = mine;
    rules.now = epoch_of_now(ctx.clock().now);
    rules.max_people = most;
    report = import_calendar(store, calendar, rules,
                             [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    report.skipped.future += later;
    store.set_write_summary(fmt::format("import {} ({} meetings)", shown_name(o.file),
                                        report.meetings.size()));
  });
  bar.finish();
  const auto added = report.count(CardResult::added), updated = report.count(CardResult::updated),
             unchanged = report.count(CardResult::unchanged);
  if (ctx.options.json) {
    static const char* const k_results[] = {"added", "updated", "unchanged", "skipped"};
    auto planned = nlohmann::json::array();
    for (const auto& p : report.planned)
      planned.push_back({{"id", p.id},
                         {"date", format_date(p.day)},
                         {"start", p.start},
                         {"summary", p.summary},
                         {"allies", p.allies}});
    auto strangers = nlohmann::json::array();
    for (const auto& s : report.strangers)
      strangers.push_back({{"email", s.email},
                           {"name", s.name},
                           {"meetings", s.meetings},
                           {"last", format_date(s.last)},
                           {"add", stranger_command(s)}});
    const auto& k = report.skipped;
    return ctx.print_json_streaming(
        {{"format", "ics"},
         {"dry_run", o.dry_run},
         {"events", events},
         {"added", added},
         {"updated", updated},
         {"unchanged", unchanged},
         {"skipped",
          {{"no_ally", k.no_ally}, {"only_you", k.only_you}, {"declined", k.declined},
           {"cancelled", k.cancelled}, {"future", k.future}, {"large", k.large},
           {"deleted", k.deleted}, {"before_since", before_since},
           {"no_start", calendar.without_start}}},
         {"planned", planned},
         {"not_allies", strangers}},
        "meetings", report.meetings.size(), [&](std::size_t i) {
          const auto& m = report.meetings[i];
          return nlohmann::json{{"number", m.number},
                                {"id", m.id},
                                {"date", format_date(m.day)},
                                {"summary", m.summary},
                                {"allies", m.allies},
                                {"result", k_results[static_cast<int>(m.result)]}};
        });
  }
  ctx.out << fmt::format("{} {} {} from {}: {} meetings logged, {} updated, {} unchanged.\n",
                         o.dry_run ? "Would import" : "Imported", events,
                         events == 1 ? "event" : "events", shown_name(o.file), added, updated,
                         unchanged);
  if (!report.planned.empty())
    ctx.out << fmt::format("  planned    {} {} with allies not started yet, for 'ally agenda'\n",
                           report.planned.size(),
                           report.planned.size() == 1 ? "meeting" : "meetings");
  if (auto text = skipped_text(report.skipped, before_since, calendar.without_start, most); !text.empty())
    ctx.out << "  skipped    " << text << '\n';
  const bool all = o.verbose || !ctx.out_is_tty;
  std::size_t shown = 0;
  for (const auto& m : report.meetings) {
    if (m.result == CardResult::unchanged)
      continue;
    if (!all && shown == k_shown) {
      ctx.out << fmt::format("  … and more (ally import --verbose lists them all)\n");
      break;
    }
    ctx.out << fmt::format("  {}  #{} {} {}\n", m.result == CardResult::added ? "logged " : "updated",
                           m.number, format_date(m.day), truncate_to_width(m.summary, 50));
    ++shown;
  }
  if (!report.strangers.empty()) {
    ctx.out << fmt::format("People you met who are not allies yet ({}):\n",
                           report.strangers.size());
    std::size_t listed = 0;
    for (const auto& s : report.strangers) {
      if (!all && listed == k_shown) {
        ctx.out << fmt::format("  … and {} more (ally import --verbose lists them all)\n",
                               report.strangers.size() - listed);
        break;
      }
      const std::string who = s.name.empty() ? s.email : s.name + " <" + s.email + ">";
      ctx.out << fmt::format("  {}: {} {}, last {}\n    {}\n", truncate_to_width(who, 60),
                             s.meetings, s.meetings == 1 ? "meeting" : "meetings",
                             format_date(s.last), stranger_command(s));
      ++listed;
    }
  }
  if (o.dry_run)
    ctx.out << "Nothing was changed (--dry-run).\n";
}

} // namespace ally::cli
