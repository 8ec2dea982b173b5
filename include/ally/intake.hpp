#pragma once
// Bringing a network in from where it already lives: every import format is a parser here that
// turns a file into the same neutral records, with no database or terminal in sight; one store
// path then matches and merges them by the identity rules (docs/manual, "import"). A parser
// never crashes, whatever the bytes: a file it cannot read throws Conflict naming the line.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ally/date.hpp"

namespace ally {

// One contact as a file describes it. Empty fields are absent.
struct IncomingContact {
  // What identifies this contact in its source across exports: a vCard UID, "linkedin:" and the
  // profile link's link_key(), a Google/Outlook contact has none (""). Never a phone or a name.
  std::string identity;
  std::string name;   // as shown: FN, or "First Last"
  std::string given;  // first name, when the format says
  std::string family; // last name, when the format says
  std::vector<std::string> nicknames;
  std::vector<std::string> emails; // valid-looking addresses only (never "urn:li:member:…")
  std::vector<std::string> phones; // as written
  std::vector<std::string> links;
  std::vector<std::string> tags; // labels, groups, categories
  std::string org;
  std::string role;
  std::string city;
  std::string note;
  std::string met; // how you met: "connected on LinkedIn, 2025-12-22"
  std::optional<YearlessDate> birthday;
  std::optional<int> cadence_days; // how often to keep in touch, when the source says (Monica)
  std::size_t line = 0; // 1-based line of the file where the record starts
  // Values present but not usable (a birthday that is not a date), one sentence each.
  std::vector<std::string> warnings;
};

// RFC 4180 CSV: fields separated by commas, quoted with '"' ("" inside quotes is one quote),
// records ending in CRLF or LF, quoted fields may hold line breaks. A UTF-8 byte-order mark is
// dropped. Each record with the 1-based line it starts on. Throws Conflict for an unterminated
// quote (naming its line).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};
std::vector<CsvRecord> read_csv(std::string_view bytes);

// The CSV layouts ally reads, by their `--format` names.
enum class CsvFormat { linkedin, google, outlook, ally, mapped };

// The layout a CSV file's header says, or nullopt when it is none of those ally knows (then
// `--format csv --map …` is needed). LinkedIn's header may follow a preamble of notes.
std::optional<CsvFormat> detect_csv_format(std::string_view bytes);

// The names in a CSV file's header (after LinkedIn's preamble), for the message that says no
// layout fits; empty when the file has no header.
std::vector<std::string> csv_header_names(std::string_view bytes);

// The contacts of a file of that layout. `map` is for CsvFormat::mapped only:
// "Full Name=name,Mail=email,…" (header=field pairs; fields: name, given, family, nickname,
// email, phone, link, tag, org, role, city, note, met, birthday). Throws Conflict when the header
// is not that layout's (naming the headers found) or the map names an unknown field or column.
std::vector<IncomingContact> parse_contacts_csv(std::string_view bytes, CsvFormat format,
                                                const std::string& map = {});

// One person on a calendar event, as the file names them.
struct IncomingPerson {
  std::string email; // lower-case; "" when the event gives none (then they are nobody we know)
  std::string name;  // CN
  std::string partstat; // ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION… ("" when not said)
  std::string cutype;   // INDIVIDUAL, ROOM, RESOURCE, GROUP… ("" means INDIVIDUAL)
  bool is_person() const; // an individual, not a room, a projector or a mailing list
};

// One occurrence of a calendar event: a single event, or one instance of a recurring one.
struct IncomingEvent {
  std::string uid;           // the event's UID
  std::string recurrence_id; // which instance of a recurring event ("" for a single event)
  Date day{};                // the local day it starts on
  std::int64_t start = 0;    // when it starts, seconds since the epoch (all-day: local midnight)
  std::string status;        // CONFIRMED, TENTATIVE, CANCELLED or ""
  std::string summary;
  std::optional<IncomingPerson> organizer;
  std::vector<IncomingPerson> attendees;
};

struct IncomingCalendar {
  std::vector<IncomingEvent> events; // in the range asked for, recurrences expanded
  std::size_t without_start = 0;     // events with no usable start: skipped
  std::size_t outside_range = 0;     // events (or whole series) outside the range asked for
};

// The events of a calendar as the ally-ics helper prints them (src/ics/main.cpp describes the
// JSON). The helper reads the untrusted .ics with libical; this checks what it says as
// strictly as any other input. Throws Conflict when the output is not that JSON.
IncomingCalendar calendar_of_helper_output(std::string_view json);

// The events of an iCalendar file's bytes that start between `from` and `to` (seconds since the
// epoch), read by running the ally-ics helper at `helper` (local days in the TZ ally runs in).
// Throws Conflict naming the problem when the file is not a calendar it can read (or expands
// beyond its limits), Error when the helper cannot be run.
IncomingCalendar read_calendar(const std::string& helper, std::string_view bytes,
                               std::int64_t from, std::int64_t to);

// The history another relationship tool kept (friends, Monica): its people as contacts, and what
// happened between you, each pointing at its people by their index in `contacts`. Every record
// has an identity that stays the same across exports of the same file, so a second import
// finds what the first one brought in.
struct IncomingConversation {
  std::string identity;
  Date day{};
  std::string kind = "other"; // one of interaction_kinds()
  std::string note;
  std::vector<std::size_t> people;
  std::size_t line = 0;
};

struct IncomingFavor {
  std::string identity;
  std::size_t person = 0;
  bool you_gave = true; // you helped them (gave), else they helped you (got)
  std::string text;
  Date date{};
  bool settled = false; // repaid: a favor received counts as thanked
};

// `a` and `b` know each other through an introduction ("first met through").
struct IncomingIntroduction {
  std::string identity;
  std::size_t a = 0, b = 0;
  Date date{};
  std::string note;
};

struct IncomingHistory {
  std::vector<IncomingContact> contacts;
  std::vector<IncomingConversation> conversations;
  std::vector<IncomingFavor> favors;
  std::vector<IncomingIntroduction> introductions;
  // What the file holds that is not imported, one sentence each naming its line or record
  // ("line 12: no date: went hiking with **Ann**"): never given today's date or guessed.
  std::vector<std::string> left_out;
};

// JacobEvelyn/friends' friends.md: "### Friends:" lines `- Name (a.k.a. Nick a.k.a. Other)
// [Location] @tag` become contacts (the location their city); "### Activities:" lines
// `- YYYY-MM-DD: text with **Name**` conversations with those friends; "### Notes:" lines the
// friends' notes, dated. A friend's identity is "friends:" and their name, which the file
// keeps unique. Throws Conflict when the file has no friends.md section at all.
IncomingHistory parse_friends_md(std::string_view bytes);

// Monica 4.x's JSON export (version "1.0-preview.1"): contacts with their contact fields
// (emails, phones), tags, birthdate (without a year when `is_year_unknown`), job, company,
// description and notes, city of their first address, stay-in-touch frequency as cadence;
// activities (their participants are listed by each contact) and calls as conversations;
// debts as favors; first_met_through as an introduction; relationships, once per pair, as a
// line of both contacts' notes. Identities are "monica:" and Monica's uuid. Throws Conflict
// when the JSON is not such an export.
IncomingHistory parse_monica_json(std::string_view bytes);

struct VCard;

// A vCard as the neutral record: its UID the identity, FN (or what display_name gives) the
// name, TITLE the role, CATEGORIES the tags, URL the links.
IncomingContact incoming_of(const VCard& card);
std::vector<IncomingContact> incoming_of(const std::vector<VCard>& cards);

} // namespace ally
