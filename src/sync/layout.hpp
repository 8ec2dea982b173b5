#pragma once
// What a sync repository holds, and nothing else: ally-sync.json, .gitattributes and the
// record files <section>/<2 hex digits>.jsonl. Top-level README*, LICENSE* and .gitignore (what
// a git host puts in a new repository) are tolerated and ignored.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace ally::sync {

// The sections as the import needs them: tombstones first (they keep deleted records out),
// then what others refer to.
inline constexpr std::array<const char*, 9> k_sections{
    "tombstones", "config", "interests", "allies", "dates", "interactions", "favors",
    "introductions", "to_bring_up"};
inline constexpr const char* k_format_file = "ally-sync.json";
// Version 2: records merged field by field; stores label their commits. Version 3: records in
// export version 2 (links, vcard_uids, snooze_all, calendar sources, to_bring_up), which an
// ally that reads version 2 would refuse record by record instead of asking for an upgrade.
inline constexpr int k_format_version = 3;
inline constexpr const char* k_format_text = "{\"format\": \"ally-sync\", \"version\": 3}\n";
inline constexpr const char* k_attributes =
    "# ally merges its record files record by record (ally sync).\n"
    "*.jsonl -text merge=ally\n";
// A record file that large is no shard ally wrote (1M conversations make ~1.2 MB shards).
inline constexpr std::size_t k_max_record_file = std::size_t{512} << 20;
inline constexpr std::size_t k_max_small_file = std::size_t{64} << 10;

bool is_section(std::string_view name);

enum class PathKind { record, format, attributes, ignored, other };

// What `path` (relative to the repository's top) is in the layout.
PathKind path_kind(std::string_view path);

} // namespace ally::sync
