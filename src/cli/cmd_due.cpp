// `ally due`: who needs attention today, ranked and explained.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ally/due.hpp"
#include "ally/error.hpp"
#include "ally/files.hpp"
#include "ally/names.hpp"
#include "ally/settings.hpp"
#include "ally/to_bring_up.hpp"
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
  auto next = std::find_if(upcoming.begin(), upcoming.end(),
                           [](const RankedRow& r) { return r.next_check_in.has_value(); });
  if (next != upcoming.end()) {
    ctx.out << fmt::format("Next up: {} (#{}), {}.\n", next->name, next->number,
                           format_relative(next->upcoming, today));
  }
}

std::string first_line(const std::string& text) {
  auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

// One event per check-in, per open promise and per open follow-up, each with a UID that
// stays the same from one export to the next (the record's UUID), and text that carries its
// own dates: an event is read on its day, when "in 11d" would mean nothing.
std::vector<IcsEvent> ics_events(Store& store, const std::vector<RankInput>& inputs,
                                 const std::vector<RankedRow>& rows, Date today) {
  std::vector<IcsEvent> events;
  for (const auto& r : rows) {
    if (!r.next_check_in) continue;
    Date day = *r.next_check_in;
    if (is_snoozed(r.state) && r.snoozed_until) day = std::max(day, *r.snoozed_until);
    IcsEvent e;
    e.uid = fmt::format("checkin-{}@ally", r.id);
    e.date = std::max(today, day);
    e.summary = "Check in with " + r.name;
    e.description =
        r.last_contact
            ? fmt::format("check in with {} — last contact {}, every {}d", r.name,
                          format_date(*r.last_contact), r.cadence_days)
            : fmt::format("check in with {} — added {}, no contact yet, every {}d", r.name,
                          format_date(*r.next_check_in - std::chrono::days{r.cadence_days}),
                          r.cadence_days);
    events.push_back(std::move(e));
  }
  // Open promises and follow-ups of every ally not archived, whatever its cadence or snooze.
  std::vector<TermRef> refs;
  struct FollowUp {
    Date date;
    std::string note;
    std::vector<std::string> names;
  };
  std::map<std::int64_t, FollowUp> follow_ups; // by interaction: one event for all its allies
  std::vector<std::pair<const RankInput*, const OpenPromise*>> promises;
  for (const auto& in : inputs) {
    if (in.archived) continue;
    for (const auto& p : in.promises) promises.emplace_back(&in, &p);
    for (const auto& f : in.follow_ups) {
      auto& entry = follow_ups[f.interaction];
      entry.date = f.date;
      entry.note = f.note;
      entry.names.push_back(in.name);
    }
  }
  for (const auto& [in, p] : promises) refs.push_back({"favor", p->favor, {}});
  for (const auto& [number, f] : follow_ups) refs.push_back({"interaction", number, {}});
  fill_ref_ids(store, refs);
  std::size_t k = 0;
  for (const auto& [in, p] : promises) {
    IcsEvent e;
    e.uid = fmt::format("promise-{}@ally", refs[k++].id);
    e.date = std::max(today, p->due);
    e.summary = fmt::format("Promise to {}: {}", in->name, first_line(p->text));
    e.description = fmt::format("you promised {} (favor #{}), due {}; done: ally favor done {}",
                                in->name, p->favor, format_date(p->due), p->favor);
    events.push_back(std::move(e));
  }
  for (const auto& [number, f] : follow_ups) {
    IcsEvent e;
    e.uid = fmt::format("followup-{}@ally", refs[k++].id);
    e.date = std::max(today, f.date);
    std::string names = fmt::format("{}", fmt::join(f.names, ", "));
    e.summary = "Follow up with " + names;
    e.description = fmt::format("follow up by {} on log #{}{}; done: ally log done {}",
                                format_date(f.date), number,
                                f.note.empty() ? "" : ": " + f.note, number);
    events.push_back(std::move(e));
  }
  return events;
}

void write_ics(Context& ctx, const std::vector<IcsEvent>& events, const std::string& output) {
  auto ics = render_ics(events, ctx.clock().now);
  if (output.empty() || output == "-") {
    ctx.out.flush();
    ctx.raw_out << ics; // a calendar file: its bytes and CRLF line ends as they are
  } else {
    write_file_atomically(output, ics);
    if (!ctx.options.json) ctx.err << fmt::format("Wrote {} events to {}.\n", events.size(), output);
  }
}

// Each row's open things to bring up, said on the row (one count per row shown).
void note_to_bring_up(Store& store, std::vector<RankedRow>& rows) {
  std::vector<std::int64_t> numbers;
  for (const auto& r : rows) numbers.push_back(r.number);
  auto counts = open_to_bring_up_counts(store, numbers);
  if (counts.empty()) return;
  for (auto& r : rows) {
    if (auto it = counts.find(r.number); it != counts.end()) ally::note_to_bring_up(r, it->second);
  }
}

// `due WHO`: that ally's row whatever its state, listed or not.
void explain_who(Context& ctx, Store& store, const RankSettings& settings,
                 const RankOptions& options, const std::string& who, bool explain) {
  auto match = resolve_ally(store, who);
  auto input = load_rank_input(store, settings, options.today, match.number);
  if (!input) throw NotFound(fmt::format("no ally #{}", match.number));
  std::vector<RankedRow> rows{explain_one(*input, settings, options)};
  note_to_bring_up(store, rows);
  if (ctx.options.json) {
    fill_term_refs(store, rows);
    return ctx.print_json_array(1, [&](std::size_t) { return due_json(rows[0]); });
  }
  Style style{ctx.color()};
  if (explain) return render_explain(ctx.out, rows[0], style);
  if (!rows[0].listed_by_term && !rows[0].reason.empty()) {
    rows[0].reason = "not due today · " + rows[0].reason;
  }
  render_due(ctx.out, rows, 0, style, terminal_width());
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
    options.terms = o->explain || ctx.options.json || !o->who.empty();
    options.whole_texts = ctx.options.json;
    if (!o->within.empty()) options.within_days = parse_duration_days(o->within);
    if (!o->output.empty() && !o->ics) throw UsageError("-o/--output goes with --ics");
    if (o->ics && !o->who.empty()) throw UsageError("--ics writes everyone's events; leave out WHO");
    auto& store = ctx.store(Access::read);
    auto settings = load_rank_settings(store);
    if (!o->who.empty()) return explain_who(ctx, store, settings, options, o->who, o->explain);
    if (o->ics) {
      // Follow-ups however far ahead: each is an event on its day.
      constexpr int k_ics_horizon_days = 10 * 366;
      auto inputs = load_rank_inputs(store, settings, options.today, k_ics_horizon_days, true);
      auto rows = rank(inputs, settings, options);
      return write_ics(ctx, ics_events(store, inputs, rows, options.today), o->output);
    }
    const std::size_t limit = effective_limit(*o, ctx, store);
    // Ranked as they are read: a screenful keeps a screenful of allies in memory.
    TopRanking top(settings, options, limit);
    if (top.keeps_every_row()) top.reserve(rank_inputs_bound(store));
    // The follow-ups' notes are read for the rows shown only, where not every row is.
    std::function<std::span<RankInput>()> chosen;
    if (!top.keeps_every_row()) chosen = [&top] { return top.chosen(); };
    read_rank_inputs(store, settings, options.today, options.within_days, options.all,
                     ctx.options.json, // only --json prints the ids
                     [&](RankInput&& in) { top.add(std::move(in)); }, chosen);
    Ranking ranked = top.finish();
    auto& rows = ranked.rows;
    note_to_bring_up(store, rows);
    std::size_t hidden = ranked.listed - rows.size();
    if (ctx.options.json) {
      fill_term_refs(store, rows);
      return ctx.print_json_array(rows.size(), [&](std::size_t i) { return due_json(rows[i]); });
    }
    Style style{ctx.color()};
    if (rows.empty()) {
      // Nobody is due, so what comes next is among everyone tracked.
      RankOptions ahead = options;
      ahead.all = true;
      auto inputs = load_rank_inputs(store, settings, options.today, options.within_days, true);
      auto upcoming = rank(inputs, settings, ahead);
      if (inputs.empty() && store_is_new(store)) return print_welcome(ctx.out);
      if (inputs.empty()) {
        ctx.out << "No one is tracked yet. Add an ally with a circle or cadence:\n"
                   "  ally add \"Rachel Green\" --circle core --interest \"The Strokes\"\n";
        return;
      }
      return print_empty(ctx, upcoming, options.today);
    }
    // Plain `due` fits the screen by its limit; the longer lists page.
    if (options.all || options.within_days || o->explain) ctx.page_output();
    if (o->explain) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) ctx.out << '\n';
        render_explain(ctx.out, rows[i], style);
      }
      return;
    }
    // The counts on a terminal only: piped, the list is data, one row per line.
    if (ctx.out_is_tty) ctx.out << style.dim(due_header(ranked)) << '\n';
    render_due(ctx.out, rows, hidden, style, terminal_width());
  });
}

} // namespace ally::cli
