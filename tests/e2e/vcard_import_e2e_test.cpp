// End-to-end: bringing an address book in (vCard import) and taking allies out (vCard and CSV
// export). Real exports from /work/shared/vcards and the fixtures in tests/data/vcard import
// cleanly, twice without a duplicate; a match updates contact fields only.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "ally/vcard.hpp"
#include "e2e/exchange_helpers.hpp"

namespace fs = std::filesystem;
using ally_test::ok;
using ally_test::read_text;
using ally_test::TempStore;
using ally_test::write_text;
using nlohmann::json;

namespace {

std::vector<fs::path> vcard_files() {
  std::vector<fs::path> files;
  for (const auto& dir :
       {fs::path(ALLY_SHARED_DIR) / "vcards", fs::path(ALLY_TEST_DATA) / "vcard"}) {
    if (!fs::exists(dir)) {
      WARN("skipped: " << dir << " is missing");
      continue;
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".vcf" && entry.path().filename() != "truncated.vcf") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string cards_word(std::size_t n) { return std::to_string(n) + (n == 1 ? " card" : " cards"); }

std::vector<std::string> column(const TempStore& s, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : s.query(sql))
    out.push_back(row.at(0));
  return out;
}

const char* const k_rachel_card = "BEGIN:VCARD\r\n"
                                  "VERSION:3.0\r\n"
                                  "FN:Rachel G.\r\n"
                                  "N:Green;Rachel;;;\r\n"
                                  "EMAIL;TYPE=INTERNET,WORK:RACHEL@example.com\r\n"
                                  "EMAIL;TYPE=HOME:rachel.home@example.com\r\n"
                                  "TEL;TYPE=CELL:+1 555 0101\r\n"
                                  "ORG:Ralph Lauren;Sales\r\n"
                                  "TITLE:Buyer\r\n"
                                  "NICKNAME:Rach\r\n"
                                  "CATEGORIES:fashion,work\r\n"
                                  "ADR;TYPE=WORK:;;5th Ave;Manhattan;NY;10001;USA\r\n"
                                  "BDAY:--0505\r\n"
                                  "NOTE:from the phone\r\n"
                                  "END:VCARD\r\n";

} // namespace

TEST_CASE("every real-world vCard file imports, and a second import changes nothing",
          "[e2e][vcard][import]") {
  auto files = vcard_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    INFO(file);
    auto cards = ally::parse_vcards(read_text(file));
    std::set<std::string> names;
    for (const auto& card : cards) {
      auto name = ally::display_name(card);
      names.insert(name.empty() ? "(unnamed)" : name);
    }
    TempStore s;
    auto r = ok(s, {"import", file.string()});
    CHECK(r.out.rfind("Imported " + cards_word(cards.size()) + ": ", 0) == 0);
    auto allies = column(s, "SELECT name FROM ally ORDER BY num");
    CHECK_FALSE(allies.empty());
    CHECK(allies.size() <= cards.size());
    for (const auto& name : allies)
      CHECK(names.count(name) == 1);
    // An address book does not flood `due`.
    CHECK(s.scalar("SELECT count(*) FROM ally WHERE cadence_mode <> 'none'") == "0");

    auto before = s.dump();
    r = ok(s, {"import", file.string()});
    CHECK(r.out == "Imported " + cards_word(cards.size()) + ": 0 new, 0 updated, " +
                       std::to_string(cards.size()) + " unchanged.\n");
    CHECK(s.dump() == before);
  }
}

TEST_CASE("vCard import takes names, fields and birthdays as the cards give them",
          "[e2e][vcard][import]") {
  auto fixture = [](const char* name) {
    return (fs::path(ALLY_TEST_DATA) / "vcard" / name).string();
  };
  TempStore s;
  auto r = ok(s, {"import", fixture("names.vcf")});
  CHECK(r.out.rfind("Imported 6 cards: 6 new, 0 updated, 0 unchanged.\n"
                    "  new        #1 Marie Curie (card 1)\n", 0) == 0);
  CHECK(column(s, "SELECT name FROM ally ORDER BY num") ==
        std::vector<std::string>{"Marie Curie", "Lovelace", "Acme Corp", "only@example.com",
                                 "(unnamed)", "Nina Noversion"});

  r = ok(s, {"import", fixture("escaped_30.vcf")});
  auto jane = json::parse(ok(s, {"--json", "show", "Smith, Jane"}).out);
  CHECK(jane["org"] == "Smith; Sons");
  CHECK(jane["role"] == "Chief, Everything");
  CHECK(jane["nicknames"] == json::array({"Janie", "JJ"}));
  CHECK(jane["tags"][0] == "friends"); // "Friends" again is the same tag
  CHECK(jane["notes"].get<std::string>().rfind("Line one\nLine two\nLine three, with comma;", 0) ==
        0);
  CHECK(jane["cadence"] == "none");
  CHECK(jane["vcard_uid"] == "urn:uuid:0c3f5a5e-1111-4222-8333-944445555666");

  r = ok(s, {"import", fixture("bday_forms.vcf")});
  CHECK(r.err == "ally: warning: card 7 (text): BDAY 'circa 1800' is text, not a date; ignored\n"
                 "ally: warning: card 8 (impossible): BDAY '1981-02-29' is not a date; ignored\n"
                 "ally: warning: card 12 (garbage): BDAY 'next tuesday' is not a date; ignored\n");
  CHECK(s.scalar(
            "SELECT d.month || '-' || d.day || ' ' || coalesce(d.year, '') FROM important_date d "
            "JOIN ally a ON a.num = d.ally WHERE a.name = 'yearless basic'") == "5-3 ");
  CHECK(s.scalar("SELECT d.year FROM important_date d JOIN ally a ON a.num = d.ally "
                 "WHERE a.name = 'basic' AND d.label = 'birthday'") == "1980");
}

TEST_CASE("a card matching an ally by email updates contact fields and nothing else",
          "[e2e][vcard][import]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com", "--every", "2w", "--circle",
         "inner", "--org", "Central Perk", "--note", "my own notes"});
  ok(s, {"log", "Rachel", "coffee", "--date", "2026-11-20"});
  auto card = write_text(s, "rachel.vcf", k_rachel_card);
  auto r = ok(s, {"import", card});
  // Each card that did something has its line; an update names what it changed.
  CHECK(r.out == "Imported 1 card: 0 new, 1 updated, 0 unchanged.\n"
                 "  updated    #1 Rachel Green (card 1): org, role, city, nicknames, emails, phones, "
                 "tags, birthday\n");
  auto rachel = json::parse(ok(s, {"--json", "show", "Rachel"}).out);
  CHECK(rachel["name"] == "Rachel Green");  // the name ally knows stays
  CHECK(rachel["notes"] == "my own notes"); // never the card's note
  CHECK(rachel["cadence"] == "14d");
  CHECK(rachel["circle"] == "inner");
  CHECK(rachel["org"] == "Ralph Lauren");
  CHECK(rachel["role"] == "Buyer");
  CHECK(rachel["city"] == "Manhattan");
  CHECK(rachel["emails"] == json::array({"rachel@example.com", "rachel.home@example.com"}));
  CHECK(rachel["phones"] == json::array({"+1 555 0101"}));
  CHECK(rachel["tags"] == json::array({"fashion", "work"}));
  CHECK(rachel["vcard_uid"] == nullptr);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "1");
  CHECK(s.scalar("SELECT count(*) FROM interaction") == "1");
  CHECK(s.scalar("SELECT month || '-' || day FROM important_date WHERE label = 'birthday'") ==
        "5-5");

  // Again, and again a day later: nothing new, nothing touched (not even updated_at).
  auto before = s.dump();
  s.today = "2026-11-25";
  r = ok(s, {"import", card});
  CHECK(r.out == "Imported 1 card: 0 new, 0 updated, 1 unchanged.\n");
  CHECK(s.dump() == before);
}

TEST_CASE("cards match by UID first, and a new card becomes an untracked ally",
          "[e2e][vcard][import]") {
  TempStore s;
  auto v1 = write_text(s, "v1.vcf",
                       "BEGIN:VCARD\nVERSION:4.0\nUID:abc-123\nFN:Ross Geller\n"
                       "EMAIL:ross@example.com\nORG:Museum\nEND:VCARD\n");
  ok(s, {"import", v1});
  // The phone later changed his email and job: the UID still finds him.
  auto v2 = write_text(s, "v2.vcf",
                       "BEGIN:VCARD\nVERSION:4.0\nUID:abc-123\nFN:Ross Geller\n"
                       "EMAIL:dr.geller@nyu.example\nORG:NYU\nEND:VCARD\n");
  auto r = ok(s, {"import", v2});
  CHECK(r.out == "Imported 1 card: 0 new, 1 updated, 0 unchanged.\n"
                 "  updated    #1 Ross Geller (card 1): org, emails\n");
  CHECK(s.scalar("SELECT count(*) FROM ally") == "1");
  auto ross = json::parse(ok(s, {"--json", "show", "Ross"}).out);
  CHECK(ross["org"] == "NYU");
  CHECK(ross["emails"] == json::array({"ross@example.com", "dr.geller@nyu.example"}));
  CHECK(ross["cadence"] == "none");
  CHECK(ross["added_on"] == "2026-11-24");
  // Untracked: not in due, even with --all.
  auto due = ok(s, {"--json", "due", "--all"});
  CHECK(due.out.find("Ross") == std::string::npos);
}

TEST_CASE("vCard --dry-run and broken files change nothing", "[e2e][vcard][import]") {
  TempStore s;
  ok(s, {"add", "Monica Geller"});
  auto before = s.dump();
  auto card = write_text(s, "rachel.vcf", k_rachel_card);
  auto r = ok(s, {"import", "--dry-run", card});
  CHECK(r.out ==
        "Would import 1 card: 1 new, 0 updated, 0 unchanged.\n  new        #2 Rachel G. (card 1)\n"
        "Nothing was changed (--dry-run).\n");
  CHECK(s.dump() == before);

  r = s.run({"import", (fs::path(ALLY_TEST_DATA) / "vcard" / "truncated.vcf").string()});
  CHECK(r.code == 1);
  CHECK(r.err.rfind("ally: error: import: vCard file is broken: ", 0) == 0);
  CHECK(s.dump() == before);

  r = s.run({"import", "--format", "vcard", write_text(s, "x.json", "{\"format\": \"ally\"}")});
  CHECK(r.code == 1);
  CHECK(r.err.rfind("ally: error: import: not a vCard file", 0) == 0);
  r = s.run({"import", (s.dir() / "missing.vcf").string()});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: import: cannot read '" + (s.dir() / "missing.vcf").string() +
                     "': No such file or directory\n");
  r = s.run({"import", write_text(s, "empty.vcf", "\n\n")});
  CHECK(r.code == 1);
  CHECK(r.err == "ally: error: import: " + (s.dir() / "empty.vcf").string() + " is empty\n");
  CHECK(s.dump() == before);
}

TEST_CASE("vCard export writes 4.0 cards other tools read, with stable UIDs",
          "[e2e][vcard][export]") {
  TempStore s;
  ally_test::populate(s);
  auto first = ok(s, {"export", "--format", "vcard"}).out;
  CHECK(ok(s, {"export", "--format", "vcard"}).out == first);
  auto cards = ally::parse_vcards(first);
  REQUIRE(cards.size() == 3); // the archived ally stays out of an address book
  // Cards come in the order of the allies' UUIDs, like every export.
  auto card_of = [&](const std::string& fn) -> const ally::VCard& {
    for (const auto& card : cards) {
      if (card.fn == fn)
        return card;
    }
    FAIL("no card " << fn);
    return cards[0];
  };
  const auto& rachel = card_of("Rachel Green");
  CHECK(rachel.version == "4.0");
  CHECK(rachel.fn == "Rachel Green");
  CHECK(rachel.uid == "urn:uuid:" + s.scalar("SELECT id FROM ally WHERE num = 1"));
  CHECK(rachel.nicknames == std::vector<std::string>{"Rach", "Рейчел"});
  CHECK(rachel.emails == std::vector<std::string>{"rachel@example.com", "rg@example.org"});
  CHECK(rachel.org == "Central Perk");
  CHECK(rachel.title == "Buyer");
  CHECK(rachel.city == "New York");
  CHECK(rachel.note == ally_test::k_rich_note);
  CHECK(rachel.categories == std::vector<std::string>{"fashion"});
  REQUIRE(rachel.birthday);
  CHECK(rachel.birthday->month == 5);
  CHECK_FALSE(rachel.birthday->year);
  CHECK(card_of("José Álvarez").birthday->year == 1980);
  CHECK(card_of("Chandler Bing").uid == "chandler-1"); // a card's own UID goes back out
  for (const auto& line :
       {std::string("BEGIN:VCARD\r\nVERSION:4.0\r\n"), std::string("END:VCARD\r\n")}) {
    CHECK(first.find(line) != std::string::npos);
  }

  // Re-importing ally's own export finds every ally again.
  auto before = s.dump();
  auto r = ok(s, {"import", write_text(s, "allies.vcf", first)});
  CHECK(r.out == "Imported 3 cards: 0 new, 0 updated, 3 unchanged.\n");
  CHECK(s.dump() == before);

  // Deleted for good: its card does not bring it back.
  auto rm = ok(s, {"rm", "Rachel", "--purge", "--yes"});
  r = ok(s, {"import", write_text(s, "allies.vcf", first)});
  std::size_t rachel_card = 0;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (cards[i].fn == "Rachel Green")
      rachel_card = i + 1;
  }
  CHECK(r.out == fmt::format("Imported 3 cards: 0 new, 0 updated, 2 unchanged, 1 skipped.\n"
                             "  skipped    card {} Rachel Green: its ally was deleted in ally; "
                             "not imported again\n",
                             rachel_card));
  CHECK(r.err.empty());
}

TEST_CASE("CSV export quotes as RFC 4180 says, one row per ally", "[e2e][csv][export]") {
  TempStore s;
  ok(s, {"add", "Mary-Jane O'Neil", "--org", "Acme, Inc.", "--email", "mj@example.com", "--email",
         "mary@example.org", "--note", "said \"hi\"\nsecond line", "--birthday", "05-03", "--every",
         "30d"});
  ok(s, {"add", "José Álvarez", "--tag", "wine"});
  ok(s, {"rm", "José"});
  auto r = ok(s, {"export", "--format", "csv"});
  auto id1 = s.scalar("SELECT id FROM ally WHERE num = 1");
  auto id2 = s.scalar("SELECT id FROM ally WHERE num = 2");
  std::string header =
      "number,id,name,nicknames,org,role,city,emails,phones,circle,relationship,cadence,tags,"
      "expertise,interests,birthday,met,goals,notes,added_on,last_contact,snoozed_until,archived,"
      "vcard_uid,links\r\n";
  std::string mary = "1," + id1 +
                     ",Mary-Jane O'Neil,,\"Acme, Inc.\",,,mj@example.com; mary@example.org,,,,30d,,,,"
                     "05-03,,,\"said \"\"hi\"\"\nsecond line\",2026-11-24,,,no,,\r\n";
  std::string jose = "2," + id2 + ",José Álvarez,,,,,,,,,default,wine,,,,,,,2026-11-24,,,yes,,\r\n";
  // Rows in the order of the allies' UUIDs, like every export.
  CHECK(r.out == header + (id1 < id2 ? mary + jose : jose + mary));
  auto path = (s.dir() / "allies.csv").string();
  r = ok(s, {"export", "--format", "csv", "-o", path});
  CHECK(r.out == "Exported 2 allies as CSV to " + path + ".\n");
}

TEST_CASE("undo takes a whole vCard import back", "[e2e][vcard][import][undo]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com"});
  auto before = s.dump_data();
  auto file = (fs::path(ALLY_TEST_DATA) / "vcard" / "names.vcf").string();
  ok(s, {"import", file});
  ok(s, {"import", write_text(s, "rachel.vcf", k_rachel_card)});
  CHECK(ok(s, {"undo"}).out ==
        "Undid: import " + (s.dir() / "rachel.vcf").string() + " (1 card).\n");
  CHECK(ok(s, {"undo"}).out == "Undid: import " + file + " (6 cards).\n");
  CHECK(s.dump_data() == before);
}
