#include "ally/links.hpp"

#include "ally/text.hpp"

namespace ally {
namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && lower_ascii(text.substr(0, prefix.size())) == prefix;
}

} // namespace

std::string link_key(std::string_view link) {
  std::string text = trim(link);
  std::string_view rest(text);
  for (std::string_view scheme : {"https://", "http://"}) {
    if (starts_with_ci(rest, scheme)) {
      rest.remove_prefix(scheme.size());
      break;
    }
  }
  auto end = rest.find_first_of("/?#");
  std::string host = lower_ascii(std::string(rest.substr(0, end)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string path(end == std::string_view::npos ? std::string_view() : rest.substr(end));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return host + path;
}

bool looks_like_link(std::string_view text) {
  if (text.empty()) return false;
  for (unsigned char c : text) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  std::string_view rest = text;
  bool scheme = false;
  for (std::string_view s : {"https://", "http://"}) {
    if (starts_with_ci(rest, s)) {
      rest.remove_prefix(s.size());
      scheme = true;
      break;
    }
  }
  auto end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, end);
  if (host.empty() || host.find('@') != std::string_view::npos) return false;
  if (scheme) return true;
  return host.find('.') != std::string_view::npos && end != std::string_view::npos;
}

} // namespace ally
