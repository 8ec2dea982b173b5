// ally-bench: times ally's commands as whole processes against the floor program on stores of
// several sizes, then `due` on 10k allies with 1M interactions against 100k alternately, and
// writes the tables into docs/performance.md. Run it through bench/run.
//
//   ally-bench --ally BIN --floor BIN --gen BIN --work DIR [--quick] [--runs N] [--out FILE]
//              [--sizes 10k/1M,...] [--commands due,show,...]
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr const char* k_today = "2026-11-24";
constexpr const char* k_target = "Rachel Greenwood"; // the generator's ally #1
constexpr const char* k_begin_marker = "<!-- bench:begin -->";
constexpr const char* k_end_marker = "<!-- bench:end -->";

struct Options {
  std::string ally, floor, gen, work, out;
  bool quick = false;
  int runs = 0;      // 0: the mode's default
  int slow_runs = 0; // export and import; 0: the mode's default
  std::string sizes;    // e.g. "10k/1M,10k/100k": only these of the mode's sizes; empty: all
  std::string commands; // e.g. "due,show": only these commands; empty: all
};

struct Size {
  long allies, interactions, favors;
  std::string label() const { return fmt::format("{}/{}", short_number(allies), short_number(interactions)); }
  static std::string short_number(long n) {
    if (n >= 1'000'000 && n % 1'000'000 == 0) return fmt::format("{}M", n / 1'000'000);
    if (n >= 1'000 && n % 1'000 == 0) return fmt::format("{}k", n / 1'000);
    return std::to_string(n);
  }
};

struct Sample {
  double ms = 0;
  long rss_kib = 0;
};

// Runs argv as a child with stdout to /dev/null; wall time from fork to reap, peak RSS from
// the child's own rusage.
Sample run(const std::vector<std::string>& argv, const std::string& err_file) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(null, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  auto end = std::chrono::steady_clock::now();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(err_file);
    std::stringstream text;
    text << in.rdbuf();
    std::string cmd;
    for (const auto& a : argv) cmd += a + ' ';
    throw std::runtime_error(fmt::format("failed: {}\n{}", cmd, text.str()));
  }
  return {std::chrono::duration<double, std::milli>(end - start).count(), usage.ru_maxrss};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Row {
  std::string size, command, floor_kind;
  double ms = 0, floor_ms = 0;
  long rss_kib = 0, floor_rss_kib = 0;
  int runs = 0;
};

// One command on two stores of as many allies, the second with ten times their history.
struct Growth {
  std::string command, small, large; // the command and the two stores' labels
  double small_ms = 0, large_ms = 0;
  int runs = 0;
};

// One import of a generated file into a store, timed on its own (no floor: nothing else reads
// these formats).
struct Intake {
  std::string command;
  double ms = 0;
  long rss_kib = 0;
  int runs = 0;
};

struct Command {
  std::string name;
  std::vector<std::string> args; // after `ally --db DB --today T`
  bool slow = false;             // export/import: fewer runs
};

class Bench {
public:
  explicit Bench(Options o) : m_o(std::move(o)) { fs::create_directories(m_o.work); }

  void all() {
    std::vector<Size> sizes =
        m_o.quick ? std::vector<Size>{{1'000, 10'000, 500}, {10'000, 100'000, 5'000}}
                  : std::vector<Size>{{1'000, 100'000, 5'000},
                                      {10'000, 100'000, 5'000},
                                      {10'000, 1'000'000, 50'000},
                                      {100'000, 1'000'000, 50'000}};
    for (const auto& size : sizes) {
      if (chosen(size)) one_size(size);
    }
    // The 1.2x target compares two stores: timed alternately, run by run, so that the machine
    // slowing down between one store's rows and the other's cannot tell either way.
    if (!m_o.quick && chosen(sizes[1]) && chosen(sizes[2])) growth(sizes[1], sizes[2]);
    if (!m_o.quick) intake();
    print_summary();
    if (!m_o.out.empty()) write_markdown();
  }

private:
  std::string path(const std::string& name) const { return (fs::path(m_o.work) / name).string(); }

  // Whether `item` is in the comma-separated `list`; an empty list holds everything.
  static bool listed(const std::string& list, const std::string& item) {
    return list.empty() || ("," + list + ",").find("," + item + ",") != std::string::npos;
  }
  bool chosen(const Size& size) const { return listed(m_o.sizes, size.label()); }

  static void remove_store(const std::string& db) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  }

  static int user_version(const std::string& db) {
    sqlite3* handle = nullptr;
    int version = -1;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
      sqlite3_finalize(st);
    }
    sqlite3_close(handle);
    return version;
  }

  // The schema this ally writes, from a store it creates.
  int schema() {
    if (m_schema < 0) {
      auto probe = path("probe.db");
      remove_store(probe);
      run({m_o.ally, "--db", probe, "config", "due.limit", "0"}, path("probe.err"));
      m_schema = user_version(probe);
      remove_store(probe);
    }
    return m_schema;
  }

  std::string generated(const Size& s) {
    auto db = path(fmt::format("gen-{}-{}-{}.db", s.allies, s.interactions, s.favors));
    // A store cached by an older ally would be upgraded (and copied) by the first timed run.
    if (fs::exists(db) && !fs::exists(db + "-wal") && user_version(db) == schema()) return db;
    remove_store(db);
    std::cerr << fmt::format("generating {} allies, {} interactions, {} favors...\n", s.allies,
                             s.interactions, s.favors);
    auto t = run({m_o.gen, "--db", db + ".tmp", "--allies", std::to_string(s.allies),
                  "--interactions", std::to_string(s.interactions), "--favors",
                  std::to_string(s.favors), "--today", k_today},
                 path("gen.err"));
    // Folds the WAL into the file so copies of it are one file.
    sqlite3* handle = nullptr;
    sqlite3_open((db + ".tmp").c_str(), &handle);
    sqlite3_exec(handle, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", nullptr,
                 nullptr, nullptr);
    sqlite3_close(handle);
    fs::rename(db + ".tmp", db);
    std::cerr << fmt::format("  generated in {:.1f} s (peak {:.0f} MiB)\n", t.ms / 1000,
                             t.rss_kib / 1024.0);
    return db;
  }

  // A copy of the generated store `source` at `db`, to be timed.
  static void copy_store(const std::string& source, const std::string& db) {
    remove_store(db);
    fs::copy_file(source, db);
    // The cached store is kept in rollback-journal mode so it is one file; a store ally made
    // is in WAL mode, where a write costs one sync instead of four.
    sqlite3* handle = nullptr;
    sqlite3_open(db.c_str(), &handle);
    sqlite3_exec(handle, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
    sqlite3_close(handle);
    // The copy (and a store just generated) is written back to disk in the background for
    // seconds: at 1M interactions that slowed the first timings by a third, floor and ally
    // alike, and made the sizes incomparable. Written back now, before anything is timed.
    ::sync();
  }

  void one_size(const Size& s) {
    auto source = generated(s);
    auto db = path("run.db");
    copy_store(source, db);
    auto export_file = path("export.json");
    auto import_db = path("import.db");
    auto floor_db = path("floor-import.db");
    std::vector<Command> commands = {
        {"due", {"due"}},
        {"due --limit 20", {"due", "--limit", "20"}},
        {"due --all --json", {"--json", "due", "--all"}},
        {"log", {"log", k_target, "bench: coffee and a chat about quokkas"}},
        {"add", {"add", "@"}},
        {"show", {"show", k_target}},
        {"list", {"list"}},
        {"search", {"search", "zeppelin"}},
        {"export", {"export", "-o", export_file}, true},
        {"import", {"import", export_file}, true},
    };
    for (const auto& c : commands) {
      if (!listed(m_o.commands, c.name)) continue;
      int slow_runs = m_o.slow_runs ? m_o.slow_runs : (m_o.quick ? 1 : 3);
      // Fast commands take 31 runs: the median of 11 moved by a tenth between runs of the
      // bench on this shared VM, enough to turn the 1M-against-100k comparison either way.
      int runs = m_o.runs ? m_o.runs : (c.slow ? slow_runs : (m_o.quick ? 5 : 31));
      Row row{s.label(), c.name, c.name == "import" ? "insert" : "query"};
      measure(row, runs, [&] {
        std::vector<std::string> floor_argv = {m_o.floor, "query", db};
        std::vector<std::string> argv = {m_o.ally, "--db", db, "--today", k_today};
        if (c.name == "import") {
          remove_store(import_db);
          remove_store(floor_db);
          floor_argv = {m_o.floor, "insert", source, floor_db};
          argv[2] = import_db;
        }
        for (const auto& a : c.args)
          argv.push_back(a == "@" ? fmt::format("Bench Person {}", m_added++) : a);
        return std::pair{floor_argv, argv};
      });
    }
    remove_store(import_db);
    remove_store(floor_db);
    task_next(s);
  }

  // `due` on `small` and `large` alternately, run by run.
  void growth(const Size& small, const Size& large) {
    auto small_db = path("run.db"), large_db = path("run-large.db");
    copy_store(generated(small), small_db);
    copy_store(generated(large), large_db);
    int runs = m_o.runs ? m_o.runs : 101;
    for (const auto& [name, args] :
         {std::pair{"due", std::vector<std::string>{"due"}},
          std::pair{"due --limit 20", std::vector<std::string>{"due", "--limit", "20"}}}) {
      if (!listed(m_o.commands, name)) continue;
      Growth g{name, small.label(), large.label(), 0, 0, runs};
      std::vector<double> small_times, large_times;
      for (int r = 0; r < runs; ++r) {
        for (auto* db : {&small_db, &large_db}) {
          std::vector<std::string> argv = {m_o.ally, "--db", *db, "--today", k_today};
          argv.insert(argv.end(), args.begin(), args.end());
          (db == &small_db ? small_times : large_times).push_back(run(argv, path("ally.err")).ms);
        }
      }
      g.small_ms = median(small_times);
      g.large_ms = median(large_times);
      std::cout << fmt::format("{} against {}, alternating: {:<16} {:>10} {:>10}  {:>6.2f}x\n",
                               g.large, g.small, g.command, ms_text(g.large_ms),
                               ms_text(g.small_ms), g.large_ms / g.small_ms);
      m_growth.push_back(g);
    }
    remove_store(large_db);
  }

  // Bringing a network in: LinkedIn's Connections.csv of 30,000 rows (its preamble, quoted
  // commas, one in five with an email) into a new store, then a year of calendar of 5,000
  // meetings with those people (50 weekly series expanded, the rest single) into that store.
  void intake() {
    const std::string csv_name = "import linkedin 30k", ics_name = "import ics 5k";
    if (!listed(m_o.commands, csv_name) && !listed(m_o.commands, ics_name)) return;
    const int people = 30'000;
    const auto csv = path("Connections.csv"), ics = path("year.ics"), db = path("intake.db");
    {
      std::ofstream out(csv, std::ios::binary);
      out << "Notes:\r\n\"When exporting your connection data, you may notice that some of the "
             "email addresses are missing.\"\r\n\r\n"
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n";
      for (int i = 0; i < people; ++i)
        out << fmt::format("Person{},Bench {},https://www.linkedin.com/in/bench-{},{},\"Company "
                           "{}, Inc.\",Engineer {},{:02} {} 20{}\r\n",
                           i, i % 977, i, i % 5 == 0 ? fmt::format("p{}@example.com", i) : "",
                           i % 1500, i % 40, 1 + i % 28,
                           std::array{"Jan", "Mar", "Jun", "Sep", "Nov"}[i % 5], 15 + i % 10);
    }
    {
      std::ofstream out(ics, std::ios::binary);
      out << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ally bench//EN\r\n";
      auto event = [&](int n, int day_of_year, const std::string& extra) {
        const auto day = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1} +
                         std::chrono::days{day_of_year};
        const std::chrono::year_month_day ymd{day};
        out << fmt::format("BEGIN:VEVENT\r\nUID:bench-{}@example.com\r\nDTSTAMP:20260101T000000Z"
                           "\r\nDTSTART:{:04}{:02}{:02}T{:02}0000Z\r\nSUMMARY:Meeting {}\r\n"
                           "ORGANIZER:mailto:me@example.com\r\n{}"
                           "ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{}@example.com\r\n"
                           "ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{}@example.com\r\n"
                           "END:VEVENT\r\n",
                           n, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                           static_cast<unsigned>(ymd.day()), 8 + n % 9, n, extra,
                           (n * 5) % people, (n * 35) % people);
      };
      for (int n = 0; n < 50; ++n) event(n, n % 7, "RRULE:FREQ=WEEKLY;COUNT=52\r\n");
      for (int n = 50; n < 50 + 5'000 - 50 * 52; ++n) event(n, n % 330, "");
      out << "END:VCALENDAR\r\n";
    }
    const std::vector<std::string> base = {m_o.ally, "--db", db, "--today", k_today};
    auto with = [&](std::vector<std::string> args) {
      auto argv = base;
      argv.insert(argv.end(), args.begin(), args.end());
      return argv;
    };
    const int runs = m_o.slow_runs ? m_o.slow_runs : 5;
    auto time = [&](const std::string& name, const std::string& file,
                    const std::function<void()>& before) {
      std::vector<double> times;
      Intake row{name, 0, 0, runs};
      for (int r = 0; r < runs; ++r) {
        before();
        auto t = run(with({"import", file}), path("ally.err"));
        times.push_back(t.ms);
        row.rss_kib = std::max(row.rss_kib, t.rss_kib);
      }
      row.ms = median(times);
      std::cout << fmt::format("intake     {:<24} {:>10}  {:>7} MiB\n", name, ms_text(row.ms),
                               mib(row.rss_kib));
      m_intake.push_back(row);
    };
    auto fresh = [&] { remove_store(db); };
    if (listed(m_o.commands, csv_name)) time(csv_name, csv, fresh);
    if (listed(m_o.commands, ics_name)) {
      // The connections in, and me.email set; each run undoes the meetings of the one before.
      fresh();
      run(with({"import", csv}), path("ally.err"));
      run(with({"config", "me.email", "me@example.com"}), path("ally.err"));
      const auto ready = path("intake-ready.db");
      remove_store(ready);
      run(with({"backup", ready}), path("ally.err"));
      time(ics_name, ics, [&] {
        remove_store(db);
        fs::copy_file(ready, db);
      });
      remove_store(ready);
    }
    remove_store(db);
  }

  // taskwarrior's `task next` on as many tasks as the store has allies, when it is installed.
  void task_next(const Size& s) {
    std::string task = which("task");
    if (task.empty()) {
      if (!m_said_no_task) std::cerr << "taskwarrior (task) is not installed: not timed\n";
      m_said_no_task = true;
      return;
    }
    auto data = path(fmt::format("task-{}", s.allies));
    auto rc = path("taskrc");
    std::ofstream(rc) << "data.location=" << data << "\nconfirmation=off\nverbose=nothing\n";
    setenv("TASKRC", rc.c_str(), 1);
    if (!fs::exists(data)) {
      fs::create_directories(data);
      auto file = path("tasks.json");
      {
        std::ofstream out(file);
        for (long i = 0; i < s.allies; ++i)
          out << fmt::format("{{\"description\":\"call ally {}\",\"status\":\"pending\","
                             "\"entry\":\"20260101T000000Z\"}}\n", i);
      }
      run({task, "import", file}, path("task.err"));
    }
    int runs = m_o.runs ? m_o.runs : (m_o.quick ? 5 : 31);
    Row row{s.label(), "taskwarrior: task next", "query"};
    measure(row, runs, [&] {
      return std::pair{std::vector<std::string>{m_o.floor, "query", path("run.db")},
                       std::vector<std::string>{task, "next"}};
    });
  }

  // Runs the floor and the command alternately `runs` times (`next` gives both command
  // lines of one run), then prints and keeps the medians and the largest peak RSS.
  using Argvs = std::pair<std::vector<std::string>, std::vector<std::string>>;
  void measure(Row row, int runs, const std::function<Argvs()>& next) {
    row.runs = runs;
    std::vector<double> times, floor_times;
    for (int r = 0; r < runs; ++r) {
      auto [floor_argv, argv] = next();
      auto f = run(floor_argv, path("floor.err"));
      auto t = run(argv, path(argv[0] == m_o.ally ? "ally.err" : "task.err"));
      floor_times.push_back(f.ms);
      times.push_back(t.ms);
      row.rss_kib = std::max(row.rss_kib, t.rss_kib);
      row.floor_rss_kib = std::max(row.floor_rss_kib, f.rss_kib);
    }
    row.ms = median(times);
    row.floor_ms = median(floor_times);
    print(row);
    m_rows.push_back(row);
  }

  static std::string which(const std::string& name) {
    const char* env = std::getenv("PATH");
    std::stringstream dirs(env ? env : "");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      auto candidate = fs::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
  }

  static std::string ms_text(double ms) {
    return ms >= 1000 ? fmt::format("{:.2f} s", ms / 1000) : fmt::format("{:.1f} ms", ms);
  }
  static std::string mib(long kib) { return fmt::format("{:.1f}", kib / 1024.0); }

  static void print(const Row& r) {
    std::cout << fmt::format("{:<10} {:<24} {:>10}  floor({}) {:>10}  {:>6.2f}x  {:>7} MiB "
                             "(floor {} MiB)\n",
                             r.size, r.command, ms_text(r.ms), r.floor_kind, ms_text(r.floor_ms),
                             r.ms / r.floor_ms, mib(r.rss_kib), mib(r.floor_rss_kib));
    std::cout.flush();
  }

  void print_summary() const { std::cout << machine() << '\n'; }

  static std::string first_line_of(const std::string& file, const std::string& prefix) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind(prefix, 0) == 0) {
        auto colon = line.find(':');
        return colon == std::string::npos ? line : line.substr(colon + 2);
      }
    }
    return "unknown";
  }

  static std::string machine() {
    utsname u{};
    uname(&u);
    long kib = 0;
    {
      std::ifstream in("/proc/meminfo");
      std::string key;
      in >> key >> kib;
    }
    return fmt::format("{}, {} cores, {:.0f} GiB RAM, {} {}, SQLite {}",
                       first_line_of("/proc/cpuinfo", "model name"),
                       sysconf(_SC_NPROCESSORS_ONLN), kib / 1024.0 / 1024.0, u.sysname, u.release,
                       sqlite3_libversion());
  }

  std::string table() const {
    std::string t = fmt::format(
        "Measured {} by `bench/run{}` on: {}.\n\n"
        "| store (allies/interactions) | command | median | floor | ratio | peak RSS | floor RSS "
        "| runs |\n|---|---|--:|--:|--:|--:|--:|--:|\n",
        date_now(), m_o.quick ? " --quick" : "", machine());
    for (const auto& r : m_rows) {
      t += fmt::format("| {} | `{}` | {} | {} ({}) | {:.2f}x | {} MiB | {} MiB | {} |\n", r.size,
                       r.command, ms_text(r.ms), ms_text(r.floor_ms), r.floor_kind,
                       r.ms / r.floor_ms, mib(r.rss_kib), mib(r.floor_rss_kib), r.runs);
    }
    if (!m_growth.empty()) {
      t += "\nThe same allies with ten times the history, timed alternately run by run:\n\n"
           "| command | store | median | store | median | ratio | runs |\n"
           "|---|---|--:|---|--:|--:|--:|\n";
      for (const auto& g : m_growth) {
        t += fmt::format("| `{}` | {} | {} | {} | {} | {:.2f}x | {} |\n", g.command, g.large,
                         ms_text(g.large_ms), g.small, ms_text(g.small_ms),
                         g.large_ms / g.small_ms, g.runs);
      }
    }
    if (!m_intake.empty()) {
      t += "\nBringing a network in (files the bench writes, see `intake()` in bench/runner.cpp):"
           "\n\n| import | median | peak RSS | runs |\n|---|--:|--:|--:|\n";
      for (const auto& i : m_intake)
        t += fmt::format("| `{}` | {} | {} MiB | {} |\n", i.command, ms_text(i.ms),
                         mib(i.rss_kib), i.runs);
    }
    return t;
  }

  static std::string date_now() {
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
    return text;
  }

  // Replaces the text between the markers, keeping everything else of the file.
  void write_markdown() const {
    std::string old;
    if (std::ifstream in(m_o.out); in) {
      std::stringstream s;
      s << in.rdbuf();
      old = s.str();
    }
    auto begin = old.find(k_begin_marker), end = old.find(k_end_marker);
    std::string body = std::string(k_begin_marker) + "\n" + table() + k_end_marker;
    if (begin == std::string::npos || end == std::string::npos || end < begin) {
      old += (old.empty() ? "" : "\n") + body + "\n";
    } else {
      old.replace(begin, end + std::strlen(k_end_marker) - begin, body);
    }
    std::ofstream(m_o.out) << old;
    std::cerr << "wrote the table to " << m_o.out << '\n';
  }

  Options m_o;
  std::vector<Row> m_rows;
  std::vector<Growth> m_growth;
  std::vector<Intake> m_intake;
  long m_added = 0;
  bool m_said_no_task = false;
  int m_schema = -1;
};

} // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + arg);
      return argv[++i];
    };
    try {
      if (arg == "--ally") o.ally = value();
      else if (arg == "--floor") o.floor = value();
      else if (arg == "--gen") o.gen = value();
      else if (arg == "--work") o.work = value();
      else if (arg == "--out") o.out = value();
      else if (arg == "--runs") o.runs = std::stoi(value());
      else if (arg == "--slow-runs") o.slow_runs = std::stoi(value());
      else if (arg == "--quick") o.quick = true;
      else if (arg == "--sizes") o.sizes = value();
      else if (arg == "--commands") o.commands = value();
      else throw std::runtime_error("unknown option " + arg);
    } catch (const std::exception& e) {
      std::cerr << "ally-bench: " << e.what() << '\n';
      return 2;
    }
  }
  if (o.ally.empty() || o.floor.empty() || o.gen.empty() || o.work.empty()) {
    std::cerr << "usage: ally-bench --ally BIN --floor BIN --gen BIN --work DIR [--quick] "
                 "[--runs N] [--slow-runs N] [--out FILE] [--sizes 10k/1M,...] [--commands due,...]\n";
    return 2;
  }
  try {
    Bench(o).all();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "ally-bench: " << e.what() << '\n';
    return 1;
  }
}
