// `ally sync`: the store's records as files in a git work tree, and the git commands that
// carry them between stores. Every git command runs outside the store's transaction; the one
// write transaction imports what the merge brought in.
#include "ally/sync.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/export_format.hpp"
#include "ally/text.hpp"
#include "sync/git.hpp"
#include "sync/kept_lists.hpp"
#include "sync/layout.hpp"
#include "sync/owned_files.hpp"
#include "sync/remote_check.hpp"

namespace ally {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using sync::Git;
using sync::k_sections;
using sync::last_line;
using sync::read_owned;
using sync::write_owned;

constexpr const char* k_branch = "main";
constexpr const char* k_remote_prefix = "refs/remotes/origin/";
constexpr const char* k_remote_ref = "refs/remotes/origin/main";
// Every branch (fetching a remote that has none yet, a new bare repository, is no error), and
// branches deleted there are forgotten here.
constexpr const char* k_fetch_refspec = "+refs/heads/*:refs/remotes/origin/*";
constexpr int k_push_attempts = 5;
// Records per import_json call: the memory of one chunk, not of the whole remote.
constexpr std::size_t k_import_chunk = 20000;

// One sync at a time per work tree: a second one waits. The kernel drops the lock when its
// process dies, so a killed sync never blocks the next.
class SyncLock {
public:
  explicit SyncLock(const fs::path& git_dir) {
    m_fd = ::open((git_dir / "ally-sync-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0 || ::flock(m_fd, LOCK_EX) != 0)
      throw StoreError(fmt::format("sync: cannot lock '{}'", git_dir.string()));
  }
  ~SyncLock() {
    if (m_fd >= 0)
      ::close(m_fd);
  }
  SyncLock(const SyncLock&) = delete;
  SyncLock& operator=(const SyncLock&) = delete;

private:
  int m_fd = -1;
};

// ---- The store as files ----

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty())
      out.push_back(std::move(line));
  }
  return out;
}


std::string shard_of(const std::string& id) {
  std::string prefix = id.substr(0, 2);
  for (auto& c : prefix)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return prefix;
}

// Writes every record of the store into <section>/<xx>.jsonl, one line per record sorted by
// id, without the per-store number. Only files whose content changed are rewritten; a shard
// that became empty stays as an empty file (git merges a deleted file badly).
class ShardWriter {
public:
  ShardWriter(fs::path dir, const sync::RefusedMap& refused) : m_dir(std::move(dir)), m_refused(refused) {}

  void write_all(Store& store) {
    for_each_export_record(store, [&](const std::string& section, ordered_json& record) {
      if (section != m_section) {
        flush();
        m_section = section;
      }
      auto number = record.value("number", std::int64_t{0});
      record.erase("number");
      // Who was there, by UUID rather than by this store's numbers, so every store writes the
      // same line.
      if (section == "interactions" && record.contains("allies") && record["allies"].is_array())
        std::sort(record["allies"].begin(), record["allies"].end());
      std::string id = record.value("id", std::string());
      // A line refused from the remote stays as the remote has it, so that this store neither
      // deletes it there nor overwrites it until the remote changes it.
      if (auto kept = m_refused.find(sync::refused_key(section, id)); kept != m_refused.end()) {
        m_shards[shard_of(id)].emplace_back(std::move(id), kept->second.line);
        return;
      }
      auto line = record.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
      if (line.size() > k_max_import_text)
        note_oversized(section, id, number, record);
      m_shards[shard_of(id)].emplace_back(std::move(id), std::move(line));
    });
    flush();
    // A section with no record left still has its files emptied.
    for (const char* section : k_sections) {
      if (!m_seen.count(section)) {
        m_section = section;
        flush();
      }
    }
  }

  // Records with a text over the limit: other stores refuse them.
  const std::vector<OversizedRecord>& oversized() const { return m_oversized; }

private:
  void flush() {
    if (m_section.empty())
      return;
    m_seen.insert(m_section);
    add_refused_the_store_lacks();
    fs::path folder = m_dir / m_section;
    sync::make_owned_folder(folder);
    std::unordered_set<std::string> written;
    for (auto& [shard, lines] : m_shards) {
      std::sort(lines.begin(), lines.end());
      std::string content;
      for (const auto& [id, line] : lines) {
        content += line;
        content += '\n';
      }
      put(folder / (shard + ".jsonl"), content, &lines);
      written.insert(shard + ".jsonl");
      if (m_section == "tombstones") {
        for (const auto& [id, line] : lines)
          m_tombstones.insert(id);
      }
    }
    for (const auto& entry : fs::directory_iterator(folder)) {
      auto name = entry.path().filename().string();
      if (sync::path_kind(m_section + "/" + name) == sync::PathKind::record && !written.count(name))
        put(entry.path(), "", nullptr);
    }
    m_shards.clear();
    m_section.clear();
  }

  void add_refused_the_store_lacks() {
    std::string prefix = sync::refused_key(m_section, "");
    std::unordered_set<std::string> present;
    for (auto it = m_refused.lower_bound(prefix);
         it != m_refused.end() && it->first.rfind(prefix, 0) == 0; ++it) {
      if (present.empty()) {
        for (const auto& [shard, lines] : m_shards) {
          for (const auto& line : lines)
            present.insert(line.first);
        }
      }
      const auto& id = it->second.info.id;
      if (!present.count(id))
        m_shards[shard_of(id)].emplace_back(id, it->second.line);
    }
  }

  void note_oversized(const std::string& section, const std::string& id, std::int64_t number,
                      const ordered_json& record) {
    for (const auto& [key, value] : record.items()) {
      if (value.is_string() && value.get_ref<const std::string&>().size() > k_max_import_text)
        m_oversized.push_back({section, id, key, number, value.get_ref<const std::string&>().size()});
    }
  }

  // Rewrites a file that changed, noting the records that were in it and are no more.
  void put(const fs::path& path, const std::string& content,
           const std::vector<std::pair<std::string, std::string>>* lines) {
    if (!fs::exists(path)) {
      if (!content.empty())
        write_owned(path, content);
      return;
    }
    std::string old = read_owned(path);
    if (old == content)
      return;
    std::unordered_set<std::string> now;
    if (lines) {
      for (const auto& [id, line] : *lines)
        now.insert(id);
    }
    for (const auto& line : lines_of(old)) {
      auto id = line.substr(7, 36);
      if (line.rfind(R"({"id":")", 0) == 0 && line.size() > 44 && !now.count(id))
        m_vanished.emplace_back(m_section, id);
    }
    write_owned(path, content);
  }

  fs::path m_dir;
  const sync::RefusedMap& m_refused;
  std::vector<OversizedRecord> m_oversized;
  std::string m_section;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> m_shards;
  std::unordered_set<std::string> m_seen;
  std::unordered_set<std::string> m_tombstones;
  std::vector<std::pair<std::string, std::string>> m_vanished;

public:
  // Records (section, id) merged by key — a setting, a topic, a labelled date — that were in
  // the files and are in the store no more, without a tombstone: they lost to another record
  // of the same key. Other records that vanish were undone here, and an undo stays local:
  // tombstoning them would delete another machine's conversation there too.
  std::vector<std::pair<std::string, std::string>> untombstoned() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& v : m_vanished) {
      bool keyed = v.first == "config" || v.first == "interests" || v.first == "dates";
      if (keyed && !m_tombstones.count(v.second))
        out.push_back(v);
    }
    return out;
  }
};

// ---- What changed between two trees ----

// The record lines that are new or changed in `to` compared with `from`, by section. Lines
// only in `from` are records deleted since; their tombstones say so.
using Changes = std::map<std::string, std::vector<std::string>>;

bool is_section(const std::string& name) { return sync::is_section(name); }

std::vector<std::string> split_z(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\0', start);
    if (end == std::string::npos)
      end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Reads many blobs with one git process.
std::vector<std::string> read_blobs(Git& git, const std::vector<std::string>& shas) {
  std::vector<std::string> out(shas.size());
  if (shas.empty())
    return out;
  std::string input;
  for (const auto& sha : shas)
    input += sha + '\n';
  std::string text = git.must({"cat-file", "--batch"}, "reading the repository", input);
  std::size_t pos = 0;
  for (std::size_t i = 0; i < shas.size(); ++i) {
    auto header_end = text.find('\n', pos);
    if (header_end == std::string::npos)
      throw Conflict("sync: the repository gave a short answer");
    std::string header = text.substr(pos, header_end - pos);
    auto space = header.rfind(' ');
    if (header.find(" missing") != std::string::npos || space == std::string::npos)
      throw Conflict(fmt::format("sync: the repository lacks {}", shas[i]));
    std::size_t size = std::stoull(header.substr(space + 1));
    out[i] = text.substr(header_end + 1, size);
    pos = header_end + 1 + size + 1;
  }
  return out;
}

// `from` empty: everything in `to`. With `counts`, the lines are only counted there.
Changes changes_between(Git& git, const std::optional<std::string>& from, const std::string& to,
                        SyncCounts* counts = nullptr) {
  struct File {
    std::string section, old_sha, new_sha;
  };
  std::vector<File> files;
  const std::string zero(40, '0');
  if (!from) {
    auto fields = split_z(git.must({"ls-tree", "-r", "-z", to}, "reading the repository"));
    for (const auto& entry : fields) {
      // "<mode> blob <sha>\t<path>"
      auto tab = entry.find('\t');
      if (tab == std::string::npos)
        continue;
      std::string path = entry.substr(tab + 1);
      std::string section = path.substr(0, path.find('/'));
      if (!is_section(section) || path.size() < 6 || path.substr(path.size() - 6) != ".jsonl")
        continue;
      auto meta = entry.substr(0, tab);
      files.push_back({section, zero, meta.substr(meta.rfind(' ') + 1)});
    }
  } else {
    auto fields = split_z(git.must(
        {"diff", "--raw", "-z", "--no-renames", "--no-abbrev", *from, to}, "comparing versions"));
    // ":<mode> <mode> <old sha> <new sha> <status>" then the path.
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
      std::istringstream meta(fields[i]);
      std::string old_mode, new_mode, old_sha, new_sha;
      meta >> old_mode >> new_mode >> old_sha >> new_sha;
      const std::string& path = fields[i + 1];
      std::string section = path.substr(0, path.find('/'));
      if (!is_section(section) || path.size() < 6 || path.substr(path.size() - 6) != ".jsonl")
        continue;
      files.push_back({section, old_sha, new_sha});
    }
  }
  // A few files at a time: memory holds a batch of blobs, not the repository.
  constexpr std::size_t k_batch = 64;
  Changes changes;
  for (std::size_t first = 0; first < files.size(); first += k_batch) {
    std::size_t last = std::min(files.size(), first + k_batch);
    std::vector<std::string> shas;
    for (std::size_t i = first; i < last; ++i) {
      if (files[i].old_sha != zero)
        shas.push_back(files[i].old_sha);
      if (files[i].new_sha != zero)
        shas.push_back(files[i].new_sha);
    }
    auto blobs = read_blobs(git, shas);
    std::size_t next = 0;
    for (std::size_t i = first; i < last; ++i) {
      const auto& f = files[i];
      std::string old_text = f.old_sha != zero ? std::move(blobs[next++]) : std::string();
      std::string new_text = f.new_sha != zero ? std::move(blobs[next++]) : std::string();
      auto old_lines = lines_of(old_text);
      std::unordered_set<std::string> before(old_lines.begin(), old_lines.end());
      for (auto& line : lines_of(new_text)) {
        if (before.count(line))
          continue;
        if (counts)
          ++counts->sections[f.section];
        else
          changes[f.section].push_back(std::move(line));
      }
    }
  }
  return changes;
}


// ---- Importing what came in ----

std::string document_of(const std::string& section, const std::vector<const std::string*>& lines) {
  std::string text = R"({"format":"ally","version":2,")" + section + "\":";
  bool config = section == "config";
  text += config ? '{' : '[';
  bool first = true;
  for (const auto* line : lines) {
    if (!first)
      text += ',';
    first = false;
    if (!config) {
      text += *line;
      continue;
    }
    auto entry = ordered_json::parse(*line, nullptr, false);
    if (!entry.is_object() || !entry.contains("key") || !entry["key"].is_string())
      throw Conflict("a setting without a key");
    std::string key = entry["key"].get<std::string>();
    entry.erase("key");
    text += ordered_json(key).dump() + ':' + entry.dump();
  }
  text += config ? "}}" : "]}";
  return text;
}

std::string line_id(const std::string& line) {
  constexpr std::string_view k_prefix = R"({"id":")";
  if (line.size() > k_prefix.size() + 36 && line.rfind(k_prefix, 0) == 0)
    return line.substr(k_prefix.size(), 36);
  auto j = ordered_json::parse(line, nullptr, false);
  if (j.is_object() && j.contains("id") && j["id"].is_string())
    return j["id"].get<std::string>();
  return "(no id)";
}

// Imports records into the store: a chunk at a time, and a chunk that fails one record at a
// time, so that one bad record is refused and the others are taken.
class Importer {
public:
  Importer(Store& store, sync::RefusedMap& refused, std::string commit)
      : m_store(store), m_refused(refused), m_commit(std::move(commit)) {}

  void section(const std::string& section, const std::vector<const std::string*>& lines) {
    for (std::size_t from = 0; from < lines.size(); from += k_import_chunk) {
      std::size_t to = std::min(lines.size(), from + k_import_chunk);
      std::vector<const std::string*> chunk(lines.begin() + static_cast<std::ptrdiff_t>(from),
                                            lines.begin() + static_cast<std::ptrdiff_t>(to));
      try {
        within_savepoint(m_store, [&] { import(section, chunk); });
        for (const auto* line : chunk)
          taken(section, *line);
      } catch (const Conflict&) {
        one_by_one(section, chunk);
      } catch (const UsageError&) {
        one_by_one(section, chunk);
      }
    }
  }

  SyncCounts received;

private:
  void import(const std::string& section, const std::vector<const std::string*>& lines) {
    ExportDocument doc = parse_export(document_of(section, lines));
    import_json(m_store, doc, MergeMode::merge);
    if (!doc.tombstones.empty())
      adopt_tombstones(m_store, doc.tombstones);
  }

  void one_by_one(const std::string& section, const std::vector<const std::string*>& lines) {
    for (const auto* line : lines) {
      try {
        within_savepoint(m_store, [&] { import(section, {line}); });
        taken(section, *line);
      } catch (const Conflict& e) {
        refuse(section, *line, e.what());
      } catch (const UsageError& e) {
        refuse(section, *line, e.what());
      }
    }
  }

  void taken(const std::string& section, const std::string& line) {
    ++received.sections[section];
    m_refused.erase(sync::refused_key(section, line_id(line)));
  }

  void refuse(const std::string& section, const std::string& line, std::string reason) {
    // parse_export names the place as "<section>[0]…": the record is named by the caller.
    auto colon = reason.find("]");
    if (reason.rfind(section + "[", 0) == 0 && colon != std::string::npos)
      reason = reason.substr(colon + 1);
    while (!reason.empty() && (reason.front() == ':' || reason.front() == ' '))
      reason.erase(reason.begin());
    std::string id = line_id(line);
    sync::Refused r;
    r.info = {section, id, fmt::format("{}/{}.jsonl", section, shard_of(id)), m_commit.substr(0, 12),
              reason};
    r.line = line;
    m_refused[sync::refused_key(section, id)] = std::move(r);
  }

  Store& m_store;
  sync::RefusedMap& m_refused;
  std::string m_commit;
};

// Imports the changed records, and retries the ones refused before (a fixed ally lets its
// conversations in), in one write transaction.
SyncCounts import_changes(Store& store, const Changes& changes, const std::string& summary,
                          const std::string& commit, sync::RefusedMap& refused) {
  if (changes.empty() && refused.empty())
    return {};
  Importer importer(store, refused, commit);
  store.write(summary, [&] {
    for (const char* section : k_sections) {
      std::vector<const std::string*> lines;
      std::unordered_set<std::string> changed;
      if (auto found = changes.find(section); found != changes.end()) {
        for (const auto& line : found->second) {
          lines.push_back(&line);
          changed.insert(line_id(line));
        }
      }
      std::string prefix = sync::refused_key(section, "");
      std::vector<std::string> retried;
      for (auto it = refused.lower_bound(prefix);
           it != refused.end() && it->first.rfind(prefix, 0) == 0; ++it) {
        if (!changed.count(it->second.info.id))
          retried.push_back(it->second.line);
      }
      for (const auto& line : retried)
        lines.push_back(&line);
      if (!lines.empty())
        importer.section(section, lines);
      // Lines retried count as received only the time they get in.
    }
  });
  return importer.received;
}

// ---- The work tree ----

fs::path git_dir_of(const fs::path& dir) { return dir / ".git"; }

std::optional<std::string> read_state(Git& git, const fs::path& dir) {
  std::string text = last_line(read_owned(git_dir_of(dir) / "ally-sync-state"));
  // A state naming a commit this repository lacks (a damaged work tree) means "nothing
  // imported yet": the import runs again in full, which changes only what differs.
  if (text.size() != 40 || !git.commit_of(text))
    return std::nullopt;
  return text;
}

void write_state(const fs::path& dir, const std::string& commit) {
  fs::path path = git_dir_of(dir) / "ally-sync-state";
  fs::path temp = path;
  temp += ".tmp";
  write_owned(temp, commit + "\n");
  fs::rename(temp, path);
}

void require_work_tree(const fs::path& dir) {
  if (!fs::exists(fs::symlink_status(dir / ".git"))) {
    throw Conflict("sync is not set up for this store",
                   "run 'ally sync init REMOTE' with a private git repository (URL or path)");
  }
}

// Local tampering (or an old ally's bug) refused before git or ally writes anything: the
// work tree, its .git and the record folders are real folders, and the files ally reads are
// regular files.
void check_work_tree(const fs::path& dir) {
  auto check = [](const fs::path& path, bool folder) {
    if (auto odd = sync::odd_file_kind(path, folder); !odd.empty())
      sync::refuse_odd(path, odd);
  };
  check(dir, true);
  check(git_dir_of(dir), true);
  check(dir / sync::k_format_file, false);
  check(dir / ".gitattributes", false);
  for (const char* section : k_sections) {
    fs::path folder = dir / section;
    check(folder, true);
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(folder)))
      continue;
    for (const auto& entry : fs::directory_iterator(folder, ec))
      check(entry.path(), false);
  }
}

std::string label_of(Git& git) {
  auto r = git.run({"config", "--get", "ally.label"});
  std::string label = r.ok() ? last_line(r.out) : std::string();
  return label.empty() ? std::string("this store") : label;
}

// The label a commit's subject carries ("ally sync (laptop): …"); commits of older allies
// carry none.
std::string label_in_subject(const std::string& subject) {
  constexpr std::string_view k_prefix = "ally sync (";
  if (subject.rfind(k_prefix, 0) != 0)
    return {};
  auto close = subject.find(')', k_prefix.size());
  if (close == std::string::npos)
    return {};
  return subject.substr(k_prefix.size(), close - k_prefix.size());
}

void register_driver(Git& git, const fs::path& dir, const std::string& program) {
  git.must({"config", "merge.ally.name", "ally records: merged field by field, by UUID"},
           "configuring git");
  git.must({"config", "merge.ally.driver",
            shell_quoted(program) + " sync merge-driver %O %A %B %P"},
           "configuring git");
  sync::make_owned_folder(git_dir_of(dir) / "info");
  // Above any .gitattributes the remote sends.
  write_owned(git_dir_of(dir) / "info" / "attributes", "*.jsonl -text merge=ally\n");
  // Only ally's files go into the repository, whatever else lands in the folder.
  std::string exclude = "/*\n!/.gitattributes\n!/ally-sync.json\n";
  for (const char* section : k_sections)
    exclude += fmt::format("!/{0}/\n/{0}/*\n!/{0}/[0-9a-f][0-9a-f].jsonl\n", section);
  write_owned(git_dir_of(dir) / "info" / "exclude", exclude);
}

std::string remote_of(Git& git) {
  auto r = git.run({"remote", "get-url", "origin"});
  return r.ok() ? last_line(r.out) : std::string();
}

// A sync killed midway can leave git's lock files and a half-done merge; with our lock held
// no git of ours runs, so they are stale. The files themselves are rewritten from the store.
void repair(Git& git, const fs::path& dir) {
  fs::path git_dir = git_dir_of(dir);
  std::error_code ec;
  for (const char* name : {"index.lock", "HEAD.lock", "ORIG_HEAD.lock", "config.lock",
                           "packed-refs.lock", "MERGE_HEAD.lock"}) {
    fs::remove(git_dir / name, ec);
  }
  for (auto it = fs::recursive_directory_iterator(git_dir / "refs", ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".lock")
      fs::remove(it->path(), ec);
  }
  if (git.commit_of("HEAD"))
    git.must({"reset", "-q", "--hard", "HEAD"}, "repairing an interrupted sync");
}

// "allies 2, interactions 1", for a commit message: counts, nothing personal.
std::string counts_text(const SyncCounts& counts) {
  std::string out;
  for (const auto& [section, n] : counts.sections) {
    if (n == 0)
      continue;
    if (!out.empty())
      out += ", ";
    out += fmt::format("{} {}", section, n);
  }
  return out.empty() ? "no records" : out;
}

struct Committed {
  std::string commit;
  bool is_new = false;
  std::vector<OversizedRecord> oversized;
};

// Writes the store's records and commits them when they changed.
Committed commit_store(Git& git, Store& store, const fs::path& dir, const std::string& label,
                       const sync::RefusedMap& refused) {
  ShardWriter writer(dir, refused);
  writer.write_all(store);
  Committed out;
  out.oversized = writer.oversized();
  // A record gone from the store without a tombstone is dead here: say so, or the other
  // stores would keep it.
  if (auto gone = writer.untombstoned(); !gone.empty()) {
    store.write("sync: records that lost to others", [&] {
      for (const auto& [section, id] : gone) {
        add_tombstone(store, id, kind_of_section(section));
      }
    });
    ShardWriter(dir, refused).write_all(store);
  }
  write_owned(dir / sync::k_format_file, sync::k_format_text);
  write_owned(dir / ".gitattributes", sync::k_attributes);
  git.must({"add", "-A", "--", "."}, "staging the records");
  auto head = git.commit_of("HEAD");
  bool changed = !head || git.run({"diff", "--cached", "--quiet"}).status == 1;
  if (!changed) {
    out.commit = *head;
    return out;
  }
  std::string tree = last_line(git.must({"write-tree"}, "reading the records"));
  SyncCounts counts;
  changes_between(git, head, tree, &counts);
  git.must({"commit", "-q", "--no-verify", "-m",
            fmt::format("ally sync ({}): {}", label, counts_text(counts))},
           "committing the records");
  auto now = git.commit_of("HEAD");
  if (!now)
    throw Conflict("sync: git made no commit");
  out.commit = *now;
  out.is_new = true;
  return out;
}

// The fetched remote, checked before anything of it is used.
std::optional<std::string> fetch_remote(Git& git) {
  git.must({"fetch", "-q", "--prune", "--no-tags", "origin", k_fetch_refspec},
           "fetching from the remote");
  sync::check_remote_branches(git, k_remote_prefix);
  auto remote = git.commit_of(k_remote_ref);
  if (remote)
    sync::check_remote_commit(git, *remote);
  return remote;
}

// The conflicts the merge driver noted, with each side named by the label of the last commit
// that changed the file on that side.
std::vector<SyncConflict> take_pending(Git& git, const fs::path& dir, const std::string& ours,
                                       const std::string& theirs) {
  fs::path pending = sync::pending_path(git_dir_of(dir));
  auto found = sync::read_conflict_lines(pending);
  std::error_code ec;
  fs::remove(pending, ec);
  std::map<std::pair<std::string, std::string>, std::string> labels;
  auto label = [&](const std::string& side, const std::string& file) {
    const std::string& commit = side == "ours" ? ours : theirs;
    auto key = std::make_pair(commit, file);
    if (auto it = labels.find(key); it != labels.end())
      return it->second;
    auto r = git.run({"log", "-1", "--no-merges", "--format=%s", commit, "--", file});
    std::string name = r.ok() ? label_in_subject(last_line(r.out)) : std::string();
    if (name.empty())
      name = side == "ours" ? label_of(git) : "the remote";
    return labels[key] = name;
  };
  for (auto& c : found) {
    c.kept_side = label(c.kept_side, c.file);
    c.replaced_side = label(c.replaced_side, c.file);
  }
  return found;
}

enum class Push { done, remote_moved };

struct Exchange {
  Push outcome = Push::remote_moved;
  SyncCounts sent; // records the remote lacked before the push
  std::string fetched; // the remote's commit that was merged, "" when it had none
};

// Fetches, checks and merges what the remote has that we lack, and pushes. Throws Conflict
// when the remote cannot be reached, is refused, or refuses the push for a reason other than
// having moved. Conflicts found by the merge are kept and added to `conflicts`.
Exchange exchange(Git& git, const fs::path& dir, std::vector<SyncConflict>& conflicts) {
  auto remote = fetch_remote(git);
  auto head = git.commit_of("HEAD");
  if (remote && *remote != *head &&
      git.run({"merge-base", "--is-ancestor", *remote, "HEAD"}).status != 0) {
    std::error_code ec;
    fs::remove(sync::pending_path(git_dir_of(dir)), ec);
    auto merged = git.run({"merge", "-q", "--no-edit", "--no-verify", "--allow-unrelated-histories",
                           "-m", fmt::format("ally sync ({}): merge", label_of(git)), k_remote_ref});
    if (!merged.ok()) {
      git.run({"merge", "--abort"});
      git.run({"reset", "-q", "--hard", *head});
      fs::remove(sync::pending_path(git_dir_of(dir)), ec);
      throw Conflict(fmt::format("sync: the merge failed: {}", sync::git_reason(merged)),
                     "the store is unchanged; the repository may hold files ally did not write");
    }
    auto fresh = take_pending(git, dir, *head, *remote);
    sync::keep_conflicts(git_dir_of(dir), fresh);
    conflicts.insert(conflicts.end(), fresh.begin(), fresh.end());
  }
  std::string fetched = remote.value_or(std::string());
  if (remote && git.commit_of("HEAD") == remote)
    return {Push::done, {}, fetched};
  auto pushed =
      git.run({"push", "--porcelain", "origin", fmt::format("HEAD:refs/heads/{}", k_branch)});
  if (pushed.ok()) {
    Exchange done{Push::done, {}, fetched};
    changes_between(git, remote, "HEAD", &done.sent);
    return done;
  }
  // "!<tab>HEAD:refs/heads/main<tab>[rejected] (fetch first)": someone pushed meanwhile; or
  // they pushed during our push, and the remote's ref was not what we were told it was.
  bool moved = (pushed.out.find("[rejected]") != std::string::npos &&
                (pushed.out.find("fetch first") != std::string::npos ||
                 pushed.out.find("non-fast-forward") != std::string::npos)) ||
               pushed.err.find("cannot lock ref") != std::string::npos ||
               pushed.out.find("failed to update ref") != std::string::npos ||
               pushed.out.find("stale info") != std::string::npos;
  if (moved)
    return {Push::remote_moved, {}, fetched};
  throw Conflict(fmt::format("sync: the remote refused the push: {}", sync::git_reason(pushed)),
                 "nothing was imported; your changes are kept and go with the next 'ally sync'");
}

void add_counts(SyncCounts& into, const SyncCounts& more) {
  for (const auto& [section, n] : more.sections)
    into.sections[section] += n;
}

// A first sync joins the remote's history (when it has one) instead of starting its own: the
// catch-up then imports all of it, and this store's own records follow in one commit.
void start_from_remote(Git& git) {
  if (git.commit_of("HEAD"))
    return;
  if (auto remote = fetch_remote(git))
    git.must({"reset", "-q", "--hard", *remote}, "starting from the remote");
}

// The store may be newer than the work tree's last import (repaired first) or, when it was
// replaced by an empty one, hold nothing of it (then everything is imported again).
void catch_up(Git& git, Store& store, const fs::path& dir, const std::string& remote,
              sync::RefusedMap& refused, SyncCounts& received) {
  auto head = git.commit_of("HEAD");
  if (!head)
    return;
  auto imported = read_state(git, dir);
  if (imported && store_is_empty(store))
    imported.reset();
  if (imported == head)
    return;
  auto changes = changes_between(git, imported, *head);
  add_counts(received,
             import_changes(store, changes, fmt::format("sync with {}", remote), *head, refused));
  write_state(dir, *head);
}

std::vector<RefusedRecord> refused_list(const sync::RefusedMap& refused) {
  std::vector<RefusedRecord> out;
  for (const auto& [key, r] : refused)
    out.push_back(r.info);
  return out;
}

// A label names a store in reports: short, plain, no spaces.
void check_label(const std::string& label) {
  bool plain = !label.empty() && label.size() <= 32 &&
               std::all_of(label.begin(), label.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                        c == '.';
               });
  if (!plain)
    throw UsageError(fmt::format("'{}' is not a store label: use 1 to 32 letters, digits, '-', "
                                 "'_' or '.'",
                                 label.substr(0, 40)));
}

std::string random_label() {
  std::random_device device;
  return fmt::format("store-{:04x}", device() & 0xffff);
}

// The work tree is whole when git knows it as one and nothing odd sits in it.
bool work_tree_is_sound(const fs::path& dir) {
  try {
    check_work_tree(dir);
  } catch (const Conflict&) {
    return false;
  }
  Git git(dir.string());
  auto r = git.run({"rev-parse", "--is-inside-work-tree"});
  return r.ok() && last_line(r.out) == "true";
}

fs::path set_aside(const fs::path& dir) {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  fs::path aside = dir;
  aside += fmt::format(".broken-{}", std::chrono::duration_cast<std::chrono::seconds>(now).count());
  fs::rename(dir, aside);
  return aside;
}

} // namespace

std::size_t SyncCounts::total() const {
  std::size_t n = 0;
  for (const auto& [section, count] : sections)
    n += count;
  return n;
}

std::string sync_dir_of(const std::string& store_path) { return store_path + ".sync"; }

SyncInitResult sync_init(const std::string& store_path, const std::string& remote,
                         const std::string& program, const std::string& label) {
  sync::PrivateUmask umask;
  if (!label.empty())
    check_label(label);
  fs::path dir = sync_dir_of(store_path);
  // A path is taken from where the user stands, not from the work tree.
  std::error_code ec;
  std::string where = remote;
  if (remote.find("://") == std::string::npos && fs::exists(remote, ec))
    where = fs::absolute(remote, ec).lexically_normal().string();
  SyncInitResult result;
  result.dir = dir.string();
  result.remote = where;
  bool present = fs::exists(fs::symlink_status(dir));
  // Any state of the work tree is recovered from: one that is not sound is set aside (it holds
  // only copies of the store's records) and made again; the next sync imports the remote again.
  if (present && !work_tree_is_sound(dir)) {
    set_aside(dir);
    result.recovered = true;
    present = false;
  }
  result.existed = present;
  if (!present)
    sync::make_owned_folder(dir);
  else
    sync::make_owned_folder(dir); // 0700 whatever it was
  Git git(dir.string());
  bool made = !present;
  auto undo_new = [&] {
    if (made)
      fs::remove_all(dir, ec);
  };
  try {
    if (made) {
      git.must({"init", "-q"}, "creating the sync repository");
      git.must({"symbolic-ref", "HEAD", fmt::format("refs/heads/{}", k_branch)},
               "creating the sync repository");
    }
    // What the remote holds is checked before anything points at it. A remote that cannot be
    // reached now is checked by every sync.
    auto fetched = git.run({"fetch", "-q", "--no-tags", where, "+refs/heads/*:refs/ally-check/*"});
    if (fetched.ok()) {
      try {
        sync::check_remote_branches(git, "refs/ally-check/");
        if (auto main = git.commit_of("refs/ally-check/main"))
          sync::check_remote_commit(git, *main);
      } catch (...) {
        git.run({"for-each-ref", "--format=delete %(refname)", "refs/ally-check/"});
        undo_new();
        throw;
      }
      auto refs = git.run({"for-each-ref", "--format=delete %(refname)", "refs/ally-check/"});
      if (refs.ok() && !refs.out.empty())
        git.run({"update-ref", "--stdin"}, refs.out);
    } else {
      result.unreachable = sync::git_reason(fetched);
    }
    if (remote_of(git).empty())
      git.must({"remote", "add", "origin", where}, "setting the remote");
    else
      git.must({"remote", "set-url", "origin", where}, "setting the remote");
    auto had = git.run({"config", "--get", "ally.label"});
    if (!label.empty())
      git.must({"config", "ally.label", label}, "naming the store");
    else if (!had.ok() || last_line(had.out).empty())
      git.must({"config", "ally.label", random_label()}, "naming the store");
    result.label = label_of(git);
    register_driver(git, dir, program);
    // A sync stopped at any point starts over cleanly: stale locks and a half-done merge go.
    repair(git, dir);
    if (!read_state(git, dir)) {
      fs::remove(git_dir_of(dir) / "ally-sync-state", ec);
    }
    write_owned(dir / sync::k_format_file, sync::k_format_text);
    write_owned(dir / ".gitattributes", sync::k_attributes);
  } catch (...) {
    undo_new();
    throw;
  }
  return result;
}

SyncReport sync_now(Store& store, const std::string& program) {
  sync::PrivateUmask umask;
  fs::path dir = sync_dir_of(store.path());
  require_work_tree(dir);
  check_work_tree(dir);
  SyncLock lock(git_dir_of(dir));
  Git git(dir.string());
  git.set_env({"ALLY_SYNC_PENDING=" + fs::absolute(sync::pending_path(git_dir_of(dir))).string()});
  register_driver(git, dir, program);
  repair(git, dir);
  SyncReport report;
  report.remote = remote_of(git);
  report.label = label_of(git);
  auto refused = sync::read_refused(git_dir_of(dir));
  start_from_remote(git);
  catch_up(git, store, dir, report.remote, refused, report.received);

  // Each round sends the store as it is and imports what came back; a second round is needed
  // only when the import changed the store beyond the merged files (a setting or topic that
  // two stores created under two UUIDs leaves a tombstone for the loser).
  for (int round = 0; round < 3; ++round) {
    auto sent = commit_store(git, store, dir, report.label, refused);
    if (round == 0)
      report.oversized = sent.oversized;
    write_state(dir, sent.commit);
    if (round > 0 && !sent.is_new)
      break;
    Push outcome = Push::remote_moved;
    std::string fetched;
    for (int attempt = 0; attempt < k_push_attempts && outcome != Push::done; ++attempt) {
      ++report.attempts;
      auto done = exchange(git, dir, report.conflicts);
      outcome = done.outcome;
      fetched = done.fetched;
      add_counts(report.sent, done.sent);
    }
    if (outcome != Push::done) {
      throw Conflict(fmt::format("sync: the remote kept moving; gave up after {} attempts",
                                 k_push_attempts),
                     "run 'ally sync' again");
    }
    auto merged = git.commit_of("HEAD");
    if (!merged || *merged == sent.commit)
      break;
    auto changes = changes_between(git, sent.commit, *merged);
    // A refused record is named with the remote's commit that brought it.
    const std::string& brought = fetched.empty() ? *merged : fetched;
    add_counts(report.received, import_changes(store, changes,
                                               fmt::format("sync with {}", report.remote),
                                               brought, refused));
    write_state(dir, *merged);
  }
  sync::write_refused(git_dir_of(dir), refused);
  report.refused = refused_list(refused);
  for (auto& c : report.conflicts)
    c.record_number = record_number_of(store, c.section, c.id);
  return report;
}

SyncStatus sync_status(Store& store, const std::string& program) {
  sync::PrivateUmask umask;
  fs::path dir = sync_dir_of(store.path());
  require_work_tree(dir);
  check_work_tree(dir);
  SyncLock lock(git_dir_of(dir));
  Git git(dir.string());
  register_driver(git, dir, program);
  repair(git, dir);
  SyncStatus status;
  status.remote = remote_of(git);
  status.label = label_of(git);
  auto refused = sync::read_refused(git_dir_of(dir));
  status.refused = refused_list(refused);
  status.conflicts = sync::read_conflict_lines(sync::conflicts_path(git_dir_of(dir))).size();
  try {
    fetch_remote(git);
    status.fetched = true;
  } catch (const Conflict& e) {
    // A remote that is refused is as good as unreachable: say why.
    status.fetch_error = e.what();
  }

  // What this store has that the remote lacks: its records as files now, against the remote.
  ShardWriter(dir, refused).write_all(store);
  git.must({"add", "-A", "--", "."}, "staging the records");
  std::string tree = last_line(git.must({"write-tree"}, "reading the records"));
  auto remote = git.commit_of(k_remote_ref);
  auto head = git.commit_of("HEAD");
  // Since the last point both sides share: what changed here, and what changed there.
  std::optional<std::string> base;
  if (remote && head) {
    auto r = git.run({"merge-base", "HEAD", *remote});
    if (r.ok())
      base = last_line(r.out);
  }
  changes_between(git, base, tree, &status.to_send);
  if (remote && base != remote) {
    status.commits_to_receive = static_cast<std::size_t>(std::stoul(last_line(git.must(
        {"rev-list", "--count", base ? *base + ".." + *remote : *remote}, "counting commits"))));
    changes_between(git, base, *remote, &status.to_receive);
  }
  return status;
}

std::vector<SyncConflict> sync_conflicts(Store& store) {
  fs::path git_dir = git_dir_of(sync_dir_of(store.path()));
  require_work_tree(sync_dir_of(store.path()));
  auto all = sync::read_conflict_lines(sync::conflicts_path(git_dir));
  for (auto& c : all)
    c.record_number = record_number_of(store, c.section, c.id);
  return all;
}

std::size_t clear_sync_conflicts(Store& store, std::int64_t number) {
  sync::PrivateUmask umask;
  fs::path dir = sync_dir_of(store.path());
  require_work_tree(dir);
  SyncLock lock(git_dir_of(dir));
  auto all = sync::read_conflict_lines(sync::conflicts_path(git_dir_of(dir)));
  auto before = all.size();
  std::erase_if(all, [&](const SyncConflict& c) { return number == 0 || c.number == number; });
  if (all.size() != before)
    sync::write_conflicts(git_dir_of(dir), all);
  return before - all.size();
}

void run_merge_driver(const std::string& base, const std::string& ours, const std::string& theirs,
                      const std::string& path) {
  std::string section = path.substr(0, path.find('/'));
  auto merged = merge_record_files(sync::read_owned(base), sync::read_owned(ours),
                                   sync::read_owned(theirs), section);
  write_owned(ours, merged.text);
  const char* pending = std::getenv("ALLY_SYNC_PENDING");
  if (!pending || !*pending || merged.conflicts.empty())
    return;
  std::string lines;
  for (auto& c : merged.conflicts) {
    c.file = path;
    lines += sync::conflict_line(c);
  }
  sync::append_owned(pending, lines);
}

} // namespace ally
