#pragma once
// `ally brief WHO`: one screen to read in the minute before a conversation. What it gathers,
// and the conversation starters offered when nothing is noted to bring up: taken only from
// what the store holds, each saying where it comes from.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ally/interactions.hpp"
#include "ally/model.hpp"
#include "ally/profile.hpp"
#include "ally/store.hpp"
#include "ally/suggest.hpp"

namespace ally {

// How many conversations the brief quotes whole, and how many the starters look back on.
inline constexpr std::size_t k_brief_conversations = 3;
inline constexpr std::size_t k_starter_lookback = 5;
// Dates coming up within this many days are in the brief.
inline constexpr int k_brief_date_days = 30;

struct Starter {
  std::string text;   // "ask about Haruki Murakami"
  std::string source; // "a shared interest, not in your last 5 conversations"
  std::string kind;   // "interest", "goal", "help", "event": for --json
};

struct StarterInput {
  std::vector<std::string> interests; // shared with the ally, as spelled
  std::string goals;                  // theirs, as written
  std::vector<Interaction> recent;    // newest first: the last k_starter_lookback
  std::vector<std::string> my_knows;  // `me.knows`
  Date today{};
};

// Up to `limit` starters, in this order of kinds: a shared interest not talked about in the
// recent conversations (neither tagged nor in their notes), their goals, something you know
// (`me.knows`) that one of their interests or their goals names, an event you were both at in
// the last 90 days. Pure.
std::vector<Starter> conversation_starters(const StarterInput& input, std::size_t limit = 2);

struct UpcomingDate {
  ImportantDate date;
  Date next;     // the day it comes
  int days = 0;  // from today
};

struct Brief {
  Profile profile;
  std::vector<Interaction> last_conversations; // newest first, whole notes
  std::vector<Favor> you_helped; // favors you gave them in the last 12 months, newest first
  std::vector<UpcomingDate> upcoming; // within k_brief_date_days, soonest first
  std::vector<IntroSuggestion> could_introduce; // pairs with them from `suggest`, best first
  std::vector<NameMatch> could_meet;            // the other ally of each, in the same order
  std::vector<Starter> starters;                // only when nothing is noted to bring up
  // Nothing but a name and the day they were added: the brief says so and what to record.
  bool only_a_name = false;
};

// Gathers the brief of the ally with this number. Throws NotFound.
Brief load_brief(Store& store, std::int64_t number, Date today);

} // namespace ally
