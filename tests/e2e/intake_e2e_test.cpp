// End-to-end: bringing a network in from CSV files (LinkedIn, Google, Outlook, ally's own, any
// CSV with --map) through `ally import`, told apart by content; twice without a duplicate or a
// write; and CSV exports that a spreadsheet cannot run and ally and Google read back.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/exchange_helpers.hpp"

namespace fs = std::filesystem;
using ally_test::import_json;
using ally_test::ok;
using ally_test::read_text;
using ally_test::TempStore;
using ally_test::write_text;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

std::string intake_file(const std::string& name) {
  return (fs::path(ALLY_TEST_DATA) / "intake" / name).string();
}


} // namespace

TEST_CASE("import: each CSV layout is told from its header and imports twice without a write",
          "[e2e][intake]") {
  struct Case {
    const char* file;
    const char* format;
  };
  for (const Case& c : {Case{"linkedin_2026.csv", "linkedin"}, Case{"linkedin_2018.csv", "linkedin"},
                        Case{"linkedin_excel.csv", "linkedin"}, Case{"google_2012.csv", "google-csv"},
                        Case{"google_2020.csv", "google-csv"}, Case{"google_2025.csv", "google-csv"},
                        Case{"outlook_desktop.csv", "outlook-csv"},
                        Case{"outlook_com.csv", "outlook-csv"}, Case{"ally_export.csv", "ally-csv"}}) {
    CAPTURE(c.file);
    TempStore s;
    auto first = import_json(s, {intake_file(c.file)});
    CHECK(first["format"] == c.format);
    CHECK(first["added"].get<int>() > 0);
    CHECK(first["updated"] == 0);
    // Every new ally is untracked, as imported contacts are.
    CHECK(s.scalar("SELECT count(*) FROM ally WHERE cadence_mode <> 'none'") == "0");
    const std::string before = s.dump();
    auto again = import_json(s, {intake_file(c.file)});
    CHECK(again["added"] == 0);
    CHECK(again["updated"] == 0);
    CHECK(again["unchanged"] == first["added"]);
    CHECK(s.dump() == before);
    // --format names the same layout.
    auto forced = import_json(s, {intake_file(c.file), "--format", c.format});
    CHECK(forced["added"] == 0);
  }
}

TEST_CASE("import LinkedIn: profile link, how you met, role; no urn:li email; link is identity",
          "[e2e][intake]") {
  TempStore s;
  // Already an ally, known by the LinkedIn profile only (written differently).
  ok(s, {"add", "Ines Okafor", "--link", "http://linkedin.com/in/ines-okafor-l-3b2a91/"});
  auto r = ok(s, {"import", intake_file("linkedin_2026.csv")});
  CHECK_THAT(r.out, Contains("updated    #1 Ines Okafor (line 5)"));
  CHECK(s.scalar("SELECT count(*) FROM ally WHERE name LIKE 'Ines%'") == "1");
  auto ines = json::parse(ok(s, {"--json", "show", "Ines"}).out);
  CHECK(ines["org"] == "Northwind Analytics, Inc.");
  CHECK(ines["role"] == "Director of People Ops");
  CHECK(ines["met"] == "connected on LinkedIn, 2025-12-22");
  auto priya = json::parse(ok(s, {"--json", "show", "Priya"}).out);
  CHECK(priya["emails"].empty()); // urn:li:member:… is not an address
  CHECK(priya["links"] == json::array({"https://www.linkedin.com/in/priya-sharma-1a2b3c"}));
  // Trailing spaces trimmed.
  CHECK(json::parse(ok(s, {"--json", "show", "Tomás"}).out)["name"] == "Tomás Reyes");
  // Shown and searched.
  CHECK_THAT(ok(s, {"search", "priya-sharma"}).out, Contains("Priya Sharma"));
}

TEST_CASE("import: a CSV nobody knows is refused with its header, untouched; --map reads it",
          "[e2e][intake]") {
  TempStore s;
  auto r = s.run({"import", intake_file("unknown.csv")});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Contains("ally: error: import: "));
  CHECK_THAT(r.err, Contains("First, Mail, Phone"));
  CHECK_THAT(r.err, Contains("--map"));
  CHECK_FALSE(fs::exists(s.db())); // a failed import creates no store
  auto mapped = import_json(s, {intake_file("unknown.csv"), "--map", "First=name,Mail=email,Phone=phone"});
  CHECK(mapped["format"] == "csv");
  CHECK(mapped["added"] == 1);
  auto ann = json::parse(ok(s, {"--json", "show", "Ann"}).out);
  CHECK(ann["emails"] == json::array({"ann@example.com"}));
  CHECK(ann["phones"] == json::array({"555 0100"}));
  // A map naming a field ally does not have, or a column the file lacks: exit 1, nothing done.
  const std::string before = s.dump();
  auto bad = s.run({"import", intake_file("unknown.csv"), "--map", "First=shoe"});
  CHECK(bad.code == 1);
  CHECK_THAT(bad.err, Contains("shoe"));
  auto missing = s.run({"import", intake_file("unknown.csv"), "--map", "Nope=name"});
  CHECK(missing.code == 1);
  CHECK(s.dump() == before);
  // --format csv needs a map; --map belongs to csv.
  CHECK(s.run({"import", intake_file("unknown.csv"), "--format", "csv"}).code == 2);
  CHECK(s.run({"import", intake_file("unknown.csv"), "--format", "vcard", "--map", "First=name"})
            .code == 2);
  // A header that is not the layout asked for names what it has.
  auto wrong = s.run({"import", intake_file("google_2020.csv"), "--format", "linkedin"});
  CHECK(wrong.code == 1);
  CHECK_THAT(wrong.err, Contains("the header is not LinkedIn's Connections.csv"));
  CHECK(s.dump() == before);
}

TEST_CASE("import --dry-run of a CSV reports and changes nothing", "[e2e][intake]") {
  TempStore s;
  ok(s, {"add", "Someone Else"});
  const std::string before = s.dump();
  auto r = ok(s, {"import", intake_file("google_2025.csv"), "--dry-run"});
  CHECK_THAT(r.out, Contains("Would import"));
  CHECK_THAT(r.out, Contains("Nothing was changed (--dry-run)."));
  CHECK(s.dump() == before);
}

TEST_CASE("export --format csv neutralises formulas and ally imports its own CSV back",
          "[e2e][intake]") {
  TempStore s;
  ok(s, {"add", "=HYPERLINK(\"http://x.example\")", "--org", "@corp", "--role", "-lead",
         "--phone", "+1 555 0100", "--email", "eve@example.org", "--link",
         "https://example.org/eve", "--tag", "+vip"});
  ok(s, {"add", "Plain Person", "--city", "Oslo", "--every", "30d"});
  auto csv_path = (s.dir() / "allies.csv").string();
  ok(s, {"export", "-o", csv_path});
  const std::string csv = read_text(csv_path);
  CHECK_THAT(csv, Contains(",\"'=HYPERLINK(\"\"http")); // quoted for its quotes
  CHECK_THAT(csv, Contains(",'@corp,"));
  CHECK_THAT(csv, Contains(",'-lead,"));
  CHECK_THAT(csv, Contains(",'+vip,"));
  CHECK_THAT(csv, Contains(",+1 555 0100,")); // a phone stays a phone
  // Back into the same store: the same allies, nothing to change.
  const std::string before = s.dump();
  auto same = import_json(s, {csv_path});
  CHECK(same["format"] == "ally-csv");
  CHECK(same["added"] == 0);
  CHECK(same["updated"] == 0);
  CHECK(s.dump() == before);
  // Into another store: every value as it was, without the quote.
  TempStore other;
  auto fresh = import_json(other, {csv_path});
  CHECK(fresh["added"] == 2);
  json eve;
  const json exported = json::parse(ok(other, {"export"}).out);
  for (const auto& ally : exported["allies"])
    if (ally["emails"] == json::array({"eve@example.org"}))
      eve = ally;
  CHECK(eve["name"] == "=HYPERLINK(\"http://x.example\")");
  CHECK(eve["org"] == "@corp");
  CHECK(eve["role"] == "-lead");
  CHECK(eve["tags"] == json::array({"+vip"}));
  CHECK(eve["phones"] == json::array({"+1 555 0100"}));
}

TEST_CASE("export --format google-csv: what Google reads, and ally's Google reader too",
          "[e2e][intake]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--org", "=Ralph Lauren", "--role", "Buyer", "--email",
         "rachel@example.com", "--phone", "+1 555 0101", "--nick", "Rach", "--tag", "fashion",
         "--link", "https://www.linkedin.com/in/rachel"});
  ok(s, {"date", "Rachel", "birthday", "1990-05-05"});
  auto path = (s.dir() / "google.csv").string();
  auto r = ok(s, {"export", "--format", "google-csv", "-o", path});
  CHECK_THAT(r.out, Contains("as a Google Contacts CSV"));
  const std::string csv = read_text(path);
  CHECK(csv.rfind("Name,Nickname,Birthday,Notes,Group Membership,E-mail 1 - Type,", 0) == 0);
  CHECK_THAT(csv, Contains(",=Ralph Lauren,")); // never altered for Google
  CHECK_THAT(csv, Contains("* myContacts ::: fashion"));
  TempStore other;
  auto in = import_json(other, {path});
  CHECK(in["format"] == "google-csv");
  CHECK(in["added"] == 1);
  auto rachel = json::parse(ok(other, {"--json", "show", "Rachel"}).out);
  CHECK(rachel["org"] == "=Ralph Lauren");
  CHECK(rachel["nicknames"] == json::array({"Rach"}));
  CHECK(rachel["tags"] == json::array({"fashion"}));
  CHECK(rachel["links"] == json::array({"https://www.linkedin.com/in/rachel"}));
  CHECK(rachel["emails"] == json::array({"rachel@example.com"}));
}

TEST_CASE("undo of a contact import takes back every ally it added and every change it made",
          "[e2e][intake][undo]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--email", "rachel@example.com"});
  auto rows = [&] {
    std::vector<std::vector<std::string>> all;
    for (const char* sql : {"SELECT * FROM ally", "SELECT * FROM ally_value", "SELECT * FROM card_import",
                            "SELECT * FROM important_date"})
      for (auto& row : s.query(sql)) all.push_back(row);
    return all;
  };
  const auto before = rows();
  // Rachel gains a phone; Sam is new; Dana is new twice (one email on two rows tells them
  // apart from nobody), the second with a birthday.
  auto file = write_text(s, "people.csv",
                         "Name,E-mail 1 - Value,Phone 1 - Value,Birthday\n"
                         "Rachel Green,rachel@example.com,+1 555 0101,\n"
                         "Dana Whitfield,dana@example.com,,\n"
                         "Dana Whitfield,dana@example.com,+1 555 0199,1990-04-02\n"
                         "Sam Park,sam@example.com,,\n");
  auto doc = import_json(s, {file, "--format", "google-csv"});
  CHECK(doc["added"] == 3);
  CHECK(doc["updated"] == 1);
  CHECK(s.scalar("SELECT count(*) FROM ally_value WHERE field = 'phone'") == "2");
  CHECK(s.scalar("SELECT count(*) FROM important_date") == "1");
  // One undo step per new ally: its values, birthday and card memory go with it. Rachel, who
  // was there before, has her row, values and card memories journaled as they were and are.
  const std::string this_import = "seq = (SELECT max(seq) FROM journal)";
  CHECK(s.scalar("SELECT count(*) FROM journal_step WHERE " + this_import +
                 " AND tbl = 'ally' AND op = 'insert'") == "3");
  CHECK(s.scalar("SELECT count(*) FROM journal_step WHERE " + this_import +
                 " AND tbl <> 'ally' AND json_extract(pk, '$.ally') <> 1") == "0");
  CHECK(s.scalar("SELECT count(*) FROM journal_step WHERE " + this_import +
                 " AND tbl = 'ally_value'") == "3");
  ok(s, {"undo"});
  CHECK(rows() == before);
  CHECK(s.scalar("SELECT count(*) FROM search_ally") == "1");
  ok(s, {"check"});
}

TEST_CASE("undo of a re-import puts back the dates, values and card memory it changed",
          "[e2e][intake][undo]") {
  // The import journals an ally it did not add itself (its triggers are off while it runs):
  // its rows as they were, at its first change, and as they are at the end.
  TempStore s;
  auto card = [](const char* birthday, const char* extra) {
    return std::string("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:dana-1\r\nFN:Dana Whitfield\r\n"
                       "N:Whitfield;Dana;;;\r\nEMAIL:dana@example.com\r\nBDAY:") +
           birthday + "\r\n" + extra + "END:VCARD\r\n";
  };
  ok(s, {"import", write_text(s, "v1.vcf", card("1990-04-02", ""))});
  ok(s, {"edit", "Dana", "--org", "Acme"});
  auto rows = [&] {
    std::vector<std::vector<std::string>> all;
    for (const char* sql : {"SELECT * FROM ally", "SELECT * FROM ally_value",
                            "SELECT * FROM card_import", "SELECT * FROM important_date"})
      for (auto& row : s.query(sql))
        all.push_back(row);
    return all;
  };
  const auto before = rows();
  auto doc = import_json(s, {write_text(s, "v2.vcf", card("1990-05-03", "TEL:+1 555 0199\r\n"))});
  CHECK(doc["updated"] == 1);
  CHECK(s.scalar("SELECT month || '-' || day FROM important_date") == "5-3");
  CHECK(s.scalar("SELECT count(*) FROM ally_value WHERE field = 'phone'") == "1");
  ok(s, {"undo"});
  CHECK(rows() == before);
  CHECK_THAT(ok(s, {"search", "0199"}).out, Contains("No matches"));
  CHECK_THAT(ok(s, {"show", "Dana"}).out, Contains("1990-04-02"));
  ok(s, {"check"});
}
