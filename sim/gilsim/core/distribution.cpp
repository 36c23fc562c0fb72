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

Tick Distribution::sample(Rng& rng) const {
  switch (kind) {
    case Kind::kFixed:
      return a;
    case Kind::kExponential:
      return round_non_negative(rng.exponential(static_cast<double>(a)));
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
