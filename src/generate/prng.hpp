// A small, portable pseudo-random generator and the few distributions the
// synthetic data generator needs. The standard library's distributions are
// not specified bit for bit, so output drawn through them could change with
// the library version; everything here uses only integer arithmetic and
// exactly rounded floating-point operations, so the same seed gives the same
// numbers on every platform.
#pragma once

#include <cstdint>

namespace sparkify::generate {

// SplitMix64's finaliser: a bijection on 64-bit integers with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A 64-bit key for (seed, tag): feed it an index through keyed_hash().
constexpr std::uint64_t stream_key(std::uint64_t seed, std::uint64_t tag) {
  return mix64(mix64(seed) ^ mix64(tag + 0x51ed2701f3a5c6b1ULL));
}

// For a fixed key, a bijection of the index: distinct indexes never collide.
constexpr std::uint64_t keyed_hash(std::uint64_t key, std::uint64_t index) {
  return mix64(key + index);
}

// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
class Rng {
 public:
  explicit constexpr Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& word : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      word = mix64(x);
    }
  }
  // An independent stream for one entity (a song, an artist, a session...).
  static constexpr Rng for_entity(std::uint64_t seed, std::uint64_t tag, std::uint64_t index) {
    return Rng{keyed_hash(stream_key(seed, tag), index)};
  }

  constexpr std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); 0 when n is 0. Unbiased (rejection sampling).
  constexpr std::uint64_t below(std::uint64_t n) {
    if (n == 0) {
      return 0;
    }
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t x = next();
      if (x >= threshold) {
        return x % n;
      }
    }
  }

  // Uniform in [lo, hi], inclusive.
  constexpr std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1), 53 random bits.
  constexpr double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // True with probability p (p <= 0: never, p >= 1: always).
  constexpr bool chance(double p) { return unit() < p; }

  // Skewed towards 0: floor(n * u^power) for a small integer power; the
  // popular-first shape of play counts and user activity.
  constexpr std::uint64_t skewed_below(std::uint64_t n, int power) {
    double u = unit();
    double v = u;
    for (int i = 1; i < power; ++i) {
      v *= u;
    }
    const auto k = static_cast<std::uint64_t>(v * static_cast<double>(n));
    return k < n ? k : (n == 0 ? 0 : n - 1);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

}  // namespace sparkify::generate
