// vCard reading and writing. The reader works in four passes over the bytes:
//   1. split into physical lines (any mix of CRLF, LF, CR),
//   2. join folded lines and quoted-printable soft line breaks into logical lines,
//   3. cut each logical line into group, name, parameters and raw value,
//   4. per card, decode the values we use: transfer encoding, then charset, then the
//      backslash escapes of the card's version.
// Charset conversion comes before unescaping on purpose: in Shift_JIS the second byte of a
// character may be 0x5C, the backslash.
#include "ally/vcard.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <map>
#include <unordered_set>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/export_format.hpp"
#include "ally/imported_text.hpp"
#include "ally/text.hpp"

namespace ally {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::size_t k_fold_octets = 75;                  // RFC 6350 3.2, without the CRLF

// ---------------------------------------------------------------------------------------------
// ASCII helpers. vCard names and parameters are ASCII and case-insensitive.

bool is_blank(char c) { return c == ' ' || c == '\t'; }

char upper_ascii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = upper_ascii(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (upper_ascii(a[i]) != upper_ascii(b[i]))
      return false;
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool is_digits(std::string_view text) {
  if (text.empty())
    return false;
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  return true;
}

unsigned to_number(std::string_view digits) {
  unsigned value = 0;
  for (char c : digits)
    value = value * 10 + static_cast<unsigned>(c - '0');
  return value;
}

// ---------------------------------------------------------------------------------------------
// Well-formed UTF-8.

// Length of the well-formed UTF-8 sequence starting at `pos`, or 0 when it is not one
// (overlong forms, surrogates and code points above U+10FFFF are not well-formed).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80)
    return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0;
    if (lead == 0xED)
      high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90;
    if (lead == 0xF4)
      high = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > text.size())
    return 0;
  if (byte(pos + 1) < low || byte(pos + 1) > high)
    return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF)
      return 0;
  return length;
}

// Keeps well-formed UTF-8 and replaces every other byte with U+FFFD.
std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = utf8_sequence_length(text, pos);
    if (length == 0) {
      out += k_replacement;
      ++pos;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Charset conversion with iconv. Descriptors are opened once per charset per parse.

class CharsetConverter {
public:
  CharsetConverter() = default;
  CharsetConverter(const CharsetConverter&) = delete;
  CharsetConverter& operator=(const CharsetConverter&) = delete;
  ~CharsetConverter() {
    for (auto& entry : m_open)
      if (entry.second != invalid())
        iconv_close(entry.second);
  }

  // `bytes` in `charset` (a CHARSET parameter value, possibly empty) as UTF-8.
  std::string to_utf8(std::string bytes, std::string_view charset) {
    std::string name = upper(trim_view(charset));
    if (name.empty() || name == "US-ASCII" || name == "ASCII")
      return utf8_or_cp1252(bytes);
    if (name == "UTF-8" || name == "UTF8")
      return sanitize_utf8(bytes);
    // Text labelled Latin-1 is in practice Windows-1252 (smart quotes, euro sign).
    if (name == "ISO-8859-1" || name == "ISO8859-1" || name == "ISO_8859-1" || name == "LATIN1" ||
        name == "WINDOWS-1252" || name == "CP1252")
      return cp1252_to_utf8(bytes);
    // Japanese phones mean Microsoft's variant, where 0x5C is a backslash, not a yen sign.
    if (name == "SHIFT_JIS" || name == "SHIFT-JIS" || name == "SJIS" || name == "X-SJIS" ||
        name == "MS_KANJI" || name == "CSSHIFTJIS")
      name = "CP932";
    iconv_t cd = open(name);
    if (cd == invalid())
      return utf8_or_cp1252(bytes);
    return convert(cd, bytes);
  }

private:
  // iconv_open's documented failure value, (iconv_t)-1.
  static iconv_t invalid() {
    // NOLINTNEXTLINE(performance-no-int-to-ptr)
    return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1));
  }

  static bool plausible_name(std::string_view name) {
    // Keeps "//TRANSLIT"-style suffixes and other junk away from iconv_open.
    if (name.size() > 40)
      return false;
    for (char c : name) {
      bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                c == '.' || c == ':';
      if (!ok)
        return false;
    }
    return true;
  }

  iconv_t open(const std::string& name) {
    auto found = m_open.find(name);
    if (found != m_open.end())
      return found->second;
    iconv_t cd = plausible_name(name) ? iconv_open("UTF-8", name.c_str()) : invalid();
    m_open.emplace(name, cd);
    return cd;
  }

  // Undecodable bytes become U+FFFD, one per byte, and decoding goes on after them.
  static std::string convert(iconv_t cd, std::string& bytes) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr); // fresh shift state for stateful charsets
    std::string out;
    out.reserve(bytes.size() * 2);
    std::array<char, 4096> buffer{};
    char* in = bytes.data();
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
      char* out_ptr = buffer.data();
      std::size_t out_left = buffer.size();
      std::size_t result = iconv(cd, &in, &in_left, &out_ptr, &out_left);
      out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
      if (result != static_cast<std::size_t>(-1))
        continue;
      if (errno == E2BIG)
        continue;
      out += k_replacement;
      if (errno != EILSEQ)
        break; // EINVAL: the input ends inside a character
      ++in;
      --in_left;
    }
    char* out_ptr = buffer.data();
    std::size_t out_left = buffer.size();
    iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
    out.append(buffer.data(), static_cast<std::size_t>(out_ptr - buffer.data()));
    return sanitize_utf8(out);
  }

  std::map<std::string, iconv_t> m_open;
};

// The charset of a file's bytes by its byte-order mark, else by where the NULs of its first
// character fall (a vCard or a JSON export starts with an ASCII character); nothing for UTF-8.
// UTF-32's marks come first: FF FE 00 00 also starts like UTF-16LE's.
struct FileCharset {
  const char* name;
  std::size_t mark;
};
std::optional<FileCharset> file_charset(std::string_view b) {
  auto starts = [&](std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\x00\x00\xFE\xFF"sv)) return FileCharset{"UTF-32BE", 4};
  if (starts("\xFF\xFE\x00\x00"sv)) return FileCharset{"UTF-32LE", 4};
  if (starts("\xFE\xFF"sv)) return FileCharset{"UTF-16BE", 2};
  if (starts("\xFF\xFE"sv)) return FileCharset{"UTF-16LE", 2};
  if (b.size() < 4) return std::nullopt;
  bool z0 = b[0] == '\0', z1 = b[1] == '\0', z2 = b[2] == '\0', z3 = b[3] == '\0';
  if (z0 && z1 && z2 && !z3) return FileCharset{"UTF-32BE", 0};
  if (!z0 && z1 && z2 && z3) return FileCharset{"UTF-32LE", 0};
  if (z0 && !z1) return FileCharset{"UTF-16BE", 0};
  if (!z0 && z1) return FileCharset{"UTF-16LE", 0};
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Pass 1 and 2: lines.

struct PhysicalLine {
  std::string_view text;
  int number = 0;
};

struct LogicalLine {
  std::string text;
  int number = 0; // physical line it starts on
};

int clamp_line(std::size_t number) {
  return number > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(number);
}

// A line ends at LF, CRLF, or a run of CRs with an optional LF: iPhone exports end every line
// with CR CR LF, which must not read as a blank line in the middle of a folded PHOTO.
std::vector<PhysicalLine> split_lines(std::string_view bytes) {
  std::vector<PhysicalLine> lines;
  std::size_t number = 1;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    char c = bytes[pos];
    if (c != '\r' && c != '\n') {
      ++pos;
      continue;
    }
    lines.push_back({bytes.substr(start, pos - start), clamp_line(number++)});
    if (c == '\n') {
      ++pos;
    } else {
      while (pos < bytes.size() && bytes[pos] == '\r')
        ++pos;
      if (pos < bytes.size() && bytes[pos] == '\n')
        ++pos;
    }
    start = pos;
  }
  if (start < bytes.size())
    lines.push_back({bytes.substr(start), clamp_line(number)});
  return lines;
}

// Position of the colon that starts the value: the first one outside a DQUOTE'd parameter
// value. An unbalanced quote falls back to the first colon at all.
std::size_t find_value_colon(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"')
      quoted = !quoted;
    else if (line[i] == ':' && !quoted)
      return i;
  }
  return line.find(':');
}

bool declares_quoted_printable(std::string_view line) {
  std::size_t colon = find_value_colon(line);
  if (colon == std::string_view::npos)
    return false;
  std::string header = upper(line.substr(0, colon));
  return header.find("QUOTED-PRINTABLE") != std::string::npos;
}

bool is_card_delimiter(std::string_view line) {
  std::string_view text = trim_view(line);
  return iequals(text, "END:VCARD") || istarts_with(text, "BEGIN:VCARD");
}

// A quoted-printable value ending in `=` continues on the next line as is (vCard 2.1 soft line
// break), unless that line is blank, which ends the value (Android writes one after a soft
// break), or is a card delimiter, which a truncated value must not swallow.
bool joins_soft_break(const LogicalLine& current, bool quoted_printable, std::string_view next) {
  return quoted_printable && !current.text.empty() && current.text.back() == '=' &&
         !is_card_delimiter(next);
}

std::vector<LogicalLine> unfold(const std::vector<PhysicalLine>& lines) {
  std::vector<LogicalLine> logical;
  bool open = false; // whether logical.back() may still take continuation lines
  // Decided once from the line's first physical line, where writers put the parameters; testing
  // again on every continuation would make long values quadratic.
  bool quoted_printable = false;
  for (const PhysicalLine& line : lines) {
    if (open && joins_soft_break(logical.back(), quoted_printable, line.text)) {
      logical.back().text.pop_back(); // the `=` of the soft break
      logical.back().text.append(line.text);
      if (line.text.empty())
        open = false;
      continue;
    }
    if (line.text.empty()) {
      open = false;
      continue;
    }
    if (open && is_blank(line.text.front())) {
      logical.back().text.append(line.text.substr(1)); // RFC 6350 3.2: drop one white space
      continue;
    }
    std::string_view text = line.text;
    while (!text.empty() && is_blank(text.front()))
      text.remove_prefix(1);
    if (text.empty())
      continue;
    logical.push_back({std::string(text), line.number});
    open = true;
    quoted_printable = declares_quoted_printable(text);
  }
  return logical;
}

// ---------------------------------------------------------------------------------------------
// Pass 3: properties.

struct Param {
  std::string name; // upper case; a bare 2.1 parameter is stored as TYPE or ENCODING
  std::string value;
};

struct Property {
  std::string name; // upper case, without its group
  std::vector<Param> params;
  std::string_view value; // into the logical line, still encoded
  int line = 0;
};

// Splits at `separator` outside DQUOTEs.
std::vector<std::string_view> split_unquoted(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"')
      quoted = !quoted;
    else if (text[i] == separator && !quoted) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

Param parse_param(std::string_view text) {
  std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    // vCard 2.1 allows the value alone: `TEL;WORK;VOICE:`, `NOTE;QUOTED-PRINTABLE:`.
    std::string value = upper(trim_view(text));
    bool is_encoding = value == "QUOTED-PRINTABLE" || value == "BASE64" || value == "B" ||
                       value == "8BIT" || value == "7BIT";
    return {is_encoding ? "ENCODING" : "TYPE", value};
  }
  std::string value;
  for (char c : trim_view(text.substr(equals + 1)))
    if (c != '"')
      value += c; // quotes only protect , : ; inside the value
  return {upper(trim_view(text.substr(0, equals))), value};
}

std::optional<Property> parse_property(const LogicalLine& line) {
  std::string_view text = line.text;
  std::size_t colon = find_value_colon(text);
  if (colon == std::string_view::npos)
    return std::nullopt;
  std::vector<std::string_view> header = split_unquoted(text.substr(0, colon), ';');
  Property property;
  std::string_view name = trim_view(header.front());
  // `item1.EMAIL`: the group only ties Apple's labels to values, and ally keeps no labels.
  std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos)
    name = name.substr(dot + 1);
  property.name = upper(name);
  for (std::size_t i = 1; i < header.size(); ++i)
    if (!trim_view(header[i]).empty())
      property.params.push_back(parse_param(header[i]));
  property.value = text.substr(colon + 1);
  property.line = line.number;
  return property;
}

std::string_view param_value(const Property& property, std::string_view name) {
  for (const Param& param : property.params)
    if (param.name == name)
      return param.value;
  return {};
}

// ---------------------------------------------------------------------------------------------
// Pass 4: values.

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

// Malformed escapes (`=4`, `=G1`) are kept as written rather than dropped.
std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '=') {
      out += c;
      continue;
    }
    if (i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else if (i + 1 == text.size()) {
      // A soft line break with nothing after it.
    } else {
      out += c;
    }
  }
  return out;
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

// Only for the text properties we read; PHOTO and friends are never decoded.
std::string decode_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=')
      break;
    int digit = base64_digit(c);
    if (digit < 0)
      continue; // folding white space
    buffer = (buffer << 6) | static_cast<unsigned>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// vCard 2.1 defines backslash escapes only inside compound values; 3.0 and 4.0 escape text.
enum class Dialect { v21, v30 };

Dialect dialect_of(std::string_view version) {
  return (version.substr(0, 2) == "2." || version == "2") ? Dialect::v21 : Dialect::v30;
}

// What `\c` stands for, or nothing when it is no escape and stays as written.
std::optional<char> unescape_char(char c, Dialect dialect) {
  switch (c) {
  case '\\':
  case ';':
  case ',':
  case ':': // Apple and Google write `http\://`
    return c;
  case 'n':
  case 'N':
    if (dialect == Dialect::v30)
      return '\n';
    return std::nullopt;
  case '"': // Gmail writes `\"` in NOTE
    if (dialect == Dialect::v30)
      return c;
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

// Appends the unescaped form of the escape at text[i] (a backslash) and returns the index of
// its last character.
std::size_t append_escape(std::string& out, std::string_view text, std::size_t i, Dialect dialect) {
  if (i + 1 >= text.size()) {
    out += '\\';
    return i;
  }
  if (auto plain = unescape_char(text[i + 1], dialect)) {
    out += *plain;
  } else {
    out += '\\';
    out += text[i + 1];
  }
  return i + 1;
}

std::string unescape_text(std::string_view text, Dialect dialect) {
  if (dialect == Dialect::v21)
    return std::string(text); // no escapes in 2.1 single values
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\')
      i = append_escape(out, text, i, dialect);
    else
      out += text[i];
  }
  return out;
}

// N, ADR, ORG: split at unescaped semicolons, each part unescaped.
std::vector<std::string> split_components(std::string_view text, Dialect dialect) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\')
      i = append_escape(parts.back(), text, i, dialect);
    else if (text[i] == ';')
      parts.emplace_back();
    else
      parts.back() += text[i];
  }
  return parts;
}

// CATEGORIES and NICKNAME: text lists (RFC 6350 section 3.4), split at unescaped commas; `\,`
// is a comma inside a value ("The Boss, Sr."). vCard 2.1 cards also separate with `;`.
std::vector<std::string> split_list(std::string_view text, Dialect dialect) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      i = append_escape(parts.back(), text, i, dialect);
    } else if (c == ',' || c == ';') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

// A list that drops repeats; the set keeps that linear for cards with thousands of entries.
class UniqueList {
public:
  explicit UniqueList(std::vector<std::string>& items) : m_items(items) {}
  void add(std::string item) {
    if (item.empty() || !m_seen.insert(item).second)
      return;
    m_items.push_back(std::move(item));
  }

private:
  std::vector<std::string>& m_items;
  std::unordered_set<std::string> m_seen;
};

std::string strip_scheme(std::string text, std::string_view scheme) {
  if (istarts_with(text, scheme))
    text.erase(0, scheme.size());
  return std::string(trim_view(text));
}

// ---------------------------------------------------------------------------------------------
// BDAY.

unsigned days_in_month(unsigned month, std::optional<int> year) {
  static constexpr std::array<unsigned, 12> k_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2 || !year)
    return k_days[month - 1];
  bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  return leap ? 29 : 28;
}

std::optional<YearlessDate> make_date(unsigned month, unsigned day, std::optional<int> year) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(month, year))
    return std::nullopt;
  return YearlessDate{month, day, year};
}

// `1980-03-22`, `19800322`, `--0322`, `--03-22`, any of them followed by a time
// (`1980-03-22T00:00:00Z`), which is ignored: a birthday is a calendar day, not an instant.
// `omit_year` is Apple's X-APPLE-OMIT-YEAR: the placeholder year it wrote for "no year".
std::optional<YearlessDate> parse_birthday(std::string_view text, std::string_view omit_year) {
  text = trim_view(text);
  text = text.substr(0, text.find_first_of("Tt"));
  if (text.substr(0, 2) == "--") {
    std::string_view rest = text.substr(2);
    std::string digits(rest);
    if (rest.size() == 5 && rest[2] == '-')
      digits.erase(2, 1); // --MM-DD
    if (digits.size() != 4 || !is_digits(digits))
      return std::nullopt;
    return make_date(to_number(digits.substr(0, 2)), to_number(digits.substr(2, 2)), std::nullopt);
  }
  std::string_view year_text;
  std::string_view month_text;
  std::string_view day_text;
  if (text.size() == 8) {
    year_text = text.substr(0, 4);
    month_text = text.substr(4, 2);
    day_text = text.substr(6, 2);
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    year_text = text.substr(0, 4);
    month_text = text.substr(5, 2);
    day_text = text.substr(8, 2);
  } else {
    return std::nullopt;
  }
  if (!is_digits(year_text) || !is_digits(month_text) || !is_digits(day_text))
    return std::nullopt;
  std::optional<int> year = static_cast<int>(to_number(year_text));
  if (*year == 0 || (!omit_year.empty() && trim_view(omit_year) == year_text))
    year.reset();
  return make_date(to_number(month_text), to_number(day_text), year);
}

// ---------------------------------------------------------------------------------------------
// Cards.

struct RawCard {
  std::size_t index = 0; // 1-based, for messages
  int line = 0;
  std::vector<Property> properties;
};

std::string_view find_version(const RawCard& raw) {
  for (const Property& property : raw.properties)
    if (property.name == "VERSION")
      return trim_view(property.value);
  return {};
}

// The value with its transfer encoding and charset undone: UTF-8, escapes still in place.
std::string decoded_value(const Property& property, CharsetConverter& converter) {
  std::string encoding = upper(param_value(property, "ENCODING"));
  std::string bytes;
  if (encoding == "QUOTED-PRINTABLE")
    bytes = decode_quoted_printable(property.value);
  else if (encoding == "BASE64" || encoding == "B")
    bytes = decode_base64(property.value);
  else
    bytes = std::string(property.value);
  return converter.to_utf8(std::move(bytes), param_value(property, "CHARSET"));
}

class CardBuilder {
public:
  CardBuilder(const RawCard& raw, CharsetConverter& converter)
      : m_converter(converter), m_dialect(dialect_of(find_version(raw))) {
    m_card.version = imported_line(find_version(raw));
    m_card.line = raw.line;
  }

  CardBuilder(const CardBuilder&) = delete; // the lists point into m_card
  CardBuilder& operator=(const CardBuilder&) = delete;

  void add(const Property& property) {
    const std::string& name = property.name;
    if (name == "FN")
      set_once(m_card.fn, imported_line(text(property)));
    else if (name == "N")
      add_name(property);
    else if (name == "NICKNAME")
      add_list(m_nicknames, property);
    else if (name == "CATEGORIES")
      add_list(m_categories, property);
    else if (name == "EMAIL")
      add_contact(m_emails, property, "mailto:");
    else if (name == "TEL")
      add_contact(m_phones, property, "tel:");
    else if (name == "URL")
      add_url(property);
    else if (name == "ORG")
      set_once(m_card.org, imported_line(components(property).front()));
    else if (name == "TITLE")
      set_once(m_card.title, imported_line(text(property)));
    else if (name == "ROLE")
      set_once(m_role, imported_line(text(property)));
    else if (name == "NOTE")
      add_note(property);
    else if (name == "ADR")
      add_address(property);
    else if (name == "BDAY")
      add_birthday(property);
    else if (name == "UID")
      set_once(m_card.uid, imported_line(text(property)));
    // Everything else (PHOTO, X-*, LABEL, ...) is skipped without being decoded.
  }

  VCard finish() {
    if (m_card.title.empty())
      m_card.title = m_role;
    if (!m_card.birthday)
      m_card.warnings = std::move(m_birthday_warnings);
    return std::move(m_card);
  }

private:
  static void set_once(std::string& field, std::string value) {
    if (field.empty())
      field = std::move(value);
  }

  std::string text(const Property& property) {
    return unescape_text(decoded_value(property, m_converter), m_dialect);
  }

  std::vector<std::string> components(const Property& property) {
    return split_components(decoded_value(property, m_converter), m_dialect);
  }

  void add_name(const Property& property) {
    if (m_seen_name)
      return;
    m_seen_name = true;
    std::vector<std::string> parts = components(property);
    m_card.family = imported_line(parts[0]);
    if (parts.size() > 1)
      m_card.given = imported_line(parts[1]);
  }

  // EMAIL and TEL; 4.0 may write them as URIs.
  void add_contact(UniqueList& list, const Property& property, std::string_view scheme) {
    list.add(strip_scheme(imported_line(text(property)), scheme));
  }

  void add_url(const Property& property) {
    std::string url = imported_line(text(property));
    for (auto at = url.find("\\:"); at != std::string::npos; at = url.find("\\:", at))
      url.erase(at, 1);
    m_urls.add(url);
  }

  void add_list(UniqueList& list, const Property& property) {
    for (const std::string& item : split_list(decoded_value(property, m_converter), m_dialect))
      list.add(imported_line(item));
  }

  void add_note(const Property& property) {
    std::string note = imported_lines(text(property));
    if (trim_view(note).empty())
      return;
    if (!m_card.note.empty())
      m_card.note += '\n';
    m_card.note += note;
  }

  void add_address(const Property& property) {
    if (!m_card.city.empty())
      return;
    std::vector<std::string> parts = components(property);
    if (parts.size() > 3)
      m_card.city = imported_line(parts[3]);
  }

  void add_birthday(const Property& property) {
    if (m_card.birthday)
      return;
    std::string value = imported_line(text(property));
    if (iequals(param_value(property, "VALUE"), "text")) {
      m_birthday_warnings.push_back(fmt::format("BDAY '{}' is text, not a date; ignored", value));
      return;
    }
    m_card.birthday = parse_birthday(value, param_value(property, "X-APPLE-OMIT-YEAR"));
    if (!m_card.birthday)
      m_birthday_warnings.push_back(fmt::format("BDAY '{}' is not a date; ignored", value));
  }

  CharsetConverter& m_converter;
  Dialect m_dialect;
  VCard m_card;
  UniqueList m_nicknames{m_card.nicknames};
  UniqueList m_categories{m_card.categories};
  UniqueList m_emails{m_card.emails};
  UniqueList m_phones{m_card.phones};
  UniqueList m_urls{m_card.urls};
  std::string m_role;
  bool m_seen_name = false;
  std::vector<std::string> m_birthday_warnings;
};

VCard build_card(const RawCard& raw, CharsetConverter& converter) {
  CardBuilder builder(raw, converter);
  for (const Property& property : raw.properties)
    builder.add(property);
  return builder.finish();
}

bool is_marker(const Property& property, std::string_view name) {
  return property.name == name && iequals(trim_view(property.value), "VCARD");
}

std::string card_label(std::size_t index, int line) {
  return fmt::format("card {} (line {})", index, line);
}

// Walks the properties, cutting cards at BEGIN/END. Cards nested inside a card (a vCard 2.1
// AGENT) are skipped whole.
class CardSplitter {
public:
  explicit CardSplitter(CharsetConverter& converter) : m_converter(converter) {}

  void add(const Property& property) {
    if (is_marker(property, "BEGIN"))
      begin(property);
    else if (is_marker(property, "END"))
      end(property);
    else if (m_depth == 1) {
      // The one limit for a text, as for every other way in (still encoded, a value can only
      // shrink when decoded; base64 photos are not kept and may be larger).
      if (property.value.size() > k_max_import_text && property.name != "PHOTO" &&
          property.name != "LOGO" && property.name != "SOUND" && property.name != "KEY") {
        throw Conflict(fmt::format("{}: its {} is {} KiB, over the limit of 1 MiB for one text",
                                   card_label(m_current.index, m_current.line), property.name,
                                   property.value.size() >> 10),
                       "shorten it in the address book, or remove it from the file");
      }
      m_current.properties.push_back(property);
    }
  }

  std::vector<VCard> finish() {
    if (m_depth > 0)
      throw Conflict(fmt::format("vCard file is broken: {} has BEGIN:VCARD but no END:VCARD",
                                 card_label(m_current.index, m_current.line)),
                     "the file looks truncated; export it again");
    return std::move(m_cards);
  }

private:
  void begin(const Property& property) {
    if (m_depth++ > 0)
      return;
    m_current = RawCard{m_cards.size() + 1, property.line, {}};
  }

  void end(const Property& property) {
    if (m_depth == 0)
      throw Conflict(fmt::format("vCard file is broken: END:VCARD without BEGIN:VCARD at line {} "
                                 "(after card {})",
                                 property.line, m_cards.size()));
    if (--m_depth > 0)
      return;
    m_cards.push_back(build_card(m_current, m_converter));
    m_current = RawCard{};
  }

  CharsetConverter& m_converter;
  std::vector<VCard> m_cards;
  RawCard m_current;
  std::size_t m_depth = 0;
};

// ---------------------------------------------------------------------------------------------
// Writing.

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case ',':
      out += "\\,";
      break;
    case ';':
      out += "\\;";
      break;
    case '\r':
      if (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
      out += "\\n";
      break;
    case '\n':
      out += "\\n";
      break;
    default:
      out += c;
    }
  }
  return out;
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// RFC 6350 3.2: at most 75 octets a line; a continuation line starts with one space, which
// counts. Cuts move back to the start of a UTF-8 sequence (at most 3 bytes back; an invalid
// run of continuation bytes is cut where it falls).
void append_folded(std::string& out, std::string_view line) {
  bool first = true;
  while (true) {
    std::size_t room = first ? k_fold_octets : k_fold_octets - 1;
    if (!first)
      out += ' ';
    if (line.size() <= room) {
      out.append(line);
      out += "\r\n";
      return;
    }
    std::size_t cut = room;
    while (cut > room - 3 && is_utf8_continuation(line[cut]))
      --cut;
    if (is_utf8_continuation(line[cut]))
      cut = room;
    out.append(line.substr(0, cut));
    out += "\r\n";
    line.remove_prefix(cut);
    first = false;
  }
}

void append_property(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  append_folded(out, line);
}

std::string join_escaped(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (item.empty())
      continue;
    if (!out.empty())
      out += ',';
    out += escape_text(item);
  }
  return out;
}

// The last word is the family name, the rest the given names: right for most names written
// "given family", and the card's FN keeps the name exactly as the user typed it.
std::string structured_name(std::string_view name) {
  std::string_view trimmed = trim_view(name);
  std::size_t last_space = trimmed.find_last_of(" \t");
  if (last_space == std::string_view::npos)
    return ";" + escape_text(trimmed) + ";;;";
  std::string_view given = trim_view(trimmed.substr(0, last_space));
  std::string_view family = trimmed.substr(last_space + 1);
  return escape_text(family) + ";" + escape_text(given) + ";;;";
}

std::string birthday_text(const YearlessDate& date) {
  if (date.year && *date.year >= 0 && *date.year <= 9999)
    return fmt::format("{:04}{:02}{:02}", *date.year, date.month, date.day);
  return fmt::format("--{:02}{:02}", date.month, date.day);
}

} // namespace

// ---------------------------------------------------------------------------------------------

std::string_view file_as_utf8(std::string_view bytes, std::string& storage) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
    return bytes.substr(3);
  auto charset = file_charset(bytes);
  if (!charset)
    return bytes;
  CharsetConverter converter;
  storage = converter.to_utf8(std::string(bytes.substr(charset->mark)), charset->name);
  return storage;
}

std::vector<VCard> parse_vcards(std::string_view bytes) {
  std::string storage;
  bytes = file_as_utf8(bytes, storage);
  std::vector<LogicalLine> lines = unfold(split_lines(bytes));
  CharsetConverter converter;
  CardSplitter splitter(converter);
  for (const LogicalLine& line : lines)
    if (auto property = parse_property(line))
      splitter.add(*property);
  std::vector<VCard> cards = splitter.finish();
  if (cards.empty() && !trim_view(bytes).empty())
    throw Conflict("not a vCard file: no BEGIN:VCARD found",
                   "check that this is the .vcf file your address book exported");
  return cards;
}

std::string display_name(const VCard& card) {
  if (!trim_view(card.fn).empty())
    return std::string(trim_view(card.fn));
  std::string given_family = std::string(trim_view(card.given));
  std::string_view family = trim_view(card.family);
  if (!family.empty()) {
    if (!given_family.empty())
      given_family += ' ';
    given_family += family;
  }
  if (!given_family.empty())
    return given_family;
  if (!trim_view(card.org).empty())
    return std::string(trim_view(card.org));
  if (!card.emails.empty())
    return card.emails.front();
  return "(unnamed)";
}

std::string write_vcard(const VCardOut& card) {
  std::string out;
  append_property(out, "BEGIN", "VCARD");
  append_property(out, "VERSION", "4.0");
  if (!card.uid.empty())
    append_property(out, "UID", escape_text(card.uid));
  append_property(out, "FN", escape_text(card.name));
  append_property(out, "N", structured_name(card.name));
  // One NICKNAME per value: vobject and khard read a comma list in one NICKNAME as one name.
  for (const std::string& nickname : card.nicknames)
    if (!nickname.empty())
      append_property(out, "NICKNAME", escape_text(nickname));
  if (!card.org.empty())
    append_property(out, "ORG", escape_text(card.org));
  if (!card.title.empty())
    append_property(out, "TITLE", escape_text(card.title));
  for (const std::string& email : card.emails)
    if (!email.empty())
      append_property(out, "EMAIL", escape_text(email));
  for (const std::string& phone : card.phones)
    if (!phone.empty())
      append_property(out, "TEL", escape_text(phone));
  // A URI value, not text: commas and semicolons in it are the page's, so it is not escaped;
  // control characters (which no link has, but an imported record might) are left out.
  for (const std::string& url : card.urls)
    if (std::string value = imported_line(url); !value.empty())
      append_property(out, "URL", value);
  if (!card.city.empty())
    append_property(out, "ADR", ";;;" + escape_text(card.city) + ";;;");
  if (card.birthday)
    append_property(out, "BDAY", birthday_text(*card.birthday));
  if (std::string categories = join_escaped(card.categories); !categories.empty())
    append_property(out, "CATEGORIES", categories);
  if (!card.note.empty())
    append_property(out, "NOTE", escape_text(card.note));
  if (!card.rev.empty())
    append_property(out, "REV", escape_text(card.rev));
  append_property(out, "END", "VCARD");
  return out;
}

} // namespace ally
