#include "render/records_json.hpp"

namespace ally {

nlohmann::json date_json(const std::optional<Date>& date) {
  if (!date) return nullptr;
  return format_date(*date);
}

std::string cadence_text(const Cadence& cadence) {
  switch (cadence.mode) {
  case Cadence::Mode::days: return std::to_string(cadence.days) + "d";
  case Cadence::Mode::untracked: return "none";
  case Cadence::Mode::default_cadence: break;
  }
  return "default";
}

namespace {
void put_meta(nlohmann::json& j, const RecordMeta& meta) {
  j["id"] = meta.id;
  j["number"] = meta.number;
  j["created_at"] = meta.created_at;
  j["updated_at"] = meta.updated_at;
}
} // namespace

nlohmann::json to_json(const Ally& a) {
  nlohmann::json j;
  put_meta(j, a.meta);
  j["name"] = a.name;
  j["nicknames"] = a.nicknames;
  j["org"] = a.org;
  j["role"] = a.role;
  j["city"] = a.city;
  j["emails"] = a.emails;
  j["phones"] = a.phones;
  j["circle"] = a.circle;
  j["relationship"] = a.relationship;
  j["cadence"] = cadence_text(a.cadence);
  j["met"] = a.met;
  j["goals"] = a.goals;
  j["notes"] = a.notes;
  j["links"] = a.links;
  j["tags"] = a.tags;
  j["expertise"] = a.expertise;
  j["interests"] = a.interests;
  j["snoozed_until"] = date_json(a.snoozed_until);
  j["archived"] = a.archived;
  j["snooze_all"] = a.snooze_all;
  // The first card's UID, as before there could be several; all of them in vcard_uids.
  j["vcard_uid"] = a.vcard_uids.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.vcard_uids.front());
  j["vcard_uids"] = a.vcard_uids;
  j["added_on"] = format_date(a.added);
  j["last_contact"] = date_json(a.last_contact);
  return j;
}

nlohmann::json to_json(const Interaction& i) {
  nlohmann::json j;
  put_meta(j, i.meta);
  j["date"] = format_date(i.date);
  j["kind"] = i.kind;
  j["note"] = i.note;
  j["allies"] = i.allies;
  j["interests"] = i.interests;
  j["follow_up"] = date_json(i.follow_up);
  j["follow_up_done"] = date_json(i.follow_up_done);
  return j;
}

nlohmann::json to_json(const Favor& f) {
  nlohmann::json j;
  put_meta(j, f.meta);
  j["ally"] = f.ally;
  j["direction"] = f.direction == FavorDirection::gave ? "gave" : "got";
  j["text"] = f.text;
  j["date"] = format_date(f.date);
  j["due"] = date_json(f.due);
  j["done"] = date_json(f.done);
  j["thanked"] = date_json(f.thanked);
  return j;
}

nlohmann::json to_json(const Introduction& i) {
  nlohmann::json j;
  put_meta(j, i.meta);
  j["a"] = i.a;
  j["b"] = i.b;
  j["date"] = format_date(i.date);
  j["note"] = i.note;
  return j;
}

nlohmann::json to_json(const ImportantDate& d) {
  nlohmann::json j;
  put_meta(j, d.meta);
  j["ally"] = d.ally;
  j["label"] = d.label;
  j["date"] = format_yearless(d.date);
  j["yearly"] = d.yearly;
  return j;
}

nlohmann::json to_json(const ToBringUp& t) {
  nlohmann::json j;
  put_meta(j, t.meta);
  j["ally"] = t.ally;
  j["text"] = t.text;
  j["date"] = format_date(t.date);
  j["done"] = date_json(t.done);
  return j;
}

} // namespace ally
