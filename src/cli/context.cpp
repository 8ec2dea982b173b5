#include "cli/context.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "ally/date.hpp"
#include "ally/error.hpp"
#include "cli/pager.hpp"

namespace ally::cli {

void Context::page_output() {
  if (!out_is_tty || options.json || options.no_pager || m_paged) return;
  out.flush();
  m_paged.emplace();
  m_out.rdbuf(m_paged->rdbuf());
}

void Context::finish_paging() noexcept {
  if (!m_paged) return;
  try {
    out.flush();
    m_out.rdbuf(&m_out_buf);
    std::string text = m_paged->str();
    m_paged.reset();
    print_paged(*this, text);
  } catch (...) {
    // Nothing more can be shown; the command's own status stands.
  }
}

const Clock& Context::clock() {
  if (!m_clock) {
    std::string today = options.today;
    if (today.empty()) {
      if (const char* env = std::getenv("ALLY_TODAY"); env && *env) today = env;
    }
    if (today.empty()) {
      m_clock = Clock::system();
    } else {
      auto day = parse_iso_date(today);
      if (!day) throw UsageError("bad --today '" + today + "': use YYYY-MM-DD");
      m_clock = Clock::pinned(*day);
    }
  }
  return *m_clock;
}

Store& Context::store(Access access) {
  if (!m_store || (access == Access::write && m_access == Access::read)) {
    m_store.reset();
    m_store.emplace(default_store_path(options.db), access, clock());
    m_access = access;
    if (!m_store->upgrade_backup().empty()) {
      err << "ally: upgraded the store to schema " << current_schema_version()
          << "; the store as it was is kept in " << m_store->upgrade_backup() << '\n';
    }
  }
  return *m_store;
}

bool Context::color() const {
  if (options.color == "always") return true;
  if (options.color == "never") return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  return out_is_tty;
}

bool Context::report_unchanged(const std::string& what, nlohmann::json doc) {
  if (!m_store || m_store->last_write_changed()) return false;
  if (options.json) {
    if (!doc.is_object()) doc = nlohmann::json::object();
    doc["changed"] = false;
    print_json(doc);
  } else {
    out << "nothing to change: " << what << '\n';
  }
  return true;
}

void Context::print_notices() {
  // Below the paged output, as git prints its warnings after the pager ends.
  finish_paging();
  if (!m_store) return;
  for (const auto& notice : m_store->take_notices()) err << "ally: note: " << notice << '\n';
}

void Context::print_json(const nlohmann::json& doc) {
  out.flush();
  raw_out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

namespace context_json {
namespace {

// The elements of a pretty-printed array `depth` levels deep, then its closing bracket.
void stream_elements(std::ostream& to, std::size_t count,
                     const std::function<nlohmann::json(std::size_t)>& element, std::size_t depth) {
  const std::string margin(2 * (depth + 1), ' ');
  for (std::size_t i = 0; i < count; ++i) {
    // An element is indented one step more than its array; its own newlines are all layout
    // (newlines inside strings are escaped).
    std::string text = element(i).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string indented = margin;
    indented.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += margin;
    }
    to << indented << (i + 1 < count ? ",\n" : "\n");
  }
  to << std::string(2 * depth, ' ') << ']';
}

} // namespace
} // namespace context_json

void Context::print_json_array(std::size_t count,
                               const std::function<nlohmann::json(std::size_t)>& element) {
  if (count == 0) return print_json(nlohmann::json::array());
  out.flush();
  raw_out << "[\n";
  context_json::stream_elements(raw_out, count, element, 0);
  raw_out << '\n';
}

void Context::print_json_streaming(nlohmann::json doc, const std::string& key, std::size_t count,
                                   const std::function<nlohmann::json(std::size_t)>& element) {
  if (count == 0) {
    doc[key] = nlohmann::json::array();
    return print_json(doc);
  }
  // The document with a marker where the array goes; the marker's text, quotes unescaped, can
  // be in no string of it.
  doc[key] = "\x01";
  const std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string marker = "\"" + key + "\": \"\\u0001\"";
  const auto at = text.find(marker);
  if (at == std::string::npos) throw Error("internal: the streamed JSON key is missing", 1);
  out.flush();
  raw_out << text.substr(0, at) << '"' << key << "\": [\n";
  context_json::stream_elements(raw_out, count, element, 1);
  raw_out << text.substr(at + marker.size()) << '\n';
}

void add_text(CLI::App& app, TextOption& target, const std::string& name, const std::string& help) {
  target.option = app.add_option(name, target.value, help)->allow_extra_args(false);
}

CLI::Option* add_list(CLI::App& app, std::vector<std::string>& target, const std::string& name,
                      const std::string& help) {
  return app.add_option(name, target, help)->allow_extra_args(false);
}

CLI::Validator non_empty(const std::string& what) {
  return CLI::Validator(
      [what](const std::string& value) { return value.empty() ? "empty " + what : std::string(); },
      "");
}

} // namespace ally::cli
