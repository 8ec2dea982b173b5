// `ally due`: who needs attention today, ranked and explained.
#include <fmt/format.h>

#include "ally/due.hpp"
#include "ally/error.hpp"
#include "ally/files.hpp"
#include "ally/names.hpp"
#include "ally/settings.hpp"
#include "cli/commands.hpp"
#include "cli/welcome.hpp"
#include "render/due_view.hpp"

namespace ally::cli {
namespace {

struct DueOptions {
  std::string who;
  int limit = -1;
  bool all = false;
  bool explain = false;
  std::string within;
  bool ics = false;
  std::string output;
};

// On a terminal, what fits the screen (or `due.limit`); piped, everything.
std::size_t effective_limit(const DueOptions& o, Context& ctx, Store& store) {
  if (o.limit >= 0) return o.limit == 0 ? SIZE_MAX : static_cast<std::size_t>(o.limit);
  if (!ctx.out_is_tty || ctx.options.json) return SIZE_MAX;
  if (auto configured = due_limit_setting(store)) {
    return *configured == 0 ? SIZE_MAX : static_cast<std::size_t>(*configured);
  }
  std::size_t rows = terminal_height();
  return rows > 6 ? rows - 4 : 10;
}

void print_empty(Context& ctx, const std::vector<RankedRow>& upcoming, Date today) {
  ctx.out << "Nobody needs a check-in today. Your circle is in good shape.\n";
  if (!upcoming.empty()) {
    const auto& next = upcoming.front();
    ctx.out << fmt::format("Next up: {} (#{}), {}.\n", next.name, next.number,
                           format_relative(next.next_check_in, today));
  }
}

void write_ics(Context& ctx, const std::vector<RankedRow>& rows, const std::string& output) {
  std::vector<IcsEvent> events;
  Date today = ctx.clock().today;
  for (const auto& r : rows) {
    IcsEvent e;
    // One stable UID per ally (its UUID): a re-import moves the event instead of adding one.
    e.uid = fmt::format("checkin-{}@ally", r.id);
    e.date = std::max(today, r.next_check_in);
    e.summary = "Check in with " + r.name;
    e.description = r.reason;
    events.push_back(std::move(e));
  }
  auto ics = render_ics(events, ctx.clock().now);
  if (output.empty() || output == "-") {
    ctx.out.flush();
    ctx.raw_out << ics; // a calendar file: its bytes and CRLF line ends as they are
  } else {
    write_file_atomically(output, ics);
    if (!ctx.options.json) ctx.err << fmt::format("Wrote {} check-ins to {}.\n", events.size(), output);
  }
}

} // namespace

void define_due(CLI::App& cmd, Context& ctx) {
  auto o = std::make_shared<DueOptions>();
  cmd.add_option("who", o->who, "Explain one ally's score (with --explain)");
  cmd.add_option("--limit", o->limit, "Show at most N allies (0 = all; default fits the screen)")
      ->check(CLI::Range(0, 1000000));
  cmd.add_flag("--all", o->all, "List every tracked ally, not only those due");
  cmd.add_flag("--explain", o->explain, "Show each term as value × weight = points");
  cmd.add_option("--within", o->within, "Also list allies coming due within DURATION (e.g. 1w)");
  cmd.add_flag("--ics", o->ics, "Write an iCalendar file of check-ins");
  cmd.add_option("-o,--output", o->output, "With --ics: the file to write (default: stdout)");
  cmd.callback([o, &ctx] {
    RankOptions options;
    options.today = ctx.clock().today;
    options.all = o->all || o->ics;
    options.terms = o->explain || ctx.options.json; // the list prints the joined reason only
    if (!o->within.empty()) options.within_days = parse_duration_days(o->within);
    if (!o->output.empty() && !o->ics) throw UsageError("-o/--output goes with --ics");
    auto& store = ctx.store(Access::read);
    auto settings = load_rank_settings(store);
    const std::size_t limit = effective_limit(*o, ctx, store);
    Ranking ranked;
    if (o->who.empty() && !o->ics) {
      // Ranked as they are read: a screenful keeps a screenful of allies in memory.
      TopRanking top(settings, options, limit);
      if (top.keeps_every_row()) top.reserve(rank_inputs_bound(store));
      // The follow-ups' notes are read for the rows shown only, where not every row is.
      std::function<std::span<RankInput>()> chosen;
      if (!top.keeps_every_row()) chosen = [&top] { return top.chosen(); };
      read_rank_inputs(store, settings, options.today, options.within_days, options.all,
                       ctx.options.json, // only --json prints the ids
                       [&](RankInput&& in) { top.add(std::move(in)); }, chosen);
      ranked = top.finish();
    } else {
      auto inputs = load_rank_inputs(store, settings, options.today, options.within_days, true);
      if (!o->who.empty()) {
        auto match = resolve_ally(store, o->who);
        std::erase_if(inputs, [&](const RankInput& in) { return in.number != match.number; });
        if (inputs.empty()) {
          throw Conflict(fmt::format("{} (#{}) is not tracked by due (archived or no cadence)",
                                     match.name, match.number),
                         "give them one with 'ally edit " + std::to_string(match.number) + " --every 30d'");
        }
        options.all = true;
      }
      if (o->ics) return write_ics(ctx, rank(inputs, settings, options), o->output);
      TopRanking top(settings, options, limit);
      for (auto& in : inputs) top.add(std::move(in));
      ranked = top.finish();
    }
    auto& rows = ranked.rows;
    std::size_t hidden = ranked.listed - rows.size();
    if (ctx.options.json) {
      return ctx.print_json_array(rows.size(), [&](std::size_t i) { return due_json(rows[i]); });
    }
    Style style{ctx.color()};
    if (rows.empty()) {
      // Nobody is due, so what comes next is among everyone tracked.
      RankOptions ahead = options;
      ahead.all = true;
      auto inputs = load_rank_inputs(store, settings, options.today, options.within_days, true);
      auto upcoming = rank(inputs, settings, ahead);
      std::sort(upcoming.begin(), upcoming.end(), [](const RankedRow& a, const RankedRow& b) {
        return a.next_check_in < b.next_check_in;
      });
      if (inputs.empty() && store_is_new(store)) return print_welcome(ctx.out);
      if (inputs.empty()) {
        ctx.out << "No one is tracked yet. Add an ally with a circle or cadence:\n"
                   "  ally add \"Rachel Green\" --circle core --interest \"The Strokes\"\n";
        return;
      }
      return print_empty(ctx, upcoming, options.today);
    }
    if (o->explain) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) ctx.out << '\n';
        render_explain(ctx.out, rows[i], style);
      }
      return;
    }
    render_due(ctx.out, rows, hidden, style, terminal_width());
  });
}

} // namespace ally::cli
