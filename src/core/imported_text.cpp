// Decoding and cleaning imported text (include/ally/imported_text.hpp).
#include "ally/imported_text.hpp"

#include <array>

#include "ally/text.hpp"

namespace ally {
namespace imported_text {
namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// U+0080..U+009F in UTF-8 (C2 80..C2 9F): the C1 controls, CSI among them, which Windows-1252's
// unassigned bytes also decode to.
bool is_c1_control_at(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
         static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (E2 80 A8, E2 80 A9).
bool is_unicode_break_at(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && text.substr(i, 2) == "\xE2\x80" &&
         (text[i + 2] == '\xA8' || text[i + 2] == '\xA9');
}

} // namespace
} // namespace imported_text

std::string cp1252_to_utf8(std::string_view text) {
  static constexpr std::array<char16_t, 32> k_high{
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    append_utf8(out, byte >= 0x80 && byte < 0xA0 ? k_high[byte - 0x80] : char32_t{byte});
  }
  return out;
}

std::string utf8_or_cp1252(std::string_view text) {
  return is_valid_utf8(text) ? std::string(text) : cp1252_to_utf8(text);
}

std::string imported_line(std::string_view text) {
  using namespace imported_text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (is_unicode_break_at(text, i)) {
      out += ' ';
      i += 2;
    } else if (is_c1_control_at(text, i)) {
      ++i;
    } else if (!is_control(static_cast<unsigned char>(c))) {
      out += c;
    }
  }
  return trim(out);
}

std::string imported_lines(std::string_view text) {
  using namespace imported_text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
      out += '\n';
    } else if (is_unicode_break_at(text, i)) {
      out += '\n';
      i += 2;
    } else if (is_c1_control_at(text, i)) {
      ++i;
    } else if (c == '\n' || c == '\t' || !is_control(static_cast<unsigned char>(c))) {
      out += c;
    }
  }
  return out;
}

} // namespace ally
