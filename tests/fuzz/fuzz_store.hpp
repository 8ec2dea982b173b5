#pragma once
// A store for fuzz targets: one temporary file per process, with a few allies whose names are
// the kinds users trip over, removed when the process ends. Inputs run in a write that is
// rolled back, so every input sees the same store.
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "ally/allies.hpp"
#include "ally/store.hpp"

namespace ally_fuzz {

inline ally::Date fixed_today() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / day{24}};
}

class FuzzStore {
public:
  explicit FuzzStore(bool with_allies) {
    std::string pattern = (std::filesystem::temp_directory_path() / "ally-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) std::abort();
    m_dir = pattern;
    m_store = std::make_unique<ally::Store>((m_dir / "ally.db").string(), ally::Access::write,
                                            ally::Clock::pinned(fixed_today()));
    if (with_allies) add_allies();
  }
  ~FuzzStore() {
    m_store.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  FuzzStore(const FuzzStore&) = delete;
  FuzzStore& operator=(const FuzzStore&) = delete;

  ally::Store& store() { return *m_store; }

  // Runs `body` in a write and rolls it back whatever happens.
  template <class Body> void in_rolled_back_write(Body&& body) {
    struct RollBack {};
    try {
      m_store->write("fuzz", [&] {
        body(*m_store);
        throw RollBack{};
      });
    } catch (const RollBack&) {
    }
  }

private:
  void add_allies() {
    struct Seed {
      const char* name;
      const char* nick;
      bool archived;
    };
    const Seed seeds[] = {{"Rachel Green", "Rach", false},
                          {"Rachel Greene", "", false},
                          {"José Núñez", "Pepe", false},
                          {"Mary-Jane O'Neil", "MJ", false},
                          {"Mr. John Richter, James Doe Sr.", "", false},
                          {"John Smith", "Johnny", true},
                          {"Ünal Çelik", "", false},
                          {"李 小龙", "", false}};
    m_store->write("seed", [&] {
      for (const auto& seed : seeds) {
        ally::Ally a;
        a.name = seed.name;
        if (*seed.nick) a.nicknames.push_back(seed.nick);
        a.archived = seed.archived;
        a.emails.push_back(std::string("a") + std::to_string(a.name.size()) + "@example.com");
        ally::insert_ally(*m_store, a);
      }
    });
  }

  std::filesystem::path m_dir;
  std::unique_ptr<ally::Store> m_store;
};

// The input bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

} // namespace ally_fuzz
