// Contacts from CSV files: which layout a header is, and the one way in for every layout. Each
// layout's columns are read in its own file (intake_csv_linkedin.cpp, _google, _outlook, _ally,
// _mapped).
#include <string>

#include "ally/intake.hpp"
#include "ally/vcard.hpp"
#include "core/intake_csv_common.hpp"

namespace ally {
namespace csv_intake::dispatch {
namespace {

// ally's own header first: it is the most exact. LinkedIn's before Google's and Outlook's,
// whose headers also have "First Name" and "Last Name".
std::optional<CsvFormat> layout_of(const Sheet& sheet) {
  if (is_ally_header(sheet))
    return CsvFormat::ally;
  if (is_linkedin_header(sheet))
    return CsvFormat::linkedin;
  if (is_google_header(sheet))
    return CsvFormat::google;
  if (is_outlook_header(sheet))
    return CsvFormat::outlook;
  return std::nullopt;
}

std::vector<IncomingContact> checked(const Sheet& sheet, bool is_layout, std::string_view layout,
                                     std::vector<IncomingContact> (*read)(const Sheet&)) {
  if (!is_layout)
    throw_wrong_header(layout, sheet);
  return read(sheet);
}

} // namespace
} // namespace csv_intake::dispatch

std::optional<CsvFormat> detect_csv_format(std::string_view bytes) {
  std::string storage;
  std::string_view text = file_as_utf8(bytes, storage);
  // The header is among the first records: detection reads no further, so a quote broken
  // further down is reported by the parse, with its line, not taken for an unknown layout.
  auto records = csv_intake::read_csv_head(text, csv_intake::k_header_search + 1);
  return csv_intake::dispatch::layout_of(csv_intake::make_sheet(std::move(records)));
}

std::vector<std::string> csv_header_names(std::string_view bytes) {
  std::string storage;
  std::string_view text = file_as_utf8(bytes, storage);
  return csv_intake::make_sheet(csv_intake::read_csv_head(text, csv_intake::k_header_search + 1))
      .header;
}

std::vector<IncomingContact> parse_contacts_csv(std::string_view bytes, CsvFormat format,
                                                const std::string& map) {
  using namespace csv_intake;
  std::string storage;
  const Sheet sheet = make_sheet(read_file_records(bytes, storage));
  check_cell_sizes(sheet);
  switch (format) {
  case CsvFormat::linkedin:
    return dispatch::checked(sheet, is_linkedin_header(sheet), "LinkedIn's Connections.csv",
                             linkedin_contacts);
  case CsvFormat::google:
    return dispatch::checked(sheet, is_google_header(sheet), "a Google Contacts CSV",
                             google_contacts);
  case CsvFormat::outlook:
    return dispatch::checked(sheet, is_outlook_header(sheet), "an Outlook CSV", outlook_contacts);
  case CsvFormat::ally:
    return dispatch::checked(sheet, is_ally_header(sheet), "ally's own CSV", ally_contacts);
  case CsvFormat::mapped:
    return mapped_contacts(sheet, map);
  }
  return {};
}

} // namespace ally
