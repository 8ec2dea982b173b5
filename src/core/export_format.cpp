// The JSON export format: writing records, and reading untrusted files record by record.
#include "ally/export_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <map>
#include <istream>
#include <optional>
#include <set>
#include <utility>

#include "ally/error.hpp"
#include "ally/field_table.hpp"
#include "ally/settings.hpp"
#include "ally/text.hpp"

namespace ally {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// ---- Writing ----

ordered_json date_or_null(const std::optional<Date>& date) {
  if (!date)
    return nullptr;
  return format_date(*date);
}

std::string cadence_word(const Cadence& cadence) {
  switch (cadence.mode) {
  case Cadence::Mode::days:
    return std::to_string(cadence.days) + "d";
  case Cadence::Mode::untracked:
    return "none";
  case Cadence::Mode::default_cadence:
    break;
  }
  return "default";
}

ordered_json with_meta(const RecordMeta& meta) {
  ordered_json j;
  j["id"] = meta.id;
  j["number"] = meta.number;
  j["created_at"] = meta.created_at;
  j["updated_at"] = meta.updated_at;
  return j;
}

// ---- Reading ----

const char* const k_sections[] = {"allies",        "dates",       "interests",  "interactions",
                                  "favors",        "introductions", "to_bring_up", "tombstones",
                                  "config"};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

int digits_value(std::string_view text) {
  int value = 0;
  for (char c : text)
    value = value * 10 + (c - '0');
  return value;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36)
    return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !is_hex(text[i]))
      return false;
  }
  return true;
}


// "YYYY-MM-DDTHH:MM:SS.mmmZ", or the same without milliseconds (then ".000" is added), so that
// timestamps compare as text.
std::optional<std::string> normalized_timestamp(std::string_view text) {
  if (text.size() != 20 && text.size() != 24)
    return std::nullopt;
  if (!parse_iso_date(text.substr(0, 10)) || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text.back() != 'Z') {
    return std::nullopt;
  }
  auto hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
  if (!all_digits(hh) || !all_digits(mm) || !all_digits(ss) || digits_value(hh) > 23 ||
      digits_value(mm) > 59 || digits_value(ss) > 59) {
    return std::nullopt;
  }
  std::string millis = "000";
  if (text.size() == 24) {
    if (text[19] != '.' || !all_digits(text.substr(20, 3)))
      return std::nullopt;
    millis = text.substr(20, 3);
  }
  return fmt::format("{}.{}Z", text.substr(0, 19), millis);
}

unsigned month_length(unsigned month, std::optional<int> year) {
  static constexpr unsigned k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month != 2 || !year)
    return k_days[month - 1];
  bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  return leap ? 29 : 28;
}

// "MM-DD" or "YYYY-MM-DD" with any year 1..9999: old birthdays from address books are real.
std::optional<YearlessDate> parse_portable_yearless(std::string_view text) {
  std::optional<int> year;
  if (text.size() == 10 && text[4] == '-') {
    if (!all_digits(text.substr(0, 4)) || digits_value(text.substr(0, 4)) == 0)
      return std::nullopt;
    year = digits_value(text.substr(0, 4));
    text = text.substr(5);
  }
  if (text.size() != 5 || text[2] != '-' || !all_digits(text.substr(0, 2)) ||
      !all_digits(text.substr(3, 2))) {
    return std::nullopt;
  }
  auto month = static_cast<unsigned>(digits_value(text.substr(0, 2)));
  auto day = static_cast<unsigned>(digits_value(text.substr(3, 2)));
  if (month < 1 || month > 12 || day < 1 || day > month_length(month, year))
    return std::nullopt;
  return YearlessDate{month, day, year};
}

// Text from the file quoted in a message: one short line, no control characters.
std::string shown(std::string_view text) { return truncate_to_width(text, 40); }

// Reads the fields of one record, each accessor checking its field; finish() then refuses any
// field no accessor asked for, so a typo ("emial") is an error, not silently lost data.
class Fields {
public:
  Fields(const json& object, std::string where) : m_object(object), m_where(std::move(where)) {}

  [[noreturn]] void fail(const char* key, const std::string& why) const {
    throw Conflict(fmt::format("{}: field \"{}\": {}", m_where, key, why));
  }

  std::string text(const char* key, bool required = false) {
    const json* value = find(key);
    if (!value || value->is_null()) {
      if (required)
        missing(key);
      return {};
    }
    return checked_text(key, *value, "expected a string");
  }

  std::string nonblank_text(const char* key) {
    std::string value = text(key, true);
    if (trim(value).empty())
      fail(key, "must not be blank");
    return value;
  }

  std::vector<std::string> texts(const char* key) {
    const json* value = find(key);
    std::vector<std::string> out;
    if (!value || value->is_null())
      return out;
    if (!value->is_array())
      fail(key, "expected an array of strings");
    for (const auto& item : *value)
      out.push_back(checked_text(key, item, "expected an array of strings"));
    return out;
  }

  std::optional<Date> date(const char* key, bool required = false) {
    const json* raw = find(key);
    if (!raw || raw->is_null()) {
      if (required)
        missing(key);
      return std::nullopt;
    }
    std::string value = checked_text(key, *raw, "expected a date (YYYY-MM-DD)");
    auto date = parse_iso_date(value);
    if (!date)
      fail(key, fmt::format("bad date '{}' (expected YYYY-MM-DD)", shown(value)));
    return date;
  }

  Date required_date(const char* key) { return *date(key, true); }

  YearlessDate yearless(const char* key) {
    std::string value = text(key, true);
    auto date = parse_portable_yearless(value);
    if (!date)
      fail(key, fmt::format("bad date '{}' (expected MM-DD or YYYY-MM-DD)", shown(value)));
    return *date;
  }

  std::string timestamp(const char* key) {
    std::string value = text(key, true);
    auto normal = normalized_timestamp(value);
    if (!normal) {
      fail(key, fmt::format("bad timestamp '{}' (expected YYYY-MM-DDTHH:MM:SS.mmmZ, UTC)",
                            shown(value)));
    }
    return *normal;
  }

  std::string uuid(const char* key) { return checked_uuid(key, text(key, true)); }

  std::vector<std::string> uuids(const char* key) {
    std::vector<std::string> out;
    for (const auto& id : texts(key)) {
      auto checked = checked_uuid(key, id);
      if (std::find(out.begin(), out.end(), checked) == out.end())
        out.push_back(checked);
    }
    return out;
  }

  std::string checked_uuid(const char* key, const std::string& value) const {
    if (!is_uuid(value))
      fail(key, fmt::format("'{}' is not a UUID", shown(value)));
    return lower_ascii(value);
  }

  // An object-valued field, or nullptr when absent or null.
  const json* object(const char* key) {
    const json* value = find(key);
    if (!value || value->is_null())
      return nullptr;
    if (!value->is_object())
      fail(key, "expected an object");
    return value;
  }

  bool flag(const char* key, bool fallback) {
    const json* value = find(key);
    if (!value || value->is_null())
      return fallback;
    if (!value->is_boolean())
      fail(key, "expected true or false");
    return value->get<bool>();
  }

  // The record's number in the store it came from; 0 when absent (the importer picks one).
  std::int64_t number(const char* key) {
    const json* value = find(key);
    if (!value || value->is_null())
      return 0;
    if (value->is_number_unsigned()) {
      auto n = value->get<std::uint64_t>();
      if (n >= 1 && n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(n);
      }
    } else if (value->is_number_integer() && value->get<std::int64_t>() >= 1) {
      return value->get<std::int64_t>();
    }
    fail(key, "expected a whole number of at least 1");
  }

  RecordMeta meta() {
    RecordMeta m;
    m.id = uuid("id");
    m.number = number("number");
    m.created_at = timestamp("created_at");
    m.updated_at = timestamp("updated_at");
    return m;
  }

  void finish() const {
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
      if (std::find(m_known.begin(), m_known.end(), it.key()) == m_known.end()) {
        throw Conflict(fmt::format("{}: unknown field \"{}\"", m_where, shown(it.key())));
      }
    }
  }

private:
  const json* find(const char* key) {
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end())
      m_known.emplace_back(key);
    auto it = m_object.find(key);
    return it == m_object.end() ? nullptr : &*it;
  }

  [[noreturn]] void missing(const char* key) const {
    throw Conflict(fmt::format("{}: missing field \"{}\"", m_where, key));
  }

  std::string checked_text(const char* key, const json& value, const char* expected) const {
    if (!value.is_string())
      fail(key, expected);
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > k_max_import_text) {
      fail(key, fmt::format("longer than {} MiB", k_max_import_text >> 20));
    }
    if (text.find('\0') != std::string::npos)
      fail(key, "contains a NUL character");
    return text;
  }

  const json& m_object;
  std::string m_where;
  std::vector<std::string> m_known;
};

Cadence parse_cadence(Fields& f) {
  std::string text = f.text("cadence");
  if (text.empty() || text == "default")
    return {};
  if (text == "none")
    return {Cadence::Mode::untracked, 0};
  std::string_view digits(text);
  if (digits.size() >= 2 && digits.back() == 'd' && digits.size() <= 6 &&
      all_digits(digits.substr(0, digits.size() - 1))) {
    int days = digits_value(digits.substr(0, digits.size() - 1));
    if (days >= 1)
      return {Cadence::Mode::days, days};
  }
  f.fail("cadence",
         fmt::format("bad cadence '{}' (expected \"default\", \"none\" or days such as \"30d\")",
                     shown(text)));
}

std::string label_of(const json& object, std::initializer_list<const char*> keys, bool quoted) {
  std::string label;
  for (const char* key : keys) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string())
      continue;
    if (!label.empty())
      label += ' ';
    label += it->get_ref<const std::string&>();
  }
  if (trim(label).empty())
    return {};
  return quoted ? fmt::format(" (\"{}\")", shown(label)) : fmt::format(" ({})", shown(label));
}

// A set of 128-bit keys (UUIDs, or record numbers) in one flat table: an import checks a
// million ids for duplicates, and a node-based set of strings would need ten times the memory.
class KeySet {
public:
  using Key = std::pair<std::uint64_t, std::uint64_t>;

  // False when `key` was already in the set.
  bool insert(Key key) {
    if (key == Key{0, 0}) {
      bool fresh = !m_has_zero;
      m_has_zero = true;
      return fresh;
    }
    if ((m_size + 1) * 2 > m_slots.size())
      grow();
    if (!place(m_slots, key))
      return false;
    ++m_size;
    return true;
  }

private:
  static std::size_t hash(Key key) {
    std::uint64_t x = key.first ^ (key.second * 0x9E3779B97F4A7C15ULL);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    return static_cast<std::size_t>(x ^ (x >> 29));
  }
  static bool place(std::vector<Key>& slots, Key key) {
    std::size_t mask = slots.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      if (slots[i] == key)
        return false;
      if (slots[i] == Key{0, 0}) {
        slots[i] = key;
        return true;
      }
    }
  }
  void grow() {
    std::vector<Key> bigger(std::max<std::size_t>(64, m_slots.size() * 2));
    for (const auto& key : m_slots) {
      if (key != Key{0, 0})
        place(bigger, key);
    }
    m_slots.swap(bigger);
  }

  std::vector<Key> m_slots;
  std::size_t m_size = 0;
  bool m_has_zero = false;
};

// A checked UUID as its 128 bits.
KeySet::Key uuid_key(std::string_view id) {
  KeySet::Key key{0, 0};
  int digits = 0;
  for (char c : id) {
    if (c == '-')
      continue;
    std::uint64_t v = is_digit(c) ? static_cast<std::uint64_t>(c - '0')
                                  : static_cast<std::uint64_t>((c | 0x20) - 'a' + 10);
    auto& half = digits++ < 16 ? key.first : key.second;
    half = (half << 4) | v;
  }
  return key;
}

class ExportReader {
public:
  explicit ExportReader(ExportSink& sink) : m_sink(sink) {}

  template <class Input> void read(Input&& input) {
    try {
      // Records are taken out as they end, so the document left behind is just the header.
      json rest = json::parse(
          std::forward<Input>(input),
          [this](int depth, json::parse_event_t event, json& parsed) {
            return on_event(depth, event, parsed);
          },
          true, false);
      static_cast<void>(rest);
    } catch (const json::exception& e) {
      throw Conflict("not valid JSON: " + parser_message(e.what()));
    }
    check_header();
    if (!m_error.empty())
      throw Conflict(m_error);
  }

  const std::string& exported_at() const { return m_exported_at; }

private:
  enum class Section { none, other, format, version, exported_at, array, config };

  static std::string parser_message(std::string what) {
    if (auto bracket = what.find("] ");
        what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) {
      what.erase(0, bracket + 2);
    }
    // The token read may hold the very bytes that were wrong; the position says enough.
    if (auto last = what.find("; last read: '"); last != std::string::npos) {
      auto expected = what.find("'; expected", last);
      what.erase(last, expected == std::string::npos ? std::string::npos : expected + 1 - last);
    }
    return what;
  }

  void check_duplicate_keys(json::parse_event_t event, const json& parsed) {
    using Event = json::parse_event_t;
    if (event == Event::object_start) {
      m_open_keys.emplace_back();
    } else if (event == Event::object_end) {
      if (!m_open_keys.empty()) m_open_keys.pop_back();
    } else if (event == Event::key && !m_open_keys.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (m_open_keys.back().insert(key).second) return;
      if (m_open_keys.size() == 1) {
        defer(fmt::format("top-level field \"{}\" appears twice", shown(key)));
      } else if (m_section == Section::config && m_open_keys.size() == 2) {
        defer(fmt::format("config: setting \"{}\" appears twice", shown(key)));
      } else if (m_section == Section::config) {
        defer(fmt::format("config[\"{}\"]: field \"{}\" appears twice", shown(m_config_key),
                          shown(key)));
      } else {
        defer(fmt::format("{}[{}]: field \"{}\" appears twice", m_name,
                          m_index > 0 ? m_index - 1 : 0, shown(key)));
      }
    }
  }

  bool on_event(int depth, json::parse_event_t event, json& parsed) {
    using Event = json::parse_event_t;
    check_duplicate_keys(event, parsed);
    if ((event == Event::object_start || event == Event::array_start) &&
        depth >= k_max_import_depth) {
      throw Conflict(fmt::format("not an ally export: the JSON nests deeper than {} levels",
                                 k_max_import_depth));
    }
    if (depth == 0) {
      if (event == Event::array_start || event == Event::value) {
        throw Conflict("not an ally export: expected a JSON object with \"format\": \"ally\"");
      }
      return true;
    }
    if (depth == 1)
      return on_top_level(event, parsed);
    if (depth == 2 && m_section == Section::array)
      return on_record(event, parsed);
    if (depth == 2 && m_section == Section::config)
      return on_config(event, parsed);
    return true;
  }

  bool on_top_level(json::parse_event_t event, json& parsed) {
    using Event = json::parse_event_t;
    if (event == Event::key) {
      m_name = parsed.get<std::string>();
      m_index = 0;
      m_section = Section::other;
      if (m_name == "format")
        m_section = Section::format;
      if (m_name == "version")
        m_section = Section::version;
      if (m_name == "exported_at")
        m_section = Section::exported_at;
      if (m_name == "config")
        m_section = Section::config;
      for (const char* s : k_sections) {
        if (m_name == s && m_name != "config")
          m_section = Section::array;
      }
      if (m_section == Section::other)
        defer(fmt::format("unknown top-level field \"{}\"", shown(m_name)));
      return m_section != Section::other;
    }
    if (event == Event::value) {
      switch (m_section) {
      case Section::format:
        m_format = parsed;
        break;
      case Section::version:
        m_version = parsed;
        break;
      case Section::exported_at:
        if (!parsed.is_string() || !normalized_timestamp(parsed.get_ref<const std::string&>())) {
          defer("field \"exported_at\": expected a timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)");
        } else {
          m_exported_at = *normalized_timestamp(parsed.get_ref<const std::string&>());
        }
        break;
      default:
        wrong_type();
        break;
      }
      return false;
    }
    if (event == Event::array_start) {
      if (m_section == Section::array)
        return true;
      wrong_type();
      return false;
    }
    if (event == Event::object_start) {
      if (m_section == Section::config)
        return true;
      wrong_type();
      return false;
    }
    return true;
  }

  void wrong_type() {
    if (m_section == Section::array) {
      defer(fmt::format("field \"{}\": expected an array", m_name));
    } else if (m_section == Section::config) {
      defer("field \"config\": expected an object of settings");
    } else if (m_section == Section::exported_at) {
      defer("field \"exported_at\": expected a timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)");
    } else if (m_section == Section::format || m_section == Section::version) {
      (m_section == Section::format ? m_format : m_version) = json::array();
    }
  }

  bool on_record(json::parse_event_t event, json& parsed) {
    using Event = json::parse_event_t;
    if (event == Event::object_start) {
      ++m_index;
      return true;
    }
    if (event == Event::object_end) {
      if (m_error.empty())
        convert(parsed, m_index - 1);
      return false;
    }
    if (event == Event::value || event == Event::array_start) {
      defer(fmt::format("{}[{}]: expected an object", m_name, m_index));
      ++m_index;
    }
    return false;
  }

  bool on_config(json::parse_event_t event, json& parsed) {
    using Event = json::parse_event_t;
    if (event == Event::key) {
      m_config_key = parsed.get<std::string>();
      return true;
    }
    if (event == Event::object_start)
      return true;
    if (event == Event::object_end) {
      if (m_error.empty())
        deliver([&] { return config_entry(parsed); }, [&](const auto& c) { m_sink.config(c); });
      return false;
    }
    if (event == Event::value || event == Event::array_start) {
      defer(fmt::format("config[\"{}\"]: expected an object with \"value\", \"id\", \"created_at\" "
                        "and \"updated_at\"",
                        shown(m_config_key)));
    }
    return false;
  }

  template <class F> void guarded(F&& f) {
    try {
      f();
    } catch (const Conflict& e) {
      defer(e.what());
    }
  }

  // Reads one record; a problem with it is deferred like any other, and the sink sees only
  // good records (its own errors, such as an import's, pass through as they are).
  template <class Make, class Give> void deliver(Make&& make, Give&& give) {
    std::optional<decltype(make())> record;
    guarded([&] { record.emplace(make()); });
    if (record)
      give(*record);
  }

  void convert(const json& object, std::size_t index) {
    if (m_name == "allies")
      return deliver([&] { return ally(object, index); }, [&](const auto& r) { m_sink.ally(r); });
    if (m_name == "dates")
      return deliver([&] { return date(object, index); }, [&](const auto& r) { m_sink.date(r); });
    if (m_name == "interests") {
      return deliver([&] { return interest(object, index); },
                     [&](const auto& r) { m_sink.interest(r); });
    }
    if (m_name == "interactions") {
      return deliver([&] { return interaction(object, index); },
                     [&](const auto& r) { m_sink.interaction(r); });
    }
    if (m_name == "favors")
      return deliver([&] { return favor(object, index); }, [&](const auto& r) { m_sink.favor(r); });
    if (m_name == "introductions") {
      return deliver([&] { return introduction(object, index); },
                     [&](const auto& r) { m_sink.introduction(r); });
    }
    if (m_name == "to_bring_up") {
      return deliver([&] { return to_bring_up(object, index); },
                     [&](const auto& r) { m_sink.to_bring_up(r); });
    }
    if (m_name == "tombstones") {
      return deliver([&] { return checked_tombstone(tombstone(object, index)); },
                     [&](const auto& r) { m_sink.tombstone(r); });
    }
  }

  std::string where(std::size_t index, const std::string& label) const {
    return fmt::format("{}[{}]{}", m_name, index, label);
  }

  // Ids (and numbers, when given) are unique within a section.
  void check_unique(Fields& f, const RecordMeta& meta) {
    if (!m_ids[m_name].insert(uuid_key(meta.id)))
      f.fail("id", fmt::format("'{}' appears twice", meta.id));
    if (meta.number > 0 &&
        !m_numbers[m_name].insert({static_cast<std::uint64_t>(meta.number), 0})) {
      f.fail("number", fmt::format("#{} appears twice", meta.number));
    }
  }

  Tombstone checked_tombstone(Tombstone t) {
    if (!m_ids["tombstones"].insert(uuid_key(t.id))) {
      throw Conflict(
          fmt::format("tombstones[{}]: field \"id\": '{}' appears twice", m_index - 1, t.id));
    }
    return t;
  }

  Ally ally(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"name"}, true)));
    Ally a;
    a.meta = f.meta();
    check_unique(f, a.meta);
    a.name = f.nonblank_text("name");
    for (const auto& field : ally_field_table()) {
      std::string key(field.key);
      if (field.kind == FieldKind::text && field.key != "name")
        a.*field.text = f.text(key.c_str());
      else if (field.kind == FieldKind::texts)
        a.*field.texts = f.texts(key.c_str());
    }
    // Version 1 kept one card's UID; version 2 keeps them all.
    if (auto uid = f.text("vcard_uid"); !uid.empty()) {
      if (std::find(a.vcard_uids.begin(), a.vcard_uids.end(), uid) == a.vcard_uids.end())
        a.vcard_uids.insert(a.vcard_uids.begin(), uid);
    }
    a.cadence = parse_cadence(f);
    a.snoozed_until = f.date("snoozed_until");
    a.snooze_all = f.flag("snooze_all", false);
    a.archived = f.flag("archived", false);
    // Optional for hand-written files: the day the record was created.
    if (auto added = f.date("added_on")) {
      a.added = *added;
    } else {
      a.added = *parse_iso_date(std::string_view(a.meta.created_at).substr(0, 10));
    }
    f.finish();
    return a;
  }

  PortableDate date(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"label"}, true)));
    PortableDate d;
    d.record.meta = f.meta();
    check_unique(f, d.record.meta);
    d.ally = f.uuid("ally");
    d.record.label = f.nonblank_text("label");
    d.record.date = f.yearless("date");
    d.record.yearly = f.flag("yearly", true);
    if (!d.record.yearly && !d.record.date.year)
      f.fail("date", "a one-off date needs a year (YYYY-MM-DD)");
    f.finish();
    return d;
  }

  Interest interest(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"name"}, true)));
    Interest i;
    i.meta = f.meta();
    check_unique(f, i.meta);
    i.name = f.nonblank_text("name");
    f.finish();
    return i;
  }

  PortableInteraction interaction(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"date", "kind"}, false)));
    PortableInteraction i;
    i.record.meta = f.meta();
    check_unique(f, i.record.meta);
    i.record.date = f.required_date("date");
    i.record.kind = f.text("kind", true);
    const auto& kinds = interaction_kinds();
    if (std::find(kinds.begin(), kinds.end(), i.record.kind) == kinds.end()) {
      f.fail("kind", fmt::format("unknown kind '{}' (expected one of {})", shown(i.record.kind),
                                 fmt::join(kinds, ", ")));
    }
    i.record.note = f.text("note");
    i.allies = f.uuids("allies");
    if (i.allies.empty())
      f.fail("allies", "expected at least one ally's id");
    i.record.interests = f.texts("interests");
    i.record.follow_up = f.date("follow_up");
    i.record.follow_up_done = f.date("follow_up_done");
    if (const json* source = f.object("source")) {
      Fields s(*source, where(index, "") + ": field \"source\"");
      i.record.source_uid = s.nonblank_text("uid");
      i.record.source_recurrence_id = s.text("recurrence_id");
      s.finish();
    }
    f.finish();
    return i;
  }

  PortableToBringUp to_bring_up(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"text"}, true)));
    PortableToBringUp t;
    t.record.meta = f.meta();
    check_unique(f, t.record.meta);
    t.ally = f.uuid("ally");
    t.record.text = f.nonblank_text("text");
    t.record.date = f.required_date("date");
    t.record.done = f.date("done");
    f.finish();
    return t;
  }

  PortableFavor favor(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"text"}, true)));
    PortableFavor v;
    v.record.meta = f.meta();
    check_unique(f, v.record.meta);
    v.ally = f.uuid("ally");
    std::string direction = f.text("direction", true);
    if (direction != "gave" && direction != "got") {
      f.fail("direction", fmt::format("'{}' is neither \"gave\" nor \"got\"", shown(direction)));
    }
    v.record.direction = direction == "gave" ? FavorDirection::gave : FavorDirection::got;
    v.record.text = f.text("text", true);
    v.record.date = f.required_date("date");
    v.record.due = f.date("due");
    v.record.done = f.date("done");
    v.record.thanked = f.date("thanked");
    f.finish();
    return v;
  }

  PortableIntroduction introduction(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"date"}, false)));
    PortableIntroduction i;
    i.record.meta = f.meta();
    check_unique(f, i.record.meta);
    i.a = f.uuid("a");
    i.b = f.uuid("b");
    if (i.a == i.b)
      f.fail("b", "an ally cannot be introduced to themselves");
    i.record.date = f.required_date("date");
    i.record.note = f.text("note");
    f.finish();
    return i;
  }

  Tombstone tombstone(const json& object, std::size_t index) {
    Fields f(object, where(index, label_of(object, {"kind"}, false)));
    Tombstone t;
    t.id = f.uuid("id");
    t.kind = f.text("kind", true);
    const auto& kinds = tombstone_kinds();
    if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end()) {
      f.fail("kind", fmt::format("unknown kind '{}' (expected one of {})", shown(t.kind),
                                 fmt::join(kinds, ", ")));
    }
    t.deleted_at = f.timestamp("deleted_at");
    f.finish();
    return t;
  }

  ConfigEntry config_entry(const json& object) {
    Fields f(object, fmt::format("config[\"{}\"]", shown(m_config_key)));
    ConfigEntry c;
    c.key = m_config_key;
    try {
      check_setting_key(c.key);
    } catch (const UsageError&) {
      throw Conflict(fmt::format("config: unknown setting \"{}\"", shown(c.key)));
    }
    c.meta.id = f.uuid("id");
    c.meta.created_at = f.timestamp("created_at");
    c.meta.updated_at = f.timestamp("updated_at");
    c.value = f.nonblank_text("value");
    try {
      c.value = checked_setting_value(c.key, c.value); // stored as `config` stores it
    } catch (const UsageError& e) {
      f.fail("value", e.what());
    }
    if (!m_ids["config"].insert(uuid_key(c.meta.id)))
      f.fail("id", fmt::format("'{}' appears twice", c.meta.id));
    f.finish();
    return c;
  }

  // Record problems wait until the header is known good: a file that is not an export at all
  // should say so, not complain about its third record.
  void defer(std::string message) {
    if (m_error.empty())
      m_error = std::move(message);
    if (header_seen()) {
      check_header();
      throw Conflict(m_error);
    }
  }

  bool header_seen() const { return !m_format.is_null() && !m_version.is_null(); }

  void check_header() const {
    if (m_format.is_null()) {
      throw Conflict("not an ally export: it has no \"format\": \"ally\"",
                     "export one with 'ally export', or use --format vcard for vCards");
    }
    if (m_format != "ally") {
      throw Conflict(
          fmt::format("not an ally export: \"format\" is {}, expected \"ally\"",
                      shown(m_format.dump(-1, ' ', false, json::error_handler_t::replace))));
    }
    if (m_version.is_null())
      throw Conflict("the export has no \"version\"");
    if (!m_version.is_number_integer()) {
      throw Conflict(
          fmt::format("bad \"version\" {}: expected a whole number",
                      shown(m_version.dump(-1, ' ', false, json::error_handler_t::replace))));
    }
    if (m_version < 1 || m_version > k_export_version) {
      throw Conflict(fmt::format("unknown export version {}: this ally reads versions 1 to {}",
                                 m_version.dump(), k_export_version),
                     "a newer ally wrote it; upgrade ally to import it");
    }
  }

  ExportSink& m_sink;
  std::string m_exported_at;
  Section m_section = Section::none;
  std::string m_name;
  std::size_t m_index = 0;
  std::string m_config_key;
  // The keys seen in each object being read, innermost last: a JSON object with a key twice
  // would otherwise keep the last value without a word.
  std::vector<std::set<std::string>> m_open_keys;
  json m_format;
  json m_version;
  std::string m_error;
  std::map<std::string, KeySet> m_ids;
  std::map<std::string, KeySet> m_numbers;
};

} // namespace

std::size_t ExportDocument::record_count() const {
  return allies.size() + dates.size() + interests.size() + interactions.size() + favors.size() +
         introductions.size() + to_bring_up.size() + tombstones.size() + config.size();
}

const std::vector<std::string>& tombstone_kinds() {
  static const std::vector<std::string> kinds{"ally",         "date",        "interest",
                                              "interaction",  "favor",       "introduction",
                                              "to_bring_up",  "config"};
  return kinds;
}

std::string section_of_kind(const std::string& kind) {
  if (kind == "ally")
    return "allies";
  if (kind == "config" || kind == "to_bring_up")
    return kind;
  return kind + "s";
}

std::string kind_of_section(const std::string& section) {
  for (const auto& kind : tombstone_kinds()) {
    if (section_of_kind(kind) == section)
      return kind;
  }
  return section;
}

ordered_json export_record(const Ally& a) {
  auto j = with_meta(a.meta);
  for (const auto& f : ally_field_table()) {
    if (f.kind == FieldKind::text) {
      j[f.key] = a.*f.text;
    } else if (f.kind == FieldKind::texts) {
      j[f.key] = a.*f.texts;
    } else if (f.key == "cadence") {
      j[f.key] = cadence_word(a.cadence);
    } else if (f.key == "snoozed_until") {
      j[f.key] = date_or_null(a.snoozed_until);
    } else if (f.key == "snooze_all") {
      j[f.key] = a.snooze_all;
    } else if (f.key == "archived") {
      j[f.key] = a.archived;
    } else if (f.key == "added_on") {
      j[f.key] = format_date(a.added);
    }
  }
  return j;
}

ordered_json export_record(const PortableDate& d) {
  auto j = with_meta(d.record.meta);
  j["ally"] = d.ally;
  j["label"] = d.record.label;
  j["date"] = format_yearless(d.record.date);
  j["yearly"] = d.record.yearly;
  return j;
}

ordered_json export_record(const Interest& i) {
  auto j = with_meta(i.meta);
  j["name"] = i.name;
  return j;
}

ordered_json export_record(const PortableInteraction& i) {
  auto j = with_meta(i.record.meta);
  j["date"] = format_date(i.record.date);
  j["kind"] = i.record.kind;
  j["note"] = i.record.note;
  j["allies"] = i.allies;
  j["interests"] = i.record.interests;
  j["follow_up"] = date_or_null(i.record.follow_up);
  j["follow_up_done"] = date_or_null(i.record.follow_up_done);
  if (i.record.source_uid.empty()) {
    j["source"] = nullptr;
  } else {
    ordered_json source;
    source["uid"] = i.record.source_uid;
    source["recurrence_id"] = i.record.source_recurrence_id.empty()
                                  ? ordered_json(nullptr)
                                  : ordered_json(i.record.source_recurrence_id);
    j["source"] = std::move(source);
  }
  return j;
}

ordered_json export_record(const PortableToBringUp& t) {
  auto j = with_meta(t.record.meta);
  j["ally"] = t.ally;
  j["text"] = t.record.text;
  j["date"] = format_date(t.record.date);
  j["done"] = date_or_null(t.record.done);
  return j;
}

ordered_json export_record(const PortableFavor& f) {
  auto j = with_meta(f.record.meta);
  j["ally"] = f.ally;
  j["direction"] = f.record.direction == FavorDirection::gave ? "gave" : "got";
  j["text"] = f.record.text;
  j["date"] = format_date(f.record.date);
  j["due"] = date_or_null(f.record.due);
  j["done"] = date_or_null(f.record.done);
  j["thanked"] = date_or_null(f.record.thanked);
  return j;
}

ordered_json export_record(const PortableIntroduction& i) {
  auto j = with_meta(i.record.meta);
  j["a"] = i.a;
  j["b"] = i.b;
  j["date"] = format_date(i.record.date);
  j["note"] = i.record.note;
  return j;
}

ordered_json export_record(const Tombstone& t) {
  ordered_json j;
  j["id"] = t.id;
  j["kind"] = t.kind;
  j["deleted_at"] = t.deleted_at;
  return j;
}

ordered_json export_record(const ConfigEntry& c) {
  ordered_json j;
  j["id"] = c.meta.id;
  j["created_at"] = c.meta.created_at;
  j["updated_at"] = c.meta.updated_at;
  j["value"] = c.value;
  return j;
}

namespace {

class DocumentSink : public ExportSink {
public:
  explicit DocumentSink(ExportDocument& doc) : m_doc(doc) {}
  void ally(const Ally& r) override { m_doc.allies.push_back(r); }
  void date(const PortableDate& r) override { m_doc.dates.push_back(r); }
  void interest(const Interest& r) override { m_doc.interests.push_back(r); }
  void interaction(const PortableInteraction& r) override { m_doc.interactions.push_back(r); }
  void favor(const PortableFavor& r) override { m_doc.favors.push_back(r); }
  void introduction(const PortableIntroduction& r) override { m_doc.introductions.push_back(r); }
  void to_bring_up(const PortableToBringUp& r) override { m_doc.to_bring_up.push_back(r); }
  void tombstone(const Tombstone& r) override { m_doc.tombstones.push_back(r); }
  void config(const ConfigEntry& r) override { m_doc.config.push_back(r); }

private:
  ExportDocument& m_doc;
};

} // namespace

ExportDocument parse_export(std::string_view bytes) {
  ExportDocument doc;
  DocumentSink sink(doc);
  ExportReader reader(sink);
  reader.read(bytes);
  doc.exported_at = reader.exported_at();
  return doc;
}

void read_export(std::istream& in, ExportSink& sink) { ExportReader(sink).read(in); }

void read_export(std::string_view bytes, ExportSink& sink) { ExportReader(sink).read(bytes); }

} // namespace ally
