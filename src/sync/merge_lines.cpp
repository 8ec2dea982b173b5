// The merge driver's rules: three versions of a record file merged record by record, and a
// record changed on both sides merged field by field against the common ancestor.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "ally/error.hpp"
#include "ally/sync.hpp"

namespace ally {
namespace {

using nlohmann::ordered_json;

// The file's lines by record id.
using Records = std::map<std::string, std::string, std::less<>>;

std::string id_of(std::string_view line) {
  // ally writes every line as {"id":"<uuid>",...}; anything else is read as JSON.
  constexpr std::string_view k_prefix = R"({"id":")";
  if (line.size() > k_prefix.size() + 37 && line.substr(0, k_prefix.size()) == k_prefix &&
      line[k_prefix.size() + 36] == '"') {
    return std::string(line.substr(k_prefix.size(), 36));
  }
  auto record = ordered_json::parse(line, nullptr, false);
  if (record.is_object() && record.contains("id") && record["id"].is_string())
    return record["id"].get<std::string>();
  throw Conflict(fmt::format("not a record line: '{}'", line.substr(0, 60)));
}

Records records_of(std::string_view text) {
  Records out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty())
      out[id_of(line)] = std::string(line);
    start = end + 1;
  }
  return out;
}

const char* time_key(const ordered_json& record) {
  return record.contains("deleted_at") ? "deleted_at" : "updated_at";
}

std::string time_of(const ordered_json& record) {
  auto it = record.find(time_key(record));
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string dumped(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ" one millisecond later; other text is left as it is.
std::string one_ms_later(const std::string& stamp) {
  using namespace std::chrono;
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (stamp.size() != 24 ||
      std::sscanf(stamp.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u.%3uZ", &y, &mo, &d, &h, &mi, &s, &ms) !=
          7) {
    return stamp;
  }
  sys_days date{year{y} / month{mo} / day{d}};
  auto t = sys_time<milliseconds>(date) + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms} +
           milliseconds{1};
  auto new_day = floor<days>(t);
  year_month_day ymd{new_day};
  hh_mm_ss<milliseconds> tod{t - new_day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     tod.hours().count(), tod.minutes().count(), tod.seconds().count(),
                     tod.subseconds().count());
}

bool is_meta(const std::string& key) {
  return key == "id" || key == "created_at" || key == "updated_at";
}

// What a record is called in a report: its name or label, else nothing (the caller numbers it).
std::string name_of(const ordered_json& record) {
  for (const char* key : {"name", "label", "key"}) {
    auto it = record.find(key);
    if (it != record.end() && it->is_string())
      return it->get<std::string>();
  }
  return {};
}

// A list field changed on both sides: what the ancestor had, less what either side removed,
// plus what either side added (the later side's additions first), without repeats.
ordered_json merged_set(const ordered_json& base, const ordered_json& later,
                        const ordered_json& earlier) {
  auto has = [](const ordered_json& list, const ordered_json& v) {
    return list.is_array() && std::find(list.begin(), list.end(), v) != list.end();
  };
  ordered_json out = ordered_json::array();
  auto add = [&](const ordered_json& v) {
    if (!has(out, v))
      out.push_back(v);
  };
  if (base.is_array()) {
    for (const auto& v : base) {
      if (has(later, v) && has(earlier, v))
        add(v);
    }
  }
  for (const auto* side : {&later, &earlier}) {
    if (!side->is_array())
      continue;
    for (const auto& v : *side) {
      if (!has(base, v))
        add(v);
    }
  }
  return out;
}

class FileMerge {
public:
  explicit FileMerge(std::string section) : m_section(std::move(section)) {}

  // One record both sides have, with its ancestor when there is one.
  std::string record(const std::string* base, const std::string& a, const std::string& b) {
    if (a == b)
      return a;
    auto ja = ordered_json::parse(a, nullptr, false);
    auto jb = ordered_json::parse(b, nullptr, false);
    if (!ja.is_object() || !jb.is_object())
      return std::max(a, b);
    std::optional<ordered_json> jo;
    if (base) {
      auto parsed = ordered_json::parse(*base, nullptr, false);
      if (parsed.is_object())
        jo = std::move(parsed);
    }
    // Which side changed last: the later time, and on a tie the larger line, so that both
    // sides of a merge decide alike.
    std::string ta = time_of(ja), tb = time_of(jb);
    bool a_later = ta != tb ? ta > tb : a > b;
    const ordered_json& later = a_later ? ja : jb;
    const ordered_json& earlier = a_later ? jb : ja;
    // Tombstones and records without an ancestor (made twice under one id) are whole values.
    if (!jo || m_section == "tombstones")
      return bumped(later, a_later ? a : b, later, earlier, a_later ? ta : tb, a_later ? tb : ta);

    ordered_json merged = ordered_json::object();
    auto keys = ordered_json::array();
    for (const auto* side : {&ja, &jb}) {
      for (const auto& [key, value] : side->items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
          keys.push_back(key);
      }
    }
    for (const auto& key_json : keys) {
      std::string key = key_json.get<std::string>();
      if (is_meta(key)) {
        merged[key] = later.contains(key) ? later[key] : earlier[key];
        continue;
      }
      ordered_json none;
      const ordered_json& o = jo->contains(key) ? (*jo)[key] : none;
      const ordered_json& va = ja.contains(key) ? ja[key] : none;
      const ordered_json& vb = jb.contains(key) ? jb[key] : none;
      if (va == vb || vb == o)
        merged[key] = va;
      else if (va == o)
        merged[key] = vb;
      else if (va.is_array() && vb.is_array())
        merged[key] = merged_set(o, a_later ? va : vb, a_later ? vb : va);
      else {
        const ordered_json& kept = a_later ? va : vb;
        const ordered_json& lost = a_later ? vb : va;
        merged[key] = kept;
        SyncConflict c;
        c.section = m_section;
        c.id = later.value("id", std::string());
        c.name = name_of(later);
        c.field = key;
        c.kept = dumped(kept);
        c.replaced = dumped(lost);
        c.kept_side = a_later ? "ours" : "theirs";
        c.replaced_side = a_later ? "theirs" : "ours";
        c.kept_time = a_later ? ta : tb;
        c.replaced_time = a_later ? tb : ta;
        conflicts.push_back(std::move(c));
      }
    }
    return bumped(merged, a_later ? a : b, later, earlier, a_later ? ta : tb, a_later ? tb : ta);
  }

  // One side deleted a record (its line is gone, its tombstone travels in tombstones/) that
  // the other side changed since the ancestor: the deletion wins, and the edit is reported.
  void deleted(const std::string& base, const std::string& kept_by_other, bool deleted_here) {
    if (base == kept_by_other)
      return;
    auto edited = ordered_json::parse(kept_by_other, nullptr, false);
    SyncConflict c;
    c.section = m_section;
    c.id = edited.is_object() ? edited.value("id", std::string()) : std::string();
    c.name = edited.is_object() ? name_of(edited) : std::string();
    c.kept = "null";
    c.replaced = kept_by_other;
    c.kept_side = deleted_here ? "ours" : "theirs";
    c.replaced_side = deleted_here ? "theirs" : "ours";
    c.replaced_time = edited.is_object() ? time_of(edited) : std::string();
    conflicts.push_back(std::move(c));
  }

  std::vector<SyncConflict> conflicts;

private:
  // The merged record, its time made later than both sides' whenever it differs from the
  // later one (else the store whose version looks newer keeps its own and loses a change).
  static std::string bumped(ordered_json merged, const std::string& later_line,
                            const ordered_json& later, const ordered_json& earlier,
                            const std::string& t_later, const std::string& t_earlier) {
    auto body = [](ordered_json j) {
      j.erase("updated_at");
      j.erase("deleted_at");
      return j;
    };
    auto merged_body = body(merged);
    if (merged_body == body(later) && (t_later > t_earlier || merged_body == body(earlier)))
      return later_line;
    merged[time_key(merged)] = one_ms_later(std::max(t_later, t_earlier));
    return dumped(merged);
  }

  std::string m_section;
};

} // namespace

RecordMerge merge_record_files(std::string_view base, std::string_view ours,
                               std::string_view theirs, const std::string& section) {
  Records o = records_of(base), a = records_of(ours), b = records_of(theirs);
  FileMerge merge(section);
  RecordMerge out;
  auto keep = [&](const std::string& line) {
    out.text += line;
    out.text += '\n';
  };
  // Both maps are sorted by id: walk them together.
  auto ia = a.begin(), ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    bool take_a = ib == b.end() || (ia != a.end() && ia->first < ib->first);
    bool take_b = ia == a.end() || (ib != b.end() && ib->first < ia->first);
    if (!take_a && !take_b) {
      auto found = o.find(ia->first);
      keep(merge.record(found == o.end() ? nullptr : &found->second, ia->second, ib->second));
      ++ia;
      ++ib;
      continue;
    }
    auto& it = take_a ? ia : ib;
    // Only one side has it: new there, or deleted on the other side (deletions win: a store
    // removes a record's line only when it deleted the record, leaving a tombstone).
    auto found = o.find(it->first);
    if (found == o.end())
      keep(it->second);
    else
      merge.deleted(found->second, it->second, /*deleted_here=*/take_b);
    ++it;
  }
  out.conflicts = std::move(merge.conflicts);
  return out;
}

} // namespace ally
