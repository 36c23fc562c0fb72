#pragma once
// gilsim's own random numbers. The standard library's engines are portable but
// its distributions are not (libstdc++ and libc++ draw different values), so the
// generator and every distribution are ours. Each entity draws from its own
// stream derived from (scenario seed, stream id): adding a thread does not shift
// any other thread's draws.

#include <cstdint>

namespace gilsim {

/// SplitMix64 step: used to seed xoshiro and to derive stream seeds.
std::uint64_t splitmix64(std::uint64_t& state);

/// xoshiro256** 1.0 (Blackman and Vigna), seeded through SplitMix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  /// The generator for one entity: a stream of `seed` identified by `stream_id`.
  static Rng stream(std::uint64_t seed, std::uint64_t stream_id);

  /// The next 64 random bits.
  std::uint64_t next();

  /// Uniform integer in [0, n), by rejection (no modulo bias). REQUIRES: n > 0.
  std::uint64_t uniform_int(std::uint64_t n);

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform01();

  /// Exponentially distributed value with the given mean (inversion method).
  double exponential(double mean);

  /// Normally distributed value (Marsaglia's polar method; the spare is discarded
  /// so that every call consumes a fixed-per-call, seed-determined number of draws).
  double normal(double mean, double stddev);

 private:
  std::uint64_t s_[4];
};

}  // namespace gilsim
