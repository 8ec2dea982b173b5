// The merge driver's rules: three versions of a record file merged record by record.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <tuple>

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

// One record changed on both sides: the newer wins. Two different versions of one time (clocks
// pinned, or the same millisecond) are settled by the larger line, made one millisecond newer
// so that the stores, which keep their own version on a tie, all take it.
std::string newer(const std::string& a, const std::string& b) {
  if (a == b)
    return a;
  auto ja = ordered_json::parse(a, nullptr, false);
  auto jb = ordered_json::parse(b, nullptr, false);
  if (!ja.is_object() || !jb.is_object())
    return std::max(a, b);
  std::string ta = time_of(ja), tb = time_of(jb);
  if (ta != tb)
    return ta > tb ? a : b;
  auto& winner = a > b ? ja : jb;
  winner[time_key(winner)] = one_ms_later(ta);
  return winner.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

} // namespace

std::string merge_record_files(std::string_view base, std::string_view ours,
                               std::string_view theirs) {
  Records o = records_of(base), a = records_of(ours), b = records_of(theirs);
  std::string out;
  auto keep = [&](const std::string& line) {
    out += line;
    out += '\n';
  };
  // Both maps are sorted by id: walk them together.
  auto ia = a.begin(), ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    bool take_a = ib == b.end() || (ia != a.end() && ia->first < ib->first);
    bool take_b = ia == a.end() || (ib != b.end() && ib->first < ia->first);
    if (!take_a && !take_b) {
      keep(newer(ia->second, ib->second));
      ++ia;
      ++ib;
      continue;
    }
    auto& it = take_a ? ia : ib;
    // Only one side has it: new there, or deleted on the other side (deletions win: a store
    // removes a record's line only when it deleted the record, leaving a tombstone).
    if (!o.count(it->first))
      keep(it->second);
    ++it;
  }
  return out;
}

} // namespace ally
