// CSV contact files: the RFC 4180 reader, layout detection, and each layout read from a fixture
// in tests/data/intake shaped like the real export (headers as the services write them, their
// quirks reproduced: LinkedIn's preamble, Excel's BOM and CRLF, Google's " ::: ", Outlook's
// quoted everything in Windows-1252 and its 0/0/00).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ally/error.hpp"
#include "ally/intake.hpp"
#include "ally/text.hpp"
#include "ally/csv_formula.hpp"
#include "render/csv.hpp"
#include "render/google_csv.hpp"

namespace fs = std::filesystem;
using ally::CsvFormat;
using ally::IncomingContact;
using ally::YearlessDate;
using Catch::Matchers::Contains;
using Strings = std::vector<std::string>;

namespace {

std::string fixture(const std::string& name) {
  const fs::path path = fs::path(ALLY_TEST_DATA) / "intake" / name;
  REQUIRE(fs::exists(path));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<IncomingContact> parse(const std::string& name, CsvFormat format,
                                   const std::string& map = {}) {
  return ally::parse_contacts_csv(fixture(name), format, map);
}

Strings fields_of(const std::vector<ally::CsvRecord>& records, std::size_t index) {
  REQUIRE(records.size() > index);
  return records[index].fields;
}

// What every string a parser returns must be: UTF-8, one line (a note may have several), no
// control characters.
void check_clean(const IncomingContact& c) {
  auto clean = [](const std::string& text, bool note) {
    bool ok = ally::is_valid_utf8(text);
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      const bool allowed_break = note && (byte == '\n' || byte == '\t');
      const bool c1 = byte == 0xC2 && i + 1 < text.size() &&
                      static_cast<unsigned char>(text[i + 1]) < 0xA0;
      ok = ok && (byte >= 0x20 || allowed_break) && byte != 0x7F && !c1;
    }
    CAPTURE(text);
    CHECK(ok);
  };
  for (const std::string* text : {&c.identity, &c.name, &c.given, &c.family, &c.org, &c.role,
                                  &c.city, &c.met})
    clean(*text, false);
  clean(c.note, true);
  for (const Strings* list : {&c.nicknames, &c.emails, &c.phones, &c.links, &c.tags, &c.warnings})
    for (const std::string& text : *list)
      clean(text, false);
}

YearlessDate day(unsigned month, unsigned d, std::optional<int> year = std::nullopt) {
  return YearlessDate{month, d, year};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The reader.

TEST_CASE("read_csv: quoted commas, doubled quotes, line breaks inside quotes", "[intake]") {
  const auto records = ally::read_csv("name,note\r\n\"Lee, Ann\",\"She said \"\"hi\"\"\nthen left\"\r\n"
                                      "Bo,plain\r\n");
  REQUIRE(records.size() == 3);
  CHECK(fields_of(records, 0) == Strings{"name", "note"});
  CHECK(fields_of(records, 1) == Strings{"Lee, Ann", "She said \"hi\"\nthen left"});
  CHECK(records[1].line == 2);
  CHECK(fields_of(records, 2) == Strings{"Bo", "plain"});
  CHECK(records[2].line == 4); // the record before spans lines 2 and 3
}

TEST_CASE("read_csv: BOM dropped, LF and lone CR end records, last line without newline",
          "[intake]") {
  const auto records = ally::read_csv("\xEF\xBB\xBF" "a,b\nc,d\re,");
  REQUIRE(records.size() == 3);
  CHECK(fields_of(records, 0) == Strings{"a", "b"});
  CHECK(fields_of(records, 1) == Strings{"c", "d"});
  CHECK(fields_of(records, 2) == Strings{"e", ""});
  CHECK(records[2].line == 3);
  CHECK(ally::read_csv("").empty());
}

TEST_CASE("read_csv: an empty quoted field and text after a closing quote", "[intake]") {
  const auto records = ally::read_csv("\"\",\"a\"b,c\"d\n");
  CHECK(fields_of(records, 0) == Strings{"", "ab", "c\"d"});
}

TEST_CASE("read_csv: an unterminated quote is a Conflict naming the line it opened on",
          "[intake]") {
  REQUIRE_THROWS_AS(ally::read_csv("a,b\n1,2\n3,\"never\nclosed"), ally::Conflict);
  REQUIRE_THROWS_WITH(ally::read_csv("a,b\n1,2\n3,\"never\nclosed"),
                      Contains("starts on line 3 is never closed"));
  REQUIRE_THROWS_WITH(parse("truncated.csv", CsvFormat::google), Contains("line 3"));
}

// ---------------------------------------------------------------------------------------------
// Detection.

TEST_CASE("detect_csv_format: every fixture's layout, unknown headers none", "[intake]") {
  CHECK(ally::detect_csv_format(fixture("linkedin_2026.csv")) == CsvFormat::linkedin);
  CHECK(ally::detect_csv_format(fixture("linkedin_excel.csv")) == CsvFormat::linkedin);
  CHECK(ally::detect_csv_format(fixture("linkedin_2018.csv")) == CsvFormat::linkedin);
  CHECK(ally::detect_csv_format(fixture("google_2012.csv")) == CsvFormat::google);
  CHECK(ally::detect_csv_format(fixture("google_2020.csv")) == CsvFormat::google);
  CHECK(ally::detect_csv_format(fixture("google_2025.csv")) == CsvFormat::google);
  CHECK(ally::detect_csv_format(fixture("outlook_desktop.csv")) == CsvFormat::outlook);
  CHECK(ally::detect_csv_format(fixture("outlook_com.csv")) == CsvFormat::outlook);
  CHECK(ally::detect_csv_format(fixture("ally_export.csv")) == CsvFormat::ally);
  CHECK(ally::detect_csv_format(fixture("unknown.csv")) == std::nullopt);
  CHECK(ally::detect_csv_format(fixture("mapped.csv")) == std::nullopt);
  CHECK(ally::detect_csv_format("") == std::nullopt);
  CHECK(ally::detect_csv_format("\xFF\xFE\x00") == std::nullopt);
  // The header is all detection needs: a quote broken further down is the parse's to report.
  CHECK(ally::detect_csv_format(fixture("truncated.csv")) == CsvFormat::google);
}

TEST_CASE("a header that is not the layout asked for is a Conflict listing its columns",
          "[intake]") {
  REQUIRE_THROWS_AS(parse("unknown.csv", CsvFormat::linkedin), ally::Conflict);
  REQUIRE_THROWS_WITH(parse("unknown.csv", CsvFormat::linkedin),
                      "the header is not LinkedIn's Connections.csv: it has First, Mail, Phone");
  REQUIRE_THROWS_WITH(parse("google_2025.csv", CsvFormat::outlook),
                      Contains("not an Outlook CSV: it has First Name, Middle Name") &&
                          Contains(", …"));
  REQUIRE_THROWS_WITH(parse("outlook_desktop.csv", CsvFormat::ally),
                      Contains("not ally's own CSV"));
  REQUIRE_THROWS_WITH(ally::parse_contacts_csv("\r\n\r\n", CsvFormat::google),
                      Contains("no header (the file is blank)"));
}

// ---------------------------------------------------------------------------------------------
// LinkedIn.

TEST_CASE("LinkedIn: the current export, after its Notes preamble", "[intake]") {
  const auto contacts = parse("linkedin_2026.csv", CsvFormat::linkedin);
  // The hidden profile (",,,,,,07 Jun 2026") names nobody and is left out.
  REQUIRE(contacts.size() == 4);
  const IncomingContact& ines = contacts[0];
  CHECK(ines.name == "Ines Okafor-Lindqvist");
  CHECK(ines.given == "Ines");
  CHECK(ines.family == "Okafor-Lindqvist");
  CHECK(ines.org == "Northwind Analytics, Inc.");
  CHECK(ines.role == "Director of People Ops");
  CHECK(ines.met == "connected on LinkedIn, 2025-12-22");
  CHECK(ines.links == Strings{"https://www.linkedin.com/in/ines-okafor-l-3b2a91"});
  CHECK(ines.identity == "linkedin:linkedin.com/in/ines-okafor-l-3b2a91");
  CHECK(ines.emails.empty());
  CHECK(ines.line == 5);
  CHECK(ines.warnings.empty());

  const IncomingContact& tomas = contacts[1];
  CHECK(tomas.name == "Tomás Reyes"); // "Tomás " and "Reyes " trimmed
  CHECK(tomas.emails == Strings{"tomas.reyes@example.org"});
  CHECK(tomas.role == "Engineer, Platform");
  CHECK(tomas.identity == "linkedin:linkedin.com/in/tomasreyes");
  CHECK(tomas.met == "connected on LinkedIn, 2019-11-14");

  const IncomingContact& priya = contacts[2];
  CHECK(priya.emails.empty()); // urn:li:member:884213 is no address
  CHECK(priya.org.empty());

  const IncomingContact& ada = contacts[3];
  CHECK(ada.met == "connected on LinkedIn");
  CHECK(ada.warnings == Strings{"Connected On 'someday' is not a date; ignored"});
  for (const auto& c : contacts)
    check_clean(c);
}

TEST_CASE("LinkedIn: re-saved by Excel, with a BOM, CRLF and D-Mon-YY dates", "[intake]") {
  const auto contacts = parse("linkedin_excel.csv", CsvFormat::linkedin);
  REQUIRE(contacts.size() == 2);
  CHECK(contacts[0].name == "Grace Hopper");
  CHECK(contacts[0].met == "connected on LinkedIn, 2022-02-07");
  CHECK(contacts[0].line == 5);
  CHECK(contacts[1].met == "connected on LinkedIn, 2021-04-04");
  CHECK(contacts[1].emails == Strings{"alan@example.com"});
  CHECK(contacts[1].role == "Cryptanalyst");
}

TEST_CASE("LinkedIn: a 2018 export, no preamble, no URL, M/D/YY dates with a time", "[intake]") {
  const auto contacts = parse("linkedin_2018.csv", CsvFormat::linkedin);
  REQUIRE(contacts.size() == 3);
  CHECK(contacts[0].name == "Linus Torvalds");
  CHECK(contacts[0].met == "connected on LinkedIn, 2018-01-08");
  CHECK(contacts[0].identity.empty()); // no profile link to know them by
  CHECK(contacts[0].links.empty());
  CHECK(contacts[0].line == 2);
  CHECK(contacts[1].met == "connected on LinkedIn, 2017-12-22");
  CHECK(contacts[2].met == "connected on LinkedIn, 2025-12-22");
}

// ---------------------------------------------------------------------------------------------
// Google.

TEST_CASE("Google: the old layout, Group Membership and numbered Type/Value groups", "[intake]") {
  const auto contacts = parse("google_2012.csv", CsvFormat::google);
  // The third row has a phone and nothing else to name it by.
  REQUIRE(contacts.size() == 2);
  const IncomingContact& kim = contacts[0];
  CHECK(kim.name == "Kim Lee");
  CHECK(kim.given == "Kim");
  CHECK(kim.family == "Lee");
  CHECK(kim.emails == Strings{"kim@example.com", "kim.lee@example.com"}); // KIM@… is the same
  CHECK(kim.phones == Strings{"+44 7700 900123", "+44 7700 900124", "+44 20 7946 0001"});
  CHECK(kim.tags == Strings{"Suppliers"});
  CHECK(kim.org == "Tech Style Ltd");
  CHECK(kim.role == "Head of Product");
  CHECK(kim.city == "London");
  CHECK(kim.links == Strings{"https://kim.example"});
  CHECK(kim.note == "Prefers email, calls after 3pm.");
  CHECK(kim.birthday == day(3, 15, 1985));
  CHECK(kim.identity.empty());
  CHECK(contacts[1].name == "Acme Plumbing"); // no name: named after the org
  CHECK(contacts[1].tags.empty());            // "* My Contacts" is Google's, not a tag
}

TEST_CASE("Google: First/Middle/Last with Labels, --MM-DD, a bad birthday warns", "[intake]") {
  const auto contacts = parse("google_2020.csv", CsvFormat::google);
  REQUIRE(contacts.size() == 2);
  const IncomingContact& robin = contacts[0];
  CHECK(robin.name == "Robin Q Vasquez");
  CHECK(robin.given == "Robin");
  CHECK(robin.family == "Vasquez");
  CHECK(robin.nicknames == Strings{"Rob"});
  CHECK(robin.tags == Strings{"Super Bowl", "Games Night", "friends"});
  CHECK(robin.phones == Strings{"555-0101", "555-0102"});
  CHECK(robin.birthday == day(7, 4));
  CHECK(robin.city == "Austin"); // Address 1 - Locality
  CHECK(robin.org == "Vasquez & Co");
  const IncomingContact& sam = contacts[1];
  CHECK(sam.emails == Strings{"a@x.edu", "b@y.org", "c@z.com"});
  CHECK(sam.tags.empty());
  CHECK_FALSE(sam.birthday);
  CHECK(sam.warnings == Strings{"Birthday 'March 3rd' is not a date; ignored"});
  CHECK(sam.links == Strings{"https://sam.example/blog"});
}

TEST_CASE("Google: the current export, Name Prefix first and a multi-line note", "[intake]") {
  const auto contacts = parse("google_2025.csv", CsvFormat::google);
  REQUIRE(contacts.size() == 2);
  const IncomingContact& grace = contacts[0];
  CHECK(grace.name == "Grace Brewster Hopper");
  CHECK(grace.nicknames == Strings{"Amazing Grace"});
  CHECK(grace.org == "US Navy");
  CHECK(grace.role == "Rear Admiral");
  CHECK(grace.birthday == day(12, 9, 1906));
  CHECK(grace.note == "Wrote the first compiler.\nAsk her about \"COBOL\".");
  CHECK(grace.tags == Strings{"Navy"});
  CHECK(grace.emails == Strings{"grace@navy.example", "grace@example.com"});
  CHECK(grace.phones == Strings{"+1 555 0199"});
  CHECK(grace.city == "Arlington");
  CHECK(grace.links == Strings{"https://example.com/grace"});
  CHECK(grace.line == 2);
  const IncomingContact& zoe = contacts[1];
  CHECK(zoe.name == "Zoë Quinn");
  CHECK(zoe.tags == Strings{"Book club"});
  CHECK(zoe.line == 6); // Grace's note and address span lines 2 to 5
  for (const auto& c : contacts)
    check_clean(c);
}

// ---------------------------------------------------------------------------------------------
// Outlook.

TEST_CASE("Outlook for Windows: every field quoted, Windows-1252, 0/0/00 for no birthday",
          "[intake]") {
  const auto contacts = parse("outlook_desktop.csv", CsvFormat::outlook);
  REQUIRE(contacts.size() == 3);
  const IncomingContact& linus = contacts[0];
  CHECK(linus.name == "Linus Torvalds");
  CHECK(linus.org == "Kernel Inc");
  CHECK(linus.role == "Maintainer");
  CHECK(linus.emails == Strings{"linus@example.com"}); // the Exchange "/o=…" address is not one
  CHECK(linus.phones == Strings{"+1 503 555 0100", "+1 503 555 0101"});
  CHECK(linus.city == "Portland");
  CHECK(linus.tags == Strings{"Friends", "Open source"});
  CHECK(linus.birthday == day(12, 28, 1969));
  CHECK(linus.note == "Likes penguins.\nMet at LinuxCon.");
  CHECK(linus.links == Strings{"https://kernel.example"});
  CHECK(linus.warnings.empty());
  const IncomingContact& jose = contacts[1];
  CHECK(jose.name == "José García"); // Windows-1252 bytes read as such
  CHECK(jose.org == "Telefónica");
  CHECK_FALSE(jose.birthday);
  CHECK(jose.warnings.empty()); // 0/0/00 is Outlook's "none", not a bad date
  const IncomingContact& ana = contacts[2];
  CHECK(ana.name == "Ana Costa");
  CHECK(ana.city == "Lisboa");
  CHECK(ana.warnings == Strings{"Birthday '31/31/1990' is not a date; ignored"});
  for (const auto& c : contacts)
    check_clean(c);
}

TEST_CASE("Outlook.com: sentence-case headers, a two-digit year keeps only the day",
          "[intake]") {
  const auto contacts = parse("outlook_com.csv", CsvFormat::outlook);
  REQUIRE(contacts.size() == 2);
  const IncomingContact& maria = contacts[0];
  CHECK(maria.name == "María García");
  CHECK(maria.nicknames == Strings{"Mari"});
  CHECK(maria.emails == Strings{"maria@example.com", "maria@work.example"});
  CHECK(maria.phones == Strings{"+34 600 000 000"});
  CHECK(maria.role == "Architect");
  CHECK(maria.org == "Estudio García");
  CHECK(maria.city == "Madrid");
  CHECK(maria.birthday == day(5, 3, 1990));
  CHECK(maria.note == "Designs libraries.");
  CHECK(contacts[1].birthday == day(7, 4));
  CHECK(contacts[1].phones == Strings{"+44 20 7946 0999"});
}

// ---------------------------------------------------------------------------------------------
// ally's own CSV.

TEST_CASE("ally CSV: a file as `ally export --format csv` writes it", "[intake]") {
  const auto contacts = parse("ally_export.csv", CsvFormat::ally);
  REQUIRE(contacts.size() == 2);
  const IncomingContact& ada = contacts[0];
  CHECK(ada.name == "Ada Lovelace");
  CHECK(ada.nicknames == Strings{"Ada", "Countess"});
  CHECK(ada.org == "Analytical Engines, Ltd");
  CHECK(ada.role == "Mathematician");
  CHECK(ada.city == "London");
  CHECK(ada.emails == Strings{"ada@example.org", "ada@work.example"});
  CHECK(ada.phones == Strings{"+44 20 7946 0000"});
  CHECK(ada.tags == Strings{"math", "history"});
  CHECK(ada.birthday == day(12, 10));
  CHECK(ada.met == "met at a salon, 1833");
  CHECK(ada.note == "First line\nShe said \"hi\"");
  CHECK(ada.identity == "urn:uuid:5f3c0d2e-ada");
  CHECK(ada.links == Strings{"https://www.linkedin.com/in/ada"});
  CHECK(contacts[1].birthday == day(12, 26, 1791));
  // Without a card UID, its id in ally: the same ally when the file comes back.
  CHECK(contacts[1].identity == "urn:uuid:0190d6e2-7c1a-7b3e-9f00-1a2b3c4d5e70");
  CHECK(contacts[1].line == 4);
}

TEST_CASE("ally CSV: a row from csv_row() reads back", "[intake]") {
  ally::AllyRow row;
  ally::Ally& a = row.ally;
  a.meta.number = 7;
  a.meta.id = "0190d6e2-0000-7000-8000-000000000007";
  a.name = "Grace Hopper";
  a.nicknames = {"Amazing Grace"};
  a.org = "US Navy, Reserve";
  a.role = "Rear Admiral";
  a.city = "Arlington";
  a.emails = {"grace@navy.example"};
  a.phones = {"+1 555 0199", "+1 555 0100"};
  a.tags = {"navy", "compilers"};
  a.met = "a talk on \"nanoseconds\"";
  a.notes = "Line one\r\nLine two, with a comma";
  a.links = {"https://example.com/grace"};
  a.vcard_uids = {"uid-grace", "uid-other"};
  a.added = ally::Date{std::chrono::year{2026} / 1 / 5};
  row.birthday = YearlessDate{12, 9, 1906};
  const auto contacts = ally::parse_contacts_csv(ally::csv_header() + ally::csv_row(row),
                                                 CsvFormat::ally);
  REQUIRE(contacts.size() == 1);
  const IncomingContact& c = contacts[0];
  CHECK(c.name == a.name);
  CHECK(c.nicknames == a.nicknames);
  CHECK(c.org == a.org);
  CHECK(c.role == a.role);
  CHECK(c.city == a.city);
  CHECK(c.emails == a.emails);
  CHECK(c.phones == a.phones);
  CHECK(c.tags == a.tags);
  CHECK(c.met == a.met);
  CHECK(c.note == "Line one\nLine two, with a comma");
  CHECK(c.links == a.links);
  CHECK(c.identity == "uid-grace");
  CHECK(c.birthday == row.birthday);
}

TEST_CASE("ally CSV: cells a spreadsheet would run are written as text and read back",
          "[intake]") {
  ally::AllyRow row;
  ally::Ally& a = row.ally;
  a.meta.number = 8;
  a.meta.id = "0190d6e2-0000-7000-8000-000000000008";
  a.name = "=HYPERLINK(\"http://evil.example\",\"x\")";
  a.org = "@SUM(A1)";
  a.role = "-2+3";
  a.city = "'Tis";
  a.met = "+cmd|' /C calc'!A0";
  a.notes = "\tindented";
  a.phones = {"+44 20 7946 0958", "-1 (555) 0100"};
  a.added = ally::Date{std::chrono::year{2026} / 1 / 5};
  const std::string file = ally::csv_header() + ally::csv_row(row);
  // No cell of the file starts with what a spreadsheet runs, except phone numbers.
  const auto records = ally::read_csv(file);
  REQUIRE(records.size() == 2);
  for (const std::string& cell : records[1].fields) {
    if (cell.empty() || ally::looks_like_phone(cell))
      continue;
    CAPTURE(cell);
    CHECK(std::string("=+-@\t\r").find(cell.front()) == std::string::npos);
  }
  CHECK(records[1].fields[8] == "+44 20 7946 0958; -1 (555) 0100");
  const auto contacts = ally::parse_contacts_csv(file, CsvFormat::ally);
  REQUIRE(contacts.size() == 1);
  const IncomingContact& c = contacts[0];
  CHECK(c.name == a.name);
  CHECK(c.org == a.org);
  CHECK(c.role == a.role);
  CHECK(c.city == a.city);
  CHECK(c.met == a.met);
  CHECK(c.note == "indented"); // a note's leading white space is trimmed, as every cell's
  CHECK(c.phones == a.phones);
}

TEST_CASE("neutralised_cell and unneutralised_cell undo each other", "[intake]") {
  for (std::string text : {"", "'", "''", "=1", "'=1", "+", "-", "+1 555 0100", "-x", "@", "\t",
                           "\r", "plain", "'plain", "a=b"}) {
    CAPTURE(text);
    CHECK(ally::unneutralised_cell(ally::neutralised_cell(text)) == text);
  }
  CHECK(ally::neutralised_cell("+1 555 0100") == "+1 555 0100");
  CHECK(ally::neutralised_cell("+SUM(1)") == "'+SUM(1)");
  CHECK(ally::neutralised_cell("plain") == "plain");
}

TEST_CASE("Google CSV export: Google's reader gets every field back, nothing altered",
          "[intake]") {
  ally::AllyRow row;
  ally::Ally& a = row.ally;
  a.meta.id = "0190d6e2-0000-7000-8000-000000000009";
  a.name = "Jean-Luc de la Cruz";
  a.nicknames = {"JL", "Capt"};
  a.org = "=Starfleet, Inc";
  a.role = "Captain";
  a.city = "La Barre";
  a.emails = {"jl@example.org", "captain@example.org"};
  a.phones = {"+33 1 23 45 67 89"};
  a.links = {"https://www.linkedin.com/in/jlp"};
  a.tags = {"command", "earl grey"};
  a.notes = "Two lines,\nwith a comma";
  row.birthday = YearlessDate{7, 13, std::nullopt};
  const std::string file = ally::google_csv_header() + ally::google_csv_row(row);
  REQUIRE(ally::detect_csv_format(file) == CsvFormat::google);
  const auto contacts = ally::parse_contacts_csv(file, CsvFormat::google);
  REQUIRE(contacts.size() == 1);
  const IncomingContact& c = contacts[0];
  CHECK(c.name == a.name);
  CHECK(c.nicknames == a.nicknames);
  CHECK(c.org == a.org); // for Google, never neutralised
  CHECK(c.role == a.role);
  CHECK(c.city == a.city);
  CHECK(c.emails == a.emails);
  CHECK(c.phones == a.phones);
  CHECK(c.links == a.links);
  CHECK(c.tags == a.tags);
  CHECK(c.note == "Two lines,\nwith a comma");
  CHECK(c.birthday == row.birthday);
  CHECK(file.find("--07-13") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Any CSV, with a map.

TEST_CASE("mapped CSV: columns by name, several to one field", "[intake]") {
  const auto contacts = parse("mapped.csv", CsvFormat::mapped,
                              " full name = name ,MAIL=email,Mobile=phone,Work Mail=email,"
                              "Employer=org,Remarks=note,Born=birthday,Groups=tag");
  REQUIRE(contacts.size() == 2);
  const IncomingContact& ann = contacts[0];
  CHECK(ann.name == "Ann Lee");
  CHECK(ann.emails == Strings{"ann@example.com", "ann.lee@work.example"});
  CHECK(ann.phones == Strings{"+1 555 0100", "+1 555 0101"});
  CHECK(ann.org == "Acme");
  CHECK(ann.note == "Two lines\nof notes");
  CHECK(ann.birthday == day(5, 3, 1990));
  CHECK(ann.tags == Strings{"climbing", "book club"});
  const IncomingContact& bo = contacts[1];
  CHECK(bo.name == "bo@example.com"); // no name: the first email names the row
  CHECK(bo.warnings == Strings{"Born 'tomorrow' is not a date; ignored"});

  const auto joined = ally::parse_contacts_csv("First,Last\nAnn,Lee\n", CsvFormat::mapped,
                                               "First=name,Last=name");
  REQUIRE(joined.size() == 1);
  CHECK(joined[0].name == "Ann Lee");
}

TEST_CASE("mapped CSV: an unknown field or a missing column is a Conflict naming it",
          "[intake]") {
  REQUIRE_THROWS_AS(parse("mapped.csv", CsvFormat::mapped, "Mail=emial"), ally::Conflict);
  REQUIRE_THROWS_WITH(parse("mapped.csv", CsvFormat::mapped, "Mail=emial"),
                      Contains("unknown field 'emial'") && Contains("did you mean 'email'?"));
  REQUIRE_THROWS_WITH(parse("mapped.csv", CsvFormat::mapped, "Full Name=name,Phone=phone"),
                      Contains("no column 'Phone'") && Contains("it has Full Name, Mail"));
  REQUIRE_THROWS_WITH(parse("mapped.csv", CsvFormat::mapped, "Mail"),
                      Contains("'Mail' is not Column=field"));
  REQUIRE_THROWS_WITH(parse("mapped.csv", CsvFormat::mapped, ""), Contains("needs --map"));
}

// ---------------------------------------------------------------------------------------------
// Whatever the bytes.

TEST_CASE("rows all blank are skipped, and every string comes out clean", "[intake]") {
  const std::string text = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                           ",,,,,\n"
                           "  ,\t, , , ,\n"
                           "An\x1B[2Jn\xC2\x9B,Lee\x07,ann@example.com,Ac\tme,\xFF" "Boss,\n";
  const auto contacts = ally::parse_contacts_csv(text, CsvFormat::linkedin);
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].line == 4);
  CHECK(contacts[0].name == "An[2Jn Lee");
  CHECK(contacts[0].org == "Ac me");
  CHECK(contacts[0].role == "\xC3\xBF" "Boss"); // a stray 0xFF is Windows-1252's ÿ
  check_clean(contacts[0]);
}

TEST_CASE("parse_contacts_csv throws nothing but Conflict, whatever the bytes", "[intake]") {
  const std::vector<std::string> headers{
      "",
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
      "Name,Given Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Value,Phone 1 - "
      "Value,Organization 1 - Name,Website 1 - Value,Address 1 - City\n",
      "\"First Name\",\"Last Name\",\"E-mail Address\",\"Job Title\",\"Birthday\",\"Categories\","
      "\"Notes\",\"Mobile Phone\"\r\n",
      ally::csv_header(),
      "A,B,C,D\n"};
  const std::string pieces[] = {",",      "\"",    "\"\"",     "\r\n",      "\n",    "\r",
                                " ::: ",  ";",     "a@b.co",   "12/31/99",  "0/0/00", "--02-29",
                                "1990-02-30", "7-Feb-22", "\xFF", "\xC2\x9B", "\xE2\x80\xA8",
                                std::string(1, '\0'), "\x1B", "Ann", "urn:li:member:1"};
  std::mt19937 random(20260105);
  const CsvFormat formats[] = {CsvFormat::linkedin, CsvFormat::google, CsvFormat::outlook,
                               CsvFormat::ally, CsvFormat::mapped};
  int parsed = 0;
  for (int round = 0; round < 400; ++round) {
    std::string bytes = headers[random() % std::size(headers)];
    const std::size_t length = random() % 60;
    for (std::size_t i = 0; i < length; ++i) {
      if (random() % 3 == 0)
        bytes += static_cast<char>(random() % 256);
      else
        bytes += pieces[random() % std::size(pieces)];
    }
    CAPTURE(round, bytes);
    CHECK_NOTHROW(ally::detect_csv_format(bytes));
    for (CsvFormat format : formats) {
      try {
        for (const auto& contact :
             ally::parse_contacts_csv(bytes, format, "A=name,B=email,C=birthday,D=note")) {
          check_clean(contact);
          CHECK_FALSE(contact.name.empty());
        }
        ++parsed;
      } catch (const ally::Conflict&) {
        // a broken file: the one exception allowed
      } catch (const std::exception& e) {
        FAIL("threw " << e.what());
      }
    }
  }
  CHECK(parsed > 50); // the headers made most inputs readable, so rows were really parsed
}
