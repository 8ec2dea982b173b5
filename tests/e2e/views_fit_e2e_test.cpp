// End-to-end: every view fits a terminal of 80 columns and uses the room at 200 (issue 24.5),
// on a real pseudo-terminal, with long names, long notes and a group conversation.
// Today is 2026-11-24.
#include <catch2/catch.hpp>

#include <sstream>

#include "e2e/exchange_helpers.hpp"
#include "e2e/harness.hpp"
#include "e2e/pty.hpp"

using ally_test::ok;
using ally_test::TempStore;

namespace {

// Taller than any view here, so nothing goes through the pager (shell_e2e_test covers paging).
constexpr unsigned short k_rows = 200;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// 118 characters: cut at 80 columns, whole at 200.
const std::string k_long_note =
    "Walked through the reporting revamp plan step by step and she asked sharp questions about "
    "the rollout to the EMEA teams";

void seed(TempStore& s) {
  ok(s, {"add", "Rachel Green-Montgomery", "--circle", "core", "--org",
         "Northwind Analytics International", "--met",
         "Overheard her weekend plans across the cubicle divider on my very first week, then "
         "lunch"});
  ok(s, {"add", "Sarah Lindqvist-Bergström", "--circle", "inner", "--rel", "mentor"});
  ok(s, {"add", "John Okafor", "--circle", "network"});
  ok(s, {"log", "Rachel", "--date", "2026-11-20", "--kind", "coffee", k_long_note});
  ok(s, {"log", "Rachel,Sarah", "--date", "2026-11-10", "--kind", "meeting",
         "Brainstorm on the client reporting system with both of them, a long and winding one"});
  ok(s, {"intro", "John", "Sarah", "--date", "2026-11-12",
         "both read Murakami and want to compare notes on the translations"});
  ok(s, {"favor", "Rachel", "--got",
         "Spoke up for me when the supervisor asked for feedback on the promotion, twice",
         "--date", "2026-11-01"});
  ok(s, {"favor", "John", "--gave", "Return the copy of Norwegian Wood with a note in it",
         "--due", "2026-12-01"});
  ok(s, {"date", "Rachel", "work anniversary at Northwind", "2024-12-01"});
  // A name longer than a line's room beside it.
  ok(s, {"add", "Maria Fernanda Rodríguez-López de la Vega y Castillo del Monte", "--circle",
         "network"});
  ok(s, {"intro", "Sarah", "Maria", "--date", "2026-11-13", "both mentor new leads"});
}

// The text a pty showed, lines joined by spaces with their indent dropped: prose that was
// wrapped reads as one sentence again.
std::string unwrapped(const std::string& text) {
  std::istringstream lines(text);
  std::string line, out;
  while (std::getline(lines, line)) {
    auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    out += (out.empty() ? "" : " ") + line.substr(start);
  }
  return out;
}

} // namespace

TEST_CASE("every view fits 80 columns and 200 columns on a terminal", "[e2e][pty][width]") {
  TempStore s;
  seed(s);
  const std::vector<std::vector<std::string>> views = {
      {"show", "Rachel"}, {"show", "Sarah"}, {"timeline"}, {"timeline", "Sarah"},
      {"stats"},          {"favors"},        {"list"},     {"due", "--all"},
      {"search", "reporting"}};
  for (const auto& view : views) {
    for (unsigned short columns : {80, 200}) {
      INFO(view[0] << " " << (view.size() > 1 ? view[1] : "") << " at " << columns);
      auto r = ally_test::run_on_terminal(s, view, columns, k_rows);
      CHECK(r.code == 0);
      CHECK(ally_test::widest_line(r.out) <= columns);
    }
  }
}

TEST_CASE("the timeline gives the note the room, one date column and record kinds",
          "[e2e][pty][width]") {
  TempStore s;
  seed(s);
  auto narrow = ally_test::run_on_terminal(s, {"timeline"}, 80, k_rows).out;
  CHECK(narrow.rfind("RECORD   DATE        KIND     WITH", 0) == 0);
  CHECK_FALSE(contains(narrow, "WHEN"));
  CHECK(contains(narrow, "intro 1  2026-11-12  intro"));
  CHECK(contains(narrow, "log 2    2026-11-10  meeting"));
  // At 80 columns the note keeps two fifths of the line: its first 30 characters show.
  CHECK(contains(narrow, k_long_note.substr(0, 30)));
  CHECK_FALSE(contains(narrow, k_long_note));
  auto wide = ally_test::run_on_terminal(s, {"timeline"}, 200, k_rows).out;
  CHECK(contains(wide, "Rachel Green-Montgomery, Sarah Lindqvist-Bergström"));
  CHECK(contains(wide, "Brainstorm on the client reporting system with"));
  CHECK(contains(ally_test::run_on_terminal(s, {"timeline", "Rachel"}, 200, k_rows).out, k_long_note));
  // One ally's timeline drops WITH; the others there lead the note.
  auto own = ally_test::run_on_terminal(s, {"timeline", "Sarah"}, 80, k_rows).out;
  CHECK(own.rfind("RECORD   DATE        KIND     NOTE\n", 0) == 0);
  CHECK(contains(own, "[with Rachel Green-Montgomery] Brainstorm"));
  CHECK(contains(own, "[introduced to John Okafor] both read"));
  // An open follow-up still leads, before the others.
  ok(s, {"log", "Sarah,John,Maria", "--kind", "call", "--follow-up", "3d", "plan the offsite"});
  auto followed = ally_test::run_on_terminal(s, {"timeline", "Sarah"}, 80, k_rows).out;
  CHECK(contains(followed, "call     [follow up in 3d] [with John Okafor, Maria"));
  // On a narrow terminal the dates stay whole: the note gives way before them.
  auto sixty = ally_test::run_on_terminal(s, {"timeline"}, 60, k_rows).out;
  CHECK(ally_test::widest_line(sixty) <= 60);
  CHECK(contains(sixty, "2026-11-12"));
}

TEST_CASE("show cuts list lines to the terminal and wraps fields at words", "[e2e][pty][width]") {
  TempStore s;
  seed(s);
  auto narrow = ally_test::run_on_terminal(s, {"show", "Rachel"}, 80, k_rows).out;
  // Recent: columns two spaces apart, the note cut before the names of the others there.
  CHECK(contains(narrow, "  4d ago  coffee   Walked through"));
  CHECK(contains(narrow, "…"));
  CHECK(contains(narrow, "(with Sarah Lindqvist-Bergström)"));
  // A field wraps under its column, at a word.
  CHECK(contains(narrow, "met           Overheard her weekend plans across the cubicle divider on my very\n"
                         "              first week, then lunch\n"));
  // Each list line keeps its number and its date when the text is cut.
  CHECK(contains(narrow, "  #1     Spoke up for me"));
  CHECK(contains(narrow, "(3w ago)\n"));
  auto wide = ally_test::run_on_terminal(s, {"show", "Rachel"}, 200, k_rows).out;
  CHECK(contains(wide, k_long_note));
  CHECK(contains(wide, "Spoke up for me when the supervisor asked for feedback on the promotion, twice (3w ago)"));
  auto sarah = ally_test::run_on_terminal(s, {"show", "Sarah"}, 80, k_rows).out;
  CHECK(contains(sarah, "  intro #1     you introduced them to John Okafor (#3), 12d ago: both read"));
}

TEST_CASE("stats wraps its sentences at word boundaries", "[e2e][pty][width]") {
  TempStore s;
  const std::string org = "Northwind Analytics International Holdings";
  for (const char* name : {"Rachel Green-Montgomery", "Sarah Lindqvist-Bergström", "John Okafor"})
    ok(s, {"add", name, "--org", org});
  ok(s, {"add", "Mark Chen", "--org", "Fabrikam"});
  for (const char* favor : {"reviewed my plan", "covered my shift", "lent me a book"})
    ok(s, {"favor", "Sarah", "--got", favor});
  // The sentences after "Reciprocity": the favor balance and the diversity hint.
  auto prose = [](const std::string& text) { return unwrapped(text.substr(text.find("Reciprocity"))); };
  auto narrow = ally_test::run_on_terminal(s, {"stats"}, 80, k_rows).out;
  auto wide = ally_test::run_on_terminal(s, {"stats"}, 200, k_rows).out;
  CHECK(ally_test::widest_line(narrow) <= 80);
  CHECK(contains(narrow, "\n  Sarah Lindqvist-Bergström (#2) helped you 3×, you helped 0×: a chance to give\n"
                         "  back\n"));
  CHECK(contains(prose(narrow), "who could you get to know outside " + org + "?"));
  // The same words in the same order, only broken into lines: nothing cut, no word split.
  auto before_bars = [](std::string text) { return text.substr(0, text.find("Interactions per month")); };
  CHECK(before_bars(prose(narrow)) == before_bars(prose(wide)));
  auto diversity = [](const std::string& text) { return text.substr(text.find("Diversity")); };
  CHECK(diversity(prose(narrow)) == diversity(prose(wide)));
}

TEST_CASE("dupes keeps the evidence readable at 80 columns", "[e2e][pty][width]") {
  TempStore s;
  ok(s, {"add", "Bartholomew Featherstonehaugh-Smythe", "--email", "bart@example.org"});
  ok(s, {"add", "Bart Featherstonehaugh", "--email", "bart@example.org"});
  for (unsigned short columns : {80, 200}) {
    INFO(columns);
    auto r = ally_test::run_on_terminal(s, {"dupes"}, columns, k_rows);
    CHECK(ally_test::widest_line(r.out) <= columns);
    CHECK(contains(r.out, "same email bart@example.org"));
  }
}
