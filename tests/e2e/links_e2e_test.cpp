// End-to-end: an ally's links (a LinkedIn profile, a homepage) and the set of vCard UIDs one
// person gathers across services: entered, normalised, shown, searched, exported to vCard and
// read back, united by merge (issues 25 and 27).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "e2e/exchange_helpers.hpp"

using ally_test::ok;
using ally_test::TempStore;
using ally_test::write_text;
using nlohmann::json;

namespace {

json ally_json(const TempStore& s, const std::string& who) {
  return json::parse(ok(s, {"--json", "show", who}).out);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("links: one page however spelled, shown, searched and dropped", "[e2e][links]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--link", "https://www.LinkedIn.com/in/rgreen/"});
  CHECK(ally_json(s, "Rachel")["links"] == json::array({"https://www.LinkedIn.com/in/rgreen/"}));
  // The same page spelled otherwise is no change; another path is another page.
  auto same = s.run({"edit", "Rachel", "--link", "http://linkedin.com/in/rgreen"});
  CHECK(same.code == 0);
  CHECK(contains(same.out, "nothing to change"));
  ok(s, {"edit", "Rachel", "--link", "rachel.example/blog"});
  CHECK(ally_json(s, "Rachel")["links"].size() == 2);
  CHECK(contains(ok(s, {"show", "Rachel"}).out,
                 "links         https://www.LinkedIn.com/in/rgreen/, rachel.example/blog\n"));
  CHECK(contains(ok(s, {"search", "linkedin"}).out, "links: https://www.«LinkedIn».com"));
  // Not a link: a usage error that changes nothing.
  auto before = s.dump();
  for (const char* bad : {"not a link", "mailto:rachel@example.com", "rachel", "https://"}) {
    INFO(bad);
    auto r = s.run({"edit", "Rachel", "--link", bad});
    CHECK(r.code == 2);
    CHECK(r.err.rfind("ally: error: bad link", 0) == 0);
  }
  CHECK(s.dump() == before);
  ok(s, {"edit", "Rachel", "--drop-link", "linkedin.com/in/rgreen"});
  CHECK(ally_json(s, "Rachel")["links"] == json::array({"rachel.example/blog"}));
  CHECK(s.run({"edit", "Rachel", "--drop-link", "linkedin.com/in/rgreen"}).code == 2);
}

TEST_CASE("links go out as vCard URL and come back, Apple's escaped colon too", "[e2e][links][vcard]") {
  TempStore s;
  ok(s, {"add", "Rachel Green", "--link", "https://rachel.example/"});
  auto card = ok(s, {"export", "--format", "vcard"}).out;
  CHECK(contains(card, "\r\nURL:https://rachel.example/\r\n"));
  // A card from Apple Contacts: `http\://`, and a URL the ally has spelled otherwise.
  auto file = write_text(s, "apple.vcf",
                         "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:apple-1\r\nFN:Ross Geller\r\n"
                         "item1.URL;type=pref:http\\://www.ross.example/dinos\r\n"
                         "URL:ross.example/dinos/\r\nEND:VCARD\r\n");
  ok(s, {"import", file});
  CHECK(ally_json(s, "Ross")["links"] == json::array({"http://www.ross.example/dinos"}));
  CHECK(ally_json(s, "Ross")["vcard_uids"] == json::array({"apple-1"}));
  // The same card again changes nothing.
  CHECK(contains(ok(s, {"import", file}).out, "1 unchanged"));
}

TEST_CASE("merge unites links and vCard UIDs, so both services' cards stay one ally",
          "[e2e][links][merge]") {
  TempStore s;
  auto apple = write_text(s, "apple.vcf",
                          "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:apple-1\r\nFN:Ross Geller\r\n"
                          "EMAIL:ross@nyu.example\r\nURL:https://ross.example\r\nEND:VCARD\r\n");
  auto google = write_text(s, "google.vcf",
                           "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:google-9\r\nFN:Ross Geller\r\n"
                           "EMAIL:ross@nyu.example\r\nURL:https://linkedin.com/in/ross\r\n"
                           "END:VCARD\r\n");
  ok(s, {"import", apple});
  // An unknown UID with a known email: a new ally, reported as a possible duplicate.
  CHECK(contains(ok(s, {"import", google}).out, "possible duplicate of #1"));
  ok(s, {"merge", "1", "2"});
  auto ross = ally_json(s, "Ross");
  CHECK(ross["vcard_uids"] == json::array({"apple-1", "google-9"}));
  CHECK(ross["links"] == json::array({"https://ross.example", "https://linkedin.com/in/ross"}));
  // Each service's card now finds the one ally.
  for (const auto& file : {apple, google}) {
    auto r = ok(s, {"import", file});
    CHECK(contains(r.out, "1 unchanged"));
  }
  CHECK(s.scalar("SELECT count(*) FROM ally") == "1");
  // The export names the card of the first service.
  CHECK(contains(ok(s, {"export", "--format", "vcard"}).out, "\r\nUID:apple-1\r\n"));
}
