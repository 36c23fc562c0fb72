#include "gilsim/core/distribution.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace gilsim;

TEST_CASE("distribution: a fixed duration draws no random numbers", "[core]") {
  Rng a(5), b(5);
  CHECK(Distribution::fixed(42).sample(a) == 42);
  CHECK(a.next() == b.next());
}

TEST_CASE("distribution: uniform draws stay within their bounds", "[core]") {
  Rng rng(9);
  const Distribution d{Distribution::Kind::kUniform, 1000, 2000};
  for (int i = 0; i < 1000; ++i) {
    const Tick t = d.sample(rng);
    REQUIRE(t >= 1000);
    REQUIRE(t <= 2000);
  }
  CHECK(d.mean() == 1500);
}

TEST_CASE("distribution: normal draws are never negative", "[core]") {
  Rng rng(2);
  const Distribution d{Distribution::Kind::kNormal, 10, 100};
  for (int i = 0; i < 1000; ++i) REQUIRE(d.sample(rng) >= 0);
}

TEST_CASE("distribution: descriptions name the kind and parameters", "[core]") {
  CHECK(Distribution::fixed(5 * kMillisecond).describe() == "5ms");
  CHECK(Distribution{Distribution::Kind::kExponential, kMillisecond, 0}.describe() == "exp(1ms)");
  CHECK(Distribution{Distribution::Kind::kUniform, kMillisecond, 2 * kMillisecond}.describe() ==
        "uniform(1ms, 2ms)");
}

TEST_CASE("distribution: exponential draws round exactly as -mean * log1p(-u) does", "[core][determinism]") {
  // rounded_exponential takes a faster logarithm away from rounding
  // boundaries; the draws must be the same integers.
  auto reference = [](double mean, double u) -> Tick {
    const double x = -mean * std::log1p(-u);
    return x > 0 ? static_cast<Tick>(std::llround(x)) : 0;
  };
  Rng rng(7);
  int near_half = 0;
  for (double mean : {1.0, 7.0, 1000.0, 10'000.0, 50'000.0, 1e6, 3.3e7, 1e9, 1e12}) {
    for (int i = 0; i < 200'000; ++i) {
      const double u = rng.uniform01();
      REQUIRE(rounded_exponential(mean, u) == reference(mean, u));
    }
    // The draws that land next to k + 1/2 ns, where the fast path must give way.
    for (int k = 0; k < 2000; ++k) {
      const double target = (k * 37 % 5000) + 0.5;
      // u is a multiple of 2^-53, as uniform01 draws it.
      const double grid = std::floor(-std::expm1(-target / mean) * 0x1p53);
      for (double d = -8; d <= 8; ++d) {
        const double u = (grid + d) * 0x1p-53;
        if (u < 0 || u >= 1) continue;
        const double x = -mean * std::log1p(-u);
        near_half += std::abs(x - std::floor(x) - 0.5) < 1e-9;
        REQUIRE(rounded_exponential(mean, u) == reference(mean, u));
      }
    }
  }
  CHECK(near_half > 1000);  // the boundaries were really visited
  CHECK(rounded_exponential(10.0, 0.0) == 0);
}
