#pragma once
// Aligned text columns for human output. Widths are measured in terminal columns, so names in
// any script line up; the last column may be cut with "…" to fit the terminal.
#include <iosfwd>
#include <string>
#include <vector>

namespace ally {

struct Style {
  bool color = false;
  std::string bold(const std::string& text) const;
  std::string dim(const std::string& text) const;
  std::string red(const std::string& text) const;
  std::string yellow(const std::string& text) const;
  std::string green(const std::string& text) const;
  std::string cyan(const std::string& text) const;
};

class Table {
public:
  explicit Table(std::vector<std::string> header) : m_header(std::move(header)) {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  bool empty() const { return m_rows.empty(); }
  // The last column keeps up to `columns` (or its widest cell, if narrower) before the other
  // columns give way; by default it gives way first, down to 10.
  void keep_last(std::size_t columns) { m_keep_last = columns; }
  // Writes the table; `max_width` 0 means no limit.
  void print(std::ostream& out, const Style& style, std::size_t max_width = 0) const;

private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
  std::size_t m_keep_last = 10;
};

// Columns of the terminal on stdout, or 0 when it is not a terminal.
std::size_t terminal_width();
// Rows of the terminal on stdout, or 0 when it is not a terminal.
std::size_t terminal_height();

} // namespace ally
