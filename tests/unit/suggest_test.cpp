// `ally suggest` scoring and topic matching, and the pure parts of `ally stats`, on hand-built
// allies.
#include "ally/suggest.hpp"

#include <catch2/catch.hpp>

#include "ally/insights.hpp"

using namespace ally;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

SuggestAlly person(std::int64_t number, std::string name, std::string org,
                   std::vector<std::string> interests, std::vector<std::string> knows = {}) {
  SuggestAlly a;
  a.number = number;
  a.id = "id-" + std::to_string(number);
  a.name = std::move(name);
  a.org = std::move(org);
  a.interests = std::move(interests);
  a.expertise = std::move(knows);
  return a;
}

} // namespace

TEST_CASE("introductions need a topic in common", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "Rachel Green", "", {"Fashion"}),
                                  person(2, "Ross Geller", "", {"Dinosaurs"})};
  auto found = suggest_introductions(allies, {});
  CHECK(found.rows.empty());
  CHECK(found.already_introduced == 0);
}

TEST_CASE("shared interests score two points each, case- and accent-insensitively", "[suggest]") {
  std::vector<SuggestAlly> allies{
      person(1, "Rachel Green", "", {"The Strokes", "Murakami"}),
      person(2, "Joey Tribbiani", "", {"the  strokes", "MURAKAMI", "Sandwiches"})};
  allies[0].introduced_any = true; // no newcomer bonus here
  auto found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 1);
  const auto& s = found.rows[0];
  CHECK(s.a == 1);
  CHECK(s.b == 2);
  REQUIRE(s.topics.size() == 2);
  CHECK(s.topics[0].topic == "Murakami");
  CHECK(s.topics[1].topic == "The Strokes");
  CHECK_FALSE(s.topics[0].expert);
  CHECK(s.score == 4);
  CHECK(s.why == "both interested in Murakami and The Strokes");
}

TEST_CASE("an expert and a learner of the same topic make a pair", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "Rachel Green", "Central Perk", {"Wine"}),
                                  person(2, "Chandler Bing", "Central Perk", {}, {"wine"})};
  auto found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 1);
  const auto& s = found.rows[0];
  REQUIRE(s.topics.size() == 1);
  CHECK(s.topics[0].topic == "Wine"); // the interest's spelling
  CHECK(s.topics[0].expert == std::optional<std::int64_t>{2});
  CHECK_FALSE(s.bridges_orgs); // same org
  CHECK(s.newcomers);
  CHECK(s.score == k_points_per_topic + k_points_newcomers);
  CHECK(s.topics[0].expertise == "wine");
  CHECK(s.why == "Chandler Bing knows wine, Rachel Green is curious about it; neither has been "
                 "introduced to anyone yet");
}

TEST_CASE("a broader expertise teaches an interest whose words it contains", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "Monica", "", {"Wine", "French cooking"}),
                                  person(2, "Joey", "", {}, {"South American wine", "cooking"}),
                                  person(3, "Ross", "", {"Wine tasting"})};
  for (auto& a : allies) a.introduced_any = true;
  auto found = suggest_introductions(allies, {});
  // "South American wine" teaches "Wine" but not "Wine tasting"; "cooking" does not teach
  // "French cooking" (a narrower interest needs a narrower expert).
  REQUIRE(found.rows.size() == 1);
  const auto& s = found.rows[0];
  CHECK(s.a == 1);
  CHECK(s.b == 2);
  REQUIRE(s.topics.size() == 1);
  CHECK(s.topics[0].topic == "Wine");
  CHECK(s.topics[0].expertise == "South American wine");
  CHECK(s.why == "Joey knows South American wine, Monica is curious about Wine");
}

TEST_CASE("two experts with no learner are not a pair", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "A", "", {}, {"wine"}),
                                  person(2, "B", "", {}, {"wine"})};
  CHECK(suggest_introductions(allies, {}).rows.empty());
}

TEST_CASE("a topic counts once even when it links a pair twice", "[suggest]") {
  // Both like wine and Rachel knows it too: one topic, told as the teaching match.
  std::vector<SuggestAlly> allies{person(1, "Rachel", "", {"wine"}, {"wine"}),
                                  person(2, "Monica", "", {"wine"})};
  auto found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 1);
  REQUIRE(found.rows[0].topics.size() == 1);
  CHECK(found.rows[0].topics[0].expert == std::optional<std::int64_t>{1});
  CHECK(found.rows[0].score == k_points_per_topic + k_points_newcomers);
}

TEST_CASE("bridging organisations and newcomers earn a point each", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "Rachel Green", "Central Perk", {"jazz"}),
                                  person(2, "Ross Geller", "Museum", {"jazz"})};
  auto found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 1);
  CHECK(found.rows[0].bridges_orgs);
  CHECK(found.rows[0].newcomers);
  CHECK(found.rows[0].score == 4);
  CHECK(found.rows[0].why == "both interested in jazz; bridges Central Perk and Museum; neither has "
                             "been introduced to anyone yet");

  allies[1].introduced_any = true;
  allies[1].org = "CENTRAL PERK"; // the same org, spelled differently
  found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 1);
  CHECK_FALSE(found.rows[0].bridges_orgs);
  CHECK_FALSE(found.rows[0].newcomers);
  CHECK(found.rows[0].score == 2);
}

TEST_CASE("an unknown org never counts as a bridge", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "A", "Acme", {"jazz"}), person(2, "B", "", {"jazz"})};
  auto found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 1);
  CHECK_FALSE(found.rows[0].bridges_orgs);
}

TEST_CASE("pairs already introduced either way are left out and counted", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "A", "", {"jazz"}), person(2, "B", "", {"jazz"}),
                                  person(3, "C", "", {"jazz"})};
  auto found = suggest_introductions(allies, {{1, 3}});
  CHECK(found.already_introduced == 1);
  REQUIRE(found.rows.size() == 2);
  CHECK(found.rows[0].a == 1);
  CHECK(found.rows[0].b == 2);
  CHECK(found.rows[1].a == 2);
  CHECK(found.rows[1].b == 3);
}

TEST_CASE("ranking: score, then topics, then names, then numbers", "[suggest]") {
  std::vector<SuggestAlly> allies{
      person(1, "Zoe", "", {"jazz", "chess"}),      //
      person(2, "Yann", "", {"jazz", "chess"}),     // Zoe + Yann: 2 topics
      person(3, "Anna", "Acme", {"go"}),            //
      person(4, "Bea", "Globex", {"go"}),           // Anna + Bea: 1 topic, bridge
      person(5, "Émile", "", {"tea"}), person(6, "Carl", "", {"tea"})};
  for (auto& a : allies) a.introduced_any = true;
  auto found = suggest_introductions(allies, {});
  REQUIRE(found.rows.size() == 3);
  CHECK(found.rows[0].score == 4); // Zoe + Yann
  CHECK(found.rows[0].a == 1);
  CHECK(found.rows[1].score == 3); // Anna + Bea
  CHECK(found.rows[1].a == 3);
  CHECK(found.rows[2].score == 2); // Carl + Émile (accent-insensitive name order: a before c)
  CHECK(found.rows[2].a == 5);
}

TEST_CASE("topic fit: exact, word prefixes, inside, and the value within the typed words",
          "[suggest]") {
  CHECK(topic_fit("South American wine", "south  AMERICAN wine") == TopicFit::exact);
  CHECK(topic_fit("Café culture", "cafe culture") == TopicFit::exact);
  CHECK(topic_fit("South American wine", "wine") == TopicFit::words);
  CHECK(topic_fit("South American wine", "am wi") == TopicFit::words);
  CHECK(topic_fit("Murakami", "murak") == TopicFit::words);
  CHECK(topic_fit("Murakami", "kami") == TopicFit::partial);
  CHECK(topic_fit("wine", "wine tasting") == TopicFit::partial);
  CHECK(topic_fit("Murakami", "ka") == TopicFit::none); // too short to match inside a word
  CHECK(topic_fit("wine", "beer") == TopicFit::none);
  CHECK(topic_fit("", "wine") == TopicFit::none);
  CHECK(topic_fit("wine", "   ") == TopicFit::none);
}

TEST_CASE("match_topic lists experts first, then by fit and name", "[suggest]") {
  std::vector<SuggestAlly> allies{
      person(1, "Rachel Green", "", {"wine"}),
      person(2, "Joey Tribbiani", "", {"Sandwiches"}, {"South American wine"}),
      person(3, "Monica Geller", "", {"Cooking"}, {"Wine"}),
      person(4, "Ross Geller", "", {"Dinosaurs"})};
  allies[1].last_contact = ymd(2026, 11, 1);
  allies[1].last_kind = "coffee";
  auto found = match_topic(allies, "WINE");
  REQUIRE(found.size() == 3);
  CHECK(found[0].number == 3); // knows, exact
  CHECK(found[0].why == "knows Wine — ask them to teach you");
  CHECK(found[1].number == 2); // knows, words
  CHECK(found[1].knows == std::vector<std::string>{"South American wine"});
  CHECK(found[1].last_contact == ymd(2026, 11, 1));
  CHECK(found[1].last_kind == "coffee");
  CHECK(found[2].number == 1); // only interested
  CHECK(found[2].interested == std::vector<std::string>{"wine"});
  CHECK(found[2].why == "interested in wine — learn it together");
  CHECK(match_topic(allies, "  ").empty());
  CHECK(match_topic(allies, "chess").empty());
}

TEST_CASE("match_topic mentions other fitting interests of an expert", "[suggest]") {
  std::vector<SuggestAlly> allies{person(1, "Joey", "", {"wine bars"}, {"wine"})};
  auto found = match_topic(allies, "wine");
  REQUIRE(found.size() == 1);
  CHECK(found[0].why == "knows wine — ask them to teach you; also into wine bars");
}

namespace {

Ally scheduled(std::int64_t number, std::string name, Cadence cadence,
               std::optional<Date> last_contact, Date added = ymd(2026, 1, 1)) {
  Ally a;
  a.meta.number = number;
  a.name = std::move(name);
  a.cadence = cadence;
  a.last_contact = last_contact;
  a.added = added;
  return a;
}

const Date k_today = ymd(2026, 11, 24);

} // namespace

TEST_CASE("check-in share counts tracked allies on time, due and snoozed", "[stats]") {
  Cadence monthly{Cadence::Mode::days, 30};
  std::vector<Ally> allies{
      scheduled(1, "On Time", monthly, ymd(2026, 11, 20)),
      scheduled(2, "Due Today", monthly, k_today - std::chrono::days{30}),
      scheduled(3, "Late", monthly, ymd(2026, 9, 1)),
      scheduled(4, "Untracked", {Cadence::Mode::untracked, 0}, std::nullopt),
      scheduled(5, "Snoozed", monthly, ymd(2026, 9, 1)),
      scheduled(6, "Never Contacted", {}, std::nullopt, ymd(2026, 11, 1)), // default 60d
  };
  allies[4].snoozed_until = ymd(2026, 12, 1);
  auto share = check_in_share(allies, RankSettings{}, k_today);
  CHECK(share.tracked == 5);
  CHECK(share.on_time == 2);
  CHECK(share.overdue == 2);
  CHECK(share.snoozed == 1);
}

TEST_CASE("reconnect lists due allies longest since contact first", "[stats]") {
  Cadence monthly{Cadence::Mode::days, 30};
  std::vector<Ally> allies{
      scheduled(1, "Recent", monthly, ymd(2026, 11, 20)),
      scheduled(2, "Old", monthly, ymd(2025, 1, 1)),
      scheduled(3, "Never", monthly, std::nullopt, ymd(2026, 3, 1)),
      scheduled(4, "Untracked", {Cadence::Mode::untracked, 0}, ymd(2020, 1, 1)),
      scheduled(5, "Snoozed", monthly, ymd(2020, 1, 1)),
  };
  allies[4].snoozed_until = ymd(2026, 12, 1);
  auto list = reconnect_list(allies, RankSettings{}, k_today, 2);
  REQUIRE(list.size() == 2);
  CHECK(list[0].ally.number == 2);
  CHECK(list[0].days_since == days_between(ymd(2025, 1, 1), k_today));
  CHECK(list[1].ally.number == 3);
  CHECK_FALSE(list[1].last_contact);
  CHECK(list[1].since == ymd(2026, 3, 1));
  // "Recent" is in touch (next check-in ahead): never listed, however long the list.
  CHECK(reconnect_list(allies, RankSettings{}, k_today, 10).size() == 2);
}

TEST_CASE("lopsided: one side twice the other and two ahead", "[stats]") {
  std::vector<Ally> active{scheduled(1, "Even", {}, {}), scheduled(2, "Takes", {}, {}),
                           scheduled(3, "Gives", {}, {}), scheduled(4, "Close", {}, {}),
                           scheduled(5, "Archived", {}, {})};
  active[4].archived = true;
  std::map<std::int64_t, FavorBalance> balances{
      {1, {3, 3}}, {2, {0, 2}}, {3, {5, 1}}, {4, {3, 5}}, {5, {0, 9}}};
  auto list = lopsided_balances(balances, active, 5);
  REQUIRE(list.size() == 2);
  CHECK(list[0].ally.number == 3); // gap 4
  CHECK(list[1].ally.number == 2); // gap 2
}

TEST_CASE("fill_months gives twelve calendar months ending today's, across a year", "[stats]") {
  auto months = fill_months({{"2025-12", 3}, {"2026-02", 1}}, ymd(2026, 2, 28), 12);
  REQUIRE(months.size() == 12);
  CHECK(months.front().month == "2025-03");
  CHECK(months[9].month == "2025-12");
  CHECK(months[9].interactions == 3);
  CHECK(months[10].interactions == 0);
  CHECK(months.back().month == "2026-02");
  CHECK(months.back().interactions == 1);
}

TEST_CASE("diversity hints when one org holds most allies", "[stats]") {
  NetworkStats s;
  s.totals.active = 5;
  s.by_org = {{"Central Perk", 3}, {"", 1}, {"Museum", 1}};
  s.by_role = {{"", 5}};
  auto d = diversity_of(s);
  CHECK(d.orgs == 2);
  CHECK(d.roles == 0);
  REQUIRE(d.dominant_org);
  CHECK(d.dominant_org->value == "Central Perk");
  CHECK(d.hint.find("3 of your 5 allies are at Central Perk") == 0);

  s.by_org = {{"Central Perk", 2}, {"Museum", 2}, {"", 1}};
  CHECK(diversity_of(s).hint.empty());
  s.totals.active = 3; // too few to call it a pattern
  s.by_org = {{"Central Perk", 3}};
  CHECK(diversity_of(s).hint.empty());
}
