// `ally log WHO [TEXT…]` records a conversation with one or more allies; `ally log edit|rm|done
// N` correct it or close its follow-up.
#include <fmt/format.h>

#include <algorithm>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/favors.hpp"
#include "ally/interactions.hpp"
#include "ally/names.hpp"
#include "ally/profile.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"
#include "ally/to_bring_up.hpp"
#include "cli/commands.hpp"
#include "cli/editor.hpp"
#include "cli/favor_lines.hpp"
#include "cli/parent_arguments.hpp"
#include "cli/record_number.hpp"
#include "cli/to_bring_up_lines.hpp"
#include "render/records_json.hpp"
#include "render/timeline_view.hpp"

namespace ally::cli {
namespace {

// `--kind`, in any case; anything else is refused with the list.
std::string parse_kind(const std::string& text) {
  std::string kind = fold(trim(text));
  const auto& kinds = interaction_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
    return kind;
  std::string list;
  for (const auto& k : kinds)
    list += (list.empty() ? "" : ", ") + k;
  const std::string close = closest_choice(kind, kinds);
  throw UsageError(fmt::format("unknown kind '{}'", truncate_to_width(text, 30)),
                   (close.empty() ? "" : fmt::format("did you mean '{}'? ", close)) + "use one of " +
                       list);
}

// `--date`: what already happened, so past-context words and never a day after today.
Date parse_log_date(const std::string& text, Date today) {
  Date date = parse_date(text, today, DateDirection::past);
  if (date > today) {
    throw UsageError(fmt::format("bad date '{}': {} is in the future; log what already happened",
                                 truncate_to_width(text, 40), format_date(date)));
  }
  return date;
}

// `ally log Rachel John lunch` logs with Rachel and the note "John lunch": when the note's first
// word is exactly another ally's first or full name, say so (and log as typed).
void warn_if_note_names_an_ally(Context& ctx, Store& store, const std::vector<std::string>& words,
                                const std::vector<NameMatch>& present) {
  if (words.empty() || words.front().find_first_of(" \t\n") != std::string::npos) return;
  const std::string& word = words.front();
  const Resolution found = resolve_in_store(store, word);
  if (found.matches.size() != 1) return;
  const NameMatch& ally = found.matches.front();
  const NameKeys keys = name_keys(ally.name);
  if (fold(word) != keys.first && fold(word) != keys.full) return;
  for (const auto& p : present)
    if (p.number == ally.number) return;
  ctx.err << fmt::format("ally: warning: '{}' is an ally ({}, #{}): did you mean -w {}? Logged "
                         "with the note as typed.\n",
                         word, ally.name, ally.number, word);
}

std::string joined_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words)
    out += (out.empty() ? "" : " ") + w;
  return out;
}

void add_unique(std::vector<NameMatch>& into, const std::vector<NameMatch>& more) {
  for (const auto& m : more) {
    bool seen = std::any_of(into.begin(), into.end(),
                            [&](const NameMatch& x) { return x.number == m.number; });
    if (!seen)
      into.push_back(m);
  }
}

std::vector<NameMatch> names_of(Store& store, const std::vector<std::int64_t>& numbers) {
  std::vector<NameMatch> out;
  for (auto n : numbers) {
    auto ally = find_ally(store, n);
    out.push_back({n, ally ? ally->name : fmt::format("#{}", n), ally && ally->archived});
  }
  return out;
}

// "coffee with Rachel Green (#1) on 2026-11-20"
std::string describe(const Interaction& i, const std::vector<NameMatch>& names) {
  return fmt::format("{} with {} on {}", kind_phrase(i.kind), allies_text(names),
                     format_date(i.date));
}

// "on 2026-11-20 (4d ago) " unless it is today.
std::string when_text(Date date, Date today) {
  if (date == today)
    return "";
  return fmt::format(" on {} ({})", format_date(date), format_relative(date, today));
}

// A note written in the editor may hold anything; a NUL byte would cut it short later.
void check_editor_note(const std::string& note) {
  if (note.find('\0') != std::string::npos) {
    throw Error("aborted: the note contains a NUL byte", 1, "nothing was stored");
  }
}

struct LogOptions {
  std::string who;
  std::vector<std::string> text;
  std::vector<std::string> with;
  TextOption kind, date, follow_up;
  TextOption gave, got, promise, due; // favors done or promised in the conversation
  std::vector<std::string> interests;
  std::vector<std::string> next;      // things to bring up next time, one per ally present
  std::vector<std::string> done_next; // numbers of things brought up in this conversation
  bool editor = false;
};

// `--gave`, `--got` and `--promise … --due`: favors recorded in the same write as the
// conversation, on its date.
std::vector<NewFavor> favors_of_log(const LogOptions& o, Date on, Date today) {
  if (o.due.given() && !o.promise.given())
    throw UsageError("--due goes with --promise TEXT: the date you will keep it");
  if (o.promise.given() && !o.due.given())
    throw UsageError("--promise needs --due DATE: when you will keep it",
                     "a favor already done is --gave TEXT");
  std::vector<NewFavor> favors;
  auto add = [&](const TextOption& option, FavorDirection direction, std::string_view what) {
    if (!option.given()) return;
    if (trim(option.value).empty())
      throw UsageError(fmt::format("empty {}: say what it was", what));
    NewFavor f;
    f.direction = direction;
    f.text = option.value;
    f.date = on;
    favors.push_back(std::move(f));
  };
  add(o.gave, FavorDirection::gave, "--gave");
  add(o.got, FavorDirection::got, "--got");
  add(o.promise, FavorDirection::gave, "--promise");
  if (o.promise.given()) favors.back().due = parse_date(o.due.value, today, DateDirection::future);
  return favors;
}

// The topics each ally gained by this log, for the confirmation.
struct GainedTopic {
  std::string topic;
  std::vector<NameMatch> allies;
};

std::vector<GainedTopic> gained_topics(const Interaction& logged, const std::vector<Ally>& before) {
  std::vector<GainedTopic> out;
  for (const auto& topic : logged.interests) {
    GainedTopic gained{topic, {}};
    for (const auto& ally : before) {
      bool had =
          std::any_of(ally.interests.begin(), ally.interests.end(),
                      [&](const std::string& t) { return fold(trim(t)) == fold(trim(topic)); });
      if (!had)
        gained.allies.push_back({ally.meta.number, ally.name, ally.archived});
    }
    if (!gained.allies.empty())
      out.push_back(std::move(gained));
  }
  return out;
}

void print_logged(Context& ctx, const Interaction& logged, const std::vector<NameMatch>& names,
                  const std::vector<GainedTopic>& gained) {
  Date today = ctx.clock().today;
  ctx.out << fmt::format("Logged {} with {}{} as log #{}.\n", kind_phrase(logged.kind),
                         allies_text(names), when_text(logged.date, today), logged.meta.number);
  for (const auto& g : gained) {
    ctx.out << fmt::format("Added {} to the shared interests of {}.\n", g.topic,
                           allies_text(g.allies));
  }
  if (logged.follow_up) {
    ctx.out << fmt::format("Follow up by {} {} ({}); 'ally log done {}' closes it.\n",
                           weekday_name(*logged.follow_up), format_date(*logged.follow_up),
                           format_relative(*logged.follow_up, today), logged.meta.number);
  }
}

void define_log_edit(CLI::App& cmd, const CLI::App& log, Context& ctx) {
  struct Options {
    std::string number;
    TextOption text, date, kind;
    bool editor = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("number", o->number, "The log's number (see 'ally timeline')")->required();
  add_text(cmd, o->text, "--text", "New note (replaces the old one)");
  add_text(cmd, o->date, "--date",
           "New date: YYYY-MM-DD, yesterday, monday, 3d ago (not in the future)");
  add_text(cmd, o->kind, "--kind",
           "New kind: coffee, call, meeting, message, email, lunch, event, thanks, other");
  cmd.add_flag("-e,--edit", o->editor, "Rewrite the note in $VISUAL or $EDITOR");
  cmd.callback([o, &ctx, &log] {
    refuse_parent_arguments(log, "ally log edit");
    auto n = parse_record_number(o->number, "log");
    if (!o->text.given() && !o->date.given() && !o->kind.given() && !o->editor) {
      throw UsageError("nothing to change", "give --text, --date, --kind or -e");
    }
    Date today = ctx.clock().today;
    InteractionChange change;
    if (o->kind.given())
      change.kind = parse_kind(o->kind.value);
    if (o->date.given())
      change.date = parse_log_date(o->date.value, today);
    if (o->text.given())
      change.note = o->text.value;
    if (o->editor) {
      auto current = get_interaction(ctx.store(Access::read), n);
      auto names = names_of(ctx.store(Access::read), current.allies);
      change.note =
          edit_note(change.note.value_or(current.note),
                    {fmt::format("Log #{}: {}.", n, describe(current, names)),
                     "Lines starting with '#' are ignored; an empty note changes nothing."},
                    "nothing was changed");
      check_editor_note(*change.note);
    }
    auto& store = ctx.store(Access::write);
    Interaction updated;
    std::vector<NameMatch> names;
    store.write("log edit", [&] {
      updated = update_interaction(store, n, change);
      names = names_of(store, updated.allies);
      store.set_write_summary(fmt::format("edit log #{} ({})", n, describe(updated, names)));
    });
    if (!store.last_write_changed()) updated = get_interaction(store, n);
    int options_given = o->text.given() + o->kind.given() + o->date.given() + o->editor;
    if (ctx.report_unchanged(fmt::format("log #{} already has {}", n,
                                         options_given > 1 ? "those values" : "that value"),
                             to_json(updated)))
      return;
    if (ctx.options.json)
      return ctx.print_json(to_json(updated));
    ctx.out << fmt::format("Updated log #{}: {}.\n", n, describe(updated, names));
  });
}

void define_log_rm(CLI::App& cmd, const CLI::App& log, Context& ctx) {
  auto number = std::make_shared<std::string>();
  cmd.add_option("number", *number, "The log's number (see 'ally timeline')")->required();
  cmd.callback([number, &ctx, &log] {
    refuse_parent_arguments(log, "ally log rm");
    auto n = parse_record_number(*number, "log");
    auto& store = ctx.store(Access::write);
    Interaction removed;
    std::vector<NameMatch> names;
    store.write("log rm", [&] {
      removed = remove_interaction(store, n);
      names = names_of(store, removed.allies);
      store.set_write_summary(fmt::format("remove log #{} ({})", n, describe(removed, names)));
    });
    if (ctx.options.json)
      return ctx.print_json(to_json(removed));
    ctx.out << fmt::format("Removed log #{}: {}.\n", n, describe(removed, names));
  });
}

void define_log_done(CLI::App& cmd, const CLI::App& log, Context& ctx) {
  auto number = std::make_shared<std::string>();
  cmd.add_option("number", *number, "The log's number (see 'ally timeline')")->required();
  cmd.callback([number, &ctx, &log] {
    refuse_parent_arguments(log, "ally log done");
    auto n = parse_record_number(*number, "log");
    Date today = ctx.clock().today;
    auto& store = ctx.store(Access::write);
    Interaction closed;
    std::vector<NameMatch> names;
    store.write("log done", [&] {
      closed = close_follow_up(store, n, today);
      names = names_of(store, closed.allies);
      store.set_write_summary(
          fmt::format("close the follow-up of log #{} ({})", n, describe(closed, names)));
    });
    if (ctx.options.json)
      return ctx.print_json(to_json(closed));
    ctx.out << fmt::format("Closed the follow-up of log #{}: {}.\n", n, describe(closed, names));
  });
}

} // namespace

void define_log(CLI::App& cmd, Context& ctx) {
  auto o = std::make_shared<LogOptions>();
  // Not required: `log edit|rm|done N` leave it empty.
  auto* who = cmd.add_option("who", o->who,
                             "The ally, or several: \"Rachel,John\" (a whole name is tried first)");
  cmd.add_option("text", o->text, "What happened (the rest of the line, kept exactly)");
  add_list(cmd, o->with, "-w,--with", "Another ally who was there (repeatable)");
  add_text(cmd, o->kind, "--kind",
           "coffee, call, meeting, message, email, lunch, event, thanks or other (default)");
  add_text(cmd, o->date, "--date",
           "When: YYYY-MM-DD, yesterday, monday, 3d ago (default today; not in the future)");
  add_list(cmd, o->interests, "--interest",
           "A topic you talked about; also added to their shared interests (repeatable)");
  add_text(cmd, o->follow_up, "--follow-up",
           "Follow up on a date or after a duration (friday, 2026-12-01, 2w)");
  add_text(cmd, o->gave, "--gave", "A favor you did for them in the conversation");
  add_text(cmd, o->got, "--got", "A favor they did for you");
  add_text(cmd, o->promise, "--promise", "Something you promised them (with --due)");
  add_text(cmd, o->due, "--due", "When you will keep the promise (friday, 2w, 2026-12-01)");
  add_list(cmd, o->next, "--next", "Something to bring up next time, for each ally present (repeatable)");
  add_list(cmd, o->done_next, "--done-next", "The number of a thing to bring up you did bring up (repeatable)");
  cmd.add_flag("-e,--edit", o->editor, "Write the note in $VISUAL or $EDITOR");
  cmd.require_subcommand(0, 1);
  std::vector<CLI::App*> subs{
      cmd.add_subcommand("edit", "Correct a logged conversation"),
      cmd.add_subcommand("rm", "Delete a logged conversation"),
      cmd.add_subcommand("done", "Close a logged conversation's follow-up")};
  define_log_edit(*subs[0], cmd, ctx);
  define_log_rm(*subs[1], cmd, ctx);
  define_log_done(*subs[2], cmd, ctx);
  // Once the ally list is given, every word after it is the note, even "done" or "rm": the
  // check runs as the positional is taken, before the next word is classified.
  cmd.validate_positionals();
  who->check(CLI::Validator(
      [subs](std::string&) {
        for (auto* sub : subs)
          sub->disabled();
        return std::string();
      },
      "", "note-follows"));

  cmd.callback([o, &ctx, &cmd] {
    if (!cmd.get_subcommands().empty())
      return;
    if (o->who.empty()) {
      throw UsageError("name who you talked with",
                       "ally log WHO [TEXT], or ally log edit|rm|done N");
    }
    const Date today = ctx.clock().today;
    NewInteraction entry;
    entry.kind = o->kind.given() ? parse_kind(o->kind.value) : "other";
    entry.date = o->date.given() ? parse_log_date(o->date.value, today) : today;
    if (o->follow_up.given()) {
      entry.follow_up = parse_date(o->follow_up.value, today, DateDirection::future);
      // A conversation logged late may carry a follow-up already due, never one before it.
      if (*entry.follow_up < entry.date)
        throw UsageError(fmt::format("bad follow-up date '{}': {} is before the conversation ({})",
                                     o->follow_up.value, format_date(*entry.follow_up),
                                     format_date(entry.date)));
    }
    for (const auto& topic : o->interests) {
      if (trim(topic).empty())
        throw UsageError("empty interest: name the topic");
      entry.interests.push_back(trim(topic));
    }
    entry.note = joined_words(o->text);
    const std::vector<NewFavor> favors = favors_of_log(*o, entry.date, today);
    for (const auto& text : o->next) {
      if (trim(text).empty()) throw UsageError("empty --next: say what to bring up");
    }
    std::vector<std::int64_t> done_next;
    for (const auto& n : o->done_next) done_next.push_back(parse_record_number(n, "thing to bring up"));

    // Names are settled before the editor opens and before the store is written, so a typo
    // costs neither the note nor a new store file.
    std::vector<NameMatch> present;
    {
      auto& store = ctx.store(Access::read);
      add_unique(present, resolve_ally_list(store, o->who));
      for (const auto& w : o->with)
        add_unique(present, resolve_ally_list(store, w));
      warn_if_note_names_an_ally(ctx, store, o->text, present);
    }
    for (const auto& p : present)
      entry.allies.push_back(p.number);
    if (!favors.empty() && present.size() > 1)
      throw UsageError("a favor is between you and one ally: log the favor with one of them",
                       "ally favor WHO --got TEXT");
    if (o->editor) {
      Interaction draft;
      draft.kind = entry.kind;
      draft.date = entry.date;
      entry.note = edit_note(entry.note,
                             {fmt::format("Note for {}.", describe(draft, present)),
                              "Lines starting with '#' are ignored; an empty note logs nothing."},
                             "nothing was logged");
      check_editor_note(entry.note);
    }

    auto& store = ctx.store(Access::write);
    Interaction logged;
    std::vector<NameMatch> names;
    std::vector<GainedTopic> gained;
    std::vector<Ally> before_log;
    std::vector<Favor> recorded;
    std::vector<ToBringUp> brought_up, noted;
    store.write("log", [&] {
      std::vector<Ally> before;
      for (auto n : entry.allies)
        before.push_back(get_ally(store, n));
      std::sort(before.begin(), before.end(),
                [](const Ally& x, const Ally& y) { return x.meta.number < y.meta.number; });
      logged = log_interaction(store, entry);
      for (auto f : favors) {
        f.ally = entry.allies.front();
        recorded.push_back(add_favor(store, f));
      }
      for (auto n : done_next) {
        auto item = get_to_bring_up(store, n);
        if (std::find(entry.allies.begin(), entry.allies.end(), item.ally) == entry.allies.end()) {
          throw UsageError(fmt::format("#{} is to bring up with {} (#{}), who is not in this "
                                       "conversation",
                                       n, get_ally(store, item.ally).name, item.ally),
                           fmt::format("ally next done {}", n));
        }
        brought_up.push_back(mark_to_bring_up_done(store, n, entry.date));
      }
      for (const auto& text : o->next) {
        for (auto ally : entry.allies) noted.push_back(add_to_bring_up(store, ally, text, entry.date));
      }
      names = names_of(store, logged.allies);
      gained = gained_topics(logged, before);
      before_log = std::move(before);
      std::string summary = fmt::format("log #{} ({})", logged.meta.number, describe(logged, names));
      for (const auto& f : recorded)
        summary += fmt::format(", {} #{}", f.due ? "promise" : "favor", f.meta.number);
      for (const auto& t : brought_up) summary += fmt::format(", brought up #{}", t.meta.number);
      for (const auto& t : noted) summary += fmt::format(", to bring up #{}", t.meta.number);
      store.set_write_summary(summary);
    });
    if (ctx.options.json) {
      auto doc = to_json(logged);
      doc["favors"] = nlohmann::json::array();
      for (const auto& f : recorded)
        doc["favors"].push_back(to_json(f));
      doc["brought_up"] = nlohmann::json::array();
      for (const auto& t : brought_up) doc["brought_up"].push_back(to_json(t));
      doc["to_bring_up"] = nlohmann::json::array();
      for (const auto& t : noted) doc["to_bring_up"].push_back(to_json(t));
      return ctx.print_json(doc);
    }
    print_logged(ctx, logged, names, gained);
    for (const auto& f : recorded)
      print_recorded_favor(ctx, store, f, before_log.front());
    for (const auto& t : brought_up) {
      ctx.out << fmt::format("Brought up: {} (#{}).\n", truncate_to_width(t.text, 60), t.meta.number);
    }
    // What is still open for the people just met, with the command that closes each: `log`
    // never asks.
    print_open_to_bring_up(ctx, store, logged.allies);
    if (logged.follow_up) {
      auto settings = load_rank_settings(store);
      for (const auto& ally : before_log) {
        auto silenced = check_in_silenced(ally, settings, today);
        if (!silenced.empty()) {
          ctx.out << fmt::format("{} is {}: this follow-up still comes up in 'ally due'.\n",
                                 ally.name, silenced);
        }
      }
    }
  });
}

} // namespace ally::cli
