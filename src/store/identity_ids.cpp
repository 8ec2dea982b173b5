#include <fmt/format.h>

#include "store/database.hpp"

namespace ally {

std::string id_of_identity(std::string_view identity) {
  auto fnv = [&](std::uint64_t hash) {
    for (unsigned char c : identity) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    return hash;
  };
  std::uint64_t hi = fnv(0xcbf29ce484222325ULL);
  std::uint64_t lo = fnv(0x84222325cbf29ce4ULL ^ hi);
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000008000ULL; // version 8: custom
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // variant 10
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

} // namespace ally
