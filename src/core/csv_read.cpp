// RFC 4180 CSV records, read as spreadsheets and exporters really write them.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/intake.hpp"
#include "ally/vcard.hpp"
#include "core/intake_csv_common.hpp"

namespace ally {
namespace csv_reader {
namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// One record at a time. Beyond RFC 4180, as files in the wild need: LF or a lone CR (Excel for
// old Macs) ends a record as CRLF does, text after a closing quote is kept (`"a"b` reads `ab`),
// and a quote inside an unquoted field is an ordinary character.
class Reader {
public:
  explicit Reader(std::string_view text) : m_text(text) {
    if (m_text.substr(0, k_utf8_bom.size()) == k_utf8_bom)
      m_text.remove_prefix(k_utf8_bom.size());
  }

  // The next record; nullopt at the end of the text, or at a quote that is never closed (then
  // open_quote_line() says where it opened).
  std::optional<CsvRecord> next() {
    if (m_pos >= m_text.size() || m_open_quote_line)
      return std::nullopt;
    CsvRecord record{m_line, {}};
    std::string field;
    enum class State { start, plain, quoted, closed } state = State::start;
    std::size_t quote_line = 0;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos++];
      if (state == State::quoted) {
        if (c == '"' && peek() == '"') {
          field += '"';
          ++m_pos;
        } else if (c == '"') {
          state = State::closed;
        } else {
          if (c == '\n' || (c == '\r' && peek() != '\n'))
            ++m_line;
          field += c;
        }
      } else if (c == ',') {
        record.fields.push_back(std::exchange(field, {}));
        state = State::start;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && peek() == '\n')
          ++m_pos;
        ++m_line;
        record.fields.push_back(std::move(field));
        return record;
      } else if (c == '"' && state == State::start) {
        state = State::quoted;
        quote_line = m_line;
      } else {
        field += c;
        if (state == State::start)
          state = State::plain;
      }
    }
    if (state == State::quoted) {
      m_open_quote_line = quote_line;
      return std::nullopt;
    }
    record.fields.push_back(std::move(field));
    return record;
  }

  std::optional<std::size_t> open_quote_line() const { return m_open_quote_line; }

private:
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::optional<std::size_t> m_open_quote_line;
};

} // namespace
} // namespace csv_reader

std::vector<CsvRecord> read_csv(std::string_view bytes) {
  csv_reader::Reader reader(bytes);
  std::vector<CsvRecord> records;
  while (auto record = reader.next())
    records.push_back(std::move(*record));
  if (auto line = reader.open_quote_line())
    throw Conflict(
        fmt::format("CSV file is broken: the quoted field that starts on line {} is never closed",
                    *line),
        "a closing '\"' is missing; if the file was cut short, export it again");
  return records;
}

namespace csv_intake {

std::vector<CsvRecord> read_csv_head(std::string_view bytes, std::size_t count) {
  csv_reader::Reader reader(bytes);
  std::vector<CsvRecord> records;
  while (records.size() < count) {
    auto record = reader.next();
    if (!record)
      break;
    records.push_back(std::move(*record));
  }
  return records;
}

std::vector<CsvRecord> read_file_records(std::string_view bytes, std::string& storage) {
  return read_csv(file_as_utf8(bytes, storage));
}

} // namespace csv_intake
} // namespace ally
