#include "gilsim/core/distribution.hpp"

#include <catch2/catch.hpp>

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
