#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "ally/text.hpp"

using ally::display_width;
using ally::edit_distance;
using ally::fold;
using ally::is_valid_utf8;
using ally::pad_left;
using ally::pad_right;
using ally::split_list;
using ally::trim;
using ally::truncate_to_width;
using ally::visible;
using ally::Breaks;

namespace {

struct FoldCase {
  std::string_view input;
  std::string_view folded;
};

void check_folds(const std::vector<FoldCase>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(fold(c.input) == c.folded);
  }
}

} // namespace

TEST_CASE("fold lower-cases ASCII and leaves other ASCII alone", "[text][fold]") {
  check_folds({
      {"", ""},
      {"JOSE", "jose"},
      {"Mary-Jane O'Neil", "mary-jane o'neil"},
      {"C++ & 42!", "c++ & 42!"},
      {"tab\there", "tab\there"},
  });
}

TEST_CASE("fold strips Latin-1 accents and expands ligatures", "[text][fold]") {
  check_folds({
      {"José", "jose"},
      {"MÜLLER", "muller"},
      {"Ångström", "angstrom"},
      {"ÀÁÂÃÄÅ àáâãäå", "aaaaaa aaaaaa"},
      {"Çç ÈÉÊË èéêë", "cc eeee eeee"},
      {"ÌÍÎÏ ìíîï Ññ", "iiii iiii nn"},
      {"ÒÓÔÕÖØ òóôõöø", "oooooo oooooo"},
      {"ÙÚÛÜ ùúûü Ýýÿ", "uuuu uuuu yyy"},
      {"straße", "strasse"},
      {"Ærø", "aero"},
      {"Þórr Ðað", "thorr dad"},
      {"2×3÷4", "2×3÷4"},       // symbols in the block are not letters
      {"a\u00A0b", "a b"},      // no-break space
      {"Ma\u00ADrie", "marie"}, // soft hyphen
  });
}

TEST_CASE("fold covers Latin Extended-A", "[text][fold]") {
  check_folds({
      {"Łukasz Łódź", "lukasz lodz"},
      {"Œuvre œil", "oeuvre oeil"},
      {"Ā ā Ă ă Ą ą", "a a a a a a"},
      {"Ćć Ĉĉ Ċċ Čč", "cc cc cc cc"},
      {"Ďď Đđ", "dd dd"},
      {"Ēē Ĕĕ Ėė Ęę Ěě", "ee ee ee ee ee"},
      {"Ĝĝ Ğğ Ġġ Ģģ", "gg gg gg gg"},
      {"Ĥĥ Ħħ", "hh hh"},
      {"Ĩĩ Īī Ĭĭ Įį İı", "ii ii ii ii ii"},
      {"Ĳĳ Ĵĵ Ķķĸ", "ijij jj kkk"},
      {"Ĺĺ Ļļ Ľľ Ŀŀ", "ll ll ll ll"},
      {"Ńń Ņņ Ňň ŉ Ŋŋ", "nn nn nn 'n nn"},
      {"Ōō Ŏŏ Őő", "oo oo oo"},
      {"Ŕŕ Ŗŗ Řř", "rr rr rr"},
      {"Śś Ŝŝ Şş Šš ſ", "ss ss ss ss s"},
      {"Ţţ Ťť Ŧŧ", "tt tt tt"},
      {"Ũũ Ūū Ŭŭ Ůů Űű Ųų", "uu uu uu uu uu uu"},
      {"Ŵŵ Ŷŷ Ÿ", "ww yy y"},
      {"Źź Żż Žž", "zz zz zz"},
      {"Dvořák Ştefan İstanbul", "dvorak stefan istanbul"},
  });
}

TEST_CASE("fold covers common Latin Extended-B letters", "[text][fold]") {
  check_folds({
      {"Ơơ Ưư", "oo uu"},                               // Vietnamese horned letters
      {"Șș Țț", "ss tt"},                               // Romanian comma-below
      {"Ǎǎ Ǐǐ Ǒǒ Ǔǔ Ǘǘ Ǚǚ Ǜǜ", "aa ii oo uu uu uu uu"}, // pinyin tones
      {"Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ", "dz dz dz lj lj lj nj nj nj"},
      {"Ǽǽ Ǿǿ Ǻǻ", "aeae oo aa"},
      {"Ɓɓ Ɗɗ Ɛɛ Ɔɔ Əə", "bb dd ee oo ee"}, // African alphabets
      {"Ȁȁ Ȅȅ Ȉȉ Ȍȍ Ȑȑ Ȕȕ", "aa ee ii oo rr uu"},
      {"Ȳȳ Ɏɏ Ƶƶ", "yy yy zz"},
  });
}

TEST_CASE("fold decomposes Latin Extended Additional", "[text][fold]") {
  check_folds({
      {"Nguyễn Thị Minh Khai", "nguyen thi minh khai"},
      {"ế ộ ặ ữ ỳ ỹ ự ờ", "e o a u y y u o"},
      {"ẠẢẤẦẨẪẬẮẰẲẴẶ", "aaaaaaaaaaaa"},
      {"ẸẺẼẾỀỂỄỆ", "eeeeeeee"},
      {"ỈỊ ỌỎỐỒỔỖỘỚỜỞỠỢ", "ii oooooooooooo"},
      {"ỤỦỨỪỬỮỰ ỲỴỶỸ", "uuuuuuu yyyy"},
      {"Ḁḁ Ḃḃ Ḉḉ Ḋḋ Ḕḕ Ḟḟ Ḡḡ Ḣḣ Ḭḭ", "aa bb cc dd ee ff gg hh ii"},
      {"Ḱḱ Ḷḷ Ḿḿ Ṅṅ Ṍṍ Ṕṕ Ṙṙ Ṡṡ Ṫṫ", "kk ll mm nn oo pp rr ss tt"},
      {"Ṳṳ Ṽṽ Ẁẁ Ẋẋ Ẏẏ Ẑẑ Ẕẕ", "uu vv ww xx yy zz zz"},
      {"ẖ ẗ ẘ ẙ ẚ ẛ", "h t w y a s"},
      {"GROẞ", "gross"},
      {"Ỻỻ Ỽỽ Ỿỿ", "llll vv yy"},
      {"ẟ", "ẟ"}, // Latin delta has no ASCII base
  });
}

TEST_CASE("fold drops combining marks so decomposed input matches", "[text][fold]") {
  check_folds({
      {"e\u0301", "e"},
      {"Jose\u0301", "jose"},
      {"A\u030Angstro\u0308m", "angstrom"},
      {"n\u0303\u0323", "n"},           // several marks in a row
      {"a\u1DC0b\u20D7c\uFE20", "abc"}, // supplement, symbol, half-mark blocks
      {"\u0301", ""},                   // a mark with no base
      {"Zoe\u0308", fold("Zoë")},
  });
}

TEST_CASE("fold maps typographic punctuation to ASCII", "[text][fold]") {
  check_folds({
      {"O\u2019Neil", "o'neil"},
      {"O\u2018Neil", "o'neil"},
      {"O\u02BCNeil", "o'neil"},
      {"O\u00B4Neil", "o'neil"},
      {"Hawai\u02BBi", "hawai'i"},
      {"Mary\u2013Jane", "mary-jane"},
      {"Mary\u2014Jane", "mary-jane"},
      {"Mary\u2010Jane\u2011Lou", "mary-jane-lou"},
      {"\u201CAl\u201D", "\"al\""},
      {"1\u22122", "1-2"},
      {"a\u2009b\u202Fc", "a b c"}, // thin and narrow no-break spaces
      {"\uFEFFAnna\u200B", "anna"}, // BOM and zero-width space are invisible
      {"\uFB01\uFB02\uFB00", "fiflff"},
      {"\uFF2A\uFF4F\uFF48\uFF4E", "john"}, // fullwidth Latin
  });
}

TEST_CASE("fold lower-cases Greek and strips its accents", "[text][fold]") {
  check_folds({
      {"ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", "αβγδεζηθικλμνξοπρστυφχψω"},
      {"Σ", "σ"},
      {"ΟΔΥΣΣΕΥΣ", "οδυσσευσ"},
      {"Οδυσσεύς", "οδυσσευσ"}, // final sigma matches σ
      {"Ά Έ Ή Ί Ό Ύ Ώ", "α ε η ι ο υ ω"},
      {"ά έ ή ί ό ύ ώ ΐ ΰ ϊ ϋ Ϊ Ϋ", "α ε η ι ο υ ω ι υ ι υ ι υ"},
      {"Γιώργος", "γιωργοσ"},
      {"ϐ ϑ ϕ ϖ ϰ ϱ ϲ ϵ Ϲ", "β θ φ π κ ρ σ ε σ"},
      {"\u03B1\u0301", "α"}, // decomposed ά
  });
}

TEST_CASE("fold lower-cases Cyrillic", "[text][fold]") {
  check_folds({
      {"АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "абвгдежзиклмнопрстуфхцчшщъыьэюя"},
      {"А", "а"},
      {"Наталья ИВАНОВА", "наталья иванова"},
      {"ЂЃЄЅІЈЉЊЋЏ", "ђгєѕіјљњћџ"},
      {"Ґ Ѣ Ҕ Ӏ", "ґ ѣ ҕ ӏ"},
      // Letters that decompose into base + mark fold like their decomposed spelling does.
      {"Пётр ПЁТР", "петр петр"},
      {"Андрей", "андреи"},
      {"\u0438\u0306", fold("й")},
      {"Їжак Ўладзімір", "іжак уладзімір"},
      {"Ӓӓ Ӧӧ Ӱӱ", "аа оо уу"},
  });
}

TEST_CASE("fold lower-cases Armenian and Georgian capitals", "[text][fold]") {
  check_folds({
      {"ԱՐԱՄ", "արամ"},
      {"\u1C92\u1C90", "\u10D2\u10D0"},
  });
}

TEST_CASE("fold passes unmapped characters through", "[text][fold]") {
  check_folds({
      {"山田太郎", "山田太郎"},
      {"김민준", "김민준"},
      {"😀👍🏽", "😀👍🏽"},
      {"שָׁלוֹם", "שָׁלוֹם"},
      {"محمد", "محمد"},
  });
}

TEST_CASE("fold passes invalid bytes through unchanged", "[text][fold]") {
  check_folds({
      {"A\xFFZ", "a\xFFz"},
      {"\x80\x80", "\x80\x80"},                 // lone continuation bytes
      {"Jos\xC3", "jos\xC3"},                   // truncated at the end
      {"\xC3Z", "\xC3z"},                       // lead byte followed by ASCII
      {"\xC0\xAF", "\xC0\xAF"},                 // overlong '/'
      {"\xE0\x80\xAF", "\xE0\x80\xAF"},         // overlong, three bytes
      {"\xED\xA0\x80", "\xED\xA0\x80"},         // surrogate U+D800
      {"\xF4\x90\x80\x80", "\xF4\x90\x80\x80"}, // above U+10FFFF
      {"\xE2\x80", "\xE2\x80"},                 // truncated dash
      {"\xC3\xC3\x89", "\xC3\x65"},             // bad lead, then É
  });
  CHECK(fold(std::string_view("\0A", 2)) == std::string_view("\0a", 2));
}

TEST_CASE("fold makes spellings of one name compare equal", "[text][fold]") {
  const std::vector<std::vector<std::string_view>> groups = {
      {"José", "JOSE", "jose", "Jose\u0301", "JOSÉ"},
      {"Müller", "MÜLLER", "Mu\u0308ller", "muller"},
      {"Ñuñez", "NUNEZ", "N\u0303un\u0303ez"},
  };
  for (const auto& group : groups) {
    for (auto spelling : group) {
      CAPTURE(spelling, group.front());
      CHECK(fold(spelling) == fold(group.front()));
    }
  }
}

TEST_CASE("is_valid_utf8 is strict", "[text][utf8]") {
  struct Case {
    std::string_view input;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"", true},
      {"plain", true},
      {"José 山田 😀", true},
      {"\x7F", true},
      {"\xC2\x80", true},         // U+0080, smallest two-byte
      {"\xDF\xBF", true},         // U+07FF
      {"\xE0\xA0\x80", true},     // U+0800, smallest three-byte
      {"\xED\x9F\xBF", true},     // U+D7FF, just below the surrogates
      {"\xEE\x80\x80", true},     // U+E000, just above them
      {"\xEF\xBF\xBF", true},     // U+FFFF
      {"\xF0\x90\x80\x80", true}, // U+10000
      {"\xF4\x8F\xBF\xBF", true}, // U+10FFFF
      {"\x80", false},            // lone continuation
      {"a\xBFz", false},
      {"\xC3", false},             // truncated two-byte
      {"\xE6\x97", false},         // truncated three-byte
      {"\xF0\x9F\x98", false},     // truncated four-byte
      {"\xC0\x80", false},         // overlong NUL
      {"\xC1\xBF", false},         // overlong two-byte
      {"\xE0\x9F\xBF", false},     // overlong three-byte
      {"\xF0\x8F\xBF\xBF", false}, // overlong four-byte
      {"\xED\xA0\x80", false},     // high surrogate
      {"\xED\xBF\xBF", false},     // low surrogate
      {"\xF4\x90\x80\x80", false}, // U+110000
      {"\xF5\x80\x80\x80", false},
      {"\xFE", false},
      {"\xFF", false},
      {"\xC3Z", false}, // continuation replaced by ASCII
      {"\xE2\x28\xA1", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(is_valid_utf8(c.input) == c.valid);
  }
}

TEST_CASE("display_width counts terminal columns", "[text][width]") {
  struct Case {
    std::string_view input;
    std::size_t width;
  };
  const std::vector<Case> cases = {
      {"", 0},
      {"hello", 5},
      {"José", 4},
      {"Jose\u0301", 4}, // combining acute takes no column
      {"Ωμέγα Жук", 9},
      {"山田", 4},         // CJK ideographs
      {"김민준", 6},       // Hangul syllables
      {"\u1100\u1161", 2}, // conjoining jamo: leading is wide, vowel is zero
      {"カタカナ", 8},
      {"ｶﾀｶﾅ", 4},       // halfwidth katakana
      {"ＡＢ", 4},       // fullwidth Latin
      {"\u3000", 2},     // ideographic space
      {"\U00020000", 2}, // CJK Extension B
      {"😀", 2},
      {"🚀🤝", 4},
      {"⌚☕⭐", 6},          // emoji-presentation symbols outside the emoji blocks
      {"☺", 1},            // text-presentation symbol
      {"\u2764\uFE0F", 1}, // variation selector adds nothing
      {"👩\u200D💻", 4},     // ZWJ itself is zero; each emoji counts
      {"🇫🇷", 2},           // regional indicators are narrow each
      {"a\tb\nc", 3},      // control characters take no column
      {"\x1B", 0},
      {"\u0085", 0},             // C1 control
      {"\u200B\u200E\uFEFF", 0}, // zero-width space, LRM, BOM
      {"\xFF", 1},               // each invalid byte is one replacement glyph
      {"a\x80\x80z", 4},
      {"\xE6\x97", 2}, // truncated wide character: two bad bytes
      {"\xC3", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(display_width(c.input) == c.width);
  }
}

TEST_CASE("truncate_to_width cuts by columns and marks the cut", "[text][truncate]") {
  struct Case {
    std::string_view input;
    std::size_t width;
    std::string_view output;
  };
  const std::vector<Case> cases = {
      {"hello", 0, ""},
      {"", 0, ""},
      {"", 5, ""},
      {"hello", 5, "hello"}, // fits exactly: no ellipsis
      {"hello", 10, "hello"},
      {"hello", 4, "hel…"},
      {"hello", 1, "…"},
      {"hello", 2, "h…"},
      {"Hello world", 7, "Hello…"}, // no space left before the ellipsis
      {"José Müller", 6, "José…"},
      {"Jose\u0301 Mu\u0308ller", 5, "Jose\u0301…"}, // marks stay with their letter
      {"e\u0301e\u0301", 1, "…"},
      {"山田太郎", 8, "山田太郎"},
      {"山田太郎", 7, "山田太…"},
      {"山田太郎", 6, "山田…"}, // 太 would need columns 5-6, only 5 is free
      {"山田太郎", 2, "…"},
      {"山田太郎", 1, "…"},
      {"a山", 2, "a…"},
      {"😀😀😀", 5, "😀😀…"},
      {"😀😀😀", 4, "😀…"},
      {"line one\nline two", 20, "line one line two"},
      {"a\tb\rc", 5, "a b c"},
      {"a\r\nb", 5, "a b"}, // CRLF is one line break
      {"one\ntwo three", 8, "one two…"},
      {"ab\xFFxy", 6, "ab\\xF…"}, // an invalid byte is shown as its escape, four columns
      {"a\x1b[2Jb", 10, "a\\e[2Jb"}, // what is cut is what is shown
      {"\xE6\x97\xA5\xE6\x97", 3, "日…"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input, c.width);
    const std::string out = truncate_to_width(c.input, c.width);
    CHECK(out == c.output);
    CHECK(display_width(out) <= c.width);
  }
}

TEST_CASE("visible shows every control a terminal would act on as an escape", "[text][visible]") {
  struct Case {
    std::string_view input;
    std::string_view keep;  // Breaks::keep
    std::string_view space; // Breaks::space
  };
  const std::vector<Case> cases = {
      {"Rachel Green", "Rachel Green", "Rachel Green"},
      {"José 山田 😀", "José 山田 😀", "José 山田 😀"},
      {"\x1b]0;title\x07", "\\e]0;title\\x07", "\\e]0;title\\x07"},
      {"a\x1b[2Jb", "a\\e[2Jb", "a\\e[2Jb"},
      {"one\ntwo\tthree", "one\ntwo\tthree", "one two three"},
      {"one\r\ntwo", "one\ntwo", "one two"},
      {"over\rwrite", "over\\rwrite", "over write"},
      {"\x08\x7f", "\\x08\\x7F", "\\x08\\x7F"},
      {"\xC2\x9B" "31m", "\\u009B31m", "\\u009B31m"}, // C1 CSI
      {"\u202Eevil\u2066\u200F\u061C", "\\u202Eevil\\u2066\\u200F\\u061C", "\\u202Eevil\\u2066\\u200F\\u061C"},
      {"ab\xFF", "ab\\xFF", "ab\\xFF"},
      {"\xE6\x97", "\\xE6\\x97", "\\xE6\\x97"}, // a cut sequence, byte by byte
      {"C:\\path", "C:\\path", "C:\\path"}, // a backslash is text
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(visible(c.input, Breaks::keep) == c.keep);
    CHECK(visible(c.input, Breaks::space) == c.space);
  }
  CHECK(visible(std::string("a\0b", 3), Breaks::keep) == "a\\x00b");
}

TEST_CASE("truncate_to_width never splits a UTF-8 sequence", "[text][truncate]") {
  const std::string_view text = "Zoë 山田 😀 Ærø Ωμέγα e\u0301 👩\u200D💻 end";
  REQUIRE(is_valid_utf8(text));
  for (std::size_t width = 0; width <= display_width(text) + 1; ++width) {
    CAPTURE(width);
    const std::string out = truncate_to_width(text, width);
    CHECK(is_valid_utf8(out));
    CHECK(display_width(out) <= width);
  }
}

TEST_CASE("pad_right and pad_left pad by display width", "[text][pad]") {
  CHECK(pad_right("ab", 5) == "ab   ");
  CHECK(pad_left("ab", 5) == "   ab");
  CHECK(pad_right("山田", 6) == "山田  ");
  CHECK(pad_left("山田", 6) == "  山田");
  CHECK(pad_right("José", 6) == "José  ");
  CHECK(pad_right("Jose\u0301", 6) == "Jose\u0301  ");
  CHECK(pad_right("😀", 3) == "😀 ");
  CHECK(pad_right("", 3) == "   ");
  CHECK(pad_right("exact", 5) == "exact");
  CHECK(pad_right("too wide", 3) == "too wide"); // never cut
  CHECK(pad_left("too wide", 3) == "too wide");
  CHECK(pad_left("山田", 5) == " 山田");
  CHECK(pad_left("山田", 3) == "山田");
}

TEST_CASE("edit_distance counts code point edits", "[text][distance]") {
  struct Case {
    std::string_view a;
    std::string_view b;
    std::size_t distance;
  };
  const std::vector<Case> cases = {
      {"", "", 0},           {"", "abc", 3},
      {"abc", "", 3},        {"john", "john", 0},
      {"jon", "john", 1},    {"kitten", "sitting", 3},
      {"flaw", "lawn", 2},   {"josé", "jose", 1}, // é is one code point, two bytes
      {"山田", "山本", 1},   {"😀", "😁", 1},
      {"a\xFF", "a\xFE", 1},                          // invalid bytes compare by value
      {"a\xFF", "a\xFF", 0}, {"\xC3", "\xC3\xA9", 1}, // truncated é differs from é
  };
  for (const auto& c : cases) {
    CAPTURE(c.a, c.b);
    CHECK(edit_distance(c.a, c.b) == c.distance);
    CHECK(edit_distance(c.b, c.a) == c.distance);
  }
}

TEST_CASE("trim removes ASCII white space at both ends", "[text][trim]") {
  CHECK(trim("").empty());
  CHECK(trim("   ").empty());
  CHECK(trim(" \t\r\n\f\v").empty());
  CHECK(trim("  a b  ") == "a b");
  CHECK(trim("\tJosé\n") == "José");
  CHECK(trim("x") == "x");
  CHECK(trim("\u00A0x\u00A0") == "\u00A0x\u00A0"); // only ASCII white space
}

TEST_CASE("split_list trims pieces and drops empty ones", "[text][split]") {
  using Pieces = std::vector<std::string>;
  CHECK(split_list("", ',').empty());
  CHECK(split_list(" , ,, ", ',').empty());
  CHECK(split_list("Rachel,John", ',') == Pieces{"Rachel", "John"});
  CHECK(split_list(" Rachel , John ,", ',') == Pieces{"Rachel", "John"});
  CHECK(split_list("one", ',') == Pieces{"one"});
  CHECK(split_list(",a,,b,", ',') == Pieces{"a", "b"});
  CHECK(split_list("a;b c;d", ';') == Pieces{"a", "b c", "d"});
  CHECK(split_list("José, Zoë", ',') == Pieces{"José", "Zoë"});
}

TEST_CASE("lower_case ignores case and keeps accents", "[text][lower_case]") {
  using ally::lower_case;
  CHECK(lower_case("JOHN DOË") == "john doë");
  CHECK(lower_case("John Doë") == lower_case("JOHN DOË"));
  CHECK(lower_case("John Doë") != lower_case("John Doe"));
  CHECK(lower_case("ÀÉÎÕÜ Ç Ø Þ") == "àéîõü ç ø þ");
  CHECK(lower_case("×") == "×"); // the multiplication sign has no small form
  CHECK(lower_case("ŁÓDŹ ŻÓŁW Ÿ") == "łódź żółw ÿ");
  CHECK(lower_case("ĲSSEL ĳssel") == "ĳssel ĳssel");
  CHECK(lower_case("ΑΘΉΝΑ МОСКВА") == "αθήνα москва");
  CHECK(lower_case("ẠẸ") == "ạẹ");
  CHECK(lower_case(std::string("A\xFF" "B")) == std::string("a\xFF" "b")); // invalid bytes kept
}

TEST_CASE("wrap_to_width breaks at spaces and keeps the text's own lines", "[text][wrap]") {
  using ally::wrap_to_width;
  using Lines = std::vector<std::string>;
  CHECK(wrap_to_width("", 10).empty());
  CHECK(wrap_to_width("one two three", 0) == Lines{"one two three"});
  CHECK(wrap_to_width("one two three", 13) == Lines{"one two three"});
  CHECK(wrap_to_width("one two three", 12) == Lines{"one two", "three"});
  CHECK(wrap_to_width("one two three", 7) == Lines{"one two", "three"});
  CHECK(wrap_to_width("one two three", 6) == Lines{"one", "two", "three"});
  // A word wider than the line is split between characters, never inside one.
  CHECK(wrap_to_width("abcdefgh ij", 3) == Lines{"abc", "def", "gh", "ij"});
  CHECK(wrap_to_width("Müllerstraße", 5) == Lines{"Mülle", "rstra", "ße"});
  CHECK(wrap_to_width("日本語です", 4) == Lines{"日本", "語で", "す"});
  CHECK(wrap_to_width("first line\nsecond one", 6) == Lines{"first", "line", "second", "one"});
  CHECK(wrap_to_width("a\n\nb", 6) == Lines{"a", "", "b"});
  // Stored controls come out visible, as everywhere else.
  CHECK(wrap_to_width("bell\a here", 20) == Lines{"bell\\x07 here"});
  for (std::size_t width : {8, 13, 21}) {
    for (const auto& line : wrap_to_width("People in other teams and companies see what you can't", width))
      CHECK(display_width(line) <= width);
  }
}
