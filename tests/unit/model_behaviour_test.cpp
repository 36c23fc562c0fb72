// What the model must show (issue 2), on the scenario files users run.
#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
Scenario load(const std::string& name, const std::vector<Override>& overrides = {}) {
  Result<Scenario> s = load_scenario(test::source_dir() + "/scenarios/" + name, overrides);
  INFO((s.ok() ? std::string() : s.error().to_string()));
  REQUIRE(s.ok());
  return s.value();
}
double makespan_over_serial(const Report& r) {
  return static_cast<double>(r.metrics.makespan_ns) / static_cast<double>(r.metrics.serial_ns);
}
}  // namespace

TEST_CASE("model: two CPU-bound threads on the new GIL run about serially", "[model][anchor]") {
  const Report r = test::run_report(load("countdown.toml"));
  CHECK(makespan_over_serial(r) >= 0.97);
  CHECK(makespan_over_serial(r) <= 1.10);
  const double expected_switches = static_cast<double>(r.metrics.makespan_ns) / (5 * kMillisecond);
  CHECK(static_cast<double>(r.metrics.gil_switches) == Approx(expected_switches).epsilon(0.20));
}

TEST_CASE("model: two processes run in parallel and so does no GIL", "[model][anchor]") {
  const Report processes = test::run_report(load("multiprocessing.toml"));
  CHECK(makespan_over_serial(processes) >= 0.45);
  CHECK(makespan_over_serial(processes) <= 0.60);
  const Report no_gil = test::run_report(load("countdown.toml", {{"interpreter.gil", "none"}}));
  CHECK(makespan_over_serial(no_gil) >= 0.45);
  CHECK(makespan_over_serial(no_gil) <= 0.60);
  const Report one_core = test::run_report(
      load("countdown.toml", {{"interpreter.gil", "none"}, {"machine.cores", "1"}}));
  CHECK(makespan_over_serial(one_core) >= 0.97);
  CHECK(makespan_over_serial(one_core) <= 1.10);
}

TEST_CASE("model: an I/O thread next to a CPU thread waits one interval per call",
          "[model][anchor]") {
  for (const char* interval : {"5ms", "1ms"}) {
    SECTION(interval) {
      const Report r = test::run_report(
          load("convoy.toml", {{"interpreter.switch_interval", interval}}));
      const Tick iv = r.info.processes[0].switch_interval;
      const ThreadReport& io = r.threads[1];
      REQUIRE(io.name == "io");
      REQUIRE(io.gil_reacquire.count == 200);
      CHECK(static_cast<double>(io.gil_reacquire.p50) / iv >= 0.9);
      CHECK(static_cast<double>(io.gil_reacquire.p50) / iv <= 1.4);
    }
  }
}

TEST_CASE("model: an I/O thread alone re-takes the GIL at once", "[model][anchor]") {
  const Report r =
      test::run_report(load("convoy.toml", {{"thread.cpu.run", "[{ sleep = \"1ms\" }]"}}));
  const ThreadReport& io = r.threads[1];
  CHECK(io.gil_reacquire.p50 < kMillisecond / 10);
}

TEST_CASE("model: GIL-releasing native code in two threads uses two cores", "[model][anchor]") {
  const Report r = test::run_report(load("native.toml"));
  CHECK(makespan_over_serial(r) >= 0.45);
  CHECK(makespan_over_serial(r) <= 0.60);
}
