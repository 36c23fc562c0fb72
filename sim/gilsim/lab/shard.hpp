#pragma once
// `--shard I/N`: the deterministic share of a sweep's runs or of an
// exploration's schedules that one of N machines (or jobs) computes. Run k of
// the whole job belongs to shard (k mod N) + 1: neighbouring grid points,
// which often cost alike, go to different shards. `gilsim merge` joins the
// parts (lab/merge.hpp).

#include <cstddef>
#include <string_view>

#include "gilsim/core/error.hpp"

namespace gilsim {

struct Shard {
  int index = 1;  ///< 1-based
  int count = 1;

  bool whole() const { return count == 1; }
  /// Whether run `k` (0-based, in the whole job's order) is this shard's.
  bool has(std::size_t k) const { return static_cast<int>(k % static_cast<std::size_t>(count)) == index - 1; }
};

/// The most shards a job is cut into (docs/limits.md).
inline constexpr int kMaxShards = 100'000;

/// "I/N" with 1 <= I <= N <= kMaxShards; the error names `--shard TEXT`.
Result<Shard> parse_shard(std::string_view text);

}  // namespace gilsim
