#include "gilsim/core/distribution.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gilsim {
namespace {
Tick round_non_negative(double x) {
  if (!(x > 0)) return 0;  // also catches NaN
  if (x >= static_cast<double>(kNever)) return kNever;
  return static_cast<Tick>(std::llround(x));
}
}  // namespace

// log1p was the costliest function of a many-threads run (a draw per wake-up
// and per I/O call); log is about three times faster. As 1 - u is exact (u is
// a multiple of 2^-53), log(1 - u) and log1p(-u) are both within about one ulp
// of the same ln(1 - u) (glibc: 0.52 and 1 ulp), so the two products differ
// by under 3 * 2^-52 of their size. Where that could move the rounding (a
// fraction near one half, with a margin of 2^-40 of the value), the exact
// formula decides: every draw rounds as -mean * log1p(-u) does.
Tick rounded_exponential(double mean, double u) {
  const double fast = -mean * std::log(1.0 - u);
  const double from_half = std::abs(fast - std::floor(fast) - 0.5);
  if (fast < 0x1p52 && from_half > fast * 0x1p-40 + 0x1p-40) return round_non_negative(fast);
  return round_non_negative(-mean * std::log1p(-u));
}

Tick Distribution::sample(Rng& rng) const {
  switch (kind) {
    case Kind::kFixed:
      return a;
    case Kind::kExponential:
      return rounded_exponential(static_cast<double>(a), rng.uniform01());
    case Kind::kUniform:
      return a + static_cast<Tick>(rng.uniform_int(static_cast<std::uint64_t>(b - a) + 1));
    case Kind::kNormal:
      return round_non_negative(rng.normal(static_cast<double>(a), static_cast<double>(b)));
  }
  return a;
}

Tick Distribution::mean() const { return kind == Kind::kUniform ? a + (b - a) / 2 : a; }

std::string Distribution::describe() const {
  switch (kind) {
    case Kind::kFixed:
      return format_duration(a);
    case Kind::kExponential:
      return fmt::format("exp({})", format_duration(a));
    case Kind::kUniform:
      return fmt::format("uniform({}, {})", format_duration(a), format_duration(b));
    case Kind::kNormal:
      return fmt::format("normal({}, {})", format_duration(a), format_duration(b));
  }
  return "?";
}

}  // namespace gilsim
