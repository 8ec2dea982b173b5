// `ally add NAME [fields…]`: a new ally.
#include <fmt/format.h>

#include <optional>
#include <set>

#include "ally/allies.hpp"
#include "ally/dates.hpp"
#include "ally/error.hpp"
#include "ally/names.hpp"
#include "ally/text.hpp"
#include "cli/ally_fields.hpp"
#include "cli/commands.hpp"
#include "render/records_json.hpp"

namespace ally::cli {
namespace {

std::string named(const NameMatch& m) { return fmt::format("{} (#{})", m.name, m.number); }

// Allies the new one (just added) may be: the same full name (folded), or one of its emails.
// `seen` gets their numbers.
std::vector<std::string> existing_matches(Store& store, const Ally& ally,
                                          std::set<std::int64_t>& seen) {
  std::vector<std::string> out;
  seen.insert(ally.meta.number);
  for (const auto& m : allies_named(store, ally.name)) {
    if (seen.insert(m.number).second)
      out.push_back(fmt::format("{} already has that name; added another — if they are one "
                                "person: ally merge {} {}",
                                named(m), m.number, ally.meta.number));
  }
  for (const auto& email : ally.emails) {
    for (const auto& m : allies_with_email(store, email)) {
      if (seen.insert(m.number).second)
        out.push_back(fmt::format("{} already has {}; added another — if they are one person: "
                                  "ally merge {} {}",
                                  named(m), truncate_to_width(email, 60), m.number,
                                  ally.meta.number));
    }
  }
  return out;
}

// The short words people name the new ally by: the first name (the whole name when it is one
// word) and the nicknames.
std::vector<std::string> short_names_of(const Ally& ally) {
  std::vector<std::string> out;
  out.push_back(ally.name.substr(0, ally.name.find(' ')));
  for (const auto& nick : ally.nicknames) out.push_back(nick);
  return out;
}

// A word that named one other ally and now names another or several.
std::optional<std::string> short_name_change(const std::string& word, const Resolution& before,
                                             const Resolution& after) {
  if (before.matches.size() != 1 || after.matches == before.matches) return std::nullopt;
  if (after.matches.size() == 1) {
    return fmt::format("'{}' now means {}, not {}", truncate_to_width(word, 40),
                       named(after.matches.front()), named(before.matches.front()));
  }
  return fmt::format("'{}' meant {} and now names {} allies: use a longer name or a number",
                     truncate_to_width(word, 40), named(before.matches.front()),
                     after.matches.size());
}

} // namespace

void define_add(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string name;
    AllyFields fields;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("name", o->name, "Full name")->required();
  declare_ally_fields(cmd, o->fields, FieldsFor::add);
  cmd.callback([o, &ctx] {
    if (trim(o->name).empty()) throw UsageError("empty name: an ally needs a name");
    Ally ally;
    ally.name = trim(o->name);
    if (ally.name.find('\0') != std::string::npos) throw UsageError("name contains a NUL byte");
    apply_ally_fields(o->fields, ally, FieldsFor::add);
    auto birthday = birthday_option(o->fields, ctx.clock().today);
    auto& store = ctx.store(Access::write);
    std::vector<std::string> warnings;
    store.write("add " + ally.name, [&] {
      auto short_names = short_names_of(ally);
      std::vector<Resolution> before;
      // Only what a word names is compared: no "did you mean" (an edit distance to every
      // ally's name was half of `add` at 10,000 allies).
      for (const auto& word : short_names)
        before.push_back(resolve_in_store(store, word, Suggest::no));
      insert_ally(store, ally);
      if (birthday) set_important_date(store, ally.meta.number, "birthday", *birthday, true);
      store.set_write_summary(fmt::format("add {} (#{})", ally.name, ally.meta.number));
      ally = get_ally(store, ally.meta.number);
      std::set<std::int64_t> warned;
      warnings = existing_matches(store, ally, warned);
      for (std::size_t i = 0; i < short_names.size(); ++i) {
        // An ally just named as the same name or email needs no second warning.
        if (before[i].matches.size() == 1 && warned.count(before[i].matches.front().number))
          continue;
        if (auto w = short_name_change(short_names[i], before[i],
                                       resolve_in_store(store, short_names[i], Suggest::no)))
          warnings.push_back(*w);
      }
    });
    // Adding is what was asked: a second Rachel Green may be real. The user hears of the first
    // one, and how to make them one if they are.
    for (const auto& w : warnings) ctx.err << "ally: warning: " << w << '\n';
    if (ctx.options.json) return ctx.print_json(to_json(ally));
    ctx.out << fmt::format("Added {} (#{}).\n", ally.name, ally.meta.number);
  });
}

} // namespace ally::cli
