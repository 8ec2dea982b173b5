#pragma once
// Helpers for unit tests of the store: a fresh store file in its own folder, and a quick ally.
#include <filesystem>
#include <random>
#include <string>

#include "ally/allies.hpp"
#include "ally/store.hpp"

namespace ally_test {

inline ally::Date ymd(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// A fresh store file in its own folder, removed afterwards; "today" is 2026-11-24.
struct TempDb {
  std::filesystem::path dir;
  TempDb() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("ally-unit-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ally::Store open() const {
    return ally::Store((dir / "ally.db").string(), ally::Access::write,
                       ally::Clock::pinned(ymd(2026, 11, 24)));
  }
};

inline std::int64_t add_ally(ally::Store& store, const std::string& name) {
  ally::Ally a;
  a.name = name;
  store.write("add", [&] { ally::insert_ally(store, a); });
  return a.meta.number;
}

} // namespace ally_test
