#include "gilsim/core/time.hpp"

#include <catch2/catch.hpp>

using namespace gilsim;

TEST_CASE("time: durations parse with every unit", "[core]") {
  CHECK(parse_duration("5ms") == 5 * kMillisecond);
  CHECK(parse_duration("20us") == 20 * kMicrosecond);
  CHECK(parse_duration("20\xC2\xB5s") == 20 * kMicrosecond);
  CHECK(parse_duration("1.5s") == 1500 * kMillisecond);
  CHECK(parse_duration("100ns") == 100);
  CHECK(parse_duration("0.25ms") == 250 * kMicrosecond);
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("0us") == 0);
}

TEST_CASE("time: malformed durations are rejected", "[core]") {
  CHECK_FALSE(parse_duration("5"));     // no unit
  CHECK_FALSE(parse_duration("ms"));    // no number
  CHECK_FALSE(parse_duration("-5ms"));  // negative
  CHECK_FALSE(parse_duration("5 parsecs"));
  CHECK_FALSE(parse_duration("1.5ns"));  // finer than a nanosecond
  CHECK_FALSE(parse_duration("5..1ms"));
  CHECK_FALSE(parse_duration("99999999999999999999s"));  // overflow
}

TEST_CASE("time: durations format in the largest fitting unit", "[core]") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(5 * kMillisecond) == "5ms");
  CHECK(format_duration(5'012'345) == "5.012ms");
  CHECK(format_duration(12'500) == "12.5us");
  CHECK(format_duration(999) == "999ns");
  CHECK(format_duration(1'500'000'000) == "1.5s");
  CHECK(format_duration(-2 * kMicrosecond) == "-2us");
}

TEST_CASE("time: saturating multiplication stops at kNever", "[core]") {
  CHECK(saturating_mul(3, 5) == 15);
  CHECK(saturating_mul(0, kNever) == 0);
  CHECK(saturating_mul(kNever, 2) == kNever);
  CHECK(saturating_mul(INT64_MAX / 2, INT64_MAX / 2) == kNever);
}

TEST_CASE("time: the largest durations format without overflowing", "[core]") {
  CHECK(format_duration(kNever) == "2305843009.214s");
  CHECK(format_duration(kMaxDuration) == "1000000s");
  CHECK(format_duration(999'999'999) == "1s");  // rounds up into the next whole unit
}
