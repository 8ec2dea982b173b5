#include "sync/layout.hpp"

#include <algorithm>

namespace ally::sync {
namespace {

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

} // namespace

bool is_section(std::string_view name) {
  return std::any_of(k_sections.begin(), k_sections.end(),
                     [&](const char* s) { return name == s; });
}

PathKind path_kind(std::string_view path) {
  if (path == k_format_file)
    return PathKind::format;
  if (path == ".gitattributes")
    return PathKind::attributes;
  auto slash = path.find('/');
  if (slash == std::string_view::npos) {
    if (path == ".gitignore" || path.rfind("README", 0) == 0 || path.rfind("LICENSE", 0) == 0)
      return PathKind::ignored;
    return PathKind::other;
  }
  std::string_view file = path.substr(slash + 1);
  if (is_section(path.substr(0, slash)) && file.size() == 8 && is_lower_hex(file[0]) &&
      is_lower_hex(file[1]) && file.substr(2) == ".jsonl") {
    return PathKind::record;
  }
  return PathKind::other;
}

} // namespace ally::sync
