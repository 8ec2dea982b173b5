#include "address.hpp"

namespace ally_ics {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

} // namespace

std::string trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string email_from_cal_address(std::string_view value) {
  std::string text = trim(value);
  constexpr std::string_view scheme = "mailto:";
  if (text.size() >= scheme.size()) {
    bool match = true;
    for (std::size_t i = 0; i < scheme.size(); ++i) match = match && lower(text[i]) == scheme[i];
    if (match) text = trim(std::string_view(text).substr(scheme.size()));
  }
  if (text.find('@') == std::string::npos) return {};
  return text;
}

} // namespace ally_ics
