// Many ally processes on one store at once: every command succeeds, every write is kept, no
// "database is locked", and the store stays sound. CI runs a short version with real
// contention; ALLY_STRESS_COMMANDS=250 (commands per writer) makes it the full-size run.
#include <catch2/catch.hpp>

#include <atomic>
#include <fmt/format.h>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e/harness.hpp"
#include "e2e/spawn.hpp"

using ally_test::Result;
using ally_test::TempStore;

namespace {

constexpr int k_writers = 4;
constexpr int k_readers = 2;

// What went wrong in any process, gathered across threads and reported once.
struct Failures {
  std::mutex lock;
  std::vector<std::string> lines;
  void add(const std::string& what, const Result& r) {
    std::lock_guard<std::mutex> guard(lock);
    lines.push_back(fmt::format("{} -> exit {}: {}", what, r.code, r.err));
  }
};

// Stderr of a command that worked: empty, or only warnings (a second "Person" makes the first
// name ambiguous, which `add` says).
bool clean(const Result& r) {
  std::size_t start = 0;
  while (start < r.err.size()) {
    if (r.err.compare(start, 15, "ally: warning: ") != 0) return false;
    auto end = r.err.find('\n', start);
    if (end == std::string::npos) return false;
    start = end + 1;
  }
  return r.code == 0;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The command a writer runs at step i: an add, a log or a favor, in turn.
std::vector<std::string> writer_command(int writer, int i) {
  auto tag = fmt::format("w{}-{}", writer, i);
  switch (i % 3) {
  case 0: return {"add", fmt::format("Writer{} Person{}", writer, i), "--note", tag};
  case 1: return {"log", "Rachel", "-w", "Monica", "coffee " + tag};
  default: return {"favor", "Ross", "--gave", "favor " + tag};
  }
}

} // namespace

TEST_CASE("writers and readers at once lose nothing and never see a locked store",
          "[e2e][concurrency]") {
  TempStore s;
  for (const char* name : {"Rachel Green", "Monica Geller", "Ross Geller"}) {
    REQUIRE(s.run({"add", name}).code == 0);
  }
  const int per_writer = ally_test::env_number("ALLY_STRESS_COMMANDS", 24);
  Failures failures;
  std::atomic<int> writers_left{k_writers};
  std::atomic<int> reads{0};

  std::vector<std::thread> threads;
  for (int w = 0; w < k_writers; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < per_writer; ++i) {
        auto args = writer_command(w, i);
        auto r = ally_test::wait_for(ally_test::spawn_ally(s, args, fmt::format("w{}", w)));
        if (!clean(r)) failures.add(fmt::format("writer {} step {}", w, i), r);
      }
      --writers_left;
    });
  }
  for (int reader = 0; reader < k_readers; ++reader) {
    threads.emplace_back([&, reader] {
      std::size_t last_allies = 0;
      // Readers keep going while any writer does, and do at least a few reads each.
      for (int i = 0; writers_left > 0 || i < 4; ++i) {
        bool use_export = (i + reader) % 2 == 0;
        std::vector<std::string> args{"--json", use_export ? "export" : "due"};
        if (!use_export) args.push_back("--all");
        auto r = ally_test::wait_for(ally_test::spawn_ally(s, args, fmt::format("r{}", reader)));
        ++reads;
        if (r.code != 0 || !r.err.empty()) {
          failures.add(fmt::format("reader {} {}", reader, args[1]), r);
          continue;
        }
        // Each read is one consistent snapshot, and snapshots only ever grow.
        auto doc = nlohmann::json::parse(r.out, nullptr, false);
        if (doc.is_discarded()) {
          failures.add(fmt::format("reader {} {}: not JSON", reader, args[1]), r);
          continue;
        }
        if (use_export) {
          auto allies = doc["allies"].size();
          if (allies < last_allies) failures.add("export saw fewer allies than before", r);
          last_allies = allies;
        }
      }
    });
  }
  for (auto& t : threads) t.join();

  INFO(joined(failures.lines));
  CHECK(failures.lines.empty());
  CHECK(reads >= k_readers * 4);

  // Every write is there: count what each kind of command added.
  int adds = 0, logs = 0, favors = 0;
  for (int i = 0; i < per_writer; ++i) (i % 3 == 0 ? adds : i % 3 == 1 ? logs : favors) += 1;
  CHECK(s.scalar("SELECT count(*) FROM ally") == std::to_string(3 + k_writers * adds));
  CHECK(s.scalar("SELECT count(*) FROM interaction WHERE note LIKE 'coffee w%'") ==
        std::to_string(k_writers * logs));
  CHECK(s.scalar("SELECT count(*) FROM interaction_ally") == std::to_string(2 * k_writers * logs));
  CHECK(s.scalar("SELECT count(*) FROM favor WHERE text LIKE 'favor w%'") ==
        std::to_string(k_writers * favors));
  CHECK(s.scalar("SELECT count(*) FROM journal") == std::to_string(3 + k_writers * per_writer));
  // Each writer's own commands are all there, not just the right total.
  for (int w = 0; w < k_writers; ++w) {
    CHECK(s.scalar(fmt::format("SELECT count(*) FROM ally WHERE notes LIKE 'w{}-%'", w)) ==
          std::to_string(adds));
  }
  CHECK(s.scalar("PRAGMA integrity_check") == "ok");
  auto check = s.run({"check"});
  INFO(check.out << check.err);
  CHECK(check.code == 0);
}

TEST_CASE("processes that create a new store at the same moment all succeed",
          "[e2e][concurrency]") {
  const int rounds = ally_test::env_number("ALLY_STRESS_ROUNDS", 4);
  for (int round = 0; round < rounds; ++round) {
    TempStore s;
    ally_test::StartGate gate;
    std::vector<ally_test::Spawned> processes;
    // Writers race to create, set up WAL and migrate; readers race to see an empty store. Odd
    // rounds start them one after another as fast as they fork, so late ones arrive while
    // early ones are half-way: that is where a lock without a wait showed up.
    const bool together = round % 2 == 0;
    for (int i = 0; i < 13; ++i) {
      std::vector<std::string> args;
      if (i >= 10) {
        args = {"due"};
      } else {
        args = {"add", fmt::format("Person {}", i)};
      }
      processes.push_back(ally_test::spawn_ally(s, args, fmt::format("p{}", i),
                                                together ? &gate : nullptr));
    }
    gate.open();
    std::vector<std::string> failures;
    for (auto& p : processes) {
      auto r = ally_test::wait_for(p);
      if (!clean(r)) {
        failures.push_back(fmt::format("exit {}: {}", r.code, r.err));
      }
    }
    INFO("round " << round << "\n" << joined(failures));
    CHECK(failures.empty());
    CHECK(s.scalar("SELECT count(*) FROM ally") == "10");
    CHECK(s.scalar("PRAGMA journal_mode") == "wal");
    CHECK(s.scalar("PRAGMA user_version") != "0");
    CHECK(s.scalar("PRAGMA integrity_check") == "ok");
  }
}
