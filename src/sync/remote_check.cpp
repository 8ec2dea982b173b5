#include "sync/remote_check.hpp"

#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ally/error.hpp"
#include "sync/layout.hpp"

namespace ally::sync {
namespace {

constexpr const char* k_hint =
    "fix the repository (in a clone, commit the fix and push), or sync through another one "
    "with 'ally sync init REMOTE'";

std::string what_mode(const std::string& mode, const std::string& type) {
  if (mode == "120000")
    return "a symlink";
  if (mode == "160000" || type == "commit")
    return "a submodule";
  if (mode == "100755")
    return "an executable file";
  return fmt::format("a git object of mode {}", mode);
}

std::string short_sha(const std::string& commit) { return commit.substr(0, 12); }

void refuse(const std::string& commit, const std::string& path, const std::string& why) {
  throw Conflict(fmt::format("sync: the remote's commit {} holds '{}', {}; nothing was changed",
                             short_sha(commit), path, why),
                 k_hint);
}

void check_format(Git& git, const std::string& commit, const std::string& sha) {
  std::string text = git.must({"cat-file", "blob", sha}, "reading the remote's ally-sync.json");
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::string format = j.is_object() && j.contains("format") && j["format"].is_string()
                           ? j["format"].get<std::string>()
                           : std::string();
  if (format != "ally-sync")
    refuse(commit, k_format_file, "which is not ally's sync format");
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<long long>() < 1)
    refuse(commit, k_format_file, "which has no valid version");
  auto version = j["version"].get<long long>();
  if (version > k_format_version) {
    throw Conflict(fmt::format("sync: the remote was written by a newer ally (ally-sync version "
                               "{}; this ally reads up to {}); nothing was changed",
                               version, k_format_version),
                   "upgrade ally on every machine");
  }
}

} // namespace

void check_remote_commit(Git& git, const std::string& commit) {
  std::string listing =
      git.must({"ls-tree", "-r", "-l", "-z", "--full-tree", commit}, "reading the remote's commit");
  bool has_records = false;
  std::string format_sha;
  std::size_t start = 0;
  while (start < listing.size()) {
    auto end = listing.find('\0', start);
    if (end == std::string::npos)
      end = listing.size();
    std::string entry = listing.substr(start, end - start);
    start = end + 1;
    // "<mode> <type> <object> <size padded>\t<path>"
    auto tab = entry.find('\t');
    if (tab == std::string::npos)
      continue;
    std::string path = entry.substr(tab + 1);
    std::istringstream meta(entry.substr(0, tab));
    std::string mode, type, sha, size_text;
    meta >> mode >> type >> sha >> size_text;
    auto kind = path_kind(path);
    bool regular = mode == "100644" && type == "blob";
    if (kind == PathKind::ignored) {
      if (!regular && !(mode == "100755" && type == "blob"))
        refuse(commit, path, fmt::format("which is {}", what_mode(mode, type)));
      continue;
    }
    if (!regular)
      refuse(commit, path, fmt::format("which is {}, not a plain file", what_mode(mode, type)));
    if (kind == PathKind::other)
      refuse(commit, path, "which is not part of an ally sync repository");
    std::size_t size = 0;
    try {
      size = static_cast<std::size_t>(std::stoull(size_text));
    } catch (const std::exception&) {
      refuse(commit, path, "of unknown size");
    }
    std::size_t limit = kind == PathKind::record ? k_max_record_file : k_max_small_file;
    if (size > limit) {
      refuse(commit, path, fmt::format("of {} KiB, over the limit of {} KiB", size >> 10,
                                       limit >> 10));
    }
    if (kind == PathKind::record)
      has_records = true;
    if (kind == PathKind::format)
      format_sha = sha;
  }
  if (!format_sha.empty())
    check_format(git, commit, format_sha);
  else if (has_records)
    refuse(commit, "(top)", "record files without an ally-sync.json: not ally's repository");
}

void check_remote_branches(Git& git, const std::string& prefix) {
  std::string refs = git.must({"for-each-ref", "--format=%(refname)", prefix},
                              "listing the remote's branches");
  std::istringstream in(refs);
  std::vector<std::string> others;
  bool has_main = false;
  for (std::string ref; std::getline(in, ref);) {
    if (ref.empty())
      continue;
    std::string name = ref.substr(prefix.size());
    if (name == "main")
      has_main = true;
    else if (name != "HEAD")
      others.push_back(name);
  }
  if (has_main || others.empty())
    return;
  throw Conflict(
      fmt::format("sync: the remote holds branch '{}' but no ally data (no branch 'main'); "
                  "ally will not push into an unrelated repository; nothing was changed",
                  others.front()),
      "sync through an empty private repository of its own ('git init --bare PATH')");
}

} // namespace ally::sync
