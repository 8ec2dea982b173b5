#pragma once
// The reminder engine behind `ally due`: a pure function from what we know about each ally,
// the settings and today to a ranked list of people to reconnect with, every term explained.
// It touches no store and no terminal; docs/ranking.md gives the formulas.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ally/date.hpp"
#include "ally/model.hpp"

namespace ally {

// The term names, in the fixed order rows list them: overdue, promise, followup, gratitude,
// reciprocity, date, circle. These are the `<term>` of the `due.weight.<term>` config keys.
const std::vector<std::string>& term_names();

// The weight of every term when the config sets none.
std::map<std::string, double> default_weights();

struct RankSettings {
  // `due.cadence.<circle>`; circles are looked up exactly, then in lower case.
  std::map<std::string, int> circle_cadence_days{{"inner", 14}, {"core", 30}, {"network", 90}};
  int default_cadence_days = 60; // `due.cadence.default`: allies with no or another circle
  // `due.weight.<term>`: term name -> weight. Missing terms use default_weights(); unknown
  // names and non-finite weights are ignored. A weight of 0 turns a term off entirely (not scored,
  // not shown, never lists an ally); a negative weight pushes the ally down but still lists it.
  std::map<std::string, double> weights;
  int promise_window_days = 7;       // a promise counts from this many days before it is due
  int date_window_days = 7;          // a yearly date counts from this many days before it
  int reciprocity_window_days = 365; // for the caller: which favors count as "lately"
};

// The cadence in days `due` uses for an ally: its own, else its circle's, else the default.
// Returns 0 when the ally is not tracked (untracked, or a cadence of 0 or less).
int effective_cadence(const Cadence& cadence, const std::string& circle,
                      const RankSettings& settings);

// Which terms may list an ally (docs/ranking.md, "Who due lists"): a tracked ally by any term;
// an untracked one (no cadence) by what you owe and what is open, and its yearly dates; a
// snoozed one only by what you owe and what is open (promises, follow-ups, thanks); one snoozed
// with `snooze --all` (silenced) and an archived one by nothing.
enum class DueState { tracked, untracked, snoozed, silenced, archived };

// "tracked", "untracked", "snoozed", "silenced", "archived": the `state` of `due --json`.
const char* due_state_name(DueState state);

// Snoozed, with or without --all: the check-in waits until snoozed_until.
inline bool is_snoozed(DueState state) {
  return state == DueState::snoozed || state == DueState::silenced;
}

// A favor you gave with a due date that is not done yet.
struct OpenPromise {
  std::int64_t favor = 0;
  std::string text;
  Date due;
};

// A logged conversation whose follow-up is not done yet (its date may lie in the future).
struct OpenFollowUp {
  std::int64_t interaction = 0;
  std::string note;
  Date date;
};

// A favor you got and have not thanked.
struct UnthankedFavor {
  std::int64_t favor = 0;
  std::string text;
  Date date;
};

// A yearly important date (birthday, work anniversary). One-off dates are not passed.
struct YearlyEvent {
  std::int64_t number = 0; // the date's record number
  std::string label;
  YearlessDate date;
};

// Everything the engine needs about one ally, gathered by the caller.
struct RankInput {
  std::int64_t number = 0;
  std::string id; // the ally's UUID, passed through to the row
  std::string name;
  std::string circle;
  Cadence cadence;
  Date added;
  std::optional<Date> last_contact;
  std::string last_kind; // kind of the last interaction ("coffee", ...); may be empty
  std::optional<Date> snoozed_until;
  bool snooze_all = false; // `snooze --all`: while snoozed, nothing lists them
  bool archived = false;
  std::vector<OpenPromise> promises;
  std::vector<OpenFollowUp> follow_ups;
  std::vector<UnthankedFavor> unthanked;
  // Favors you gave within settings.reciprocity_window_days. What you got in that window is
  // read from `unthanked`: a thanked favor is settled and no longer counts.
  int gave_recent = 0;
  std::vector<YearlyEvent> dates;
};

struct RankOptions {
  Date today;
  bool all = false;               // `--all`: every eligible ally, active term or not
  std::optional<int> within_days; // `--within`: also those with something coming by then
  // false: rows keep no terms, only their score and joined reason (what `due`'s list prints;
  // --explain and --json show the terms).
  bool terms = true;
  // Reasons quote whole texts (`--json`); otherwise each quote is cut to a short excerpt so
  // that several reasons share a terminal line.
  bool whole_texts = false;
};

// What a term comes from, so that a row says how to act on it (`ally favor done 21`,
// `ally log done 12`): "favor", "interaction" or "date", and the record's number. The id
// (UUID) is filled in by the caller that prints it (`fill_term_refs`).
struct TermRef {
  std::string kind;
  std::int64_t number = 0;
  std::string id;
};

// One term of an ally's score, as `--explain` prints it: `value × weight = points`.
struct Term {
  std::string name;
  double value = 0;
  double weight = 0;
  double points = 0;  // value * weight
  std::string reason; // short, kind, human words; empty for circle
  std::string text;   // the whole text the reason quotes: a favor, a note, a date's label
  std::optional<TermRef> ref; // none for overdue, reciprocity and circle
};

struct RankedRow {
  std::int64_t number = 0;
  std::string id;
  std::string name;
  double score = 0; // sum of the terms' points
  // Only active terms, in term_names() order; none without RankOptions::terms.
  std::vector<Term> terms;
  DueState state = DueState::tracked;
  std::optional<Date> snoozed_until;  // while snoozed
  // While silenced (`snooze --all`), with terms: what would count if only snoozed, so that
  // `--explain` says what the silence hides.
  std::vector<Term> hidden;
  std::optional<Date> last_contact;
  std::optional<Date> next_check_in;  // last contact (or added) + cadence; none when untracked
  int days_since = 0;      // today - last contact (or added)
  int cadence_days = 0;    // 0 when untracked
  bool listed_by_term = false; // false: listed only by `all` or `within_days`
  // The earliest day something of this row comes up (a check-in, a promise's due date, a
  // follow-up, a yearly date), today at the earliest: the order of rows listed only by
  // `all`/`within_days`.
  Date upcoming;
  // Active terms' reasons joined with " · ". Rows listed only by `all`/`within_days` say what
  // is coming instead ("next check-in in 5d", "birthday in 12d").
  std::string reason;
  // Open things to bring up (`ally next`): said on the row, never a reason to list it.
  std::size_t to_bring_up = 0;
};

// Adds "2 to bring up" to a row that is listed anyway.
void note_to_bring_up(RankedRow& row, std::size_t count);

// The state that decides which terms count for an ally today (snoozed while snoozed_until >
// today; back on that day).
DueState due_state_of(const RankInput& input, const RankSettings& settings, Date today);

// Ranks the allies that are not archived. Lists those with an active term other than circle
// (which terms may be active depends on DueState), plus what `all`/`within_days` ask for:
// `all` adds every tracked or snoozed ally. Order: rows listed by a term first, by score
// descending (equal to six decimals counts as a tie), then name with ASCII letters
// lower-cased, then number; then the rows listed only by `all`/`within_days`, by `upcoming`,
// name and number.
std::vector<RankedRow> rank(const std::vector<RankInput>& inputs, const RankSettings& settings,
                            const RankOptions& options);

// The weight of each term, resolved from the settings once per ranking.
struct TermWeights {
  double overdue, promise, followup, gratitude, reciprocity, date, circle;
};

// One ally's row whatever its state, listed or not (`due --explain WHO`): the terms that
// count for it today, none when archived.
RankedRow explain_one(const RankInput& input, const RankSettings& settings,
                      const RankOptions& options);

// The first `limit` rows of rank() and how many it lists in all, with the counts of due's
// header line over every input handed in.
struct Ranking {
  std::vector<RankedRow> rows;
  std::size_t listed = 0;
  std::size_t snoozed = 0;       // tracked allies snoozed today (without --all)
  std::size_t silenced = 0;      // allies snoozed with --all today
  std::size_t hidden = 0;        // the terms their silence hides (what you owe them, open items)
  std::size_t late_promises = 0; // promises past their due date, of allies listed or listable
};

// rank() of inputs handed over one at a time, cut to its first `limit` rows. Without `all` or
// `within_days` and with a limit, only the `limit` best inputs so far are kept and only their
// rows are built with their reasons (the others are scored and counted), so a screenful of a
// long list costs a screenful of memory and words. Otherwise each input is ranked as rank()
// ranks it, as it comes.
class TopRanking {
public:
  TopRanking(const RankSettings& settings, const RankOptions& options, std::size_t limit);
  // True when every input listed is kept as a row (no cut by a heap): then reserve() pays.
  bool keeps_every_row() const { return m_everything; }
  // Room for `inputs` rows up front (see rank_inputs_bound).
  void reserve(std::size_t inputs);
  void add(RankInput input);
  // The inputs whose rows finish() will word, for what the caller reads for them alone (see
  // read_rank_inputs): the kept ones; none when every row is kept (worded as it is added).
  std::span<RankInput> chosen() { return m_kept; }
  Ranking finish();

private:
  struct Key {
    double ticks;
    std::int64_t number;
    std::size_t slot; // in m_kept
  };
  bool before(const Key& a, const Key& b, const RankInput* candidate = nullptr) const;

  RankSettings m_settings; // a copy: callers may pass a temporary
  RankOptions m_options;
  std::size_t m_limit;
  bool m_everything; // every input is ranked as rank() does, its row built at once
  TermWeights m_weights;
  std::vector<RankInput> m_kept;
  std::vector<Key> m_heap; // the kept, the one ranked last on top
  std::vector<RankedRow> m_rows; // when m_everything
  std::size_t m_listed = 0;
  std::size_t m_snoozed = 0;
  std::size_t m_silenced = 0;
  std::size_t m_hidden = 0;
  std::size_t m_late_promises = 0;
};

} // namespace ally
