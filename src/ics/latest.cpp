#include "latest.hpp"

#include <string>
#include <unordered_map>

#include "ical_time.hpp"

namespace ally_ics {

std::vector<Vevent> keep_latest(std::vector<Vevent> events) {
  std::unordered_map<std::string, std::size_t> slot_of; // key → index in `kept`
  std::vector<Vevent> kept;
  kept.reserve(events.size());
  for (auto& event : events) {
    if (event.uid.empty()) {
      kept.push_back(std::move(event));
      continue;
    }
    std::string key = event.uid;
    key += '\x1f'; // cannot occur in either part: the parser unfolds lines, never adds controls
    if (event.recurrence_id) key += recurrence_id_text(*event.recurrence_id);
    auto [it, inserted] = slot_of.try_emplace(std::move(key), kept.size());
    if (inserted) {
      kept.push_back(std::move(event));
    } else if (event.sequence >= kept[it->second].sequence) {
      kept[it->second] = std::move(event);
    }
  }
  return kept;
}

} // namespace ally_ics
