#pragma once
// Plain domain records, as the store keeps them. Every record has a stable UUID (`id`),
// `created_at`/`updated_at` (UTC, ISO 8601 with milliseconds) and a short per-store number
// (`number`) that is never reused.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ally/date.hpp"

namespace ally {

struct RecordMeta {
  std::int64_t number = 0;
  std::string id;
  std::string created_at;
  std::string updated_at;
};

// How often to check in. `default_cadence` uses the circle's default; `untracked` keeps the
// ally out of `due`.
struct Cadence {
  enum class Mode { default_cadence, days, untracked };
  Mode mode = Mode::default_cadence;
  int days = 0; // only for Mode::days
  bool operator==(const Cadence&) const = default;
};

struct Ally {
  RecordMeta meta;
  std::string name;
  std::vector<std::string> nicknames;
  std::string org;
  std::string role;
  std::string city;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> links; // web pages about them (a LinkedIn profile, a homepage)
  std::string circle;       // "inner", "core", "network" or any word; empty = none
  std::string relationship; // "peer", "mentor", ... ; empty = none
  Cadence cadence;
  std::string met;   // how we met
  std::string goals; // goals and passions
  std::string notes;
  std::vector<std::string> tags;
  std::vector<std::string> expertise; // --knows
  std::vector<std::string> interests; // shared interests, by topic name
  std::optional<Date> snoozed_until;
  // `snooze --all`: until snoozed_until, nothing about them comes up in `due`, not even what
  // you owe them. Otherwise a snooze silences only the check-in.
  bool snooze_all = false;
  bool archived = false;
  // The UIDs of the address-book cards this ally was imported from, first one first: one
  // person can be a card in several services, and `merge` unites them.
  std::vector<std::string> vcard_uids;
  Date added{}; // the day it was added; `due` counts from it until the first check-in
  // Kept up to date by the store as interactions are written.
  std::optional<Date> last_contact;
  std::string last_kind;
};

inline const std::vector<std::string>& interaction_kinds() {
  static const std::vector<std::string> kinds{"coffee", "call",  "meeting", "message", "email",
                                              "lunch",  "event", "thanks",  "other"};
  return kinds;
}

struct Interaction {
  RecordMeta meta;
  Date date{};
  std::string kind = "other";
  std::string note;
  std::vector<std::int64_t> allies; // numbers of the allies present
  std::vector<std::string> interests;
  std::optional<Date> follow_up;
  std::optional<Date> follow_up_done;
  // The calendar event it was logged from (`ally import meetings.ics`); empty uid = typed.
  std::string source_uid;
  std::string source_recurrence_id;
};

enum class FavorDirection { gave, got };

struct Favor {
  RecordMeta meta;
  std::int64_t ally = 0;
  FavorDirection direction = FavorDirection::gave;
  std::string text;
  Date date{};
  std::optional<Date> due;  // with `gave`: a promise, open until done
  std::optional<Date> done; // date it was done
  std::optional<Date> thanked;
};

struct Introduction {
  RecordMeta meta;
  std::int64_t a = 0;
  std::int64_t b = 0;
  Date date{};
  std::string note;
};

struct ImportantDate {
  RecordMeta meta;
  std::int64_t ally = 0;
  std::string label;
  YearlessDate date;
  bool yearly = true;
};

// Something to bring up the next time you talk with an ally (`ally next`), open until done.
struct ToBringUp {
  RecordMeta meta;
  std::int64_t ally = 0;
  std::string text;
  Date date{}; // when it was noted
  std::optional<Date> done;
};

struct Interest {
  RecordMeta meta;
  std::string name;
  int ally_count = 0;
};

struct Tombstone {
  std::string id;
  std::string kind; // one of tombstone_kinds() (export_format.hpp)
  std::string deleted_at;
};

} // namespace ally
