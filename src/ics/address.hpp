#pragma once
#include <string>
#include <string_view>

namespace ally_ics {

std::string trim(std::string_view text);

// The email in a CAL-ADDRESS ("mailto:ann@x.com", any case): "" when it names no mailbox
// (a URN, a phone number), so the caller matches people by email only where there is one.
std::string email_from_cal_address(std::string_view value);

} // namespace ally_ics
