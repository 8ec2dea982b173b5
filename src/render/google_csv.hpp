#pragma once
// Allies as a Google Contacts CSV (contacts.google.com → Import), in the layout Google has
// long read and ally's Google reader reads back: Name, Nickname, Birthday, Notes, Group
// Membership, one E-mail, Phone, Website group each (several values joined by " ::: ", as
// Google writes them), Organization 1 - Name/Title and Address 1 - City. Cells are never
// altered for spreadsheets: the file is for Google, which imports text as text.
#include <string>

#include "ally/exchange.hpp"

namespace ally {

std::string google_csv_header();
std::string google_csv_row(const AllyRow& row);

} // namespace ally
