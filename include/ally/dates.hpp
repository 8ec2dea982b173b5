#pragma once
// Important dates: birthdays, work anniversaries, launch days. REQUIRES for writes: inside
// Store::write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

// Adds the date, or changes the one with the same label (case-insensitive).
ImportantDate set_important_date(Store& store, std::int64_t ally, const std::string& label,
                                 const YearlessDate& date, bool yearly);

// Removes the date with this label; throws NotFound.
ImportantDate remove_important_date(Store& store, std::int64_t ally, const std::string& label);

// The ally's dates, by label.
std::vector<ImportantDate> dates_of(Store& store, std::int64_t ally);

// Yearly dates of active allies, for the reminder engine.
std::vector<ImportantDate> yearly_dates(Store& store);

} // namespace ally
