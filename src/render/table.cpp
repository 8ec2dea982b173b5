#include "render/table.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>

#include "ally/text.hpp"
#include "render/terminal_text.hpp"

namespace ally {
namespace {
std::string wrap(bool on, const char* code, const std::string& text) {
  if (!on) return text;
  return style_code(code) + text + style_code("0");
}
} // namespace

std::string Style::bold(const std::string& t) const { return wrap(color, "1", t); }
std::string Style::dim(const std::string& t) const { return wrap(color, "2", t); }
std::string Style::red(const std::string& t) const { return wrap(color, "31", t); }
std::string Style::yellow(const std::string& t) const { return wrap(color, "33", t); }
std::string Style::green(const std::string& t) const { return wrap(color, "32", t); }
std::string Style::cyan(const std::string& t) const { return wrap(color, "36", t); }

void Table::print(std::ostream& out, const Style& style, std::size_t max_width) const {
  std::size_t columns = m_header.size();
  std::vector<std::size_t> widths(columns, 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(truncate_to_width(row[c], 10000)));
    }
  };
  measure(m_header);
  for (const auto& row : m_rows) measure(row);
  // The last column (notes, reasons) gives way first, down to 10 columns (or what keep_last
  // asked); then the widest of the others, one column at a time, down to 6: a row never wraps
  // into the next line.
  if (max_width > 0 && columns > 0) {
    auto total = [&] {
      std::size_t sum = 2 * (columns - 1);
      for (auto w : widths) sum += w;
      return sum;
    };
    std::size_t& last = widths[columns - 1];
    // What keep_last asks for, as far as the other columns keep up to 10 columns each (a date,
    // a number) and so stay readable.
    std::size_t others = 2 * (columns - 1);
    for (std::size_t c = 0; c + 1 < columns; ++c) others += std::min<std::size_t>(widths[c], 10);
    const std::size_t keep =
        std::max<std::size_t>(std::min(m_keep_last, max_width > others ? max_width - others : 0), 10);
    if (total() > max_width) last -= std::min(last > keep ? last - keep : 0, total() - max_width);
    while (total() > max_width) {
      auto widest = std::max_element(widths.begin(), widths.end() - 1);
      if (widest == widths.end() - 1 || *widest <= 6) break;
      --*widest;
    }
  }
  auto print_row = [&](const std::vector<std::string>& row, bool header) {
    std::string line;
    for (std::size_t c = 0; c < columns; ++c) {
      std::string cell = c < row.size() ? truncate_to_width(row[c], widths[c]) : "";
      bool last = c + 1 == columns;
      std::string padded = last ? cell : pad_right(cell, widths[c]);
      line += header ? style.bold(padded) : padded;
      if (!last) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(m_header, true);
  for (const auto& row : m_rows) print_row(row, false);
}

std::size_t terminal_width() {
  if (!::isatty(STDOUT_FILENO)) return 0;
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) return static_cast<std::size_t>(std::atoi(columns));
  return 80;
}

std::size_t terminal_height() {
  if (!::isatty(STDOUT_FILENO)) return 0;
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) return size.ws_row;
  return 24;
}

} // namespace ally
