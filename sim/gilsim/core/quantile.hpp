#pragma once
// The q-quantile of a set of values, linearly interpolated between the two
// nearest ranks (0.5: the median, the mean of the middle two for an even
// count), as experimenters summarise repeated measurements.

#include <algorithm>
#include <cmath>
#include <vector>

#include "gilsim/core/assert.hpp"

namespace gilsim {

/// REQUIRES: `values` is not empty. q is clamped to 0..1.
inline double quantile(std::vector<double> values, double q) {
  GILSIM_ASSERT(!values.empty(), "a quantile of no values");
  std::sort(values.begin(), values.end());
  const double at = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (values[hi] - values[lo]) * (at - static_cast<double>(lo));
}

}  // namespace gilsim
