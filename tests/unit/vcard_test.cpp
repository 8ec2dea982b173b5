// vCard reader and writer. Real exports from /work/shared/vcards (ALLY_SHARED_DIR) pin the
// behaviour on files we did not write; the fixtures in tests/data/vcard reproduce one quirk each.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "ally/error.hpp"
#include "ally/vcard.hpp"

namespace fs = std::filesystem;
using ally::VCard;
using ally::YearlessDate;
using Catch::Matchers::Contains;
using Strings = std::vector<std::string>;

namespace {

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path shared_dir() { return fs::path(ALLY_SHARED_DIR) / "vcards"; }
fs::path fixture_dir() { return fs::path(ALLY_TEST_DATA) / "vcard"; }

// The shared files live outside the repository; without them these tests only warn.
std::optional<std::vector<VCard>> shared_cards(const std::string& name) {
  fs::path path = shared_dir() / name;
  if (!fs::exists(path)) {
    WARN("skipped: " << path << " is missing");
    return std::nullopt;
  }
  return ally::parse_vcards(read_bytes(path));
}

std::vector<VCard> fixture_cards(const std::string& name) {
  fs::path path = fixture_dir() / name;
  REQUIRE(fs::exists(path));
  return ally::parse_vcards(read_bytes(path));
}

YearlessDate date(unsigned month, unsigned day, std::optional<int> year = std::nullopt) {
  return YearlessDate{month, day, year};
}

// "Ñ Ñ Ñ" for count 3: the Android export's filler names.
std::string spaced_enye(int count) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += i == 0 ? "Ñ" : " Ñ";
  return out;
}

std::string repeat(std::string_view text, int count) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += text;
  return out;
}

bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80    ? 1
                         : lead >= 0xF0 ? 4
                         : lead >= 0xE0 ? 3
                         : lead >= 0xC2 ? 2
                                        : 0;
    if (length == 0 || lead > 0xF4 || i + length > text.size())
      return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
        return false;
    i += length;
  }
  return true;
}

bool card_is_utf8(const VCard& card) {
  Strings all{card.uid, card.fn,    card.given, card.family,
              card.org, card.title, card.note,  card.city};
  for (const auto* list : {&card.nicknames, &card.emails, &card.phones, &card.categories})
    all.insert(all.end(), list->begin(), list->end());
  for (const std::string& text : all)
    if (!is_utf8(text))
      return false;
  return is_utf8(ally::display_name(card));
}

Strings physical_lines(const std::string& text) {
  Strings lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos)
      end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Shared real-world files.

TEST_CASE("vcard: AOSP 2.1 backslash keeps 2.1 escapes only in compound values", "[vcard]") {
  auto cards = shared_cards("aosp_v21_backslash.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.version == "2.1");
  CHECK(card.fn == "A;B\\C\\;D:E\\\\"); // 2.1 defines no escapes in a single value
  CHECK(card.family.empty());
  CHECK(card.given == "A;B\\"); // N:;A\;B\\;C... -> `\;` and `\\` unescaped
  CHECK(ally::display_name(card) == card.fn);
}

TEST_CASE("vcard: AOSP 2.1 complicated card", "[vcard]") {
  auto cards = shared_cards("aosp_v21_complicated.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Joe Due");
  CHECK(card.family == "Gump");
  CHECK(card.given == "Forrest");
  CHECK(card.org == "Gump Shrimp Co.");
  CHECK(card.title == "Shrimp Man");
  CHECK(card.city == "Baytown");
  CHECK(card.phones ==
        Strings{"(111) 555-1212", "(404) 555-1212", "0311111111", "0322222222", "0333333333"});
  CHECK(card.emails == Strings{"forrestgump@walladalla.com", "cell@example.com"});
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(1, 1, 1980));
  // Two NOTEs; the second is quoted-printable with soft breaks, one before a leading space.
  CHECK(card.note == "The following note is the example from RFC 2045.\n"
                     "Now's the time for all folk to come to the aid of their country.");
  CHECK(card.warnings.empty());
}

TEST_CASE("vcard: AOSP 2.1 Shift_JIS card decodes to Japanese", "[vcard]") {
  auto cards = shared_cards("aosp_v21_japanese_shiftjis.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "安藤 ロイド 1");
  CHECK(card.family == "安藤");
  CHECK(card.given == "ロイド1");
  CHECK(card.note == "メモ"); // CHARSET=SHIFT_JIS under quoted-printable
  CHECK(card.city.empty());   // the ADR has a street but no locality
}

TEST_CASE("vcard: AOSP 3.0 iOS 6.1.3 export", "[vcard]") {
  auto cards = shared_cards("aosp_v30_ios613.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Bob Smith");
  CHECK(card.org == "Smith Auto Repair");
  CHECK(card.emails == Strings{"bob@smithauto.com"});
  CHECK(card.phones == Strings{"(650) 555-1212"});
}

TEST_CASE("vcard: AOSP 3.0 quoted parameter with comma and colon", "[vcard]") {
  auto cards = shared_cards("aosp_v30_quoted_param.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn.empty());
  CHECK(card.family == "F");
  CHECK(card.given == "G");
  CHECK(card.phones == Strings{"1"});
  CHECK(ally::display_name(card) == "G F");
}

TEST_CASE("vcard: AOSP 4.0 SORT-AS with quoted semicolons", "[vcard]") {
  auto cards = shared_cards("aosp_v40_sort_as.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.version == "4.0");
  CHECK(card.fn == "安藤 ロイド");
  CHECK(card.family == "安藤");
  CHECK(card.given == "ロイド");
  CHECK(card.org == "グーグル");
}

TEST_CASE("vcard: ez-vcard Android 2.1 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_android_2.1.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 6);
  const auto& c = *cards;
  CHECK(c[0].emails == Strings{"john.doe@company.com"});
  CHECK(c[0].categories == Strings{"My Contacts"});
  CHECK(ally::display_name(c[0]) == "john.doe@company.com");
  CHECK(ally::display_name(c[1]) == "jane.doe@company.com");
  CHECK(c[1].line == 6);

  CHECK(c[2].fn == spaced_enye(5));
  CHECK(c[2].family == spaced_enye(4));
  CHECK(c[2].phones == Strings{"123456789"});

  // Soft line breaks inside the QP value, with and without a space after them.
  CHECK(c[3].fn == spaced_enye(11));
  CHECK(c[3].phones == Strings{"123456", "234567", "3456789", "45678901"});
  std::string one_note = repeat("Ñ ", 7) + "Ñ" + repeat("Ñ ", 7) + "Ñ" + repeat("Ñ ", 5);
  CHECK(c[3].note == one_note + "\n" + one_note);

  CHECK(c[4].family == spaced_enye(2));
  CHECK(c[4].given == spaced_enye(3));
  CHECK(c[4].emails == Strings{"bob@company.com", repeat("Ñ", 14)});
  CHECK(c[4].org == repeat("Ñ", 12));

  // A QP soft break followed by a blank line ends the value (and the base64 PHOTO before it is
  // skipped).
  CHECK(c[5].fn == repeat("Ñ", 4));
  CHECK(c[5].org == repeat("Ñ", 44));
  CHECK(c[5].emails == Strings{"henry@company.com"});
  CHECK(c[5].categories == Strings{"My Contacts"});
}

TEST_CASE("vcard: ez-vcard FullContact 4.0 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_fullcontact_4.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Prefix FirstName MiddleName LastName Suffix");
  CHECK(card.given == "FirstName");
  CHECK(card.family == "LastName");
  CHECK(card.org == "Organization1");
  CHECK(card.title == "Title1");
  CHECK(card.city == "HomeCity");
  CHECK(card.nicknames == Strings{"NickName"});
  CHECK(card.categories == Strings{"Tag"});
  CHECK(card.emails == Strings{"home@example.com", "work@example.com", "school@example.com",
                               "other@example.com", "custom@example.com"});
  CHECK(card.phones.size() == 9);
  CHECK(card.phones.front() == "555-555-1111");
  CHECK(card.phones.back() == "555-555-1119");
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(8, 1, 2016)); // the VALUE=text alternative is ignored
  CHECK(card.warnings.empty());
  CHECK(card.note == "Notes line 1\nNotes line 2");
}

TEST_CASE("vcard: ez-vcard Gmail 3.0 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_gmail_3.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Mr. John Richter, James Doe Sr.");
  CHECK(card.family == "Doe");
  CHECK(card.given == "John");
  CHECK(card.emails == Strings{"john.doe@ibm.com"});
  CHECK(card.phones == Strings{"905-555-1234", "905-666-1234"});
  CHECK(card.org == "IBM");
  CHECK(card.title == "Money Counter");
  CHECK(card.city.empty());
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(3, 22, 1980));
  CHECK_THAT(card.note, Contains("CONTRIBUTORS \"AS IS\" AND ANY EXPRESS")); // \" and a fold
  CHECK_THAT(card.note, Contains("WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE"));
  CHECK_THAT(card.note, Contains("SERVICES; LOSS OF USE"));
  CHECK_THAT(card.note, Contains("SUCH DAMAGE.\nFavotire Color: Blue"));
  CHECK(card.note.find('\\') == std::string::npos);
}

TEST_CASE("vcard: ez-vcard Gmail list of three cards, last without a final newline", "[vcard]") {
  auto cards = shared_cards("ezvcard_gmail_list_3.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 3);
  const auto& c = *cards;
  CHECK(ally::display_name(c[0]) == "Arnold Smith");
  CHECK(c[0].emails == Strings{"asmithk@gmail.com"});
  CHECK(ally::display_name(c[1]) == "Chris Beatle");
  CHECK(c[1].emails == Strings{"chrisy55d@yahoo.com"});
  CHECK(ally::display_name(c[2]) == "Doug White");
  CHECK(c[2].emails == Strings{"dwhite@gmail.com"});
  CHECK(c[0].line == 1);
  CHECK(c[1].line == 7);
  CHECK(c[2].line == 13);
}

TEST_CASE("vcard: ez-vcard iPhone 3.0 export with CR CR LF lines and item groups", "[vcard]") {
  auto cards = shared_cards("ezvcard_iphone_3.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Mr. John Richter James Doe Sr.");
  CHECK(card.given == "John");
  CHECK(card.family == "Doe");
  CHECK(card.nicknames == Strings{"Johny"});
  CHECK(card.org == "IBM");
  CHECK(card.title == "Money Counter");
  CHECK(card.emails == Strings{"john.doe@ibm.com"}); // item1.EMAIL
  CHECK(card.phones == Strings{"905-555-1234", "905-666-1234", "905-777-1234", "905-888-1234",
                               "905-999-1234", "905-111-1234", "905-222-1234"});
  CHECK(card.city == "New York");
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(6, 6, 2012));
}

TEST_CASE("vcard: ez-vcard Lotus Notes 3.0 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_lotusnotes_3.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.uid == "0e7602cc-443e-4b82-b4b1-90f62f99a199");
  CHECK(card.fn == "Mr. Doe John I Johny");
  // NICKNAME:Johny\,JayJay — an escaped comma is part of the value (RFC 6350 section 3.4).
  CHECK(card.nicknames == Strings{"Johny,JayJay"});
  CHECK(card.org == "IBM");
  CHECK(card.title == "Generic Accountant");
  CHECK(card.emails == Strings{"john.doe@ibm.com", "billy_bob@gmail.com"});
  CHECK(card.phones == Strings{"+1 (212) 204-34456", "00-1-212-555-7777"});
  CHECK(card.city == "New York");
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(5, 21, 1980));
  CHECK_THAT(card.note, Contains("CONTRIBUTORS \"AS IS\"\nAND ANY EXPRESS"));
  CHECK_THAT(card.note, Contains("POSSIBILITY OF SUCH DAMAGE."));
}

TEST_CASE("vcard: ez-vcard Mac Address Book 3.0 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_macab_3.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Mr. John Richter,James Doe Sr.");
  CHECK(card.emails == Strings{"john.doe@ibm.com"});
  CHECK(card.phones.size() == 7);
  CHECK(card.phones.front() == "905-777-1234");
  CHECK(card.city == "New York");
  CHECK(card.org == "IBM");
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(6, 6, 2012));
  CHECK_THAT(card.note, Contains("SUCH DAMAGE.\nFavotire Color: Blue")); // `\:` unescaped
}

TEST_CASE("vcard: ez-vcard Outlook 2007 2.1 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_outlook2007_2.1.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Mr. Michael Angstadt Jr.");
  CHECK(card.given == "Michael");
  CHECK(card.family == "Angstadt");
  CHECK(card.nicknames == Strings{"Mike"});
  CHECK(card.org == "TheCompany");
  CHECK(card.title == "TheJobTitle");
  CHECK(card.city == "New York");
  CHECK(card.emails == Strings{"mike.angstadt@gmail.com"});
  CHECK(card.phones ==
        Strings{"(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"});
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(3, 10, 1922)); // BDAY:19220310
  CHECK(card.note == "This is the NOTE field\t\n"
                     "I assume it encodes this text inside a NOTE vCard type.\n"
                     "But I'm not sure because there's text formatting going on here.\n"
                     "It does not preserve the formatting");
}

TEST_CASE("vcard: ez-vcard Outlook 2.1 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_outlook_2.1.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Mr. John Richter James Doe Sr.");
  CHECK(card.nicknames == Strings{"Johny"});
  CHECK(card.org == "IBM");
  CHECK(card.title == "Money Counter");
  CHECK(card.city == "Albaney"); // the first ADR (WORK) has a locality
  CHECK(card.emails == Strings{"john.doe@ibm.cm"});
  CHECK(card.phones == Strings{"(905) 555-1234", "(905) 666-1234"});
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(3, 22, 1980)); // BDAY:19800322
  CHECK_THAT(card.note, Contains("GEORGE EL-HADDAD ''AS IS''"));
}

TEST_CASE("vcard: ez-vcard RFC 6350 example", "[vcard]") {
  auto cards = shared_cards("ezvcard_rfc6350_4.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "Simon Perreault");
  CHECK(card.org == "Viagenie");
  CHECK(card.city == "Quebec"); // the locality sits on a folded line
  CHECK(card.emails == Strings{"simon.perreault@viagenie.ca"});
  CHECK(card.phones == Strings{"+1-418-656-9254;ext=102", "+1-418-262-6501"}); // tel: dropped
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(2, 3)); // BDAY:--0203, no year
}

TEST_CASE("vcard: ez-vcard Thunderbird 3.0 export", "[vcard]") {
  auto cards = shared_cards("ezvcard_thunderbird_3.0.vcf");
  if (!cards)
    return;
  REQUIRE(cards->size() == 1);
  const VCard& card = cards->front();
  CHECK(card.fn == "John Doe");
  CHECK(card.given == "John");
  CHECK(card.family == "Doe");
  CHECK(card.org == "TheOrganization");
  CHECK(card.title == "TheTitle");
  CHECK(card.nicknames == Strings{"Johnny"});
  CHECK(card.city == "New York");
  // Thunderbird escapes the commas it puts between categories; RFC 6350 reads one value.
  CHECK(card.categories == Strings{"category1, category2, category3"});
  CHECK(card.emails.size() == 5);
  CHECK(card.emails.front() == "doe.john@hotmail.com");
  CHECK(card.phones ==
        Strings{"555-555-1111", "555-555-2222", "555-555-5555", "555-555-3333", "555-555-4444"});
  REQUIRE(card.birthday);
  CHECK(*card.birthday == date(9, 21, 1970));
  CHECK(card.note == "This is the notes field.\nSecond Line\n\nFourth Line\n"
                     "You can put anything in the \"note\" field; even curse words.");
}

TEST_CASE("vcard: every shared file parses to named, valid UTF-8 cards", "[vcard]") {
  if (!fs::is_directory(shared_dir())) {
    WARN("skipped: " << shared_dir() << " is missing");
    return;
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator(shared_dir())) {
    if (entry.path().extension() != ".vcf")
      continue;
    ++files;
    INFO(entry.path());
    std::vector<VCard> cards = ally::parse_vcards(read_bytes(entry.path()));
    CHECK_FALSE(cards.empty());
    for (const VCard& card : cards) {
      CHECK(card_is_utf8(card));
      CHECK(ally::display_name(card) != "(unnamed)");
      CHECK(card.line >= 1);
    }
  }
  CHECK(files >= 17);
}

// ---------------------------------------------------------------------------------------------
// Fixtures: one quirk each.

TEST_CASE("vcard: folded lines, including a fold inside a UTF-8 sequence", "[vcard]") {
  auto cards = fixture_cards("folded_30.vcf");
  REQUIRE(cards.size() == 1);
  const VCard& card = cards.front();
  CHECK(card.fn == "José María Folded");
  CHECK(card.given == "José");
  CHECK(card.note == "First part of a long note that a careful writer folds at seventy-five "
                     "octets, with a tab as the fold marker\nand a second line that is also "
                     "folded.");
  CHECK(card.emails == Strings{"jose@example.org"});
  CHECK(card.phones == Strings{"+34 600 000 000"}); // the property name itself was folded
}

TEST_CASE("vcard: 2.1 quoted-printable soft line breaks", "[vcard]") {
  auto cards = fixture_cards("qp_softbreak_21.vcf");
  REQUIRE(cards.size() == 2);
  const VCard& card = cards[0];
  CHECK(card.family == "Müller");
  CHECK(card.given == "Jürgen");
  CHECK(card.fn == "Jürgen Müller");
  CHECK(card.note == "Met at the fair\nSecond line\nThird line with a  space kept");
  CHECK(card.title == "Head of Sales"); // soft break, then a blank line ends the value
  CHECK(card.org == "Broken =4");       // a truncated escape is kept as written
  CHECK(card.categories == Strings{"Fair", "Supplier"});
  // A soft break right before END:VCARD does not swallow the end of the card.
  CHECK(cards[1].fn == "Second");
}

TEST_CASE("vcard: CHARSET parameters and the 2.1 UTF-8-else-Windows-1252 rule", "[vcard]") {
  auto cards = fixture_cards("charsets_21.vcf");
  REQUIRE(cards.size() == 6);
  CHECK(cards[0].fn == "José Müller"); // CHARSET=ISO-8859-1
  CHECK(cards[0].family == "Müller");
  CHECK(cards[0].given == "José");
  CHECK(cards[1].fn == "Zoë “Zed” Smith"); // no CHARSET, not UTF-8: Windows-1252
  CHECK(cards[1].note == "Owes me €10 – lunch");
  CHECK(cards[2].fn == "Zoë Ångström");          // no CHARSET, valid UTF-8
  CHECK(cards[3].fn == "Renée");                 // unknown charset name: same rule
  CHECK(cards[4].fn == "Bad \xEF\xBF\xBD byte"); // declared UTF-8, bad byte: U+FFFD
  CHECK(cards[5].fn == "André Gonçalves");       // ISO-8859-1 under quoted-printable
}

TEST_CASE("vcard: 2.1 bare parameters, 2.1 escapes, skipped base64 PHOTO", "[vcard]") {
  auto cards = fixture_cards("bare_params_21.vcf");
  REQUIRE(cards.size() == 1);
  const VCard& card = cards.front();
  CHECK(card.family == "Lee");
  CHECK(card.given == "Ana;Maria");  // `\;` inside a compound value
  CHECK(card.fn == "Ana Lee \\ Co"); // a 2.1 single value keeps its backslash
  CHECK(card.phones == Strings{"+1 555 0100", "+1 555 0101", "+1 555 0102"});
  CHECK(card.emails == Strings{"ana@example.com"});
  CHECK(card.city == "Portsmouth");
  CHECK(card.note == "Likes sailing\nand tea"); // bare QUOTED-PRINTABLE parameter
  CHECK(card.categories == Strings{"Sailing", "Tea"});
}

TEST_CASE("vcard: property groups and quoted parameter values", "[vcard]") {
  auto cards = fixture_cards("groups_quoted_40.vcf");
  REQUIRE(cards.size() == 1);
  const VCard& card = cards.front();
  CHECK(card.fn == "Grace Hopper");
  CHECK(card.emails == Strings{"grace@example.com", "amazing@example.net"}); // mailto: dropped
  CHECK(card.phones == Strings{"+1-555-0199"});
  CHECK(card.city == "Arlington");
  CHECK(card.org == "US Navy");
}

TEST_CASE("vcard: BDAY forms", "[vcard]") {
  auto cards = fixture_cards("bday_forms.vcf");
  REQUIRE(cards.size() == 13);
  std::map<std::string, const VCard*> by_name;
  for (const VCard& card : cards)
    by_name[card.fn] = &card;
  auto birthday = [&](const std::string& name) { return by_name.at(name)->birthday; };
  CHECK(birthday("extended") == date(3, 22, 1980));
  CHECK(birthday("basic") == date(3, 22, 1980));
  CHECK(birthday("yearless basic") == date(5, 3));
  CHECK(birthday("yearless extended") == date(5, 3));
  CHECK(birthday("date-time") == date(3, 22, 1980));
  CHECK(birthday("value date") == date(12, 1, 1975));
  CHECK(birthday("leap") == date(2, 29, 2000));
  CHECK(birthday("yearless leap") == date(2, 29));
  CHECK(birthday("apple no year") == date(7, 4)); // X-APPLE-OMIT-YEAR=1604
  CHECK(birthday("text then date") == date(5, 1));
  CHECK(by_name.at("text then date")->warnings.empty());

  for (const char* ignored : {"text", "impossible", "garbage"}) {
    INFO(ignored);
    CHECK_FALSE(birthday(ignored));
    REQUIRE(by_name.at(ignored)->warnings.size() == 1);
    CHECK_THAT(by_name.at(ignored)->warnings.front(), Contains("BDAY"));
  }
  CHECK_THAT(by_name.at("text")->warnings.front(), Contains("circa 1800"));
  CHECK_THAT(by_name.at("impossible")->warnings.front(), Contains("1981-02-29"));
}

TEST_CASE("vcard: 3.0 escapes, lists and lower-case names", "[vcard]") {
  auto cards = fixture_cards("escaped_30.vcf");
  REQUIRE(cards.size() == 1);
  const VCard& card = cards.front();
  CHECK(card.fn == "Smith, Jane");
  CHECK(card.org == "Smith; Sons");
  CHECK(card.title == "Chief, Everything");
  CHECK(card.note == "Line one\nLine two\nLine three, with comma; semicolon\\ backslash "
                     "\"quoted\" url http://x.org \\q kept");
  CHECK(card.categories == Strings{"friends", "work,golf", "Friends"}); // `\,` is in the value
  CHECK(card.nicknames == Strings{"Janie", "JJ"});
  CHECK(card.uid == "urn:uuid:0c3f5a5e-1111-4222-8333-944445555666");
}

TEST_CASE("vcard: display name fallbacks", "[vcard]") {
  auto cards = fixture_cards("names.vcf");
  REQUIRE(cards.size() == 6);
  CHECK(ally::display_name(cards[0]) == "Marie Curie"); // N, no FN
  CHECK(ally::display_name(cards[1]) == "Lovelace");    // empty FN, family only
  CHECK(ally::display_name(cards[2]) == "Acme Corp");   // ORG
  CHECK(ally::display_name(cards[3]) == "only@example.com");
  CHECK(ally::display_name(cards[4]) == "(unnamed)");
  CHECK(cards[5].version.empty());
  CHECK(ally::display_name(cards[5]) == "Nina Noversion");
}

TEST_CASE("vcard: display name from fields", "[vcard]") {
  VCard card;
  CHECK(ally::display_name(card) == "(unnamed)");
  card.emails = {"a@example.com", "b@example.com"};
  CHECK(ally::display_name(card) == "a@example.com");
  card.org = "Org";
  CHECK(ally::display_name(card) == "Org");
  card.given = "Given";
  CHECK(ally::display_name(card) == "Given");
  card.family = "Family";
  CHECK(ally::display_name(card) == "Given Family");
  card.fn = "  Full Name ";
  CHECK(ally::display_name(card) == "Full Name");
}

TEST_CASE("vcard: many cards keep order and lines", "[vcard]") {
  auto cards = fixture_cards("many_cards.vcf");
  REQUIRE(cards.size() == 300);
  CHECK(cards[0].fn == "Person 001");
  CHECK(cards[299].fn == "Person 300");
  CHECK(cards[299].emails == Strings{"person300@example.com"});
  CHECK(cards[299].categories == Strings{"batch", "group0"});
  CHECK(cards[299].line == 1 + 299 * 6);
}

TEST_CASE("vcard: mixed CRLF, LF, CR and CR CR LF line ends", "[vcard]") {
  auto cards = fixture_cards("mixed_line_endings.vcf");
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].fn == "Mixed Endings");
  CHECK(cards[0].family == "Endings");
  CHECK(cards[0].emails == Strings{"mixed@example.com"});
  CHECK(cards[0].note == "onetwothreefour");
  CHECK(cards[0].phones == Strings{"+44 20 7946 0000"});
  CHECK(cards[1].fn == "Second");
  CHECK(cards[1].line == 13);
}

TEST_CASE("vcard: a 2.1 AGENT's nested card is skipped", "[vcard]") {
  auto cards = fixture_cards("agent_nested_21.vcf");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].fn == "Boss Person");
  CHECK(cards[0].emails == Strings{"boss@example.com"});
}

TEST_CASE("vcard: structurally broken files throw Conflict naming the card", "[vcard]") {
  REQUIRE_THROWS_AS(fixture_cards("truncated.vcf"), ally::Conflict);
  CHECK_THROWS_WITH(fixture_cards("truncated.vcf"),
                    Contains("card 2") && Contains("line 5") && Contains("END:VCARD"));
  CHECK_THROWS_AS(ally::parse_vcards("this is a letter, not a vCard\n"), ally::Conflict);
  CHECK_THROWS_WITH(ally::parse_vcards("{\"format\": \"ally\"}"), Contains("BEGIN:VCARD"));
  CHECK_THROWS_WITH(ally::parse_vcards("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nEND:VCARD\r\n"),
                    Contains("END:VCARD without BEGIN:VCARD") && Contains("line 4"));
  CHECK_THROWS_WITH(ally::parse_vcards("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B"),
                    Contains("card 2") && Contains("line 4"));
}

TEST_CASE("vcard: empty input and odd but valid input", "[vcard]") {
  CHECK(ally::parse_vcards("").empty());
  CHECK(ally::parse_vcards(" \r\n\t\n").empty());
  // UTF-8 byte order mark.
  CHECK(ally::parse_vcards("\xEF\xBB\xBF"
                           "BEGIN:VCARD\nFN:Bom\nEND:VCARD\n")
            .at(0)
            .fn == "Bom");
  // UTF-16LE with a byte order mark, as some Outlook versions save.
  std::string utf16{"\xFF\xFE", 2};
  for (char c : std::string("BEGIN:VCARD\r\nFN:Wide\r\nEND:VCARD\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  CHECK(ally::parse_vcards(utf16).at(0).fn == "Wide");
  // Text around the cards is ignored; names and BEGIN/END are case-insensitive.
  auto cards = ally::parse_vcards("From: someone\n\nbegin:vcard\nFn:Lower\nend:vCard\ntrailer\n");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].fn == "Lower");
}

TEST_CASE("vcard: hostile bytes are cleaned, never crash", "[vcard]") {
  const char raw[] = "BEGIN:VCARD\nVERSION:3.0\nFN:Nul\0Byte\x1B[31m\nNOTE:a\0b\nEND:VCARD\n";
  std::string text(raw, sizeof raw - 1);
  auto cards = ally::parse_vcards(text);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].fn == "NulByte[31m"); // control characters never reach a terminal
  CHECK(cards[0].note == "ab");
  // C1 controls too, whether written as UTF-8 or reached through Windows-1252's unassigned 0x81.
  cards = ally::parse_vcards("BEGIN:VCARD\nFN:C\xC2\x9B"
                             "1m\nEND:VCARD\n"
                             "BEGIN:VCARD\nFN:Cp\x81"
                             "1252\nEND:VCARD\n");
  CHECK(cards.at(0).fn == "C1m");
  CHECK(cards.at(1).fn == "Cp1252");
  // A bad charset name with odd characters is not handed to iconv.
  cards = ally::parse_vcards("BEGIN:VCARD\nFN;CHARSET=UTF-8//TRANSLIT:Caf\xE9\nEND:VCARD\n");
  CHECK(cards.at(0).fn == "Café");
  // Truncated QP and a lone backslash at the very end of a value.
  cards = ally::parse_vcards(
      "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:=4\nNOTE;QUOTED-PRINTABLE:=\n"
      "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:back\\\nEND:VCARD\n");
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].fn == "=4");
  CHECK(cards[1].fn == "back\\");
}

TEST_CASE("vcard: values up to the limit are kept whole, longer ones refused", "[vcard]") {
  std::string big(1 << 20, 'x');
  auto cards =
      ally::parse_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:Big\nNOTE:" + big + "\nEND:VCARD\n");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].note.size() == big.size());
  CHECK_THROWS_AS(ally::parse_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:Big\nNOTE:" + big +
                                     "x\nEND:VCARD\n"),
                  ally::Conflict);

  std::string folded = "BEGIN:VCARD\nVERSION:3.0\nFN:Folded\nNOTE:start";
  for (int i = 0; i < 100'000; ++i)
    folded += "\r\n abc";
  cards = ally::parse_vcards(folded + "\r\nEND:VCARD\r\n");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].note.size() == 5 + 300'000);
}

TEST_CASE("vcard: truncated and mutated files never crash", "[vcard]") {
  std::vector<fs::path> files;
  for (const fs::path& dir : {shared_dir(), fixture_dir()})
    if (fs::is_directory(dir))
      for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".vcf")
          files.push_back(entry.path());
  REQUIRE_FALSE(files.empty());

  std::mt19937 random(20260105); // fixed seed: failures reproduce
  auto parse_safely = [](const std::string& bytes) {
    try {
      for (const VCard& card : ally::parse_vcards(bytes))
        if (!card_is_utf8(card))
          return false;
    } catch (const ally::Conflict&) {
      // A broken file is allowed to say so.
    }
    return true;
  };
  const char noise[] = "\0\r\n=:;,\\\" \t\x80\xC3\xFF";
  const std::string k_noise(noise, sizeof noise - 1);
  for (const fs::path& path : files) {
    INFO(path);
    std::string bytes = read_bytes(path);
    // About 150 tries per file, fewer for the big ones, to keep the suite quick.
    std::size_t tries = std::clamp<std::size_t>(2'000'000 / (bytes.size() + 1), 20, 150);
    std::size_t step = std::max<std::size_t>(1, bytes.size() / tries);
    for (std::size_t cut = 0; cut < bytes.size(); cut += step)
      REQUIRE(parse_safely(bytes.substr(0, cut)));
    for (std::size_t round = 0; round < tries; ++round) {
      std::string mutated = bytes;
      for (int edits = 0; edits < 8 && !mutated.empty(); ++edits) {
        std::size_t at = random() % mutated.size();
        mutated[at] = k_noise[random() % k_noise.size()];
      }
      REQUIRE(parse_safely(mutated));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing.

TEST_CASE("vcard: write a simple card", "[vcard]") {
  ally::VCardOut out;
  out.uid = "urn:uuid:5f1c3a02-0000-4000-8000-000000000001";
  out.name = "Ada King Lovelace";
  out.emails = {"ada@example.com"};
  out.phones = {"+44 20 7946 0001"};
  out.birthday = date(12, 10, 1815);
  out.categories = {"math", "poetry"};
  out.rev = "20260105T101500Z";
  CHECK(ally::write_vcard(out) == "BEGIN:VCARD\r\n"
                                  "VERSION:4.0\r\n"
                                  "UID:urn:uuid:5f1c3a02-0000-4000-8000-000000000001\r\n"
                                  "FN:Ada King Lovelace\r\n"
                                  "N:Lovelace;Ada King;;;\r\n"
                                  "EMAIL:ada@example.com\r\n"
                                  "TEL:+44 20 7946 0001\r\n"
                                  "BDAY:18151210\r\n"
                                  "CATEGORIES:math,poetry\r\n"
                                  "REV:20260105T101500Z\r\n"
                                  "END:VCARD\r\n");
}

TEST_CASE("vcard: write escapes text, derives N, writes yearless BDAY", "[vcard]") {
  ally::VCardOut out;
  out.name = "Cher";
  out.org = "Smith, Jones; Partners\\Co";
  out.note = "line one\r\nline two\nline three";
  out.city = "Washington, D.C.";
  out.birthday = date(5, 3);
  std::string text = ally::write_vcard(out);
  CHECK_THAT(text, Contains("\r\nN:;Cher;;;\r\n"));
  CHECK_THAT(text, Contains("\r\nORG:Smith\\, Jones\\; Partners\\\\Co\r\n"));
  CHECK_THAT(text, Contains("\r\nNOTE:line one\\nline two\\nline three\r\n"));
  CHECK_THAT(text, Contains("\r\nADR:;;;Washington\\, D.C.;;;\r\n"));
  CHECK_THAT(text, Contains("\r\nBDAY:--0503\r\n"));
  CHECK(text.find("UID") == std::string::npos); // empty fields are left out
  CHECK(text.find("REV") == std::string::npos);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      CHECK(text[i - 1] == '\r');
}

TEST_CASE("vcard: write folds at 75 octets without splitting UTF-8", "[vcard]") {
  ally::VCardOut out;
  out.name = "Fold Test";
  SECTION("ASCII") {
    out.note = std::string(100, 'a');
    Strings lines = physical_lines(ally::write_vcard(out));
    auto note = std::find_if(lines.begin(), lines.end(),
                             [](const std::string& l) { return l.rfind("NOTE:", 0) == 0; });
    REQUIRE(note != lines.end());
    CHECK(*note == "NOTE:" + std::string(70, 'a'));
    CHECK(*(note + 1) == " " + std::string(30, 'a'));
  }
  SECTION("two-byte characters") {
    out.note = "x" + repeat("é", 40); // the 75th octet would be the middle of an é
    Strings lines = physical_lines(ally::write_vcard(out));
    auto note = std::find_if(lines.begin(), lines.end(),
                             [](const std::string& l) { return l.rfind("NOTE:", 0) == 0; });
    REQUIRE(note != lines.end());
    CHECK(note->size() == 74);
    CHECK(*(note + 1) == " " + repeat("é", 6));
  }
  SECTION("mixed widths") {
    out.note = repeat("日本語のメモ😀 Zoë, ", 30);
    out.name = repeat("名前", 40);
    std::string text = ally::write_vcard(out);
    for (const std::string& line : physical_lines(text)) {
      INFO(line);
      CHECK(line.size() <= 75);
      CHECK(is_utf8(line));
    }
    auto cards = ally::parse_vcards(text);
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].note == out.note);
    CHECK(cards[0].fn == out.name);
  }
}

TEST_CASE("vcard: parse(write(x)) round-trips the fields", "[vcard]") {
  ally::VCardOut out;
  out.uid = "0e7602cc-443e-4b82-b4b1-90f62f99a199";
  out.name = "José María O'Brien-Łukasz";
  out.nicknames = {"Pepe", "J.M."};
  out.emails = {"jose@example.com", "jm@work.example"};
  out.phones = {"+34 600 000 000", "+1 (555) 010-0200;ext=7"};
  out.categories = {"mentor", "book club", "café"};
  out.org = "Acme; Research, Inc.";
  out.title = "Head of \\ R&D";
  out.note = "Met at the fair.\nLikes Murakami, The Strokes; South American wine.\n\n"
             "Backslash \\ and a very long line that must be folded because it goes on and on "
             "and on — past seventy-five octets, with ünïcödé in the middle of it.";
  out.city = "Washington, D.C.";
  out.birthday = date(2, 29, 1984);
  out.rev = "20260105T101500Z";

  auto cards = ally::parse_vcards(ally::write_vcard(out));
  REQUIRE(cards.size() == 1);
  const VCard& card = cards.front();
  CHECK(card.version == "4.0");
  CHECK(card.uid == out.uid);
  CHECK(card.fn == out.name);
  CHECK(ally::display_name(card) == out.name);
  CHECK(card.family == "O'Brien-Łukasz");
  CHECK(card.given == "José María");
  CHECK(card.nicknames == out.nicknames);
  CHECK(card.emails == out.emails);
  CHECK(card.phones == out.phones);
  CHECK(card.categories == out.categories);
  CHECK(card.org == out.org);
  CHECK(card.title == out.title);
  CHECK(card.note == out.note);
  CHECK(card.city == out.city);
  CHECK(card.birthday == out.birthday);
  CHECK(card.warnings.empty());

  out.birthday = date(5, 3);
  out.name = "Mononym";
  cards = ally::parse_vcards(ally::write_vcard(out));
  CHECK(cards.at(0).birthday == date(5, 3));
  CHECK(cards.at(0).given == "Mononym");
}
