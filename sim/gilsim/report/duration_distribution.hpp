#pragma once
// A distribution of durations (GIL waits, re-acquisitions, loop iterations)
// whose memory does not grow with the run: the first kExactSamples are kept
// as they are and give exact percentiles; beyond that they go into a
// log-linear histogram (HdrHistogram's layout: 1024 buckets per power of two,
// exact below 2048 ns), whose percentiles are within 0.05% of the exact ones.
// docs/metrics.md states the precision.

#include <cstdint>
#include <vector>

#include "gilsim/core/time.hpp"
#include "gilsim/report/report.hpp"

namespace gilsim {

class DurationDistribution {
 public:
  /// Samples kept exactly before the histogram takes over.
  static constexpr std::size_t kExactSamples = 1024;

  /// `exact`: keep every sample, however many (exact percentiles, memory
  /// growing with the run).
  explicit DurationDistribution(bool exact = false) : exact_only_(exact) {}

  void add(Tick d);
  /// Adds every sample of `other`.
  void add(const DurationDistribution& other);

  /// Nearest-rank p50, p90, p99 (exact, or the midpoint of the sample's
  /// bucket), the exact count and the exact maximum.
  Percentiles percentiles() const;
  std::int64_t count() const { return count_; }

  /// The bucket of a duration, and the value that stands for the bucket.
  static std::int64_t bucket(Tick d);
  static Tick representative(std::int64_t bucket);

 private:
  void to_histogram();
  std::int64_t& counter(std::int64_t bucket);
  /// Calls f(bucket, samples) for every bucket with samples, in increasing order.
  template <class F>
  void each_bucket(F f) const;

  bool exact_only_;
  std::vector<Tick> samples_;  ///< while exact
  // Once a histogram: the counts, each block of buckets allocated when first
  // used (the linear part below 2048 ns, then one block per power of two), so
  // a distribution costs at most a few blocks of 8-16 KB, whatever the run's length.
  std::vector<std::int64_t> linear_;
  std::vector<std::vector<std::int64_t>> octaves_;
  bool histogram_ = false;
  std::int64_t count_ = 0;
  Tick max_ = 0;
};

}  // namespace gilsim
