#pragma once
// What the sync tests share: a bare repository standing for the remote, and stores that
// sync through it and must end up holding the same data.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "e2e/exchange_helpers.hpp"

namespace ally_sync_test {

using ally_test::ok;
using ally_test::Result;
using ally_test::run_process;
using ally_test::TempStore;
using nlohmann::json;


inline const std::map<std::string, std::string> k_git_env{{"PATH", "/usr/bin:/bin"}, {"HOME", "/tmp"}};

// A bare repository standing for the private remote (a USB stick, a git host).
class Remote {
public:
  Remote() : m_path((m_dir.dir() / "remote.git").string()) {
    auto r = run_process({"/usr/bin/git", "init", "-q", "--bare", m_path}, "", k_git_env);
    REQUIRE(r.code == 0);
  }
  const std::string& path() const { return m_path; }
  void hook(const std::string& name, const std::string& script) const {
    auto file = std::filesystem::path(m_path) / "hooks" / name;
    std::ofstream(file) << script;
    std::filesystem::permissions(file, std::filesystem::perms::owner_all);
  }

private:
  TempStore m_dir;
  std::string m_path;
};

// What populate() keeps, as the sync counts it.
inline const std::string k_everything = "4 allies, 3 conversations, 2 favors, 1 introduction, 4 dates, 3 "
                                 "topics, 1 setting and 2 deletions";

inline void init(const TempStore& s, const Remote& remote) { ok(s, {"sync", "init", remote.path()}); }

inline Result sync(const TempStore& s) {
  auto r = s.run({"sync"});
  INFO("sync failed: " << r.err);
  REQUIRE(r.code == 0);
  return r;
}

// The export as data that must match between stores: numbers are per store, exported_at is
// when; everything else, the order of the records included (by UUID), must be equal.
inline json comparable(const TempStore& s) {
  auto doc = json::parse(ok(s, {"export"}).out);
  doc.erase("exported_at");
  for (auto& [section, records] : doc.items()) {
    if (!records.is_array())
      continue;
    for (auto& record : records)
      record.erase("number");
  }
  return doc;
}

inline void require_same(const TempStore& a, const TempStore& b) {
  auto ja = comparable(a), jb = comparable(b);
  INFO("A: " << ja.dump(2) << "\nB: " << jb.dump(2));
  REQUIRE(ja == jb);
}

// A sends what it has, B starts from it: both now sync with `remote`.
inline void share(const TempStore& a, const TempStore& b, const Remote& remote) {
  init(a, remote);
  sync(a);
  init(b, remote);
  sync(b);
}

inline std::string sync_dir(const TempStore& s) { return s.db() + ".sync"; }

inline void local_hook(const TempStore& s, const std::string& name, const std::string& script) {
  auto file = std::filesystem::path(sync_dir(s)) / ".git" / "hooks" / name;
  std::ofstream(file) << script;
  std::filesystem::permissions(file, std::filesystem::perms::owner_all);
}


} // namespace ally_sync_test

namespace ally_sync_test {

inline Result git(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/git", "-c", "user.name=Someone", "-c",
                                "user.email=someone@example.org", "-c", "init.defaultBranch=main"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, "", k_git_env);
}

inline void must_git(const std::vector<std::string>& args) {
  auto r = git(args);
  INFO("git " << (args.empty() ? "" : args.front()) << ": " << r.err);
  REQUIRE(r.code == 0);
}

// A clone of the remote to change behind ally's back, as anyone with push access could.
class Tamper {
public:
  explicit Tamper(const Remote& remote) : m_path((m_dir.dir() / "clone").string()) {
    must_git({"clone", "-q", remote.path(), m_path});
    // A remote ally never wrote has no main branch yet.
    if (git({"-C", m_path, "checkout", "-q", "-B", "main", "origin/main"}).code != 0)
      git({"-C", m_path, "checkout", "-q", "-B", "main"});
  }
  std::filesystem::path path() const { return m_path; }
  void write(const std::string& file, const std::string& content) const {
    auto target = std::filesystem::path(m_path) / file;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary) << content;
  }
  void push(const std::string& message = "tampered") const {
    must_git({"-C", m_path, "add", "-A"});
    must_git({"-C", m_path, "commit", "-q", "-m", message});
    must_git({"-C", m_path, "push", "-q", "origin", "HEAD:refs/heads/main"});
  }
  // Catches up with the remote, dropping anything of its own.
  void refresh() const {
    must_git({"-C", m_path, "fetch", "-q", "origin"});
    must_git({"-C", m_path, "reset", "-q", "--hard", "origin/main"});
  }
  std::string read(const std::string& file) const {
    std::ifstream in(std::filesystem::path(m_path) / file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string head() const {
    auto r = git({"-C", m_path, "rev-parse", "HEAD"});
    return r.out.substr(0, 12);
  }

private:
  TempStore m_dir;
  std::string m_path;
};

// Every file under the sync work tree (.git apart) with its content, to show nothing changed.
inline std::map<std::string, std::string> work_tree_files(const TempStore& s) {
  std::map<std::string, std::string> out;
  std::filesystem::path dir = sync_dir(s);
  for (auto it = std::filesystem::recursive_directory_iterator(dir);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    auto status = std::filesystem::symlink_status(it->path());
    std::string rel = std::filesystem::relative(it->path(), dir).string();
    if (std::filesystem::is_regular_file(status)) {
      std::ifstream in(it->path(), std::ios::binary);
      out[rel] = std::string(std::istreambuf_iterator<char>(in), {});
    } else {
      out[rel] = std::filesystem::is_directory(status) ? "(folder)" : "(other)";
    }
  }
  return out;
}

} // namespace ally_sync_test
