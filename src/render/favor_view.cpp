#include "render/favor_view.hpp"

#include <ostream>

#include <fmt/format.h>

#include "render/records_json.hpp"

namespace ally {
namespace {

bool is_open_promise(const Favor& f) {
  return f.direction == FavorDirection::gave && f.due && !f.done;
}

// "3d late", "2w late": how long ago the due date passed, in format_relative's units.
std::string lateness(Date due, Date today) {
  if (days_between(due, today) == 1) return "1d late";
  std::string text = format_relative(due, today);
  constexpr std::string_view k_ago = " ago";
  if (text.size() > k_ago.size() && text.ends_with(k_ago)) text.resize(text.size() - k_ago.size());
  return text + " late";
}

} // namespace

std::string favor_direction_text(const Favor& favor) {
  return favor.direction == FavorDirection::gave ? "gave →" : "← got";
}

std::string favor_status_key(const Favor& f, Date today) {
  if (f.direction == FavorDirection::got) return f.thanked ? "thanked" : "not_thanked";
  if (f.done) return "done";
  if (is_open_promise(f)) return *f.due < today ? "late" : "promise";
  return "given";
}

std::string favor_status_text(const Favor& f, Date today) {
  std::string key = favor_status_key(f, today);
  if (key == "promise") return "promise due " + format_relative(*f.due, today);
  if (key == "late") return lateness(*f.due, today);
  if (key == "not_thanked") return "not thanked yet";
  if (key == "given") return "";
  return key;
}

nlohmann::json favor_json(const Favor& favor, const std::string& ally_name, Date today) {
  auto j = to_json(favor);
  j["ally_name"] = ally_name;
  j["status"] = favor_status_key(favor, today);
  return j;
}

std::string balance_sentence(const FavorBalance& recent, const FavorBalance& all_time) {
  return fmt::format("You gave {}, got {} in the last 12 months; {} / {} all time.", recent.gave,
                     recent.got, all_time.gave, all_time.got);
}

void render_favors(std::ostream& out, const std::vector<Favor>& favors,
                   const std::map<std::int64_t, std::string>& names, Date today,
                   const Style& style, std::size_t width) {
  // The favor's text goes last: on a narrow terminal it is the column that gives way.
  Table table({"#", "DATE", "WHO", "WAY", "STATUS", "FAVOR"});
  for (const auto& f : favors) {
    auto name = names.find(f.ally);
    table.add({std::to_string(f.meta.number), format_date(f.date),
               name == names.end() ? fmt::format("#{}", f.ally) : name->second,
               favor_direction_text(f), favor_status_text(f, today), f.text});
  }
  table.print(out, style, width);
}

} // namespace ally
