// Monica 4.x's JSON export as the neutral history (include/ally/intake.hpp).
//
// Monica writes every object as {uuid, created_at, updated_at, properties: {…}, data: [{count,
// type, values}]}; a collection with nothing in it is left out, and an object without
// properties may have `[]` for them. Everything is looked up by key and type, never by place,
// and a value of the wrong type is as good as absent.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ally/error.hpp"
#include "ally/imported_text.hpp"
#include "ally/intake.hpp"
#include "ally/text.hpp"

namespace ally {
namespace monica_intake {
namespace {

using nlohmann::json;

const json& null_json() {
  static const json k_null;
  return k_null;
}

const json& at(const json& object, const char* key) {
  if (!object.is_object()) return null_json();
  auto it = object.find(key);
  return it == object.end() ? null_json() : *it;
}

std::string text(const json& value) {
  if (value.is_string()) return imported_line(value.get<std::string>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return {};
}

std::string lines(const json& value) {
  return value.is_string() ? imported_lines(value.get<std::string>()) : std::string();
}

const json& properties(const json& object) { return at(object, "properties"); }

// The values of the collection of that type in an object's `data` list.
const json& collection(const json& object, const char* type) {
  const json& data = at(object, "data");
  if (!data.is_array()) return null_json();
  for (const auto& c : data) {
    if (at(c, "type").is_string() && at(c, "type").get<std::string>() == type &&
        at(c, "values").is_array())
      return at(c, "values");
  }
  return null_json();
}

// "2021-03-04T00:00:00.000000Z", "2021-03-04 10:00:00" or "2021-03-04": the day.
std::optional<Date> day_of(const json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() < 10) return std::nullopt;
  return parse_iso_date(std::string_view(s).substr(0, 10));
}

// A Monica special date: with `is_year_unknown` its year is a stand-in; with `is_age_based`
// the whole date is a guess from an age, and ally keeps no guess.
std::optional<YearlessDate> special_date(const json& value) {
  if (at(value, "is_age_based").is_boolean() && at(value, "is_age_based").get<bool>())
    return std::nullopt;
  auto day = day_of(at(value, "date"));
  if (!day) return std::nullopt;
  std::chrono::year_month_day ymd{*day};
  YearlessDate out;
  out.month = static_cast<unsigned>(ymd.month());
  out.day = static_cast<unsigned>(ymd.day());
  bool no_year = at(value, "is_year_unknown").is_boolean() && at(value, "is_year_unknown").get<bool>();
  if (!no_year) out.year = static_cast<int>(ymd.year());
  return out;
}

std::string uuid_of(const json& object) { return text(at(object, "uuid")); }

struct Reader {
  IncomingHistory out;
  std::map<std::string, std::size_t> contact_index; // Monica uuid → contacts index
  std::map<std::string, std::string> field_kinds;   // contact field type uuid → email/phone/…
  std::map<std::string, std::vector<std::size_t>> activity_people;

  void field_types(const json& instance) {
    const json& types = at(instance, "contact_field_types");
    if (!types.is_array()) return;
    for (const auto& t : types) {
      const json& p = properties(t);
      std::string kind = lower_ascii(text(at(p, "type")));
      std::string protocol = lower_ascii(text(at(p, "protocol")));
      if (kind.empty() && protocol == "mailto:") kind = "email";
      if (kind.empty() && protocol == "tel:") kind = "phone";
      if (kind.empty()) kind = lower_ascii(text(at(p, "name")));
      field_kinds[uuid_of(t)] = kind;
    }
  }

  void contact(const json& c, std::size_t place) {
    const json& p = properties(c);
    IncomingContact in;
    in.line = place;
    auto uuid = uuid_of(c);
    if (uuid.empty()) {
      out.left_out.push_back(fmt::format("contact {}: no uuid; not imported", place));
      return;
    }
    in.identity = "monica:" + uuid;
    in.given = text(at(p, "first_name"));
    in.family = text(at(p, "last_name"));
    std::string middle = text(at(p, "middle_name"));
    for (const auto& part : {in.given, middle, in.family})
      if (!part.empty()) in.name += (in.name.empty() ? "" : " ") + part;
    if (in.name.empty()) in.name = text(at(p, "nickname"));
    if (in.name.empty()) {
      out.left_out.push_back(fmt::format("contact {}: no name; not imported", place));
      return;
    }
    if (auto nick = text(at(p, "nickname")); !nick.empty() && nick != in.name)
      in.nicknames.push_back(nick);
    in.org = text(at(p, "company"));
    in.role = text(at(p, "job"));
    in.note = lines(at(p, "description"));
    if (const json& tags = at(p, "tags"); tags.is_array()) {
      for (const auto& t : tags)
        if (auto tag = text(t.is_object() ? at(t, "name") : t); !tag.empty()) in.tags.push_back(tag);
    }
    in.birthday = special_date(at(p, "birthdate"));
    if (const json& f = at(p, "stay_in_touch_frequency"); f.is_number_integer()) {
      auto days = f.get<std::int64_t>();
      if (days >= 1 && days <= 3650) in.cadence_days = static_cast<int>(days);
    }
    for (const auto& field : collection(c, "contact_field")) {
      const json& fp = properties(field);
      std::string value = text(at(fp, "data"));
      if (value.empty()) continue;
      const std::string& kind = field_kinds[text(at(fp, "type"))];
      if (kind == "email") {
        in.emails.push_back(value);
      } else if (kind == "phone") {
        in.phones.push_back(value);
      } else if (value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0) {
        in.links.push_back(value);
      }
    }
    for (const auto& address : collection(c, "address")) {
      if (auto city = text(at(properties(address), "city")); !city.empty()) {
        in.city = city;
        break;
      }
    }
    for (const auto& note : collection(c, "note")) {
      auto body = lines(at(properties(note), "body"));
      if (body.empty()) continue;
      if (!in.note.empty()) in.note += "\n\n";
      in.note += body;
    }
    auto index = out.contacts.size();
    contact_index[uuid] = index;
    for (const auto& a : collection(c, "activity"))
      if (a.is_string()) activity_people[a.get<std::string>()].push_back(index);
    out.contacts.push_back(std::move(in));
  }

  // What hangs off each contact once every contact has its place: calls, debts, the one who
  // introduced you.
  void contact_records(const json& c) {
    auto found = contact_index.find(uuid_of(c));
    if (found == contact_index.end()) return;
    std::size_t index = found->second;
    const auto& name = out.contacts[index].name;
    for (const auto& call : collection(c, "call")) {
      const json& p = properties(call);
      auto day = day_of(at(p, "called_at"));
      if (!day) {
        out.left_out.push_back(fmt::format("a call with {}: no date; not imported", name));
        continue;
      }
      IncomingConversation conv;
      conv.identity = "monica:" + uuid_of(call);
      conv.day = *day;
      conv.kind = "call";
      conv.note = lines(at(p, "content"));
      conv.people = {index};
      out.conversations.push_back(std::move(conv));
    }
    for (const auto& debt : collection(c, "debt")) {
      const json& p = properties(debt);
      auto day = day_of(at(debt, "created_at"));
      std::string amount = text(at(p, "amount"));
      std::string currency = text(at(p, "currency"));
      if (!currency.empty()) amount += " " + currency;
      bool you_owe = (at(p, "in_debt").is_boolean() && at(p, "in_debt").get<bool>()) ||
                     (at(p, "in_debt").is_string() && at(p, "in_debt").get<std::string>() == "yes");
      if (!day || amount.empty()) {
        out.left_out.push_back(fmt::format("a debt with {}: no date or amount; not imported", name));
        continue;
      }
      IncomingFavor f;
      f.identity = "monica:" + uuid_of(debt);
      f.person = index;
      // Money they lent you is help you got; money you lent them, help you gave.
      f.you_gave = !you_owe;
      f.text = you_owe ? fmt::format("lent you {} (Monica debt)", amount)
                       : fmt::format("you lent them {} (Monica debt)", amount);
      f.date = *day;
      f.settled = text(at(p, "status")) == "complete";
      out.favors.push_back(std::move(f));
    }
    const json& p = properties(c);
    if (auto through = contact_index.find(text(at(p, "first_met_through")));
        through != contact_index.end() && through->second != index) {
      IncomingIntroduction intro;
      intro.identity = "monica:met:" + uuid_of(c);
      intro.a = through->second;
      intro.b = index;
      auto met = special_date(at(p, "first_met_date"));
      auto created = day_of(at(c, "created_at"));
      if (met && met->year) {
        intro.date = Date{std::chrono::year{*met->year} / std::chrono::month{met->month} /
                          std::chrono::day{met->day}};
      } else if (created) {
        intro.date = *created;
      }
      intro.note = fmt::format("{} first met through {} (Monica)", out.contacts[index].name,
                               out.contacts[through->second].name);
      if (intro.date != Date{}) {
        out.contacts[index].met = "through " + out.contacts[through->second].name;
        out.introductions.push_back(std::move(intro));
      }
    }
  }

  void activities(const json& list) {
    for (const auto& a : list) {
      const json& p = properties(a);
      auto uuid = uuid_of(a);
      auto summary = text(at(p, "summary"));
      auto people = activity_people.find(uuid);
      auto day = day_of(at(p, "happened_at"));
      if (people == activity_people.end() || people->second.empty()) {
        out.left_out.push_back(fmt::format("activity '{}': no contact took part; not imported",
                                           truncate_to_width(summary, 40)));
        continue;
      }
      if (!day) {
        out.left_out.push_back(fmt::format("activity '{}': no date; not imported",
                                           truncate_to_width(summary, 40)));
        continue;
      }
      IncomingConversation conv;
      conv.identity = "monica:" + uuid;
      conv.day = *day;
      conv.note = summary;
      if (auto description = lines(at(p, "description")); !description.empty())
        conv.note += (conv.note.empty() ? "" : ": ") + description;
      std::set<std::size_t> seen;
      for (auto i : people->second)
        if (seen.insert(i).second) conv.people.push_back(i);
      out.conversations.push_back(std::move(conv));
    }
  }

  // Monica keeps each relationship twice (A partner of B, B partner of A): one line per pair
  // and kind on each of the two contacts' notes.
  void relationships(const json& list) {
    std::set<std::pair<std::pair<std::size_t, std::size_t>, std::string>> seen;
    for (const auto& r : list) {
      const json& p = properties(r);
      auto is = contact_index.find(text(at(p, "contact_is")));
      auto of = contact_index.find(text(at(p, "of_contact")));
      auto kind = text(at(p, "type"));
      if (is == contact_index.end() || of == contact_index.end() || kind.empty() ||
          is->second == of->second)
        continue;
      auto pair = std::minmax(is->second, of->second);
      if (!seen.insert({pair, kind}).second) continue;
      // "of_contact is <type> of contact_is".
      auto add = [&](std::size_t who, const std::string& line) {
        auto& note = out.contacts[who].note;
        if (note.find(line) != std::string::npos) return;
        note += (note.empty() ? "" : "\n") + line;
      };
      add(is->second, fmt::format("{}: {} (Monica)", out.contacts[of->second].name, kind));
      add(of->second, fmt::format("{}: {} (Monica)", out.contacts[is->second].name, kind));
    }
  }
};

} // namespace
} // namespace monica_intake

IncomingHistory parse_monica_json(std::string_view bytes) {
  using namespace monica_intake;
  auto doc = json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw Conflict("this is not a Monica export: it is not a JSON object");
  const json& account = at(doc, "account");
  if (!at(doc, "version").is_string() || !account.is_object() || !at(account, "data").is_array()) {
    throw Conflict("this is not a Monica 4 export: it has no \"version\" and \"account\".\"data\"",
                   "export it from Monica's Settings → Export → JSON");
  }
  Reader reader;
  reader.field_types(at(account, "instance"));
  const json& contacts = collection(account, "contact");
  std::size_t place = 0;
  for (const auto& c : contacts) reader.contact(c, ++place);
  for (const auto& c : contacts) reader.contact_records(c);
  reader.activities(collection(account, "activity"));
  reader.relationships(collection(account, "relationship"));
  return std::move(reader.out);
}

} // namespace ally
