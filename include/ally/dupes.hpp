#pragma once
// `ally dupes`: pairs of active allies that may be one person, with the evidence, so the user
// settles them on purpose (`ally merge`) rather than an import guessing.
#include <string>
#include <vector>

#include "ally/names.hpp"
#include "ally/store.hpp"

namespace ally {

struct Evidence {
  std::string kind;  // "name" (the same name, case and accents folded), "email" or "phone"
  std::string value; // the name, address or number as the first ally of the pair holds it
};

struct LikelyDuplicate {
  NameMatch first;  // the lower number
  NameMatch second;
  std::vector<Evidence> evidence; // name first, then emails, then phones
};

// Every pair, ordered by the first's number then the second's. A value that more than
// `k_max_sharing` allies hold (an office switchboard, a team address) is evidence of nothing and
// left out, else it would pair everyone in the office.
inline constexpr std::size_t k_max_sharing = 5;
std::vector<LikelyDuplicate> likely_duplicates(Store& store);

} // namespace ally
