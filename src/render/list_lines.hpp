#pragma once
// The pieces `show` and `brief` print their lists with: a section title, a text cut to leave
// room for a line's fixed columns, and how a due date reads.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "ally/date.hpp"
#include "render/table.hpp"

namespace ally {

// A blank line, then the title in bold.
void section(std::ostream& out, const Style& style, const char* title);

// The text of a list line, cut so that the line with its `fixed` columns (number, date, names)
// fits `width`; whole when there is no limit. Never less than the ellipsis.
std::string excerpt(const std::string& text, std::size_t fixed, std::size_t width);

// "due today", "due in 3d", "was due 2d ago".
std::string due_words(Date due, Date today);

// "a, b, c".
std::string comma_joined(const std::vector<std::string>& values);

} // namespace ally
