#include "render/date_view.hpp"

#include <fmt/format.h>

#include "ally/text.hpp"

namespace ally {

bool is_birthday_label(const std::string& label) {
  const std::string folded = fold(trim(label));
  return folded == "birthday" || folded == "bday";
}

std::string years_words(const ImportantDate& date, Date next) {
  if (!date.yearly) return {};
  const auto years = years_on(date.date, next);
  if (!years) return {};
  if (is_birthday_label(date.label)) return fmt::format("turns {}", *years);
  return fmt::format("{} year{}", *years, *years == 1 ? "" : "s");
}

} // namespace ally
