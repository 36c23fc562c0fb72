#pragma once
// Simulated time. Always integer nanoseconds: equal times compare exactly (so
// same-time ties are real ties) and sums do not depend on the order of addition.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gilsim {

/// A point in simulated time or a duration, in nanoseconds.
using Tick = std::int64_t;

inline constexpr Tick kNanosecond = 1;
inline constexpr Tick kMicrosecond = 1000;
inline constexpr Tick kMillisecond = 1000 * kMicrosecond;
inline constexpr Tick kSecond = 1000 * kMillisecond;

/// A time no event ever reaches ("forever"). Small enough that adding two of
/// them cannot overflow.
inline constexpr Tick kNever = INT64_MAX / 4;

/// The longest duration a scenario may write (a sleep, an op, a stop time),
/// about 11.6 days: 2,000 of them in a row still end before kNever, and a
/// longer one says more about a typo than about the GIL (docs/limits.md).
inline constexpr Tick kMaxDuration = 1'000'000 * kSecond;

/// Parses a non-negative duration with a unit: "5ms", "20us", "1.5s", "100ns"
/// ("µs" is accepted for "us"). Returns nullopt when the text is malformed, has
/// no unit, is finer than one nanosecond, or is larger than kNever; in the last
/// case it sets *too_large when given.
std::optional<Tick> parse_duration(std::string_view text, bool* too_large = nullptr);

/// Formats a duration for people, rounded to at most three decimals in the
/// largest unit that keeps the value >= 1: "5ms", "1.234ms", "12.5us", "0s".
std::string format_duration(Tick t);

/// a * b for non-negative values, saturating at kNever instead of overflowing.
inline Tick saturating_mul(Tick a, Tick b) {
  if (a == 0 || b == 0) return 0;
  return a > kNever / b ? kNever : a * b;
}

/// Seconds as a double, for rates. Never feed the result back into simulated time.
inline double to_seconds(Tick t) { return static_cast<double>(t) / kSecond; }

}  // namespace gilsim
