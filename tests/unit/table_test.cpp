#include <catch2/catch.hpp>

#include <sstream>

#include "ally/text.hpp"
#include "render/table.hpp"

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace

TEST_CASE("a table fits the width it is given, cutting with an ellipsis", "[table]") {
  ally::Table table({"#", "NAME", "NOTE"});
  table.add({"1", "Rachel Green", "Lunch: she feels stuck too; idea to revamp client reporting"});
  table.add({"12", "Mary-Jane O'Neil", "short"});

  std::ostringstream wide;
  table.print(wide, ally::Style{}, 0);
  CHECK(lines_of(wide.str())[1] ==
        "1   Rachel Green      Lunch: she feels stuck too; idea to revamp client reporting");

  std::ostringstream narrow;
  table.print(narrow, ally::Style{}, 40);
  for (const auto& line : lines_of(narrow.str())) {
    INFO(line);
    CHECK(ally::display_width(line) <= 40);
  }
  CHECK(lines_of(narrow.str())[1] == "1   Rachel Green      Lunch: she feels…");

  // Narrower than the fixed columns: they give way too, and still nothing wraps.
  std::ostringstream tiny;
  table.print(tiny, ally::Style{}, 30);
  for (const auto& line : lines_of(tiny.str())) {
    INFO(line);
    CHECK(ally::display_width(line) <= 30);
  }
  CHECK(lines_of(tiny.str())[2] == "12  Mary-Jane O'N…  short");
}
