#include "gilsim/lab/sweep.hpp"

#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
SweepOptions convoy_sweep(int jobs) {
  SweepOptions o;
  o.params.push_back(parse_sweep_param("interpreter.switch_interval=1ms..20ms").value());
  o.steps = 4;
  o.log = true;
  o.jobs = jobs;
  o.metrics = {"loops.request.io.rate", "threads.io.gil_reacquire.p50"};
  return o;
}
}  // namespace

TEST_CASE("sweep: parameters parse as durations or integers", "[lab]") {
  const SweepParam d = parse_sweep_param("interpreter.switch_interval=100us..50ms").value();
  CHECK(d.key == "interpreter.switch_interval");
  CHECK(d.duration);
  CHECK(d.from == 100'000);
  CHECK(d.to == 50'000'000);
  const SweepParam i = parse_sweep_param("machine.cores=1..8").value();
  CHECK_FALSE(i.duration);
  CHECK(i.to == 8);
  CHECK_FALSE(parse_sweep_param("machine.cores=1-8").ok());
  CHECK(parse_sweep_param("nope").error().to_string() ==
        "--param nope: error: expected KEY=FROM..TO, e.g. "
        "interpreter.switch_interval=100us..50ms\n");
}

TEST_CASE("sweep: the output is identical for --jobs 1 and --jobs 2", "[lab][determinism]") {
  const std::string file = test::scenario_path("convoy_policies.toml");
  const Result<SweepResult> one = sweep(file, convoy_sweep(1));
  const Result<SweepResult> two = sweep(file, convoy_sweep(2));
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  CHECK(sweep_csv(one.value()) == sweep_csv(two.value()));
  // 5 variants x 4 grid points, a log grid from 1 ms to 20 ms.
  CHECK(one.value().rows.size() == 20);
  CHECK(one.value().rows[1].values[0] == 2'714'418);
}

TEST_CASE("sweep: the convoy's request rate falls as the switch interval grows", "[lab]") {
  const Result<SweepResult> r = sweep(test::scenario_path("convoy.toml"), convoy_sweep(2));
  REQUIRE(r.ok());
  double previous = 1e18;
  for (const SweepResult::Row& row : r.value().rows) {
    const double rate = row.metrics[0].real;
    CHECK(rate < previous);
    previous = rate;
  }
  const std::string csv = sweep_csv(r.value());
  CHECK(csv.rfind("variant,interpreter.switch_interval_ns,loops.request.io.rate,"
                  "threads.io.gil_reacquire.p50\n",
                  0) == 0);
}

TEST_CASE("sweep: integer grids drop the repeats rounding makes", "[lab]") {
  SweepOptions o;
  o.params.push_back(parse_sweep_param("machine.cores=1..3").value());
  o.steps = 8;
  const Result<SweepResult> r = sweep(test::scenario_path("native.toml"), o);
  REQUIRE(r.ok());
  REQUIRE(r.value().rows.size() == 3);
  CHECK(r.value().rows[2].values[0] == 3);
}

TEST_CASE("sweep: the plot has labelled axes and a line per variant", "[lab][report]") {
  const Result<SweepResult> r = sweep(test::scenario_path("convoy_policies.toml"), convoy_sweep(2));
  REQUIRE(r.ok());
  const std::string svg = line_chart_svg(sweep_chart(r.value()).value());
  // A panel per metric, the reacquire times with time units.
  CHECK(svg.find("2 metrics against interpreter.switch_interval") != std::string::npos);
  CHECK(svg.find(">loops.request.io.rate") != std::string::npos);
  CHECK(svg.find(">threads.io.gil_reacquire.p50") != std::string::npos);
  CHECK(svg.find(">0s</text>") != std::string::npos);
  CHECK(svg.find(">interpreter.switch_interval (log scale)</text>") != std::string::npos);
  CHECK(svg.find(">1ms</text>") != std::string::npos);
  std::size_t lines = 0;
  for (auto at = svg.find("<polyline"); at != std::string::npos;
       at = svg.find("<polyline", at + 1)) {
    ++lines;
  }
  CHECK(lines == 10);  // 5 variants in each of 2 panels
  CHECK(svg.find(">priority-io</text>") != std::string::npos);
}
