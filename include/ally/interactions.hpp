#pragma once
// Logged conversations ("interactions") with one or more allies, their follow-ups, and the
// timeline that lists them together with introductions.
// REQUIRES for writes: inside Store::write.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/names.hpp"
#include "ally/store.hpp"

namespace ally {

struct NewInteraction {
  Date date{};
  std::string kind = "other";         // one of interaction_kinds()
  std::string note;                   // kept exactly as given
  std::vector<std::int64_t> allies;   // at least one; each counts it as a check-in
  std::vector<std::string> interests; // topics touched; also added to each ally's interests
  std::optional<Date> follow_up;
  std::string id; // "" for a new UUID; an import gives the id its source implies
};

// Records the conversation and returns it with its meta filled in. Each ally's last contact
// moves to the date when it is their latest. Throws UsageError for an unknown kind or no ally,
// NotFound for an ally number that does not exist.
Interaction log_interaction(Store& store, const NewInteraction& entry);

// The conversation with this number, or nullopt.
std::optional<Interaction> find_interaction(Store& store, std::int64_t number);

// The conversation with this number; throws NotFound("no log #N").
Interaction get_interaction(Store& store, std::int64_t number);

// What `log edit` changes; fields left empty stay as they are.
struct InteractionChange {
  std::optional<std::string> note;
  std::optional<Date> date;
  std::optional<std::string> kind; // one of interaction_kinds()
  bool empty() const { return !note && !date && !kind; }
};

// Applies the change, bumps updated_at and returns the record as stored. Allies' last contact
// follows a new date. Throws NotFound, or UsageError for an unknown kind.
Interaction update_interaction(Store& store, std::int64_t number, const InteractionChange& change);

// Deletes the conversation, leaving a tombstone; returns it as it was. Throws NotFound.
Interaction remove_interaction(Store& store, std::int64_t number);

// Marks the follow-up done on `day`. Throws NotFound, or Conflict when the conversation has no
// follow-up or it is already done.
Interaction close_follow_up(Store& store, std::int64_t number, Date day);

// Conversations whose follow-up is still open, soonest first; of one ally, or of everyone.
std::vector<Interaction> open_follow_ups(Store& store, std::optional<std::int64_t> ally = {});

// The ally's latest conversations, newest first; `limit` 0 means all.
std::vector<Interaction> recent_interactions(Store& store, std::int64_t ally, std::size_t limit);

// The active allies of the meetings a calendar import logged on `day` (conversations with an
// event's UID), each once, in the order of the meetings: who you meet that day.
std::vector<std::int64_t> calendar_allies_on(Store& store, Date day);

// One row of the timeline: a conversation, or an introduction (kind "intro").
struct TimelineEntry {
  enum class Type { interaction, introduction };
  Type type = Type::interaction;
  Interaction interaction;   // when type == interaction
  Introduction introduction; // when type == introduction
  // The allies involved with their names: those present, or the two introduced (a, then b).
  std::vector<NameMatch> allies;

  Date date() const;
  std::int64_t number() const;
  const std::string& kind() const; // the interaction's kind, or "intro"
  const std::string& note() const;
};

struct TimelineQuery {
  std::optional<std::int64_t> ally; // one ally's timeline; nullopt = everyone's
  std::optional<Date> since;        // only entries on or after this day
  std::size_t limit = 0;            // 0 = no limit
};

// Conversations and introductions, newest first (then most recently recorded first). An
// entry with several allies appears once.
std::vector<TimelineEntry> timeline(Store& store, const TimelineQuery& query);

} // namespace ally
