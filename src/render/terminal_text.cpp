#include "render/terminal_text.hpp"

#include <random>

#include "ally/text.hpp"

namespace ally {
namespace {

// Sixteen random hex digits: stored text would have to guess 64 bits to fake a colour code.
const std::string& token() {
  static const std::string value = [] {
    std::random_device source;
    std::uniform_int_distribution<int> digit(0, 15);
    std::string out;
    for (int i = 0; i < 16; ++i) out += "0123456789abcdef"[digit(source)];
    return out;
  }();
  return value;
}

// The length of a style code at the start of `text` (ESC token "[" digits "m"), or 0.
std::size_t style_code_at(std::string_view text) {
  const std::string& t = token();
  if (text.size() < 2 + t.size() || text[0] != '\x1b' || text.substr(1, t.size()) != t ||
      text[1 + t.size()] != '[')
    return 0;
  std::size_t end = 2 + t.size();
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return end < text.size() && text[end] == 'm' && end > 2 + t.size() ? end + 1 : 0;
}

} // namespace

std::string style_code(std::string_view code) {
  std::string out = "\x1b" + token() + "[";
  out += code;
  out += 'm';
  return out;
}

std::string for_terminal(std::string_view text) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t pos = text.find('\x1b'); pos != std::string_view::npos; pos = text.find('\x1b', pos + 1)) {
    const std::size_t length = style_code_at(text.substr(pos));
    if (length == 0) continue;
    out += visible(text.substr(from, pos - from), Breaks::keep);
    out += "\x1b[";
    out += text.substr(pos + 2 + token().size(), length - 2 - token().size() - 1);
    out += 'm';
    from = pos + length;
    pos = from - 1;
  }
  out += visible(text.substr(from), Breaks::keep);
  return out;
}

TerminalBuf::int_type TerminalBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  m_pending += traits_type::to_char_type(c);
  if (m_pending.back() == '\n') drain(false);
  return c;
}

std::streamsize TerminalBuf::xsputn(const char* s, std::streamsize n) {
  m_pending.append(s, static_cast<std::size_t>(n));
  // A long listing goes out in pieces of whole lines, never split inside a character or a code.
  if (m_pending.size() >= 1 << 16) drain(false);
  return n;
}

int TerminalBuf::sync() {
  drain(true);
  return m_target->pubsync() == 0 ? 0 : -1;
}

void TerminalBuf::drain(bool all) {
  const std::size_t end = all ? m_pending.size() : m_pending.rfind('\n') + 1;
  if (end == 0 || end > m_pending.size()) return;
  const std::string shown = for_terminal(std::string_view(m_pending).substr(0, end));
  m_target->sputn(shown.data(), static_cast<std::streamsize>(shown.size()));
  m_pending.erase(0, end);
}

} // namespace ally
