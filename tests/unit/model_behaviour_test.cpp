// What the model must show (issue 2), on the scenario files users run.
#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
Report run(const std::string& name, const std::vector<Override>& overrides = {}) {
  return test::run_file(test::scenario_path(name), "", overrides);
}
}  // namespace

TEST_CASE("model: two CPU-bound threads on the new GIL run about serially", "[model][anchor]") {
  const Report r = run("countdown.toml");
  CHECK(test::over_serial(r) >= 0.97);
  CHECK(test::over_serial(r) <= 1.10);
  const double expected_switches = static_cast<double>(r.metrics.makespan_ns) / (5 * kMillisecond);
  CHECK(static_cast<double>(r.metrics.gil_switches) == Approx(expected_switches).epsilon(0.20));
}

TEST_CASE("model: two processes run in parallel and so does no GIL", "[model][anchor]") {
  const Report processes = run("multiprocessing.toml");
  CHECK(test::over_serial(processes) >= 0.45);
  CHECK(test::over_serial(processes) <= 0.60);
  const Report no_gil = run("countdown.toml", {{"interpreter.gil", "none"}});
  CHECK(test::over_serial(no_gil) >= 0.45);
  CHECK(test::over_serial(no_gil) <= 0.60);
  const Report one_core =
      run("countdown.toml", {{"interpreter.gil", "none"}, {"machine.cores", "1"}});
  CHECK(test::over_serial(one_core) >= 0.97);
  CHECK(test::over_serial(one_core) <= 1.10);
}

TEST_CASE("model: an I/O thread next to a CPU thread waits one interval per call",
          "[model][anchor]") {
  for (const char* interval : {"5ms", "1ms"}) {
    SECTION(interval) {
      const Report r = run("convoy.toml", {{"interpreter.switch_interval", interval}});
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
  const Report r = run("convoy.toml", {{"thread.cpu.run", "[{ sleep = \"1ms\" }]"}});
  const ThreadReport& io = r.threads[1];
  CHECK(io.gil_reacquire.p50 < kMillisecond / 10);
}

TEST_CASE("model: GIL-releasing native code in two threads uses two cores", "[model][anchor]") {
  const Report r = run("native.toml");
  CHECK(test::over_serial(r) >= 0.45);
  CHECK(test::over_serial(r) <= 0.60);
}
