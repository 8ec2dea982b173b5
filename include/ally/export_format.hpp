#pragma once
// The JSON export format (docs/json-format.md, docs/ally-export.schema.json): every record as
// the export writes it, and a validating reader for untrusted files. In the file, records
// refer to allies by UUID, never by this store's numbers. No database in sight.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ally/model.hpp"

namespace ally {

// Version 2 (this round): allies' links, snooze_all and vcard_uids (for v1's vcard_uid),
// interactions' calendar source, the to_bring_up section. Version 1 files still import.
inline constexpr int k_export_version = 2;
// The longest text field ally accepts anywhere (1 MiB): far above any real note, far below what
// would exhaust memory. One limit for what is typed (arguments, the editor), imported, exported
// and synced, so nothing accepted here is refused by another store.
inline constexpr std::size_t k_max_import_text = std::size_t{1} << 20;
// Ally exports nest 4 levels; anything deeper than this is not one.
inline constexpr int k_max_import_depth = 32;

// Records that name allies, with the allies' UUIDs (the number fields of `record` that would
// name allies are unused).
struct PortableDate {
  ImportantDate record;
  std::string ally;
};
struct PortableInteraction {
  Interaction record;
  std::vector<std::string> allies;
};
struct PortableFavor {
  Favor record;
  std::string ally;
};
struct PortableIntroduction {
  Introduction record;
  std::string a;
  std::string b;
};
struct PortableToBringUp {
  ToBringUp record;
  std::string ally;
};
// One `ally config` setting; meta.number is unused (settings are keyed by name).
struct ConfigEntry {
  std::string key;
  std::string value;
  RecordMeta meta;
};

// A whole export. Vectors keep the file's order, so `allies[i]` is the i-th ally of the file.
struct ExportDocument {
  std::string exported_at;
  std::vector<Ally> allies;
  std::vector<PortableDate> dates;
  std::vector<Interest> interests;
  std::vector<PortableInteraction> interactions;
  std::vector<PortableFavor> favors;
  std::vector<PortableIntroduction> introductions;
  std::vector<PortableToBringUp> to_bring_up;
  std::vector<Tombstone> tombstones;
  std::vector<ConfigEntry> config;

  std::size_t record_count() const;
};

// The record kinds a tombstone may name ("ally", "interaction", ...), and the section of the
// export that holds records of that kind ("allies", "interactions", ...).
const std::vector<std::string>& tombstone_kinds();
std::string section_of_kind(const std::string& kind);
std::string kind_of_section(const std::string& section);

// One record as the export writes it: keys in a fixed order, dates as "YYYY-MM-DD" or null,
// derived data (last contact) left out. Allies carry their topic names in "interests"; config
// entries are the value under their key in "config".
nlohmann::ordered_json export_record(const Ally& ally);
nlohmann::ordered_json export_record(const PortableDate& date);
nlohmann::ordered_json export_record(const Interest& interest);
nlohmann::ordered_json export_record(const PortableInteraction& interaction);
nlohmann::ordered_json export_record(const PortableFavor& favor);
nlohmann::ordered_json export_record(const PortableIntroduction& introduction);
nlohmann::ordered_json export_record(const PortableToBringUp& item);
nlohmann::ordered_json export_record(const Tombstone& tombstone);
nlohmann::ordered_json export_record(const ConfigEntry& entry);

// Reads and validates an export. Throws Conflict naming what is wrong: not JSON (with line and
// column), nested too deep, not an ally export, an unknown version, or a bad record named by
// section, index and name and the field ("allies[3] ("Rachel Green"): field "emails":
// expected an array of strings"). Checks each record on its own (types, required fields,
// dates, UUIDs, duplicate ids); references between records are the importer's to check.
// Never crashes, whatever the bytes.
ExportDocument parse_export(std::string_view bytes);

// Receives an export's records one at a time, in the file's order, as they are read.
class ExportSink {
public:
  virtual ~ExportSink() = default;
  virtual void ally(const Ally&) {}
  virtual void date(const PortableDate&) {}
  virtual void interest(const Interest&) {}
  virtual void interaction(const PortableInteraction&) {}
  virtual void favor(const PortableFavor&) {}
  virtual void introduction(const PortableIntroduction&) {}
  virtual void to_bring_up(const PortableToBringUp&) {}
  virtual void tombstone(const Tombstone&) {}
  virtual void config(const ConfigEntry&) {}
};

// parse_export for files too large to hold: reads `in` record by record, handing each to
// `sink`, so memory holds one record (and the ids seen, to refuse duplicates) whatever the
// size. The same checks and messages as parse_export; a problem throws Conflict, possibly after
// records before it reached the sink, so read a file once to check it before acting on it.
void read_export(std::istream& in, ExportSink& sink);
void read_export(std::string_view bytes, ExportSink& sink);

} // namespace ally
