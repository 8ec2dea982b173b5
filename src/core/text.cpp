// Text helpers: UTF-8 decoding, the name-matching fold, terminal widths. Tables are hand-written
// from the Unicode charts and kept to what names and notes actually contain.
#include "ally/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace ally {
namespace {

// One decoded step through a string: a code point, or a single invalid byte.
struct Unit {
  char32_t code_point = 0;
  std::size_t length = 1;
  bool valid = true;
};

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Strict decoding (RFC 3629): the second byte's allowed range depends on the lead byte, which is
// what rules out overlongs (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
// Anything else yields one invalid byte, so callers can pass it through or count it.
Unit decode_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80)
    return {lead, 1, true};
  const Unit invalid{lead, 1, false};

  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  char32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0)
      low = 0xA0;
    if (lead == 0xED)
      high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0)
      low = 0x90;
    if (lead == 0xF4)
      high = 0x8F;
  } else {
    return invalid;
  }
  if (text.size() - pos < length)
    return invalid;

  const auto second = static_cast<unsigned char>(text[pos + 1]);
  if (second < low || second > high)
    return invalid;
  code_point = (code_point << 6) | (second & 0x3F);
  for (std::size_t i = 2; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!is_continuation(byte))
      return invalid;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  return {code_point, length, true};
}

struct Range {
  char32_t first;
  char32_t last;
};

// Every code point in [first, last] folds to `folded` (empty = dropped).
struct FoldRange {
  char32_t first;
  char32_t last;
  std::string_view folded;
};

// Binary search needs sorted, non-overlapping tables; checked at compile time below.
template <typename T, std::size_t n>
constexpr bool is_sorted_ranges(const std::array<T, n>& table) {
  for (std::size_t i = 0; i < n; ++i) {
    if (table[i].first > table[i].last)
      return false;
    if (i > 0 && table[i - 1].last >= table[i].first)
      return false;
  }
  return true;
}

template <typename T, std::size_t n>
const T* find_range(const std::array<T, n>& table, char32_t cp) {
  auto it = std::upper_bound(table.begin(), table.end(), cp,
                             [](char32_t value, const T& range) { return value < range.first; });
  if (it == table.begin())
    return nullptr;
  --it;
  return cp <= it->last ? &*it : nullptr;
}

// Latin letters to their base ASCII spelling, typographic punctuation to ASCII, and invisible
// or combining characters to nothing. Latin Extended Additional is handled by
// k_latin_additional_bases except for the irregular letters listed here.
constexpr std::array k_folds = std::to_array<FoldRange>({
    // Latin-1 Supplement.
    {0x00A0, 0x00A0, " "}, // no-break space
    {0x00AD, 0x00AD, ""},  // soft hyphen: invisible, only a line-break hint
    {0x00B4, 0x00B4, "'"}, // acute accent typed in place of an apostrophe ("O´Neil")
    {0x00C0, 0x00C5, "a"},
    {0x00C6, 0x00C6, "ae"},
    {0x00C7, 0x00C7, "c"},
    {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"},
    {0x00D0, 0x00D0, "d"},
    {0x00D1, 0x00D1, "n"},
    {0x00D2, 0x00D6, "o"}, // × (U+00D7) stays
    {0x00D8, 0x00D8, "o"},
    {0x00D9, 0x00DC, "u"},
    {0x00DD, 0x00DD, "y"},
    {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"},
    {0x00E0, 0x00E5, "a"},
    {0x00E6, 0x00E6, "ae"},
    {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"},
    {0x00EC, 0x00EF, "i"},
    {0x00F0, 0x00F0, "d"},
    {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"}, // ÷ (U+00F7) stays
    {0x00F8, 0x00F8, "o"},
    {0x00F9, 0x00FC, "u"},
    {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"},
    {0x00FF, 0x00FF, "y"},
    // Latin Extended-A: the whole block, mostly upper/lower pairs.
    {0x0100, 0x0105, "a"},
    {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"},
    {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"},
    {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"}, // includes Turkish İ and dotless ı
    {0x0132, 0x0133, "ij"},
    {0x0134, 0x0135, "j"},
    {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"}, // includes Ł ł
    {0x0143, 0x0148, "n"},
    {0x0149, 0x0149, "'n"},
    {0x014A, 0x014B, "n"},
    {0x014C, 0x0151, "o"},
    {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"},
    {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"},
    {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},
    {0x0179, 0x017E, "z"},
    {0x017F, 0x017F, "s"},
    // Latin Extended-B: the letters African, Vietnamese, Romanian and pinyin names use.
    {0x0180, 0x0183, "b"},
    {0x0186, 0x0186, "o"},
    {0x0187, 0x0188, "c"},
    {0x0189, 0x018C, "d"},
    {0x018E, 0x0190, "e"},
    {0x0191, 0x0192, "f"},
    {0x0193, 0x0193, "g"},
    {0x0195, 0x0195, "hv"},
    {0x0196, 0x0197, "i"},
    {0x0198, 0x0199, "k"},
    {0x019A, 0x019A, "l"},
    {0x019C, 0x019C, "m"},
    {0x019D, 0x019E, "n"},
    {0x019F, 0x01A1, "o"}, // Ơ ơ
    {0x01A2, 0x01A3, "oi"},
    {0x01A4, 0x01A5, "p"},
    {0x01A6, 0x01A6, "r"},
    {0x01AB, 0x01AE, "t"},
    {0x01AF, 0x01B0, "u"}, // Ư ư
    {0x01B2, 0x01B2, "v"},
    {0x01B3, 0x01B4, "y"},
    {0x01B5, 0x01B6, "z"},
    {0x01C4, 0x01C6, "dz"},
    {0x01C7, 0x01C9, "lj"},
    {0x01CA, 0x01CC, "nj"},
    {0x01CD, 0x01CE, "a"},
    {0x01CF, 0x01D0, "i"},
    {0x01D1, 0x01D2, "o"},
    {0x01D3, 0x01DC, "u"}, // pinyin ǔ ǘ ǚ ǜ
    {0x01DD, 0x01DD, "e"},
    {0x01DE, 0x01E1, "a"},
    {0x01E2, 0x01E3, "ae"},
    {0x01E4, 0x01E7, "g"},
    {0x01E8, 0x01E9, "k"},
    {0x01EA, 0x01ED, "o"},
    {0x01F0, 0x01F0, "j"},
    {0x01F1, 0x01F3, "dz"},
    {0x01F4, 0x01F5, "g"},
    {0x01F6, 0x01F6, "hv"},
    {0x01F7, 0x01F7, "w"},
    {0x01F8, 0x01F9, "n"},
    {0x01FA, 0x01FB, "a"},
    {0x01FC, 0x01FD, "ae"},
    {0x01FE, 0x01FF, "o"},
    {0x0200, 0x0203, "a"},
    {0x0204, 0x0207, "e"},
    {0x0208, 0x020B, "i"},
    {0x020C, 0x020F, "o"},
    {0x0210, 0x0213, "r"},
    {0x0214, 0x0217, "u"},
    {0x0218, 0x0219, "s"}, // Romanian comma-below Ș ș
    {0x021A, 0x021B, "t"}, // Romanian comma-below Ț ț
    {0x021E, 0x021F, "h"},
    {0x0220, 0x0220, "n"},
    {0x0221, 0x0221, "d"},
    {0x0224, 0x0225, "z"},
    {0x0226, 0x0227, "a"},
    {0x0228, 0x0229, "e"},
    {0x022A, 0x0231, "o"},
    {0x0232, 0x0233, "y"},
    {0x0234, 0x0234, "l"},
    {0x0235, 0x0235, "n"},
    {0x0236, 0x0236, "t"},
    {0x0237, 0x0237, "j"},
    {0x023A, 0x023A, "a"},
    {0x023B, 0x023C, "c"},
    {0x023D, 0x023D, "l"},
    {0x023E, 0x023E, "t"},
    {0x023F, 0x023F, "s"},
    {0x0240, 0x0240, "z"},
    {0x0243, 0x0243, "b"},
    {0x0244, 0x0244, "u"},
    {0x0246, 0x0247, "e"},
    {0x0248, 0x0249, "j"},
    {0x024A, 0x024B, "q"},
    {0x024C, 0x024D, "r"},
    {0x024E, 0x024F, "y"},
    // IPA letters that are the lowercase of Extended-B capitals above (Hausa ɓ ɗ, Ewe ɔ ɛ).
    {0x0253, 0x0253, "b"},
    {0x0254, 0x0254, "o"},
    {0x0256, 0x0257, "d"},
    {0x0259, 0x0259, "e"},
    {0x025B, 0x025B, "e"},
    {0x0268, 0x0268, "i"},
    {0x0272, 0x0272, "n"},
    {0x0288, 0x0288, "t"},
    {0x028B, 0x028B, "v"},
    // Modifier letters used as apostrophes (ʻokina, ʼ).
    {0x02BB, 0x02BC, "'"},
    // Combining diacritics: dropping them makes decomposed input ("e" + U+0301) fold like
    // precomposed input.
    {0x0300, 0x036F, ""},
    {0x1AB0, 0x1AFF, ""},
    {0x1DC0, 0x1DFF, ""},
    // Irregular letters inside Latin Extended Additional.
    {0x1E96, 0x1E96, "h"},
    {0x1E97, 0x1E97, "t"},
    {0x1E98, 0x1E98, "w"},
    {0x1E99, 0x1E99, "y"},
    {0x1E9A, 0x1E9A, "a"},
    {0x1E9B, 0x1E9D, "s"},
    {0x1E9E, 0x1E9E, "ss"}, // capital ẞ
    {0x1EFA, 0x1EFB, "ll"},
    // General punctuation.
    {0x2000, 0x200A, " "},
    {0x200B, 0x200B, ""},  // zero-width space
    {0x2010, 0x2015, "-"}, // hyphens, figure/en/em dash, horizontal bar
    {0x2018, 0x201B, "'"}, // single quotes, including ’ typed as an apostrophe
    {0x201C, 0x201F, "\""},
    {0x202F, 0x202F, " "},
    {0x2032, 0x2032, "'"}, // prime, a common stand-in for an apostrophe
    {0x205F, 0x205F, " "},
    {0x20D0, 0x20FF, ""},
    {0x2212, 0x2212, "-"}, // minus sign
    // Latin ligatures.
    {0xFB00, 0xFB00, "ff"},
    {0xFB01, 0xFB01, "fi"},
    {0xFB02, 0xFB02, "fl"},
    {0xFB03, 0xFB03, "ffi"},
    {0xFB04, 0xFB04, "ffl"},
    {0xFB05, 0xFB06, "st"},
    {0xFE20, 0xFE2F, ""}, // combining half marks
    {0xFEFF, 0xFEFF, ""}, // byte order mark / zero-width no-break space
});
static_assert(is_sorted_ranges(k_folds));

// Base letter of each upper/lower pair in Latin Extended Additional, U+1E00–U+1EFF: entry i
// covers U+1E00 + 2i and U+1E00 + 2i + 1. '.' marks pairs handled by k_folds or left alone.
constexpr std::string_view k_latin_additional_bases =
    "abbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopp"  // U+1E00–U+1E57
    "rrrrsssssttttuuuuuvvwwwwwxxyzzz"               // U+1E58–U+1E95
    "....."                                         // U+1E96–U+1E9F: irregular
    "aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy" // U+1EA0–U+1EF9 (Vietnamese)
    ".vy";                                          // U+1EFA–U+1EFF
static_assert(k_latin_additional_bases.size() == 128);

// Greek and Cyrillic letters whose canonical decomposition is a base letter plus a combining
// mark, mapped (in lowercase) to that base, so that precomposed and decomposed spellings fold
// alike — the same rule that turns é into e. Greek symbol variants go to the plain letter.
struct BaseOf {
  char32_t code_point;
  char32_t base;
};
constexpr std::array k_mark_bases = std::to_array<BaseOf>({
    {0x0390, 0x03B9}, // ΐ
    {0x03AC, 0x03B1}, // ά
    {0x03AD, 0x03B5}, // έ
    {0x03AE, 0x03B7}, // ή
    {0x03AF, 0x03B9}, // ί
    {0x03B0, 0x03C5}, // ΰ
    {0x03C2, 0x03C3}, // final ς matches σ
    {0x03CA, 0x03B9}, // ϊ
    {0x03CB, 0x03C5}, // ϋ
    {0x03CC, 0x03BF}, // ό
    {0x03CD, 0x03C5}, // ύ
    {0x03CE, 0x03C9}, // ώ
    {0x03D0, 0x03B2}, // ϐ
    {0x03D1, 0x03B8}, // ϑ
    {0x03D2, 0x03C5}, // ϒ
    {0x03D3, 0x03C5}, // ϓ
    {0x03D4, 0x03C5}, // ϔ
    {0x03D5, 0x03C6}, // ϕ
    {0x03D6, 0x03C0}, // ϖ
    {0x03F0, 0x03BA}, // ϰ
    {0x03F1, 0x03C1}, // ϱ
    {0x03F2, 0x03C3}, // lunate ϲ
    {0x03F5, 0x03B5}, // ϵ
    {0x0439, 0x0438}, // й
    {0x0450, 0x0435}, // ѐ
    {0x0451, 0x0435}, // ё
    {0x0453, 0x0433}, // ѓ
    {0x0457, 0x0456}, // ї
    {0x045C, 0x043A}, // ќ
    {0x045D, 0x0438}, // ѝ
    {0x045E, 0x0443}, // ў
    {0x0477, 0x0475}, // ѷ
    {0x04C2, 0x0436}, // ӂ
    {0x04D1, 0x0430}, // ӑ
    {0x04D3, 0x0430}, // ӓ
    {0x04D7, 0x0435}, // ӗ
    {0x04DB, 0x04D9}, // ӛ
    {0x04DD, 0x0436}, // ӝ
    {0x04DF, 0x0437}, // ӟ
    {0x04E3, 0x0438}, // ӣ
    {0x04E5, 0x0438}, // ӥ
    {0x04E7, 0x043E}, // ӧ
    {0x04EB, 0x04E9}, // ӫ
    {0x04ED, 0x044D}, // ӭ
    {0x04EF, 0x0443}, // ӯ
    {0x04F1, 0x0443}, // ӱ
    {0x04F3, 0x0443}, // ӳ
    {0x04F5, 0x0447}, // ӵ
    {0x04F9, 0x044B}, // ӹ
});
static_assert(std::is_sorted(k_mark_bases.begin(), k_mark_bases.end(),
                             [](const BaseOf& a, const BaseOf& b) {
                               return a.code_point < b.code_point;
                             }));

bool in(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }

// Capitals of the bicameral non-Latin scripts and their lowercase offset. `step` 2 marks blocks
// of alternating capital/small pairs, where only every other code point (from `first`) is a
// capital.
struct CaseRange {
  char32_t first;
  char32_t last;
  std::int32_t offset;
  char32_t step;
};
constexpr std::array k_lower_cases = std::to_array<CaseRange>({
    // Greek.
    {0x0370, 0x0372, 1, 2},
    {0x0376, 0x0376, 1, 1},
    {0x037F, 0x037F, 0x03F3 - 0x037F, 1},
    {0x0386, 0x0386, 0x03AC - 0x0386, 1},
    {0x0388, 0x038A, 0x03AD - 0x0388, 1},
    {0x038C, 0x038C, 0x03CC - 0x038C, 1},
    {0x038E, 0x038F, 0x03CD - 0x038E, 1},
    {0x0391, 0x03A1, 0x20, 1},
    {0x03A3, 0x03AB, 0x20, 1}, // U+03A2 is unassigned: there is no capital final sigma
    {0x03CF, 0x03CF, 0x03D7 - 0x03CF, 1},
    {0x03D8, 0x03EE, 1, 2},
    {0x03F4, 0x03F4, 0x03B8 - 0x03F4, 1},
    {0x03F7, 0x03F7, 1, 1},
    {0x03F9, 0x03F9, 0x03F2 - 0x03F9, 1},
    {0x03FA, 0x03FA, 1, 1},
    {0x03FD, 0x03FF, 0x037B - 0x03FD, 1},
    // Cyrillic.
    {0x0400, 0x040F, 0x50, 1},
    {0x0410, 0x042F, 0x20, 1},
    {0x0460, 0x0480, 1, 2},
    {0x048A, 0x04BE, 1, 2},
    {0x04C0, 0x04C0, 0x04CF - 0x04C0, 1},
    {0x04C1, 0x04CD, 1, 2},
    {0x04D0, 0x052E, 1, 2},
    // Armenian.
    {0x0531, 0x0556, 0x30, 1},
    // Georgian Mtavruli capitals to Mkhedruli.
    {0x1C90, 0x1CBA, 0x10D0 - 0x1C90, 1},
    {0x1CBD, 0x1CBF, 0x10FD - 0x1CBD, 1},
});
static_assert(is_sorted_ranges(k_lower_cases));

char32_t lower_other_script(char32_t cp) {
  const auto* range = find_range(k_lower_cases, cp);
  if (range == nullptr || (cp - range->first) % range->step != 0)
    return cp;
  return static_cast<char32_t>(static_cast<std::int32_t>(cp) + range->offset);
}

// Latin capitals with their accents, to the small letter with the same accents.
char32_t lower_latin(char32_t cp) {
  if (in(cp, 0x00C0, 0x00DE) && cp != 0x00D7) return cp + 0x20;
  if (cp == 0x0178) return 0x00FF;
  const bool even = cp % 2 == 0;
  if ((in(cp, 0x0100, 0x0137) && cp != 0x0130 && even) || (in(cp, 0x0139, 0x0148) && !even) ||
      (in(cp, 0x014A, 0x0177) && even) || (in(cp, 0x0179, 0x017E) && !even) ||
      (in(cp, 0x1E00, 0x1E95) && even) || (in(cp, 0x1EA0, 0x1EFF) && even)) {
    return cp + 1;
  }
  return cp;
}

void append_folded(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    return;
  }
  if (const auto* range = find_range(k_folds, cp)) {
    out += range->folded;
    return;
  }
  if (in(cp, 0x1E00, 0x1EFF)) {
    const char base = k_latin_additional_bases[(cp - 0x1E00) / 2];
    if (base != '.') {
      out += base;
      return;
    }
  }
  // Fullwidth ASCII (typed through CJK input methods) is the same name as plain ASCII.
  if (in(cp, 0xFF01, 0xFF5E)) {
    append_folded(out, cp - 0xFF01 + 0x21);
    return;
  }
  cp = lower_other_script(cp);
  auto it = std::lower_bound(
      k_mark_bases.begin(), k_mark_bases.end(), cp,
      [](const BaseOf& entry, char32_t value) { return entry.code_point < value; });
  if (it != k_mark_bases.end() && it->code_point == cp)
    cp = it->base;
  append_utf8(out, cp);
}

// Characters a terminal draws with no cell of their own: combining marks of the common
// scripts, Hangul medial/final jamo, zero-width and bidi controls, variation selectors, tags.
// Not the full Mn category; enough for names and notes.
constexpr std::array k_zero_width = std::to_array<Range>({
    {0x0300, 0x036F},   {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},   {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x061C, 0x061C},   {0x064B, 0x065F},
    {0x0670, 0x0670},   {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8},   {0x06EA, 0x06ED},
    {0x0711, 0x0711},   {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3},   {0x0900, 0x0902},
    {0x093A, 0x093A},   {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},   {0x0951, 0x0957},
    {0x0962, 0x0963},   {0x0981, 0x0981}, {0x09BC, 0x09BC}, {0x09C1, 0x09C4},   {0x09CD, 0x09CD},
    {0x09E2, 0x09E3},   {0x0A01, 0x0A02}, {0x0A3C, 0x0A3C}, {0x0A41, 0x0A51},   {0x0A70, 0x0A71},
    {0x0A75, 0x0A75},   {0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC8},   {0x0ACD, 0x0ACD},
    {0x0B01, 0x0B01},   {0x0B3C, 0x0B3C}, {0x0B41, 0x0B44}, {0x0B4D, 0x0B4D},   {0x0BC0, 0x0BC0},
    {0x0BCD, 0x0BCD},   {0x0C3E, 0x0C40}, {0x0C46, 0x0C56}, {0x0CBC, 0x0CBC},   {0x0CCC, 0x0CCD},
    {0x0D41, 0x0D44},   {0x0D4D, 0x0D4D}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},
    {0x0EB1, 0x0EB1},   {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD}, {0x0F18, 0x0F19},   {0x0F71, 0x0F7E},
    {0x0F80, 0x0F84},   {0x102D, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103A},   {0x1160, 0x11FF},
    {0x17B4, 0x17B5},   {0x17B7, 0x17BD}, {0x17C6, 0x17C6}, {0x17C9, 0x17D3},   {0x180B, 0x180F},
    {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E},   {0x2060, 0x2064},
    {0x2066, 0x206F},   {0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A},   {0xD7B0, 0xD7FF},
    {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
    {0xE0100, 0xE01EF},
});
static_assert(is_sorted_ranges(k_zero_width));

// East Asian Wide and Fullwidth characters, and emoji with emoji presentation by default.
constexpr std::array k_wide = std::to_array<Range>({
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F2FF}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
});
static_assert(is_sorted_ranges(k_wide));

// One column for these ASCII bytes, none for ASCII controls: unit_width() of an ASCII unit,
// without decoding it.
bool is_printable_ascii(char c) { return c >= 0x20 && c < 0x7F; }

// Printable ASCII within `width`, as most names are: one column a byte, nothing to flatten or cut.
bool fits_as_is(std::string_view text, std::size_t width) {
  return width > 0 && text.size() <= width &&
         std::all_of(text.begin(), text.end(), is_printable_ascii);
}

// Columns of one decoded unit; an invalid byte is drawn by terminals as one replacement glyph.
std::size_t unit_width(const Unit& unit) {
  if (!unit.valid)
    return 1;
  const char32_t cp = unit.code_point;
  if (cp < 0x20 || in(cp, 0x7F, 0x9F))
    return 0;
  if (cp < 0x300)
    return 1;
  if (find_range(k_zero_width, cp))
    return 0;
  if (find_range(k_wide, cp))
    return 2;
  return 1;
}

// Bidi controls: an override or isolate reorders the rest of the line on screen, so a name could
// make a note read backwards or hide what follows it.
bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || in(cp, 0x202A, 0x202E) || in(cp, 0x2066, 0x2069);
}

// `\\x1B` for a byte, `\\u202E` for a code point: the prefix, then 2 or 4 hex digits.
void append_escape(std::string& out, std::string_view prefix, unsigned value, int digits) {
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += "0123456789ABCDEF"[(value >> shift) & 0xF];
}

// Code points for comparison; an invalid byte becomes a lone-surrogate value (never produced by
// strict decoding), so it equals only the same invalid byte.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const Unit unit = decode_at(text, pos);
    out += unit.valid ? unit.code_point : 0xDC00 + unit.code_point;
    pos += unit.length;
  }
  return out;
}

constexpr std::string_view k_ellipsis = "\u2026";
constexpr std::string_view k_ascii_space = " \t\n\r\f\v";

} // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const Unit unit = decode_at(text, pos);
    if (unit.valid) {
      append_folded(out, unit.code_point);
    } else {
      out += text[pos];
    }
    pos += unit.length;
  }
  return out;
}

std::string lower_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const Unit unit = decode_at(text, pos);
    if (!unit.valid) {
      out += text[pos];
    } else if (unit.code_point < 0x80) {
      out += lower_ascii(static_cast<char>(unit.code_point));
    } else {
      append_utf8(out, lower_other_script(lower_latin(unit.code_point)));
    }
    pos += unit.length;
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const Unit unit = decode_at(text, pos);
    if (!unit.valid)
      return false;
    pos += unit.length;
  }
  return true;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) { // most text is ASCII: no decoding
      width += is_printable_ascii(static_cast<char>(byte)) ? 1 : 0;
      ++pos;
      continue;
    }
    const Unit unit = decode_at(text, pos);
    width += unit_width(unit);
    pos += unit.length;
  }
  return width;
}

std::string visible(std::string_view text, Breaks breaks) {
  const bool keep = breaks == Breaks::keep;
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    // A run of bytes shown as they are, appended at once: most text is one run (a piped `due`
    // shows 150,000 bytes; byte by byte was 4% of its instructions).
    std::size_t run = pos;
    while (run < text.size() && (is_printable_ascii(text[run]) ||
                                 (keep && (text[run] == '\n' || text[run] == '\t')))) {
      ++run;
    }
    out.append(text.substr(pos, run - pos));
    pos = run;
    if (pos == text.size()) break;
    const Unit unit = decode_at(text, pos);
    pos += unit.length;
    const char32_t cp = unit.code_point;
    if (!unit.valid) {
      append_escape(out, "\\x", static_cast<unsigned char>(text[pos - unit.length]), 2);
    } else if (cp == '\r' && pos < text.size() && text[pos] == '\n') {
      // "\r\n" is one line break, shown as the "\n" it ends with.
    } else if (cp == '\n' || cp == '\t' || cp == '\r') {
      out += keep ? "\\r" : " ";
    } else if (cp == 0x1B) {
      out += "\\e";
    } else if (cp < 0x20 || cp == 0x7F) {
      append_escape(out, "\\x", static_cast<unsigned>(cp), 2);
    } else if (in(cp, 0x80, 0x9F) || is_bidi_control(cp)) {
      append_escape(out, "\\u", static_cast<unsigned>(cp), 4);
    } else {
      out.append(text.substr(pos - unit.length, unit.length));
    }
  }
  return out;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (width == 0)
    return {};
  if (fits_as_is(text, width))
    return std::string(text);
  std::string flat = visible(text, Breaks::space);
  if (display_width(flat) <= width)
    return flat;

  // Keep whole units while they fit in the columns left beside the ellipsis; stop at the first
  // that does not, so a wide character is never split and nothing after a gap sneaks in.
  const std::size_t budget = width - 1;
  std::size_t used = 0;
  std::size_t keep = 0;
  while (keep < flat.size()) {
    const Unit unit = decode_at(flat, keep);
    const std::size_t columns = unit_width(unit);
    if (used + columns > budget)
      break;
    used += columns;
    keep += unit.length;
  }
  flat.resize(keep);
  // "Hello…" reads better than "Hello …".
  while (!flat.empty() && flat.back() == ' ')
    flat.pop_back();
  flat += k_ellipsis;
  return flat;
}

std::size_t append_truncated(std::string& out, std::string_view text, std::size_t width) {
  if (fits_as_is(text, width)) {
    out += text;
    return text.size();
  }
  std::string cut = truncate_to_width(text, width);
  out += cut;
  return display_width(cut);
}

std::vector<std::string> wrap_to_width(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  const std::string shown = visible(text, Breaks::keep);
  std::size_t start = 0;
  while (start <= shown.size() && !shown.empty()) {
    std::size_t end = shown.find('\n', start);
    if (end == std::string::npos) end = shown.size();
    std::string paragraph = shown.substr(start, end - start);
    for (char& c : paragraph)
      if (c == '\t') c = ' ';
    if (width == 0 || display_width(paragraph) <= width) {
      lines.push_back(paragraph);
    } else {
      std::string line;
      std::size_t used = 0;
      std::size_t pos = 0;
      while (pos < paragraph.size()) {
        const std::size_t space = paragraph.find(' ', pos);
        const std::size_t word_end = space == std::string::npos ? paragraph.size() : space;
        std::string_view word(paragraph.data() + pos, word_end - pos);
        const std::size_t word_width = display_width(word);
        if (used > 0 && used + 1 + word_width <= width) {
          line += ' ';
          line += word;
          used += 1 + word_width;
        } else {
          if (used > 0 || !line.empty()) lines.push_back(line);
          line.clear();
          used = 0;
          // A word wider than a line fills lines of its own, split between characters.
          for (std::size_t at = 0; at < word.size();) {
            const Unit unit = decode_at(word, at);
            const std::size_t columns = unit_width(unit);
            if (used + columns > width && used > 0) {
              lines.push_back(line);
              line.clear();
              used = 0;
            }
            line.append(word.substr(at, unit.length));
            used += columns;
            at += unit.length;
          }
        }
        pos = word_end == paragraph.size() ? word_end : word_end + 1;
      }
      lines.push_back(line);
    }
    if (end == shown.size()) break;
    start = end + 1;
  }
  return lines;
}

std::string pad_right(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t current = display_width(text);
  if (current < width)
    out.append(width - current, ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t current = display_width(text);
  std::string out;
  if (current < width)
    out.assign(width - current, ' ');
  out += text;
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::u32string left = code_points(a);
  std::u32string right = code_points(b);
  if (left.size() < right.size())
    std::swap(left, right);
  // Two rows of the classic table, sized by the shorter string.
  std::vector<std::size_t> previous(right.size() + 1);
  std::vector<std::size_t> current(right.size() + 1);
  for (std::size_t j = 0; j <= right.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= left.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= right.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[right.size()];
}

std::string_view trim_view(std::string_view text) {
  const auto first = text.find_first_not_of(k_ascii_space);
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(k_ascii_space);
  return text.substr(first, last - first + 1);
}

std::string trim(std::string_view text) { return std::string(trim_view(text)); }

std::vector<std::string> split_list(std::string_view text, char sep) {
  std::vector<std::string> pieces;
  for (;;) {
    const auto at = text.find(sep);
    std::string piece = trim(text.substr(0, at));
    if (!piece.empty())
      pieces.push_back(std::move(piece));
    if (at == std::string_view::npos)
      break;
    text.remove_prefix(at + 1);
  }
  return pieces;
}

std::string shell_quoted(std::string_view word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string closest_choice(std::string_view typed, const std::vector<std::string>& choices) {
  const std::string key = fold(typed);
  const std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  bool tie = false;
  for (const auto& choice : choices) {
    const std::size_t distance = edit_distance(key, fold(choice));
    if (distance < best_distance) {
      best = choice;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance && choice != best) {
      tie = true;
    }
  }
  // A one-letter word is within two edits of every short word: no guess then.
  if (tie || key.size() < 2 || best_distance >= key.size()) return {};
  return best;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

} // namespace ally
