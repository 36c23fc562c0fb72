#include "gilsim/lab/explain.hpp"

#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
std::vector<std::string> why(const std::string& thread, Tick at) {
  Result<Scenario> s = load_scenario(test::scenario_path("convoy.toml"));
  REQUIRE(s.ok());
  Result<std::vector<std::string>> lines = explain(s.value(), thread, at, RunLimits{});
  REQUIRE(lines.ok());
  REQUIRE_FALSE(lines.value().empty());
  return lines.value();
}
bool starts(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
}  // namespace

TEST_CASE("explain: an I/O thread in the convoy waits for the GIL the CPU thread holds", "[lab]") {
  const auto lines = why("io", 12 * kMillisecond);
  CHECK(starts(lines[0], "at 12ms, io was waiting for the GIL, since "));
  CHECK(lines[1].find("the GIL was held by cpu since ") == 0);
  CHECK(lines.back().find("ends at") != std::string::npos);
  CHECK(lines.back().find("it asks cpu to drop it") != std::string::npos);
}

TEST_CASE("explain: a running thread and a thread in a blocking call", "[lab]") {
  CHECK(starts(why("cpu", 12 * kMillisecond)[0], "at 12ms, cpu was running (since "));
  CHECK(why("cpu", 12 * kMillisecond)[0].find("holding the GIL since") != std::string::npos);
  CHECK(starts(why("io", 2 * kSecond)[0], "the run had ended at "));
}

TEST_CASE("explain: an unknown thread lists the threads", "[lab]") {
  Result<Scenario> s = load_scenario(test::scenario_path("convoy.toml"));
  REQUIRE(s.ok());
  const auto r = explain(s.value(), "nope", kMillisecond, RunLimits{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().to_string() ==
        "--thread nope: error: no thread named 'nope'; threads: cpu, io\n");
}

TEST_CASE("explain: a thread a core is switching to is not shown running, and empty cores are "
          "idle",
          "[lab]") {
  Result<Scenario> s = load_scenario(test::scenario_path("old_gil_battle.toml"));
  REQUIRE(s.ok());
  Result<std::vector<std::string>> lines =
      explain(s.value(), "countdown-2", 1 * kMillisecond, RunLimits{});
  REQUIRE(lines.ok());
  CHECK(lines.value()[0] ==
        "at 1ms, countdown-2 was runnable since 982.784us: core 1 was switching to it (a wake-up "
        "or a context switch takes time) (core 0 runs countdown-1, core 1 switching to "
        "countdown-2, core 2 idle, core 3 idle)");
}
