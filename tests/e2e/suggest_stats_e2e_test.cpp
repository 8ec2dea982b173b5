// End-to-end: `ally suggest` (introductions and who to ask about a topic) and `ally stats` (the
// network at a glance), read-only commands over stores built the way users build them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "e2e/harness.hpp"

using ally_test::TempStore;
using nlohmann::json;

namespace {

// Five allies: Rachel and Joey share The Strokes across two orgs; Joey knows South American
// wine, which Monica is into; José knows Murakami, which Rachel and Monica share; Ross shares
// nothing.
void add_friends(const TempStore& s) {
  REQUIRE(s.run({"add", "Rachel Green", "--org", "Central Perk", "--circle", "inner", "--rel",
                 "friend", "--interest", "The Strokes", "--interest", "Murakami"})
              .code == 0); // #1
  REQUIRE(s.run({"add", "Joey Tribbiani", "--org", "Days of Our Lives", "--circle", "core",
                 "--rel", "peer", "--interest", "the strokes", "--knows", "South American wine"})
              .code == 0); // #2
  REQUIRE(s.run({"add", "Monica Geller", "--org", "Central Perk", "--circle", "core", "--rel",
                 "friend", "--interest", "Wine", "--interest", "Murakami"})
              .code == 0); // #3
  REQUIRE(s.run({"add", "José Álvarez", "--org", "central perk", "--rel", "mentor", "--knows",
                 "Murakami"})
              .code == 0); // #4
  REQUIRE(s.run({"add", "Ross Geller", "--org", "Museum", "--interest", "Dinosaurs"}).code == 0);
}

std::vector<std::pair<int, int>> pairs_of(const json& j) {
  std::vector<std::pair<int, int>> out;
  for (const auto& row : j["introductions"]) {
    out.emplace_back(row["a"]["number"].get<int>(), row["b"]["number"].get<int>());
  }
  return out;
}

std::vector<int> scores_of(const json& j) {
  std::vector<int> out;
  for (const auto& row : j["introductions"]) out.push_back(row["score"].get<int>());
  return out;
}

std::vector<int> numbers_of(const json& j) {
  std::vector<int> out;
  for (const auto& row : j["allies"]) out.push_back(row["ally"]["number"].get<int>());
  return out;
}

using Pairs = std::vector<std::pair<int, int>>;

} // namespace

TEST_CASE("suggest and stats on an empty store say how to start and create nothing",
          "[e2e][suggest][stats]") {
  TempStore s;
  auto r = s.run({"suggest"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "No allies yet. Add one with: ally add \"Rachel Green\" --interest \"The "
                 "Strokes\"\n");
  CHECK(s.run({"suggest", "--for", "wine"}).out == r.out);
  r = s.run({"stats"});
  CHECK(r.code == 0);
  CHECK(r.out == "No allies yet. Add one with: ally add \"Rachel Green\" --circle core\n");

  auto j = json::parse(s.run({"--json", "suggest"}).out);
  CHECK(j["introductions"] == json::array());
  CHECK(j["total"] == 0);
  j = json::parse(s.run({"--json", "stats"}).out);
  CHECK(j["size"] == json({{"active", 0}, {"archived", 0}, {"tracked", 0}, {"untracked", 0}}));
  CHECK(j["activity"]["months"].size() == 12);
  CHECK(j["activity"]["months"][0] == json({{"month", "2025-12"}, {"interactions", 0}}));
  CHECK(j["check_ins"]["on_time_share"].is_null());
  CHECK(j["reconnect"] == json::array());
  CHECK_FALSE(std::filesystem::exists(s.db()));
}

TEST_CASE("suggest ranks introductions by shared topics and explains each", "[e2e][suggest]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"suggest"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "Introductions worth making:\n"
        "\n"
        "  Joey Tribbiani (#2) ↔ Monica Geller (#3) · score 4\n"
        "    Joey Tribbiani knows South American wine, Monica Geller is curious about Wine; "
        "bridges Days of Our Lives and Central Perk; neither has been introduced to anyone yet\n"
        "\n"
        "  Rachel Green (#1) ↔ Joey Tribbiani (#2) · score 4\n"
        "    both interested in The Strokes; bridges Central Perk and Days of Our Lives; neither "
        "has been introduced to anyone yet\n"
        "\n"
        "  Monica Geller (#3) ↔ José Álvarez (#4) · score 3\n"
        "    José Álvarez knows Murakami, Monica Geller is curious about it; neither has been "
        "introduced to anyone yet\n"
        "\n"
        "  Rachel Green (#1) ↔ José Álvarez (#4) · score 3\n"
        "    José Álvarez knows Murakami, Rachel Green is curious about it; neither has been "
        "introduced to anyone yet\n"
        "\n"
        "  Rachel Green (#1) ↔ Monica Geller (#3) · score 3\n"
        "    both interested in Murakami; neither has been introduced to anyone yet\n"
        "\n"
        "Score: 2 per topic, +1 across organisations, +1 when neither has been introduced yet. "
        "Record one with: ally intro 2 3\n");

  auto j = json::parse(s.run({"--json", "suggest"}).out);
  CHECK(pairs_of(j) == Pairs{{2, 3}, {1, 2}, {3, 4}, {1, 4}, {1, 3}});
  CHECK(scores_of(j) == std::vector<int>{4, 4, 3, 3, 3});
  CHECK(j["total"] == 5);
  CHECK(j["already_introduced"] == 0);
  const auto& first = j["introductions"][0];
  CHECK(first["a"]["name"] == "Joey Tribbiani");
  CHECK(first["a"]["id"].get<std::string>().size() == 36);
  CHECK(first["shared"] == json::array({"Wine"}));
  CHECK(first["teaches"] ==
        json::array({{{"topic", "Wine"}, {"expertise", "South American wine"}, {"expert", 2}}}));
  CHECK(first["different_orgs"] == true);
  CHECK(first["newcomers"] == true);
  CHECK(j["introductions"][1]["shared"] == json::array({"The Strokes"}));
  CHECK(j["introductions"][1]["teaches"] == json::array());
  // "central perk" and "Central Perk" are one org: no bridge between Monica and José.
  CHECK(j["introductions"][2]["different_orgs"] == false);
}

TEST_CASE("suggest leaves out pairs already introduced, whichever way round", "[e2e][suggest]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"intro", "Joey", "Rachel"}).code == 0);
  auto j = json::parse(s.run({"--json", "suggest"}).out);
  // Rachel and Joey have met through you now, so their other pairs lose the newcomer point.
  CHECK(pairs_of(j) == Pairs{{2, 3}, {3, 4}, {1, 4}, {1, 3}});
  CHECK(scores_of(j) == std::vector<int>{3, 3, 2, 2});
  CHECK(j["already_introduced"] == 1);

  REQUIRE(s.run({"intro", "José", "Monica"}).code == 0);
  REQUIRE(s.run({"intro", "Monica", "Joey"}).code == 0);
  REQUIRE(s.run({"intro", "Rachel", "José"}).code == 0);
  REQUIRE(s.run({"intro", "Monica", "Rachel"}).code == 0);
  j = json::parse(s.run({"--json", "suggest"}).out);
  CHECK(j["introductions"] == json::array());
  CHECK(j["already_introduced"] == 5);
  CHECK(s.run({"suggest"}).out == "Everyone who shares a topic has met or been introduced already. "
                                  "Find more common ground with `ally edit NAME --interest "
                                  "TOPIC`.\n");
}

TEST_CASE("suggest with nothing in common says how to add interests", "[e2e][suggest]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green", "--interest", "Fashion"}).code == 0);
  REQUIRE(s.run({"add", "Ross Geller", "--interest", "Dinosaurs"}).code == 0);
  auto r = s.run({"suggest"});
  CHECK(r.code == 0);
  CHECK(r.out == "No introductions to suggest yet: add shared interests with `ally edit NAME "
                 "--interest TOPIC`.\n");
  // An edit that adds common ground makes a suggestion; archiving one of them takes it away.
  REQUIRE(s.run({"edit", "Ross", "--interest", "fashion"}).code == 0);
  CHECK(pairs_of(json::parse(s.run({"--json", "suggest"}).out)) == Pairs{{1, 2}});
  REQUIRE(s.run({"rm", "Ross"}).code == 0);
  CHECK(s.run({"suggest"}).out == r.out);
}

TEST_CASE("suggest --limit shows the best few and counts the rest", "[e2e][suggest]") {
  TempStore s;
  add_friends(s);
  auto r = s.run({"suggest", "--limit", "1"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Monica Geller (#3) ↔ José Álvarez (#4)") == std::string::npos);
  CHECK(r.out.find("  Joey Tribbiani (#2) ↔ Monica Geller (#3) · score 4\n") != std::string::npos);
  CHECK(r.out.find("… and 4 more (--limit 0 shows all)\n") != std::string::npos);
  auto j = json::parse(s.run({"--json", "suggest", "--limit", "2"}).out);
  CHECK(j["introductions"].size() == 2);
  CHECK(j["total"] == 5);
  CHECK(json::parse(s.run({"--json", "suggest", "--limit", "0"}).out)["introductions"].size() == 5);

  auto before = s.dump();
  r = s.run({"suggest", "--limit", "-1"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("ally: error: ", 0) == 0);
  r = s.run({"suggest", "--for", "  "});
  CHECK(r.code == 2);
  CHECK(r.err == "ally: error: empty topic: give --for a topic such as \"wine\"\n");
  CHECK(s.dump() == before);
}

TEST_CASE("suggest --for lists experts first, case- and accent-insensitively", "[e2e][suggest]") {
  TempStore s;
  add_friends(s);
  REQUIRE(s.run({"log", "Monica", "dinner", "--kind", "lunch", "--date", "2026-11-10"}).code == 0);

  auto j = json::parse(s.run({"--json", "suggest", "--for", "murakámi"}).out);
  CHECK(j["topic"] == "murakámi");
  CHECK(numbers_of(j) == std::vector<int>{4, 3, 1});
  CHECK(j["allies"][0]["knows"] == true);
  CHECK(j["allies"][0]["interested"] == false);
  CHECK(j["allies"][0]["expertise"] == json::array({"Murakami"}));
  CHECK(j["allies"][0]["fit"] == "exact");
  CHECK(j["allies"][0]["why"] == "knows Murakami — ask them to teach you");
  CHECK(j["allies"][1]["knows"] == false);
  CHECK(j["allies"][1]["interested"] == true);
  CHECK(j["allies"][1]["last_contact"] == "2026-11-10");
  CHECK(j["allies"][1]["last_kind"] == "lunch");
  CHECK(j["allies"][2]["last_contact"].is_null());

  // A word prefix of the expertise is enough; the expert still comes first.
  auto r = s.run({"suggest", "--for", "WINE"});
  CHECK(r.code == 0);
  CHECK(r.out == "Who to ask about \"WINE\":\n"
                 "#  NAME            LAST TALKED     WHY\n"
                 "2  Joey Tribbiani  never           knows South American wine — ask them to "
                 "teach you\n"
                 "3  Monica Geller   2w ago (lunch)  interested in Wine — learn it together\n");
  CHECK(numbers_of(json::parse(s.run({"--json", "suggest", "--for", "am wi"}).out)) ==
        std::vector<int>{2});

  r = s.run({"suggest", "--for", "chess"});
  CHECK(r.code == 0);
  CHECK(r.out == "No one knows or is into \"chess\" yet. When you learn who does: ally edit NAME "
                 "--knows \"chess\" (or --interest).\n");
  CHECK(json::parse(s.run({"--json", "suggest", "--for", "chess"}).out)["allies"] ==
        json::array());
}

namespace {

// add_friends, then a year of conversations and favors, and Ross archived.
void add_history(const TempStore& s) {
  add_friends(s);
  auto ok = [&](const std::vector<std::string>& args) { REQUIRE(s.run(args).code == 0); };
  ok({"log", "Rachel", "coffee at the perk", "--kind", "coffee", "--date", "2026-11-20"});
  ok({"log", "Joey", "audition talk", "--date", "2026-10-05"});
  ok({"log", "Rachel,Monica", "lunch", "--kind", "lunch", "--date", "2026-01-15"});
  ok({"log", "Joey", "an old chat", "--date", "2025-11-30"}); // before the 12 months shown
  ok({"log", "Monica", "call", "--kind", "call", "--date", "2026-10-20"});
  ok({"log", "Monica", "call", "--kind", "call", "--date", "2026-10-21"});
  ok({"favor", "Rachel", "--got", "covered my shift", "--date", "2026-11-01"});
  ok({"favor", "Rachel", "--got", "lent me a dress"});
  ok({"favor", "Rachel", "--got", "old help", "--date", "2025-06-01"});
  ok({"favor", "Joey", "--gave", "review the deck", "--due", "2026-12-01"});
  ok({"rm", "Ross"});
  ok({"edit", "José", "--every", "30d"});
}

} // namespace

TEST_CASE("stats --json gives the network's figures", "[e2e][stats]") {
  TempStore s;
  add_history(s);
  auto before = s.dump();
  auto r = s.run({"--json", "stats"});
  REQUIRE(r.code == 0);
  CHECK(s.dump() == before);
  auto j = json::parse(r.out);
  CHECK(j["today"] == "2026-11-24");
  CHECK(j["size"] == json({{"active", 4}, {"archived", 1}, {"tracked", 4}, {"untracked", 0}}));
  CHECK(j["by_circle"] == json::array({{{"name", "core"}, {"count", 2}},
                                       {{"name", "inner"}, {"count", 1}},
                                       {{"name", nullptr}, {"count", 1}}}));
  // Spellings that differ only in case are one org.
  CHECK(j["by_org"] == json::array({{{"name", "Central Perk"}, {"count", 3}},
                                    {{"name", "Days of Our Lives"}, {"count", 1}}}));
  CHECK(j["by_relationship"][0] == json({{"name", "friend"}, {"count", 2}}));
  // Rachel (inner, 14d) seen 4 days ago and José (added today) are on time; Joey (core, 30d)
  // seen 50 days ago and Monica (core) 34 days ago are due.
  CHECK(j["check_ins"] == json({{"tracked", 4},
                                {"on_time", 2},
                                {"overdue", 2},
                                {"snoozed", 0},
                                {"on_time_share", 0.5}}));
  // What `ally due` lists: the same count, whatever the reasons.
  CHECK(j["due"] == json::parse(s.run({"--json", "due"}).out).size());
  CHECK(j["due"] == 3);
  const auto& rec = j["reciprocity"];
  CHECK(rec["since"] == "2025-11-24");
  CHECK(rec["last_12_months"] == json({{"gave", 1}, {"got", 2}}));
  CHECK(rec["all_time"] == json({{"gave", 1}, {"got", 3}}));
  CHECK(rec["open_promises"] == 1);
  REQUIRE(rec["lopsided"].size() == 1);
  CHECK(rec["lopsided"][0]["ally"]["number"] == 1);
  CHECK(rec["lopsided"][0]["got"] == 3);
  CHECK(rec["lopsided"][0]["gave"] == 0);

  const auto& months = j["activity"]["months"];
  REQUIRE(months.size() == 12);
  CHECK(months[0]["month"] == "2025-12");
  CHECK(months[1] == json({{"month", "2026-01"}, {"interactions", 1}})); // one lunch, two allies
  CHECK(months[10] == json({{"month", "2026-10"}, {"interactions", 3}}));
  CHECK(months[11] == json({{"month", "2026-11"}, {"interactions", 1}}));
  CHECK(j["activity"]["last_12_months"] == 5);
  CHECK(j["activity"]["all_time"] == 6);

  const auto& d = j["diversity"];
  CHECK(d["orgs"] == 2);
  CHECK(d["roles"] == 0);
  CHECK(d["relationships"] == 3);
  CHECK(d["circles"] == 2);
  CHECK(d["dominant_org"] == json({{"name", "Central Perk"}, {"count", 3}}));
  CHECK(d["hint"].get<std::string>().rfind("3 of your 4 allies are at Central Perk.", 0) == 0);

  REQUIRE(j["reconnect"].size() == 2);
  CHECK(j["reconnect"][0]["ally"]["number"] == 2);
  CHECK(j["reconnect"][0]["last_contact"] == "2026-10-05");
  CHECK(j["reconnect"][0]["days_since"] == 50);
  CHECK(j["reconnect"][1]["ally"]["number"] == 3);
  CHECK(j["reconnect"][1]["last_kind"] == "call");
}

TEST_CASE("stats draws the network in the terminal", "[e2e][stats]") {
  TempStore s;
  add_history(s);
  auto r = s.run({"stats"});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  const std::string full_bar = [] {
    std::string bar;
    for (int i = 0; i < 40; ++i) bar += "█";
    return bar;
  }();
  auto has_line = [&](const std::string& line) {
    INFO(line);
    CHECK(r.out.find("\n" + line + "\n") != std::string::npos);
  };
  CHECK(r.out.rfind("Your network: 4 allies · 4 tracked · 1 archived\n"
                    "Check-ins: 2 on time · 2 overdue (50% on time)\n"
                       "Due today: 3 (see 'ally due')\n",
                    0) == 0);
  // The busiest month fills the bar; a third of it gets a third, to the eighth of a block.
  has_line("Interactions per month (5 in the last 12 months, 6 in all)");
  has_line("  2025-12  0");
  has_line("  2026-01  1 █████████████▍");
  has_line("  2026-10  3 " + full_bar);
  has_line("By org");
  has_line("  Central Perk       3 " + full_bar);
  has_line("  Days of Our Lives  1 █████████████▍");
  has_line("  (no circle)  1 ████████████████████");
  has_line("  last 12 months: you gave 1, you got 2");
  has_line("  all time:       you gave 1, you got 3");
  has_line("  1 open promise");
  has_line("  Rachel Green (#1) helped you 3×, you helped 0×: a chance to give back");
  has_line("  2 orgs · 0 roles · 0 cities · 3 relationships · 2 circles");
  has_line("Reconnect with");
  has_line("  2  Joey Tribbiani  7w ago (other)");
  has_line("  3  Monica Geller   4w ago (call)");
}

TEST_CASE("stats on a store with allies but no history encourages a first log",
          "[e2e][stats]") {
  TempStore s;
  REQUIRE(s.run({"add", "Rachel Green"}).code == 0);
  auto r = s.run({"stats"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("  No favors recorded yet. Offer help before you need it: ally favor NAME "
                   "--gave TEXT\n") != std::string::npos);
  CHECK(r.out.find("  Nothing logged lately. After a conversation: ally log NAME \"what you "
                   "talked about\"\n") != std::string::npos);
  CHECK(r.out.find("Reconnect with") == std::string::npos); // added today: not due yet
  REQUIRE(s.run({"rm", "Rachel"}).code == 0);
  CHECK(s.run({"stats"}).out ==
        "No active allies (1 archived). Bring one back with: ally restore NAME\n");
}
