#include "render/list_lines.hpp"

#include <ostream>

#include <fmt/format.h>

#include "ally/text.hpp"

namespace ally {

void section(std::ostream& out, const Style& style, const char* title) {
  out << '\n' << style.bold(title) << '\n';
}

std::string excerpt(const std::string& text, std::size_t fixed, std::size_t width) {
  if (width == 0) return visible(text, Breaks::space);
  return truncate_to_width(text, width > fixed ? width - fixed : 1);
}

std::string due_words(Date due, Date today) {
  int days = days_between(today, due);
  if (days == 0) return "due today";
  if (days > 0) return "due " + format_relative(due, today);
  return fmt::format("was due {}", format_relative(due, today));
}

std::string comma_joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

} // namespace ally
