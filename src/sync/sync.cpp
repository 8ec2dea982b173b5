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
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/export_format.hpp"
#include "sync/process.hpp"

namespace ally {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// The sections as the import needs them: tombstones first (they keep deleted records out),
// then what others refer to.
constexpr std::array<const char*, 8> k_sections{"tombstones", "config",       "interests",
                                                "allies",     "dates",        "interactions",
                                                "favors",     "introductions"};
constexpr const char* k_branch = "main";
constexpr const char* k_remote_ref = "refs/remotes/origin/main";
// Every branch: fetching a remote that has none yet (a new bare repository) is no error.
constexpr const char* k_fetch_refspec = "+refs/heads/*:refs/remotes/origin/*";
constexpr int k_push_attempts = 5;
// Records per import_json call: the memory of one chunk, not of the whole remote.
constexpr std::size_t k_import_chunk = 20000;
constexpr const char* k_format_file = "ally-sync.json";
constexpr const char* k_format_text = "{\"format\": \"ally-sync\", \"version\": 1}\n";
constexpr const char* k_attributes = "# ally merges its record files record by record (ally sync).\n"
                                     "*.jsonl -text merge=ally\n";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, std::string_view content) {
  // No temporary file: a torn file is rewritten from the store by the next sync.
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out)
    throw StoreError(fmt::format("cannot write '{}'", path.string()));
}

std::string last_line(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' '))
    trimmed.pop_back();
  auto nl = trimmed.rfind('\n');
  return nl == std::string::npos ? trimmed : trimmed.substr(nl + 1);
}

// git's own words for why it failed: its "fatal:"/"error:" lines, else its last line.
std::string git_reason(const sync::ProcessResult& r) {
  std::string reason;
  std::istringstream in(r.err + r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("fatal: ", 0) == 0 || line.rfind("error: ", 0) == 0 ||
        line.rfind("remote: ", 0) == 0) {
      if (!reason.empty())
        reason += "; ";
      reason += line;
    }
  }
  if (reason.empty())
    reason = last_line(r.err.empty() ? r.out : r.err);
  if (reason.empty())
    reason = fmt::format("git exited with status {}", r.status);
  return reason;
}

std::string shell_quoted(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

class Git {
public:
  explicit Git(std::string dir) : m_dir(std::move(dir)) {}

  sync::ProcessResult run(const std::vector<std::string>& args, const std::string& input = {}) {
    std::vector<std::string> argv{"git", "-C", m_dir, "-c", "core.quotepath=false"};
    argv.insert(argv.end(), m_identity.begin(), m_identity.end());
    argv.insert(argv.end(), args.begin(), args.end());
    sync::ProcessOptions options;
    options.input = input;
    options.unset = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                     "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"};
    return sync::run_process(argv, options);
  }

  // Runs git and returns its output; throws Conflict saying what failed and why.
  std::string must(const std::vector<std::string>& args, const std::string& what,
                   const std::string& input = {}) {
    auto r = run(args, input);
    if (!r.ok())
      throw Conflict(fmt::format("sync: {} failed: {}", what, git_reason(r)));
    return r.out;
  }

  std::optional<std::string> commit_of(const std::string& ref) {
    auto r = run({"rev-parse", "-q", "--verify", ref + "^{commit}"});
    if (!r.ok())
      return std::nullopt;
    return last_line(r.out);
  }

  // Commits made by ally carry the user's identity, or ally's when git has none.
  void choose_identity() {
    m_identity.clear();
    bool has_name = run({"config", "user.name"}).ok();
    bool has_email = run({"config", "user.email"}).ok();
    if (!has_name)
      m_identity.insert(m_identity.end(), {"-c", "user.name=ally sync"});
    if (!has_email)
      m_identity.insert(m_identity.end(), {"-c", "user.email=ally-sync@localhost"});
  }

  const std::string& dir() const { return m_dir; }

private:
  std::string m_dir;
  std::vector<std::string> m_identity;
};

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
  explicit ShardWriter(fs::path dir) : m_dir(std::move(dir)) {}

  void write_all(Store& store) {
    for_each_export_record(store, [&](const std::string& section, ordered_json& record) {
      if (section != m_section) {
        flush();
        m_section = section;
      }
      record.erase("number");
      // Who was there, by UUID rather than by this store's numbers, so every store writes the
      // same line.
      if (section == "interactions" && record.contains("allies") && record["allies"].is_array())
        std::sort(record["allies"].begin(), record["allies"].end());
      std::string id = record.value("id", std::string());
      auto line = record.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
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

private:
  void flush() {
    if (m_section.empty())
      return;
    m_seen.insert(m_section);
    fs::path folder = m_dir / m_section;
    fs::create_directories(folder);
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
      if (entry.path().extension() == ".jsonl" && !written.count(name))
        put(entry.path(), "", nullptr);
    }
    m_shards.clear();
    m_section.clear();
  }

  // Rewrites a file that changed, noting the records that were in it and are no more.
  void put(const fs::path& path, const std::string& content,
           const std::vector<std::pair<std::string, std::string>>* lines) {
    if (!fs::exists(path)) {
      if (!content.empty())
        write_text(path, content);
      return;
    }
    std::string old = read_text(path);
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
    write_text(path, content);
  }

  fs::path m_dir;
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

bool is_section(const std::string& name) {
  return std::find_if(k_sections.begin(), k_sections.end(),
                      [&](const char* s) { return name == s; }) != k_sections.end();
}

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

SyncCounts counts_of(const Changes& changes) {
  SyncCounts c;
  for (const auto& [section, lines] : changes) {
    if (!lines.empty())
      c.sections[section] = lines.size();
  }
  return c;
}

// ---- Importing what came in ----

std::string document_of(const std::string& section, const std::vector<std::string>& lines,
                        std::size_t from, std::size_t to) {
  std::string text = R"({"format":"ally","version":1,")" + section + "\":";
  bool config = section == "config";
  text += config ? '{' : '[';
  for (std::size_t i = from; i < to; ++i) {
    if (i > from)
      text += ',';
    if (!config) {
      text += lines[i];
      continue;
    }
    auto entry = ordered_json::parse(lines[i], nullptr, false);
    if (!entry.is_object() || !entry.contains("key") || !entry["key"].is_string())
      throw Conflict("sync: the remote's config has a setting without a key");
    std::string key = entry["key"].get<std::string>();
    entry.erase("key");
    text += ordered_json(key).dump() + ':' + entry.dump();
  }
  text += config ? "}}" : "]}";
  return text;
}

// Imports the changed records into the store in one write transaction.
void import_changes(Store& store, const Changes& changes, const std::string& summary) {
  if (changes.empty())
    return;
  store.write(summary, [&] {
    for (const char* section : k_sections) {
      auto found = changes.find(section);
      if (found == changes.end())
        continue;
      const auto& lines = found->second;
      for (std::size_t from = 0; from < lines.size(); from += k_import_chunk) {
        std::size_t to = std::min(lines.size(), from + k_import_chunk);
        ExportDocument doc;
        try {
          doc = parse_export(document_of(section, lines, from, to));
        } catch (const Conflict& e) {
          throw Conflict(fmt::format("sync: a record from the remote is bad: {}", e.what()),
                         "nothing was imported; the remote holds a file ally did not write");
        }
        import_json(store, doc, MergeMode::merge);
        if (!doc.tombstones.empty())
          adopt_tombstones(store, doc.tombstones);
      }
    }
  });
}

// ---- The work tree ----

struct State {
  std::optional<std::string> imported; // the commit whose records the store holds
};

fs::path state_path(const fs::path& dir) { return dir / ".git" / "ally-sync-state"; }

State read_state(const fs::path& dir) {
  State s;
  std::string text = last_line(read_text(state_path(dir)));
  if (text.size() == 40)
    s.imported = text;
  return s;
}

void write_state(const fs::path& dir, const std::string& commit) {
  fs::path path = state_path(dir);
  fs::path temp = path;
  temp += ".tmp";
  write_text(temp, commit + "\n");
  fs::rename(temp, path);
}

void require_work_tree(const fs::path& dir) {
  if (!fs::exists(dir / ".git")) {
    throw Conflict("sync is not set up for this store",
                   "run 'ally sync init REMOTE' with a private git repository (URL or path)");
  }
}

void register_driver(Git& git, const fs::path& dir, const std::string& program) {
  git.must({"config", "merge.ally.name", "ally records: newer updated_at wins, by UUID"},
           "configuring git");
  git.must({"config", "merge.ally.driver", shell_quoted(program) + " sync merge-driver %O %A %B"},
           "configuring git");
  fs::create_directories(dir / ".git" / "info");
  write_text(dir / ".git" / "info" / "attributes", "*.jsonl -text merge=ally\n");
  // Only ally's files go into the repository, whatever else lands in the folder.
  std::string exclude = "/*\n!/.gitattributes\n!/ally-sync.json\n";
  for (const char* section : k_sections)
    exclude += fmt::format("!/{0}/\n/{0}/*\n!/{0}/*.jsonl\n", section);
  write_text(dir / ".git" / "info" / "exclude", exclude);
}

std::string remote_of(Git& git) {
  auto r = git.run({"remote", "get-url", "origin"});
  return r.ok() ? last_line(r.out) : std::string();
}

// A sync killed midway can leave git's lock files and a half-done merge; with our lock held
// no git of ours runs, so they are stale. The files themselves are rewritten from the store.
void repair(Git& git, const fs::path& dir) {
  fs::path git_dir = dir / ".git";
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

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || !name[0])
    return "this machine";
  return name;
}

// Writes the store's records and commits them when they changed. Returns the commit now at
// HEAD and whether it is a new one.
std::pair<std::string, bool> commit_store(Git& git, Store& store, const fs::path& dir) {
  ShardWriter writer(dir);
  writer.write_all(store);
  // A record gone from the store without a tombstone is dead here: say so, or the other
  // stores would keep it.
  if (auto gone = writer.untombstoned(); !gone.empty()) {
    store.write("sync: records that lost to others", [&] {
      for (const auto& [section, id] : gone) {
        std::string kind = section == "allies" ? "ally"
                           : section == "config" ? "config"
                                                 : section.substr(0, section.size() - 1);
        add_tombstone(store, id, kind);
      }
    });
    ShardWriter(dir).write_all(store);
  }
  write_text(dir / k_format_file, k_format_text);
  write_text(dir / ".gitattributes", k_attributes);
  git.must({"add", "-A", "--", "."}, "staging the records");
  auto head = git.commit_of("HEAD");
  bool changed = !head || git.run({"diff", "--cached", "--quiet"}).status == 1;
  if (!changed)
    return {*head, false};
  git.must({"commit", "-q", "--no-verify", "-m", fmt::format("ally sync from {}", host_name())},
           "committing the records");
  auto now = git.commit_of("HEAD");
  if (!now)
    throw Conflict("sync: git made no commit");
  return {*now, true};
}

enum class Push { done, remote_moved };

struct Exchange {
  Push outcome = Push::remote_moved;
  SyncCounts sent; // records the remote lacked before the push
};

// Fetches, merges what the remote has that we lack, and pushes. Throws Conflict when the
// remote cannot be reached or refuses the push for a reason other than having moved.
Exchange exchange(Git& git) {
  git.must({"fetch", "-q", "--no-tags", "origin", k_fetch_refspec}, "fetching from the remote");
  auto head = git.commit_of("HEAD");
  auto remote = git.commit_of(k_remote_ref);
  if (remote && *remote != *head &&
      git.run({"merge-base", "--is-ancestor", *remote, "HEAD"}).status != 0) {
    auto merged = git.run({"merge", "-q", "--no-edit", "--no-verify", "--allow-unrelated-histories",
                           "-m", "ally sync: merge", k_remote_ref});
    if (!merged.ok()) {
      git.run({"merge", "--abort"});
      git.run({"reset", "-q", "--hard", *head});
      throw Conflict(fmt::format("sync: the merge failed: {}", git_reason(merged)),
                     "the store is unchanged; the repository may hold files ally did not write");
    }
  }
  if (remote && git.commit_of("HEAD") == remote)
    return {Push::done, {}};
  auto pushed = git.run({"push", "--porcelain", "origin", fmt::format("HEAD:refs/heads/{}", k_branch)});
  if (pushed.ok()) {
    Exchange done{Push::done, {}};
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
    return {Push::remote_moved, {}};
  throw Conflict(fmt::format("sync: the remote refused the push: {}", git_reason(pushed)),
                 "nothing was imported; your changes are kept and go with the next 'ally sync'");
}

void merge_counts(SyncCounts& into, const Changes& changes) {
  for (const auto& [section, n] : counts_of(changes).sections)
    into.sections[section] += n;
}

// A first sync joins the remote's history (when it has one) instead of starting its own: the
// catch-up then imports all of it, and this store's own records follow in one commit.
void start_from_remote(Git& git) {
  if (git.commit_of("HEAD"))
    return;
  git.must({"fetch", "-q", "--no-tags", "origin", k_fetch_refspec}, "fetching from the remote");
  if (auto remote = git.commit_of(k_remote_ref))
    git.must({"reset", "-q", "--hard", *remote}, "starting from the remote");
}

// The store may be newer than the work tree's last import (repaired first) or, when it was
// replaced by an empty one, hold nothing of it (then everything is imported again).
void catch_up(Git& git, Store& store, const fs::path& dir, const std::string& remote,
              SyncCounts& received) {
  auto head = git.commit_of("HEAD");
  if (!head)
    return;
  State state = read_state(dir);
  if (state.imported && store_is_empty(store))
    state.imported.reset();
  if (state.imported == head)
    return;
  auto changes = changes_between(git, state.imported, *head);
  import_changes(store, changes, fmt::format("sync with {}", remote));
  merge_counts(received, changes);
  write_state(dir, *head);
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
                         const std::string& program) {
  fs::path dir = sync_dir_of(store_path);
  // A path is taken from where the user stands, not from the work tree.
  std::error_code ec;
  std::string where = remote;
  if (remote.find("://") == std::string::npos && fs::exists(remote, ec))
    where = fs::absolute(remote, ec).lexically_normal().string();
  SyncInitResult result{dir.string(), where, fs::exists(dir / ".git")};
  if (!fs::exists(dir)) {
    if (dir.has_parent_path())
      fs::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      throw StoreError(
          fmt::format("cannot create the sync folder '{}': {}", dir.string(), std::strerror(errno)));
    }
  }
  // Notes are in there as text: the folder is the user's alone, whatever the umask.
  if (::chmod(dir.c_str(), 0700) != 0) {
    throw StoreError(
        fmt::format("cannot protect the sync folder '{}': {}", dir.string(), std::strerror(errno)));
  }
  Git git(dir.string());
  const std::string& remote_url = result.remote;
  if (!result.existed) {
    git.must({"init", "-q"}, "creating the sync repository");
    git.must({"symbolic-ref", "HEAD", fmt::format("refs/heads/{}", k_branch)},
             "creating the sync repository");
  }
  if (remote_of(git).empty())
    git.must({"remote", "add", "origin", remote_url}, "setting the remote");
  else
    git.must({"remote", "set-url", "origin", remote_url}, "setting the remote");
  register_driver(git, dir, program);
  write_text(dir / k_format_file, k_format_text);
  write_text(dir / ".gitattributes", k_attributes);
  return result;
}

SyncReport sync_now(Store& store, const std::string& program) {
  fs::path dir = sync_dir_of(store.path());
  require_work_tree(dir);
  SyncLock lock(dir / ".git");
  Git git(dir.string());
  git.choose_identity();
  register_driver(git, dir, program);
  repair(git, dir);
  SyncReport report;
  report.remote = remote_of(git);
  start_from_remote(git);
  catch_up(git, store, dir, report.remote, report.received);

  // Each round sends the store as it is and imports what came back; a second round is needed
  // only when the import changed the store beyond the merged files (a setting or topic that
  // two stores created under two UUIDs leaves a tombstone for the loser).
  for (int round = 0; round < 3; ++round) {
    auto [sent_commit, sent] = commit_store(git, store, dir);
    write_state(dir, sent_commit);
    if (round > 0 && !sent)
      break;
    Push outcome = Push::remote_moved;
    for (int attempt = 0; attempt < k_push_attempts && outcome != Push::done; ++attempt) {
      ++report.attempts;
      auto done = exchange(git);
      outcome = done.outcome;
      for (const auto& [section, n] : done.sent.sections)
        report.sent.sections[section] += n;
    }
    if (outcome != Push::done) {
      throw Conflict(fmt::format("sync: the remote kept moving; gave up after {} attempts",
                                 k_push_attempts),
                     "run 'ally sync' again");
    }
    auto merged = git.commit_of("HEAD");
    if (!merged || *merged == sent_commit)
      break;
    auto changes = changes_between(git, sent_commit, *merged);
    import_changes(store, changes, fmt::format("sync with {}", report.remote));
    merge_counts(report.received, changes);
    write_state(dir, *merged);
  }
  return report;
}

SyncStatus sync_status(Store& store, const std::string& program) {
  fs::path dir = sync_dir_of(store.path());
  require_work_tree(dir);
  SyncLock lock(dir / ".git");
  Git git(dir.string());
  register_driver(git, dir, program);
  repair(git, dir);
  SyncStatus status;
  status.remote = remote_of(git);
  auto fetched = git.run({"fetch", "-q", "--no-tags", "origin", k_fetch_refspec});
  status.fetched = fetched.ok();
  if (!fetched.ok())
    status.fetch_error = git_reason(fetched);

  // What this store has that the remote lacks: its records as files now, against the remote.
  ShardWriter(dir).write_all(store);
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

} // namespace ally
