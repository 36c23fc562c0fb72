#pragma once
// A duration that is fixed or drawn from one of gilsim's distributions.

#include <string>

#include "gilsim/core/rng.hpp"
#include "gilsim/core/time.hpp"

namespace gilsim {

/// A duration: fixed, or a random draw (rounded to whole nanoseconds, never negative).
struct Distribution {
  enum class Kind { kFixed, kExponential, kUniform, kNormal };
  Kind kind = Kind::kFixed;
  /// kFixed: the value; kExponential: the mean; kUniform: low; kNormal: the mean.
  Tick a = 0;
  /// kUniform: high (inclusive); kNormal: the standard deviation.
  Tick b = 0;

  static Distribution fixed(Tick t) { return {Kind::kFixed, t, 0}; }

  /// Draws one value. A fixed duration consumes no random numbers.
  Tick sample(Rng& rng) const;

  /// The expected value, for planning and reports.
  Tick mean() const;

  /// "5ms", "exp(1ms)", "uniform(1ms, 2ms)", "normal(1ms, 100us)".
  std::string describe() const;

  bool operator==(const Distribution&) const = default;
};

/// An exponential draw from the uniform `u`: -mean * log1p(-u)
/// (Rng::exponential), rounded to whole nanoseconds, never negative.
/// REQUIRES: u in [0, 1), a multiple of 2^-53 (Rng::uniform01).
Tick rounded_exponential(double mean, double u);

}  // namespace gilsim
