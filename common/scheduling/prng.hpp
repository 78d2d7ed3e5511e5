// splitmix64: small, fast and identical on every platform (std distributions are not), so a seed means the
// same thing everywhere — for the solver's search and the instance generator alike.
#pragma once
#include <cstddef>
#include <cstdint>

namespace satdan::scheduling {

class prng {
 public:
  explicit prng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Below n (n > 0); the tiny modulo bias does not matter here.
  int below(std::size_t n) { return static_cast<int>(next() % n); }

 private:
  std::uint64_t state_;
};

}  // namespace satdan::scheduling
