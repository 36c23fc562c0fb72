#include "gilsim/report/duration_distribution.hpp"

#include <algorithm>
#include <bit>

namespace gilsim {
namespace {

constexpr int kSubBits = 10;                       // 1024 buckets per power of two
constexpr Tick kLinear = Tick{1} << (kSubBits + 1);  // below 2048 ns: one bucket per ns

/// The nearest rank (1-based) of `percent` among `n` samples: ceil(p/100 * n).
std::int64_t rank(std::int64_t n, int percent) {
  return std::max<std::int64_t>((n * percent + 99) / 100, 1);
}

}  // namespace

std::int64_t DurationDistribution::bucket(Tick d) {
  if (d < kLinear) return std::max<Tick>(d, 0);
  const int octave = std::bit_width(static_cast<std::uint64_t>(d)) - 1;  // >= kSubBits + 1
  const int shift = octave - kSubBits;
  // The top kSubBits + 1 bits of d (from 1024 to 2047), octave by octave.
  return kLinear + static_cast<std::int64_t>(shift - 1) * (Tick{1} << kSubBits) +
         ((d >> shift) - (Tick{1} << kSubBits));
}

Tick DurationDistribution::representative(std::int64_t b) {
  if (b < kLinear) return b;
  const std::int64_t above = b - kLinear;
  const int shift = static_cast<int>(above >> kSubBits) + 1;
  const Tick low = ((Tick{1} << kSubBits) + (above & ((Tick{1} << kSubBits) - 1))) << shift;
  return low + ((Tick{1} << shift) - 1) / 2;  // the middle of [low, low + 2^shift)
}

std::int64_t& DurationDistribution::counter(std::int64_t b) {
  if (b < kLinear) {
    if (linear_.empty()) linear_.assign(static_cast<std::size_t>(kLinear), 0);
    return linear_[static_cast<std::size_t>(b)];
  }
  const auto block = static_cast<std::size_t>((b - kLinear) >> kSubBits);
  if (octaves_.size() <= block) octaves_.resize(block + 1);
  if (octaves_[block].empty()) octaves_[block].assign(std::size_t{1} << kSubBits, 0);
  return octaves_[block][static_cast<std::size_t>((b - kLinear) & ((Tick{1} << kSubBits) - 1))];
}

template <class F>
void DurationDistribution::each_bucket(F f) const {
  for (std::size_t i = 0; i < linear_.size(); ++i) {
    if (linear_[i] > 0) f(static_cast<std::int64_t>(i), linear_[i]);
  }
  for (std::size_t block = 0; block < octaves_.size(); ++block) {
    for (std::size_t i = 0; i < octaves_[block].size(); ++i) {
      if (octaves_[block][i] > 0) {
        f(kLinear + static_cast<std::int64_t>((block << kSubBits) + i), octaves_[block][i]);
      }
    }
  }
}

void DurationDistribution::add(Tick d) {
  ++count_;
  max_ = std::max(max_, d);
  if (histogram_) {
    ++counter(bucket(d));
    return;
  }
  samples_.push_back(d);
  if (!exact_only_ && samples_.size() > kExactSamples) to_histogram();
}

void DurationDistribution::add(const DurationDistribution& other) {
  if (other.histogram_) {
    if (!histogram_) to_histogram();
    other.each_bucket([&](std::int64_t b, std::int64_t n) { counter(b) += n; });
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
    return;
  }
  for (Tick d : other.samples_) add(d);
}

void DurationDistribution::to_histogram() {
  for (Tick d : samples_) ++counter(bucket(d));
  samples_ = {};  // (clear() would keep the capacity: the memory is what goes)
  histogram_ = true;
}

Percentiles DurationDistribution::percentiles() const {
  Percentiles p;
  if (count_ == 0) return p;
  p.count = count_;
  p.max = max_;
  const int percents[] = {50, 90, 99};
  Tick* out[] = {&p.p50, &p.p90, &p.p99};
  if (!histogram_) {
    std::vector<Tick> sorted = samples_;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 3; ++i) *out[i] = sorted[static_cast<std::size_t>(rank(count_, percents[i]) - 1)];
    return p;
  }
  std::int64_t seen = 0;
  int next = 0;
  each_bucket([&](std::int64_t b, std::int64_t n) {
    seen += n;
    while (next < 3 && seen >= rank(count_, percents[next])) {
      *out[next++] = std::min(representative(b), max_);
    }
  });
  return p;
}

}  // namespace gilsim
