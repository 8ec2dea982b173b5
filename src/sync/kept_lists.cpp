#include "sync/kept_lists.hpp"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sync/owned_files.hpp"

namespace ally::sync {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::vector<json> json_lines(const fs::path& path) {
  std::vector<json> out;
  std::istringstream in(read_owned(path));
  for (std::string line; std::getline(in, line);) {
    auto j = json::parse(line, nullptr, false);
    if (j.is_object())
      out.push_back(std::move(j));
  }
  return out;
}

std::string text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::string refused_key(const std::string& section, const std::string& id) {
  return section + '\t' + id;
}

fs::path conflicts_path(const fs::path& git_dir) { return git_dir / "ally-sync-conflicts"; }
fs::path refused_path(const fs::path& git_dir) { return git_dir / "ally-sync-refused"; }
fs::path pending_path(const fs::path& git_dir) { return git_dir / "ally-sync-pending"; }

RefusedMap read_refused(const fs::path& git_dir) {
  RefusedMap out;
  for (const auto& j : json_lines(refused_path(git_dir))) {
    Refused r;
    r.info = {text(j, "section"), text(j, "id"), text(j, "file"), text(j, "commit"),
              text(j, "reason")};
    r.line = text(j, "line");
    if (!r.info.section.empty() && !r.info.id.empty())
      out[refused_key(r.info.section, r.info.id)] = std::move(r);
  }
  return out;
}

void write_refused(const fs::path& git_dir, const RefusedMap& refused) {
  std::string content;
  for (const auto& [key, r] : refused) {
    content += dumped({{"section", r.info.section},
                       {"id", r.info.id},
                       {"file", r.info.file},
                       {"commit", r.info.commit},
                       {"reason", r.info.reason},
                       {"line", r.line}});
    content += '\n';
  }
  if (content.empty() && odd_file_kind(refused_path(git_dir)).empty() &&
      !fs::exists(refused_path(git_dir))) {
    return;
  }
  write_owned(refused_path(git_dir), content);
}

std::string conflict_line(const SyncConflict& c) {
  return dumped({{"number", c.number},
                 {"section", c.section},
                 {"id", c.id},
                 {"name", c.name},
                 {"field", c.field},
                 {"kept", c.kept},
                 {"replaced", c.replaced},
                 {"kept_side", c.kept_side},
                 {"replaced_side", c.replaced_side},
                 {"kept_time", c.kept_time},
                 {"replaced_time", c.replaced_time},
                 {"file", c.file}}) +
         '\n';
}

std::vector<SyncConflict> read_conflict_lines(const fs::path& path) {
  std::vector<SyncConflict> out;
  for (const auto& j : json_lines(path)) {
    SyncConflict c;
    c.number = j.contains("number") && j["number"].is_number_integer() ? j["number"].get<std::int64_t>() : 0;
    c.section = text(j, "section");
    c.id = text(j, "id");
    c.name = text(j, "name");
    c.field = text(j, "field");
    c.kept = text(j, "kept");
    c.replaced = text(j, "replaced");
    c.kept_side = text(j, "kept_side");
    c.replaced_side = text(j, "replaced_side");
    c.kept_time = text(j, "kept_time");
    c.replaced_time = text(j, "replaced_time");
    c.file = text(j, "file");
    out.push_back(std::move(c));
  }
  return out;
}

void write_conflicts(const fs::path& git_dir, const std::vector<SyncConflict>& all) {
  std::string content;
  for (const auto& c : all)
    content += conflict_line(c);
  write_owned(conflicts_path(git_dir), content);
}

void keep_conflicts(const fs::path& git_dir, std::vector<SyncConflict>& fresh) {
  if (fresh.empty())
    return;
  std::int64_t last = 0;
  for (const auto& c : read_conflict_lines(conflicts_path(git_dir)))
    last = std::max(last, c.number);
  std::string content;
  for (auto& c : fresh) {
    c.number = ++last;
    content += conflict_line(c);
  }
  append_owned(conflicts_path(git_dir), content);
}

} // namespace ally::sync
