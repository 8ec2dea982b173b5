#include "cli/ally_fields.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/links.hpp"
#include "ally/text.hpp"

namespace ally::cli {
namespace {

void check_text(const std::string& what, const std::string& value) {
  if (value.find('\0') != std::string::npos) throw UsageError(what + " contains a NUL byte");
}

void add_values(std::vector<std::string>& into, const std::vector<std::string>& values,
                const std::string& what) {
  for (const auto& v : values) {
    check_text(what, v);
    std::string t = trim(v);
    if (t.empty()) throw UsageError(fmt::format("empty {}", what));
    bool seen = std::any_of(into.begin(), into.end(), [&](const std::string& x) { return fold(x) == fold(t); });
    if (!seen) into.push_back(t);
  }
}

// Links are one page however spelled (link_key): https://www.x.com/a/ is x.com/a.
void add_links(std::vector<std::string>& into, const std::vector<std::string>& values) {
  for (const auto& v : values) {
    check_text("link", v);
    std::string t = trim(v);
    if (!looks_like_link(t)) {
      throw UsageError(fmt::format("bad link '{}': expected a web address such as "
                                   "https://www.linkedin.com/in/name",
                                   truncate_to_width(t, 60)));
    }
    bool seen = std::any_of(into.begin(), into.end(),
                            [&](const std::string& x) { return link_key(x) == link_key(t); });
    if (!seen) into.push_back(t);
  }
}

void drop_links(std::vector<std::string>& from, const std::vector<std::string>& values) {
  for (const auto& v : values) {
    auto it = std::find_if(from.begin(), from.end(),
                           [&](const std::string& x) { return link_key(x) == link_key(v); });
    if (it == from.end()) {
      throw UsageError(fmt::format("no link '{}' to drop", truncate_to_width(v, 40)));
    }
    from.erase(it);
  }
}

void drop_values(std::vector<std::string>& from, const std::vector<std::string>& values,
                 const std::string& what) {
  for (const auto& v : values) {
    auto it = std::find_if(from.begin(), from.end(),
                           [&](const std::string& x) { return fold(trim(x)) == fold(trim(v)); });
    if (it == from.end()) {
      throw UsageError(fmt::format("no {} '{}' to drop", what, truncate_to_width(v, 40)));
    }
    from.erase(it);
  }
}

void set_text(const TextOption& option, std::string& field, const std::string& what) {
  if (!option.given()) return;
  check_text(what, option.value);
  field = trim(option.value);
}

} // namespace

Cadence parse_cadence(const std::string& text) {
  std::string t = fold(trim(text));
  if (t == "none" || t == "never") return {Cadence::Mode::untracked, 0};
  if (t == "default") return {Cadence::Mode::default_cadence, 0};
  return {Cadence::Mode::days, parse_duration_days(text)};
}

void declare_ally_fields(CLI::App& app, AllyFields& f, FieldsFor purpose) {
  if (purpose == FieldsFor::edit) add_text(app, f.name, "--name", "New full name");
  add_list(app, f.nicks, "--nick", "Nickname (repeatable)");
  add_text(app, f.org, "--org", "Organisation");
  add_text(app, f.role, "--role", "Role or title");
  add_text(app, f.city, "--city", "City");
  add_list(app, f.emails, "--email", "Email address (repeatable)");
  add_list(app, f.phones, "--phone", "Phone number (repeatable)");
  add_list(app, f.links, "--link", "Web page about them: LinkedIn, homepage (repeatable)");
  add_text(app, f.circle, "--circle", "Circle: inner, core, network or any word");
  add_text(app, f.rel, "--rel", "Relationship: peer, mentor, mentee, manager, report, sponsor, friend, …");
  add_text(app, f.every, "--every",
           purpose == FieldsFor::edit ? "Check-in cadence: none, default or a duration (2w, 30d)"
                                      : "Check-in cadence as a duration (2w, 30d), or none");
  add_list(app, f.tags, "--tag", "Tag (repeatable)");
  add_list(app, f.interests, "--interest", "Shared interest (repeatable)");
  add_list(app, f.knows, "--knows", "Expertise: something they could teach you (repeatable)");
  add_text(app, f.met, "--met", "How you met");
  add_text(app, f.goal, "--goal", "Their goals and passions");
  add_text(app, f.birthday, "--birthday", "Birthday: YYYY-MM-DD or MM-DD");
  add_text(app, f.note, "--note", "Notes");
  if (purpose == FieldsFor::edit) {
    add_list(app, f.drop_nick, "--drop-nick", "Remove a nickname");
    add_list(app, f.drop_email, "--drop-email", "Remove an email address");
    add_list(app, f.drop_phone, "--drop-phone", "Remove a phone number");
    add_list(app, f.drop_link, "--drop-link", "Remove a link");
    add_list(app, f.drop_tag, "--drop-tag", "Remove a tag");
    add_list(app, f.drop_interest, "--drop-interest", "Remove a shared interest");
    add_list(app, f.drop_knows, "--drop-knows", "Remove an expertise");
  }
}

std::size_t fields_given(const AllyFields& f) {
  std::size_t n = 0;
  for (const TextOption* t : {&f.name, &f.org, &f.role, &f.city, &f.circle, &f.rel, &f.every, &f.met,
                              &f.goal, &f.birthday, &f.note}) {
    n += t->given() ? 1 : 0;
  }
  for (const auto* list : {&f.nicks, &f.emails, &f.phones, &f.links, &f.tags, &f.interests,
                           &f.knows, &f.drop_nick, &f.drop_email, &f.drop_phone, &f.drop_link,
                           &f.drop_tag, &f.drop_interest, &f.drop_knows}) {
    n += list->size();
  }
  return n;
}

std::vector<std::string> apply_ally_fields(const AllyFields& f, Ally& a, FieldsFor purpose) {
  std::vector<std::string> notes;
  if (f.name.given()) {
    check_text("name", f.name.value);
    if (trim(f.name.value).empty()) throw UsageError("empty name: an ally needs a name");
    a.name = trim(f.name.value);
  }
  set_text(f.org, a.org, "--org");
  set_text(f.role, a.role, "--role");
  set_text(f.city, a.city, "--city");
  set_text(f.rel, a.relationship, "--rel");
  a.relationship = fold(a.relationship);
  set_text(f.met, a.met, "--met");
  set_text(f.goal, a.goals, "--goal");
  if (f.note.given()) {
    check_text("--note", f.note.value);
    a.notes = f.note.value; // kept exactly: notes may be multi-line
  }
  if (f.circle.given()) {
    set_text(f.circle, a.circle, "--circle");
    a.circle = fold(a.circle); // circles are words like "inner": one spelling each
    // Giving an untracked ally (an imported contact) a circle starts tracking it.
    if (purpose == FieldsFor::edit && !f.every.given() && a.cadence.mode == Cadence::Mode::untracked &&
        !a.circle.empty()) {
      a.cadence = {Cadence::Mode::default_cadence, 0};
      notes.push_back("now tracked with the " + a.circle + " circle's cadence");
    }
  }
  if (f.every.given()) a.cadence = parse_cadence(f.every.value);
  drop_values(a.nicknames, f.drop_nick, "nickname");
  drop_values(a.emails, f.drop_email, "email");
  drop_values(a.phones, f.drop_phone, "phone");
  drop_links(a.links, f.drop_link);
  drop_values(a.tags, f.drop_tag, "tag");
  drop_values(a.interests, f.drop_interest, "interest");
  drop_values(a.expertise, f.drop_knows, "expertise");
  add_values(a.nicknames, f.nicks, "nickname");
  add_values(a.emails, f.emails, "email");
  add_values(a.phones, f.phones, "phone");
  add_links(a.links, f.links);
  add_values(a.tags, f.tags, "tag");
  add_values(a.interests, f.interests, "interest");
  add_values(a.expertise, f.knows, "expertise");
  return notes;
}

std::optional<YearlessDate> birthday_option(const AllyFields& f, Date today) {
  if (!f.birthday.given()) return std::nullopt;
  return parse_yearless_date(f.birthday.value, today, DateDirection::past);
}

void declare_ally_filters(CLI::App& app, AllyFilter& f) {
  app.add_option("--tag", f.tag, "Only allies with this tag");
  app.add_option("--circle", f.circle, "Only allies in this circle");
  app.add_option("--rel", f.relationship, "Only allies with this relationship");
  app.add_option("--interest", f.interest, "Only allies who share this interest");
  app.add_option("--org", f.org, "Only allies whose organisation contains this");
  app.add_option("--city", f.city, "Only allies whose city contains this");
  app.add_option("--knows", f.knows, "Only allies with this expertise");
  app.add_flag("--archived", f.archived, "Archived allies instead");
  app.add_flag("--untracked", f.untracked, "Only allies with no check-in cadence");
}

bool any_filter(const AllyFilter& f) {
  return f.archived || f.untracked || !f.tag.empty() || !f.circle.empty() ||
         !f.relationship.empty() || !f.interest.empty() || !f.org.empty() || !f.city.empty() ||
         !f.knows.empty();
}

} // namespace ally::cli
