#pragma once
// The ally field options `add` and `edit` share, and how they apply to a record.
#include "ally/allies.hpp"
#include "ally/model.hpp"
#include "cli/context.hpp"

namespace ally::cli {

struct AllyFields {
  TextOption name, org, role, city, circle, rel, every, met, goal, birthday, note;
  std::vector<std::string> nicks, emails, phones, links, tags, interests, knows;
  std::vector<std::string> drop_nick, drop_email, drop_phone, drop_link, drop_tag, drop_interest,
      drop_knows;
};

enum class FieldsFor { add, edit };

void declare_ally_fields(CLI::App& app, AllyFields& fields, FieldsFor purpose);

// How many field options were given (0: `ally edit WHO` alone, a usage error).
std::size_t fields_given(const AllyFields& fields);

// Applies the options given to `ally`; returns notes worth telling the user.
std::vector<std::string> apply_ally_fields(const AllyFields& fields, Ally& ally, FieldsFor purpose);

// `--every none|default|DURATION`. Throws UsageError.
Cadence parse_cadence(const std::string& text);

// The birthday option parsed, if given. Throws UsageError.
std::optional<YearlessDate> birthday_option(const AllyFields& fields, Date today);

// The filters of `list`, shared with `graph`.
void declare_ally_filters(CLI::App& app, AllyFilter& filter);
bool any_filter(const AllyFilter& filter);

} // namespace ally::cli
