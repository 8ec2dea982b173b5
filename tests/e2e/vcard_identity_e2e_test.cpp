// End-to-end: vCard import never makes two people one ally. Each case is a quirk of a real
// address book, reproduced in a fixture under tests/data/vcard: an office switchboard shared by
// six Apple cards, two cards of one family phone, two strangers named John Smith, accents that
// tell names apart, escaped commas in lists, UTF-16 and UTF-32 files.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <random>

#include "e2e/exchange_helpers.hpp"

namespace fs = std::filesystem;
using ally_test::ok;
using ally_test::read_text;
using ally_test::TempStore;
using ally_test::write_text;
using nlohmann::json;

namespace {

std::string fixture(const char* name) { return (fs::path(ALLY_TEST_DATA) / "vcard" / name).string(); }

json import_json(const TempStore& s, const std::string& file) {
  return json::parse(ok(s, {"--json", "import", file}).out);
}

std::vector<std::string> emails_of(const TempStore& s, const std::string& who) {
  return json::parse(ok(s, {"--json", "show", who}).out)["emails"].get<std::vector<std::string>>();
}

} // namespace

TEST_CASE("cards sharing a switchboard number stay different people", "[e2e][vcard][identity]") {
  TempStore s;
  auto j = import_json(s, fixture("switchboard_apple_30.vcf"));
  CHECK(j["added"] == 6);
  CHECK(j["updated"] == 0);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "6");
  for (const auto& card : j["allies"]) CHECK(card["possible_duplicate_of"].is_null());
  CHECK(emails_of(s, "Dev Patel") == std::vector<std::string>{"dev.patel@northwind.example"});
  // Every one of them keeps the shared number.
  CHECK(s.scalar("SELECT count(DISTINCT ally) FROM ally_value WHERE field = 'phone'") == "6");

  // Two cards, one family phone: Dave is not Carol.
  TempStore t;
  auto r = ok(t, {"import", fixture("shared_phone_two_cards.vcf")});
  CHECK(r.out == "Imported 2 cards: 2 new, 0 updated, 0 unchanged.\n"
                 "  new        #1 Carol Reyes (card 1)\n"
                 "  new        #2 Dave Reyes (card 2)\n");
  CHECK(emails_of(t, "Carol") == std::vector<std::string>{"carol@example.org"});
  CHECK(emails_of(t, "Dave") == std::vector<std::string>{"dave@example.org"});
}

TEST_CASE("a phone number alone never matches an ally", "[e2e][vcard][identity]") {
  TempStore s;
  ok(s, {"add", "Carol Reyes", "--phone", "+1 555 0199", "--email", "carol@example.org"});
  auto card = write_text(s, "dave.vcf",
                         "BEGIN:VCARD\nVERSION:3.0\nFN:Dave Reyes\nTEL:+1 555 0199\nEND:VCARD\n");
  auto r = ok(s, {"import", card});
  CHECK(r.out == "Imported 1 card: 1 new, 0 updated, 0 unchanged.\n"
                 "  new        #2 Dave Reyes (card 1)\n");
  CHECK(s.scalar("SELECT count(*) FROM ally") == "2");
  CHECK(s.scalar("SELECT name FROM ally WHERE num = 1") == "Carol Reyes");
}

TEST_CASE("same-name strangers become two allies, reported as possible duplicates",
          "[e2e][vcard][identity]") {
  TempStore s;
  auto r = ok(s, {"import", fixture("same_name_strangers_30.vcf")});
  CHECK(r.out == "Imported 2 cards: 2 new, 0 updated, 0 unchanged.\n"
                 "  new        #1 John Smith (card 1)\n"
                 "  new        #2 John Smith (card 2), possible duplicate of #1: ally merge 1 2\n");
  CHECK(s.scalar("SELECT count(*) FROM ally WHERE name = 'John Smith'") == "2");
  CHECK(s.scalar("SELECT org FROM ally WHERE num = 2") == "Beta");
  auto j = import_json(s, fixture("same_name_strangers_30.vcf"));
  CHECK(j["unchanged"] == 2);
  CHECK(j["allies"][1]["possible_duplicate_of"].is_null());

  // A name matches with its case ignored and its accents kept.
  TempStore t;
  ok(t, {"add", "John Doe", "--email", "john@doe.example"});
  auto doe = write_text(t, "doe.vcf",
                        "BEGIN:VCARD\nVERSION:3.0\nFN:John Doë\nEMAIL:doe@elsewhere.example\n"
                        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:JOHN DOE\nORG:Initech\nEND:VCARD\n");
  j = import_json(t, doe);
  CHECK(j["added"] == 2);
  CHECK(j["allies"][0]["possible_duplicate_of"].is_null()); // Doë is not Doe
  CHECK(j["allies"][1]["possible_duplicate_of"] == 1);      // JOHN DOE may be John Doe
  CHECK(t.scalar("SELECT org FROM ally WHERE num = 1") == "");
}

TEST_CASE("a card with a UID no ally has is someone new", "[e2e][vcard][identity]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com", "--org", "Central Perk"});
  auto card = write_text(s, "r.vcf",
                         "BEGIN:VCARD\nVERSION:4.0\nUID:google-77\nFN:Rachel Green\n"
                         "EMAIL:rachel@example.com\nORG:Ralph Lauren\nEND:VCARD\n");
  auto j = import_json(s, card);
  CHECK(j["added"] == 1);
  CHECK(j["allies"][0]["possible_duplicate_of"] == 1);
  CHECK(s.scalar("SELECT org FROM ally WHERE num = 1") == "Central Perk");
  // A card whose UID differs from an ally's is never that ally, even with its email.
  auto other = write_text(s, "o.vcf",
                          "BEGIN:VCARD\nVERSION:4.0\nUID:google-78\nFN:R. Green\n"
                          "EMAIL:rachel@example.com\nEND:VCARD\n");
  j = import_json(s, other);
  CHECK(j["added"] == 1);
  CHECK(s.scalar("SELECT count(*) FROM ally") == "3");
  // The same card again is that ally, unchanged.
  j = import_json(s, card);
  CHECK(j["unchanged"] == 1);
  CHECK(j["allies"][0]["number"] == 2);
}

TEST_CASE("an email on two cards of one file tells neither apart", "[e2e][vcard][identity]") {
  TempStore s;
  ok(s, {"add", "Ana Silva", "--email", "team@example.org"});
  auto file = write_text(s, "team.vcf",
                         "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nEMAIL:team@example.org\n"
                         "TEL:+351 21 000 0001\nEND:VCARD\n"
                         "BEGIN:VCARD\nVERSION:3.0\nFN:Bruno Costa\nEMAIL:team@example.org\n"
                         "END:VCARD\n");
  auto j = import_json(s, file);
  CHECK(j["added"] == 2);
  CHECK(j["allies"][0]["possible_duplicate_of"] == 1);
  CHECK(j["allies"][1]["possible_duplicate_of"] == 1);
  CHECK(s.scalar("SELECT count(*) FROM ally_value WHERE ally = 1") == "1");
}

TEST_CASE("escaped commas stay inside nicknames and tags, both ways", "[e2e][vcard][identity]") {
  TempStore s;
  ok(s, {"import", fixture("escaped_lists_30.vcf")});
  auto boss = json::parse(ok(s, {"--json", "show", "Robert Boss"}).out);
  CHECK(boss["nicknames"] == json::array({"The Boss, Sr.", "Bob"}));
  CHECK(boss["tags"] == json::array({"x,y", "z"}));
  // ally's own export, read back into the same store, adds nothing.
  auto exported = ok(s, {"export", "--format", "vcard"}).out;
  CHECK(exported.find("NICKNAME:The Boss\\, Sr.\r\n") != std::string::npos);
  CHECK(exported.find("NICKNAME:Bob\r\n") != std::string::npos);
  CHECK(exported.find("CATEGORIES:x\\,y,z\r\n") != std::string::npos);
  auto before = s.dump();
  auto r = ok(s, {"import", write_text(s, "back.vcf", exported)});
  CHECK(r.out == "Imported 1 card: 0 new, 0 updated, 1 unchanged.\n");
  CHECK(s.dump() == before);
}

TEST_CASE("UTF-16 and UTF-32 cards import with or without a byte-order mark",
          "[e2e][vcard][identity]") {
  TempStore s;
  // Detection and parser agree: no --format needed, and --format vcard reads the same.
  auto r = ok(s, {"import", fixture("utf16be_nobom_30.vcf")});
  CHECK(r.out == "Imported 1 card: 1 new, 0 updated, 0 unchanged.\n"
                 "  new        #1 Zoë Ångström (card 1)\n");
  r = ok(s, {"import", "--format", "vcard", fixture("utf16be_nobom_30.vcf")});
  CHECK(r.out == "Imported 1 card: 0 new, 0 updated, 1 unchanged.\n");
  // Another card (its own UID and email) of someone with the same name: a new ally, flagged.
  r = ok(s, {"import", fixture("utf32le_bom_30.vcf")});
  CHECK(r.out == "Imported 1 card: 1 new, 0 updated, 0 unchanged.\n"
                 "  new        #2 Zoë Ångström (card 1), possible duplicate of #1: ally merge 1 2\n");
  auto zoe = json::parse(ok(s, {"--json", "show", "1"}).out);
  CHECK(zoe["name"] == "Zoë Ångström");
  CHECK(zoe["notes"] == "Outlook wrote this file in UTF-16, big-endian, without a BOM.");
  // UTF-16LE with its byte-order mark, made here from the same card.
  auto text = read_text(fixture("utf16be_nobom_30.vcf"));
  std::string le = "\xFF\xFE";
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    le += text[i + 1];
    le += text[i];
  }
  r = ok(s, {"import", write_text(s, "le.vcf", le)});
  CHECK(r.out == "Imported 1 card: 0 new, 0 updated, 1 unchanged.\n");
}

TEST_CASE("a whole address book imported twice, in any order, is one ally per person",
          "[e2e][vcard][identity]") {
  std::vector<std::string> files = {"switchboard_apple_30.vcf", "shared_phone_two_cards.vcf",
                                    "same_name_strangers_30.vcf", "escaped_lists_30.vcf",
                                    "utf16be_nobom_30.vcf", "names.vcf", "escaped_30.vcf"};
  std::string first_allies;
  std::mt19937 shuffle_seed(20261204);
  for (int round = 0; round < 3; ++round) {
    TempStore s;
    for (const auto& f : files) ok(s, {"import", fixture(f.c_str())});
    auto allies = s.scalar("SELECT count(*) FROM ally");
    if (first_allies.empty()) first_allies = allies;
    CHECK(allies == first_allies);
    auto before = s.dump();
    for (const auto& f : files) {
      auto j = import_json(s, fixture(f.c_str()));
      CHECK(j["added"] == 0);
      CHECK(j["updated"] == 0);
      CHECK(j["unchanged"] == j["cards"]);
    }
    CHECK(s.dump() == before);
    std::shuffle(files.begin(), files.end(), shuffle_seed);
  }
  // 6 + 2 + 2 + 1 + 1 + 6 + 1 people.
  CHECK(first_allies == "19");
}

TEST_CASE("a re-imported card never reverts what the user changed in ally",
          "[e2e][vcard][identity]") {
  TempStore s;
  auto card = [&](const std::string& name, const std::string& body) {
    return write_text(s, name, "BEGIN:VCARD\nVERSION:3.0\nUID:mem-1\nFN:Ross Geller\n" + body +
                                   "END:VCARD\n");
  };
  // Quotes and a backslash: the card's memory is JSON text, and must read back the same.
  auto v1 = card("v1.vcf", "ORG:Museum \"Main\" \\\\ Hall\nEMAIL:ross@museum.example\n"
                           "TEL:+1 555 0001\n");
  ok(s, {"import", v1});
  CHECK(json::parse(ok(s, {"--json", "show", "Ross"}).out)["org"] == "Museum \"Main\" \\ Hall");
  // The user corrects the org and removes an address that is no longer his.
  ok(s, {"edit", "Ross", "--org", "NYU", "--drop-email", "ross@museum.example"});
  auto before = s.dump();
  auto r = ok(s, {"import", v1});
  CHECK(r.out == "Imported 1 card: 0 new, 0 updated, 1 unchanged.\n");
  CHECK(s.dump() == before);
  // A card that really changed brings only its changes.
  auto v2 = card("v2.vcf", "ORG:Paleontology\nEMAIL:ross@museum.example\nEMAIL:dr@nyu.example\n"
                           "TEL:+1 555 0001\n");
  r = ok(s, {"import", v2});
  CHECK(r.out == "Imported 1 card: 0 new, 1 updated, 0 unchanged.\n"
                 "  updated    #1 Ross Geller (card 1): org, emails\n");
  auto ross = json::parse(ok(s, {"--json", "show", "Ross"}).out);
  CHECK(ross["org"] == "Paleontology");
  CHECK(ross["emails"] == json::array({"dr@nyu.example"}));
  // A merge keeps the memory: the card stays known on the ally kept.
  ok(s, {"add", "Ross G."});
  ok(s, {"merge", "Ross G.", "Ross Geller"});
  r = ok(s, {"import", v2});
  CHECK(r.out == "Imported 1 card: 0 new, 0 updated, 1 unchanged.\n");
  // Undo takes the import back with what it remembered.
  ok(s, {"undo"}); // the merge
  ok(s, {"undo"}); // the add
  ok(s, {"undo"}); // the import of v2
  r = ok(s, {"import", v2});
  CHECK(r.out.find("1 updated") != std::string::npos);
}

TEST_CASE("a family address shared by two people does not make them one",
          "[e2e][vcard][identity]") {
  TempStore s;
  ok(s, {"add", "John Smith", "--email", "home@smith.example", "--org", "Acme"});
  auto card = write_text(s, "jane.vcf",
                         "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Smith\nEMAIL:home@smith.example\n"
                         "ORG:Globex\nEND:VCARD\n");
  auto j = import_json(s, card);
  CHECK(j["added"] == 1);
  CHECK(j["allies"][0]["possible_duplicate_of"] == 1);
  CHECK(s.scalar("SELECT org FROM ally WHERE num = 1") == "Acme");
  // An initial is the same first name: R. Green is Rachel Green.
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com"});
  auto rachel = write_text(s, "r.vcf",
                           "BEGIN:VCARD\nVERSION:3.0\nFN:R. Green\nEMAIL:rachel@example.com\n"
                           "ORG:Ralph Lauren\nEND:VCARD\n");
  j = import_json(s, rachel);
  CHECK(j["updated"] == 1);
  CHECK(j["allies"][0]["number"] == 3);
}

TEST_CASE("two cards merged on purpose stay merged on the next import", "[e2e][vcard][identity]") {
  TempStore s;
  auto a = write_text(s, "a.vcf", "BEGIN:VCARD\nVERSION:4.0\nUID:google-1\nFN:John Smith\n"
                                  "EMAIL:john@a.example\nEND:VCARD\n");
  auto b = write_text(s, "b.vcf", "BEGIN:VCARD\nVERSION:4.0\nUID:apple-9\nFN:John Smith\n"
                                  "EMAIL:john@b.example\nEND:VCARD\n");
  ok(s, {"import", a});
  auto j = import_json(s, b);
  CHECK(j["allies"][0]["possible_duplicate_of"] == 1);
  ok(s, {"merge", "1", "2"});
  auto before = s.dump();
  for (const auto& file : {a, b}) {
    j = import_json(s, file);
    CHECK(j["unchanged"] == 1);
    CHECK(j["allies"][0]["number"] == 1);
  }
  CHECK(s.dump() == before);
}
