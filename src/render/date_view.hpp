#pragma once
// How an important date reads wherever it is shown: `show`, `ally date`'s confirmation.
#include <string>

#include "ally/date.hpp"
#include "ally/model.hpp"

namespace ally {

// "turns 37" for a birthday kept with its year, "5 years" for another yearly date with one, on
// its occurrence `next`; empty otherwise.
std::string years_words(const ImportantDate& date, Date next);

// True for the labels that mean a birthday ("birthday", "Birthday", "bday"), which are yearly
// even when given with a full date.
bool is_birthday_label(const std::string& label);

} // namespace ally
