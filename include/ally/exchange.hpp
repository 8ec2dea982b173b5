#pragma once
// Getting data out of the store and into it: the JSON export (lossless), JSON import (into an
// empty store, or merged by UUID), vCard import (merged by vCard UID, then email), and the
// ally rows that vCard and CSV exports are made of.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ally/export_format.hpp"
#include "ally/intake.hpp"
#include "ally/model.hpp"
#include "ally/store.hpp"
#include "ally/vcard.hpp"

namespace ally {

// Told how far a long export or import has got: `done` of `total` records.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// How many records of each kind an export wrote.
struct ExportCounts {
  std::size_t allies = 0, dates = 0, interests = 0, interactions = 0, favors = 0, introductions = 0,
              to_bring_up = 0, tombstones = 0, config = 0;
  std::size_t total() const {
    return allies + dates + interests + interactions + favors + introductions + to_bring_up +
           tombstones + config;
  }
};

// Writes the whole store as one JSON export (docs/json-format.md) to `out`, record by record
// as it reads them, every section in number order, so two exports of the same data are equal
// but for "exported_at". Reads one consistent snapshot. Throws StoreError.
ExportCounts export_json(Store& store, std::ostream& out, const Progress& progress = {});

// Calls `visit` with every record of the store as the export writes it (export_record), with
// the name of its section ("allies", ... "config"), sections in the export's order, records in
// number order; a setting also carries its key as "key". Reads one consistent snapshot. The
// visitor may change the record it is given. Throws StoreError.
using RecordVisitor =
    std::function<void(const std::string& section, nlohmann::ordered_json& record)>;
void for_each_export_record(Store& store, const RecordVisitor& visit);

// Calls `row` for each ally by number with the ally's yearly "birthday" date, if any:
// active allies only, or archived ones too. Throws StoreError.
struct AllyRow {
  Ally ally;
  std::optional<YearlessDate> birthday;
};
std::size_t count_allies(Store& store, bool with_archived);
void for_each_ally(Store& store, bool with_archived,
                   const std::function<void(const AllyRow&)>& row);

// Allies, interactions, favors, introductions or tombstones: a JSON import into such a store
// needs MergeMode::merge. Settings and topics alone do not count.
bool store_is_empty(Store& store);

enum class MergeMode { empty_only, merge };

// What an import did with the records of one section.
struct ImportCounts {
  std::size_t added = 0;
  std::size_t updated = 0;   // the file's record was newer
  std::size_t unchanged = 0; // the same version was already here
  std::size_t skipped = 0;   // the store's record was newer, or it was deleted here
  std::size_t deleted = 0;   // removed by one of the file's tombstones
  ImportCounts& operator+=(const ImportCounts& other);
};

// True when the store holds no ally, setting or undo entry: a store only just made, which a
// failed import into a missing store may remove.
bool store_is_blank(Store& store);

// The largest record number an import keeps. SQLite's AUTOINCREMENT cannot go past 2^63-1, so
// a file numbering a record near it would leave a store where every `add` fails; 10^15 leaves
// room for thousands of years of adds and stays below 2^53, the largest integer every JSON
// reader (jq, JavaScript) holds exactly.
inline constexpr std::int64_t k_max_record_number = 1'000'000'000'000'000;

struct JsonImportReport {
  // One entry per section, in the export's order ("allies", "dates", ... "config").
  std::vector<std::pair<std::string, ImportCounts>> sections;
  bool kept_numbers = false; // imported into an empty store, so the numbers are the file's
  std::size_t records = 0;   // in the file
  // Records whose number was above k_max_record_number, given the next free one instead.
  std::size_t renumbered = 0;
  ImportCounts total() const;
};

// Imports an export. Into an empty store every record keeps its UUID, number and timestamps,
// so exporting again gives the same document. Otherwise (MergeMode::merge) records are matched
// by UUID: the newer updated_at wins, new records get fresh numbers, the file's tombstones
// delete (and are kept), and the store's tombstones keep deleted records out. Two records that
// are one setting, topic or labelled date under different UUIDs: the newer wins, on a tie the
// larger UUID. Importing the same file twice changes nothing the second time.
// Throws Conflict when the store is not empty and `mode` is empty_only, or a record names an
// ally that is neither in the file nor in the store ("interactions[4] (...): field
// "allies": ..."). REQUIRES: inside Store::write (the import is one transaction).
JsonImportReport import_json(Store& store, const ExportDocument& doc, MergeMode mode,
                             const Progress& progress = {});

// The same import of a file too large to hold: `source` hands the export's records to the
// sink in the file's order (read_export does), and is called two or three times — first to
// check the whole file and count it before anything is written, then to import record by
// record — so memory holds one record whatever the size of the file.
using ExportSource = std::function<void(ExportSink&)>;
JsonImportReport import_json(Store& store, const ExportSource& source, MergeMode mode,
                             const Progress& progress = {});

enum class CardResult { added, updated, unchanged, skipped };

struct CardOutcome {
  std::size_t card = 0; // 1-based position in the file
  std::size_t line = 0; // the line of the file it starts on
  std::string name;      // the card's
  std::string ally_name; // the ally's it went to, as ally knows it
  CardResult result = CardResult::unchanged;
  std::int64_t number = 0; // the ally it went to; 0 when skipped
  std::string id;
  // For a new ally: the ally with the same email or name it may be (0: none), for `ally merge`.
  std::int64_t duplicate_of = 0;
  std::vector<std::string> fields; // updated: the fields the card changed ("org", "emails")
  std::string reason;              // skipped: why
};

struct ContactImportReport {
  std::vector<CardOutcome> cards;
  // "card 3 (Bob): BDAY 'circa 1800' is text, not a date; ignored", one per problem.
  std::vector<std::string> warnings;
  std::size_t count(CardResult result) const;
};

// Merges contacts (intake.hpp: from vCards, LinkedIn, Google, Outlook, CSV) into the store,
// never two people into one. A contact is the ally whose id it carries (ally's own vCard export,
// "urn:uuid:<id>"), else the ally holding its identity (a vCard UID; all the identities an ally
// was imported under are kept, and `merge` unites them); a contact with a UID no ally has is a
// new ally. A LinkedIn identity ("linkedin:<profile>") is also the one ally holding that link,
// and failing both, is matched by email as a contact without identity is. A contact without
// identity is the one ally holding its emails, when no other contact of the file shares them
// and the first names agree; a phone number never matches (switchboards, family lines), nor
// does a name alone: a contact whose name (case aside, accents kept) is an ally's is that ally
// unchanged when the ally already holds everything it says, else a new ally. A new ally whose
// email or name is another's is reported as its possible duplicate. A match gets what the
// contact changed since its last import here: org, role, city and birthday (a birthday
// without a year keeps the year ally knows), the nicknames, emails, phones, links and tags it
// lacks, and how you met when the ally has none — never its name, notes, logs, favors or
// cadence; nothing changes (not even updated_at) when the contact brings nothing new. A new
// ally is untracked (no cadence) unless the contact has cadence_days, keeps the identity and
// takes the note as notes. A card of
// ally's own export whose ally was deleted since is skipped.
// REQUIRES: inside Store::write.
// Messages name a contact by its place: "card 3" in vCards, "line 4" in a CSV.
enum class ContactPlace { card, line };
ContactImportReport import_contacts(Store& store, const std::vector<IncomingContact>& contacts,
                                    const Progress& progress = {},
                                    ContactPlace place = ContactPlace::card);
ContactImportReport import_vcards(Store& store, const std::vector<VCard>& cards,
                                  const Progress& progress = {});

// What a calendar import needs besides the events.
struct CalendarRules {
  std::vector<std::string> my_emails; // `me.email`: whose events these are
  std::int64_t now = 0;               // seconds since the epoch: events starting from it are planned
  // A meeting with more people than this besides you is an all-hands, not a conversation.
  std::size_t max_people = 15;
};

// Why an event was not logged, one count each.
struct CalendarSkips {
  std::size_t future = 0, cancelled = 0, declined = 0, only_you = 0, no_ally = 0, large = 0,
              deleted = 0;
  std::size_t total() const {
    return future + cancelled + declined + only_you + no_ally + large + deleted;
  }
};

// An event logged as a conversation, or one logged at an earlier import.
struct MeetingOutcome {
  CardResult result = CardResult::added; // added, updated (date or allies) or unchanged
  std::int64_t number = 0;               // the interaction
  std::string id;
  Date day{};
  std::string summary;
  std::vector<std::int64_t> allies;
};

// A meeting with allies that has not started yet: kept for `ally agenda`, never a conversation.
struct PlannedMeeting {
  std::string id; // the event instance's identity, the id its conversation will have
  Date day{};
  std::int64_t start = 0; // seconds since the epoch
  std::string summary;
  std::vector<std::int64_t> allies; // ascending
  bool operator==(const PlannedMeeting&) const = default;
};

// Someone you met at a logged or unlogged event who is no ally (by email).
struct MetStranger {
  std::string email;
  std::string name; // the first name an event gave, else ""
  std::size_t meetings = 0;
  Date last{};
};

struct CalendarImportReport {
  std::vector<MeetingOutcome> meetings;
  std::vector<PlannedMeeting> planned; // by start, then id
  CalendarSkips skipped;
  std::vector<MetStranger> strangers; // most meetings first, then latest, then email
  std::size_t count(CardResult result) const;
};

// Logs each held event (one that started before rules.now) that an ally attended as one
// conversation of kind
// "meeting" with every such ally, dated its day, its summary as the note; the event's UID and
// recurrence id are kept on it, and its id is made from them, so the same event imported again
// (from this file, a newer export, or on another machine) is the same conversation: its day and
// allies follow the calendar, its note stays as you left it, and one you deleted stays deleted.
// People are matched by email only: yours (rules.my_emails) are you; an email held by exactly
// one active ally is that ally; rooms and resources are nobody. Skipped: future, cancelled and
// declined (by you) events, events of you alone, events no ally attended, events with more than
// rules.max_people others, and events whose conversation was deleted. An ally who declined is
// left out of the conversation. The events that have not started yet and pass the same rules
// become the store's planned meetings, replacing those of the previous calendar import (a
// meeting moved, cancelled or held since is no longer planned); they are this store's own, not
// exported or synced, since the next import of the calendar says them again.
// REQUIRES: inside Store::write.
CalendarImportReport import_calendar(Store& store, const IncomingCalendar& calendar,
                                     const CalendarRules& rules, const Progress& progress = {});

// The planned meetings on that day with an active ally, by start.
std::vector<PlannedMeeting> planned_meetings_on(Store& store, Date day);

// What became of one kind of record a history brings in.
struct HistoryCounts {
  std::size_t added = 0;
  std::size_t present = 0; // brought in by an earlier import: left as it is
  std::size_t deleted = 0; // brought in before and deleted since: not again
  std::size_t total() const { return added + present + deleted; }
};

struct HistoryImportReport {
  ContactImportReport contacts;
  HistoryCounts conversations, favors, introductions;
  std::vector<std::string> left_out; // the file's, then those whose people were not imported
};

// Another tool's history (friends, Monica): its contacts through import_contacts (a contact with
// a cadence keeps it when it becomes a new ally), then each conversation, favor and
// introduction between the allies they went to, under the id its identity gives
// (id_of_identity), so a second import adds nothing twice and what you deleted stays deleted.
// Records already in the store are left as they are: your edits win. A favor received that the
// source says was repaid counts as thanked. REQUIRES: inside Store::write.
HistoryImportReport import_history(Store& store, const IncomingHistory& history,
                                   const Progress& progress = {});

} // namespace ally
