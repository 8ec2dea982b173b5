#include "e2e/harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>

extern char** environ;

namespace ally_test {

TempStore::TempStore() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    auto candidate = base / ("ally-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      m_dir = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot make a temporary folder");
}

TempStore::~TempStore() {
  std::error_code ec;
  std::filesystem::remove_all(m_dir, ec);
}

Result TempStore::run(const std::vector<std::string>& args, const std::string& input) const {
  std::vector<std::string> full{"--db", db(), "--today", today};
  full.insert(full.end(), args.begin(), args.end());
  return run_raw(full, input);
}

Result TempStore::run_raw(const std::vector<std::string>& args, const std::string& input,
                          const std::map<std::string, std::string>& env) const {
  std::map<std::string, std::string> vars{{"NO_COLOR", "1"}, {"HOME", m_dir.string()},
                                          {"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"}};
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> argv{ALLY_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, input, vars);
}

Result run_process(const std::vector<std::string>& argv, const std::string& input,
                   const std::map<std::string, std::string>& env) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  std::vector<std::string> env_strings;
  // Sanitizer options pass through so the instrumented binary behaves like the tests.
  for (const char* keep : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) env_strings.push_back(std::string(keep) + "=" + v);
  }
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> c_env, c_argv;
  for (auto& s : env_strings) c_env.push_back(s.data());
  c_env.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) c_argv.push_back(s.data());
  c_argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    execve(c_argv[0], c_argv.data(), c_env.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  Result r;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  } else {
    fcntl(in_fd, F_SETFL, O_NONBLOCK);
  }
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open || in_fd >= 0) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) break;
    for (const auto& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in_fd) {
        ssize_t n = write(in_fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t n = read(p.fd, buffer, sizeof buffer);
      if (n <= 0) {
        (p.fd == out_pipe[0] ? out_open : err_open) = false;
        continue;
      }
      (p.fd == out_pipe[0] ? r.out : r.err).append(buffer, static_cast<std::size_t>(n));
    }
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::vector<std::vector<std::string>> TempStore::query(const std::string& sql) const {
  sqlite3* db = nullptr;
  sqlite3_stmt* st = nullptr;
  // Read-only, so a test query changes nothing. A process killed while writing in rollback mode
  // (a new store switching to WAL) leaves a hot journal that only a writer may roll back: then
  // open read-write, as the next ally command would, and see what it would see.
  for (int flags : {SQLITE_OPEN_READONLY, SQLITE_OPEN_READWRITE}) {
    if (sqlite3_open_v2(this->db().c_str(), &db, flags, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      throw std::runtime_error("cannot open store " + this->db());
    }
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) break;
    int code = sqlite3_extended_errcode(db);
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    bool hot_journal = code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY;
    if (!hot_journal || flags == SQLITE_OPEN_READWRITE) {
      throw std::runtime_error("bad test query: " + message);
    }
  }
  std::vector<std::vector<std::string>> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      const auto* text = sqlite3_column_text(st, c);
      row.push_back(text ? std::string(reinterpret_cast<const char*>(text),
                                       static_cast<std::size_t>(sqlite3_column_bytes(st, c)))
                         : "NULL");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

std::string TempStore::scalar(const std::string& sql) const {
  auto rows = query(sql);
  if (rows.empty() || rows[0].empty()) return "";
  return rows[0][0];
}

void TempStore::exec_sql(const std::string& sql) const {
  sqlite3* db = nullptr;
  if (sqlite3_open(this->db().c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open store " + this->db());
  }
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("test SQL failed: " + message);
}

std::string TempStore::dump() const { return dump_tables(""); }

std::string TempStore::dump_data() const { return dump_tables(" AND name NOT LIKE 'journal%'"); }

std::string TempStore::dump_tables(const std::string& extra_filter) const {
  if (!std::filesystem::exists(db())) return "<no store>";
  std::string out;
  for (const auto& table : query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                 "LIKE 'sqlite_%' AND name NOT LIKE 'search_%'" + extra_filter +
                                 " ORDER BY name")) {
    out += "## " + table[0] + "\n";
    for (const auto& row : query("SELECT * FROM \"" + table[0] + "\" ORDER BY 1, 2")) {
      for (const auto& cell : row) out += cell + "|";
      out += "\n";
    }
  }
  return out;
}

} // namespace ally_test
