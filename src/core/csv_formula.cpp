#include "ally/csv_formula.hpp"

namespace ally {
namespace {

bool starts_formula(std::string_view text) {
  if (text.empty())
    return false;
  switch (text.front()) {
  case '=':
  case '@':
  case '\t':
  case '\r':
  case '\'':
    return true;
  case '+':
  case '-':
    return !looks_like_phone(text);
  default:
    return false;
  }
}

} // namespace

bool looks_like_phone(std::string_view text) {
  int digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')' && c != '.' && c != '/' &&
             c != ';')
      return false;
  }
  return digits >= 3;
}

std::string neutralised_cell(std::string_view text) {
  return starts_formula(text) ? "'" + std::string(text) : std::string(text);
}

std::string unneutralised_cell(std::string_view text) {
  if (text.size() >= 2 && text.front() == '\'' && starts_formula(text.substr(1)))
    text.remove_prefix(1);
  return std::string(text);
}

} // namespace ally
