#pragma once
// A small JSON Schema (draft 2020-12) validator for the tests: the subset
// docs/ally-export.schema.json uses — $ref to "#/$defs/…", type, const, enum, pattern,
// minLength, minimum, minItems, required, properties, additionalProperties, items. Keywords it
// does not know are refused, so the schema cannot silently outgrow the validator. `format` is
// not used.
#include <nlohmann/json.hpp>

#include <regex>
#include <string>
#include <vector>

namespace ally_test {

class JsonSchema {
public:
  explicit JsonSchema(nlohmann::json schema) : m_root(std::move(schema)) {}

  // Every way `instance` breaks the schema, as "path: problem"; empty when it is valid.
  std::vector<std::string> errors(const nlohmann::json& instance) const {
    std::vector<std::string> out;
    check(instance, m_root, "$", out);
    return out;
  }

private:
  static std::size_t code_points(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text)
      n += (c & 0xC0) != 0x80;
    return n;
  }

  static bool has_type(const nlohmann::json& value, const std::string& type) {
    if (type == "object")
      return value.is_object();
    if (type == "array")
      return value.is_array();
    if (type == "string")
      return value.is_string();
    if (type == "boolean")
      return value.is_boolean();
    if (type == "null")
      return value.is_null();
    if (type == "integer")
      return value.is_number_integer();
    if (type == "number")
      return value.is_number();
    throw std::runtime_error("schema: unknown type " + type);
  }

  const nlohmann::json& resolve(const std::string& ref) const {
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0)
      throw std::runtime_error("schema: unsupported $ref " + ref);
    return m_root.at("$defs").at(ref.substr(prefix.size()));
  }

  void check(const nlohmann::json& v, const nlohmann::json& s, const std::string& path,
             std::vector<std::string>& out) const {
    static const std::vector<std::string> k_known{
        "$schema",     "$id",      "$defs",      "title",
        "description", "$ref",     "type",       "const",
        "enum",        "pattern",  "minLength",  "minimum",
        "minItems",    "required", "properties", "additionalProperties",
        "items"};
    for (auto it = s.begin(); it != s.end(); ++it) {
      if (std::find(k_known.begin(), k_known.end(), it.key()) == k_known.end()) {
        throw std::runtime_error("schema: unsupported keyword " + it.key());
      }
    }
    auto fail = [&](const std::string& why) { out.push_back(path + ": " + why); };
    if (s.contains("$ref"))
      check(v, resolve(s["$ref"]), path, out);
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_array()) {
        for (const auto& t : s["type"])
          ok = ok || has_type(v, t);
      } else {
        ok = has_type(v, s["type"]);
      }
      if (!ok)
        return fail("expected type " + s["type"].dump() + ", got " + v.dump().substr(0, 60));
    }
    if (s.contains("const") && v != s["const"])
      fail("expected " + s["const"].dump());
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) {
      fail("not one of " + s["enum"].dump());
    }
    if (v.is_string()) {
      const auto& text = v.get_ref<const std::string&>();
      if (s.contains("pattern") &&
          !std::regex_search(text, std::regex(s["pattern"].get<std::string>()))) {
        fail("'" + text.substr(0, 60) + "' does not match " + s["pattern"].get<std::string>());
      }
      if (s.contains("minLength") && code_points(text) < s["minLength"].get<std::size_t>())
        fail("too short");
    }
    if (v.is_number() && s.contains("minimum") && v.get<double>() < s["minimum"].get<double>()) {
      fail("below the minimum " + s["minimum"].dump());
    }
    if (v.is_array()) {
      if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
        fail("too few items");
      if (s.contains("items")) {
        for (std::size_t i = 0; i < v.size(); ++i) {
          check(v[i], s["items"], path + "[" + std::to_string(i) + "]", out);
        }
      }
    }
    if (v.is_object()) {
      if (s.contains("required")) {
        for (const auto& key : s["required"]) {
          if (!v.contains(key.get<std::string>()))
            fail("missing " + key.dump());
        }
      }
      for (auto it = v.begin(); it != v.end(); ++it) {
        std::string child = path + "." + it.key();
        if (s.contains("properties") && s["properties"].contains(it.key())) {
          check(it.value(), s["properties"][it.key()], child, out);
        } else if (s.contains("additionalProperties")) {
          const auto& extra = s["additionalProperties"];
          if (extra.is_boolean()) {
            if (!extra.get<bool>())
              fail("unexpected property \"" + it.key() + "\"");
          } else {
            check(it.value(), extra, child, out);
          }
        }
      }
    }
  }

  nlohmann::json m_root;
};

} // namespace ally_test
