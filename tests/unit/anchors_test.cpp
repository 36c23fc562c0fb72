// Published measurements the model must land near (issue 3; docs/validation.md
// shows the numbers and explains the gaps). Tolerance: 25% on each published
// ratio unless said otherwise. Why 25%: each source is one run on one machine
// (Beazley's 2 vs 4 threads differ by 2%, Skvortsov's countdown by 1%), and the
// machines' lock costs and wake-up latencies are not published, so each anchor
// machine fixes one or two of them from one of its own figures and must then
// land near the others; 25% keeps the qualitative claims (old GIL on several
// cores ~2x slower, on one core ~1.5x; about 2 switch intervals per request)
// decisive while leaving room for what the model leaves out.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <map>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::run_file;

namespace {
constexpr double kTolerance = 0.25;

std::string anchor(const std::string& name) {
  return test::source_dir() + "/scenarios/anchors/" + name;
}

double makespan(const Report& r) { return static_cast<double>(r.metrics.makespan_ns); }

double request_rate(const Report& r) {
  for (const LoopReport& l : r.loops) {
    if (l.name == "request") return l.rate;
  }
  FAIL("no request loop");
  return 0;
}

void check_near(double simulated, double published) {
  INFO("simulated " << simulated << ", published " << published);
  CHECK(simulated >= published * (1 - kTolerance));
  CHECK(simulated <= published * (1 + kTolerance));
}
}  // namespace

TEST_CASE("anchor: Beazley's old-GIL countdown on a 4-core Mac Pro", "[anchor][slow]") {
  const std::string file = anchor("beazley_macpro.toml");
  const double sequential = makespan(run_file(file));  // 7.8 s
  check_near(makespan(run_file(file, "2 threads")) / sequential, 15.4 / 7.8);
  check_near(makespan(run_file(file, "4 threads")) / sequential, 15.7 / 7.8);
  check_near(makespan(run_file(file, "2 threads, 1 CPU")) / sequential, 11.3 / 7.8);
  check_near(makespan(run_file(file, "4 threads, 1 CPU")) / sequential, 11.6 / 7.8);
}

TEST_CASE("anchor: Guillo's count(10**8) in two threads on 2 cores and 1", "[anchor][slow]") {
  const std::string file = anchor("guillo_count.toml");
  const double two_cores = makespan(run_file(file));           // 30 s
  const double one_core = makespan(run_file(file, "1 core"));  // 22 s
  check_near(two_cores / one_core, 30.0 / 22.0);
  check_near(two_cores / kSecond, 30.0);
  check_near(one_core / kSecond, 22.0);
}

TEST_CASE("anchor: the old GIL's battle on the default machine, with only cores and version",
          "[anchor]") {
  // Issue 10: 2.7, two countdown threads, at least 1.3x serial on 4 cores and
  // about 1x on one; Guillo's Linux ratio (2 cores against 1: 30 s / 22 s)
  // from the same machine, without his profile.
  const auto ratio = [](int cores) {
    const std::string text = fmt::format(
        "[machine]\ncores = {}\n[interpreter]\nversion = \"2.7\"\n"
        "[[thread]]\nname = \"countdown\"\nrun = [ {{ python = 90_000_000 }} ]\n", cores);
    const Report serial = test::run_report(test::scenario_from(text));
    const Report two = test::run_report(test::scenario_from(
        text, {{"thread.countdown.count", "2"},
               {"thread.countdown.run", "[ { python = 45_000_000 } ]"}}));
    return makespan(two) / makespan(serial);
  };
  const double four = ratio(4), two = ratio(2), one = ratio(1);
  INFO("4 cores " << four << ", 2 cores " << two << ", 1 core " << one);
  CHECK(four >= 1.3);
  CHECK(one < 1.05);
  check_near(two / one, 30.0 / 22.0);
}

TEST_CASE("anchor: gilvis badness is near 0 on one CPU and high on several", "[anchor]") {
  const std::string file = anchor("gilvis_badness.toml");
  // Published ranges over many trace windows; the tolerance widens each bound.
  const double two_cpus = run_file(file).metrics.badness;
  CHECK(two_cpus >= 0.130 * (1 - kTolerance));
  CHECK(two_cpus <= 0.525 * (1 + kTolerance));
  const double io_cpu = run_file(file, "1 I/O thread + 1 CPU thread, 4 CPUs").metrics.badness;
  CHECK(io_cpu >= 0.219 * (1 - kTolerance));
  CHECK(io_cpu <= 0.500 * (1 + kTolerance));
  // "about 0.000 - 0.001": below 0.01 is two orders of magnitude under the multicore ratio.
  CHECK(run_file(file, "2 threads, 1 CPU").metrics.badness < 0.01);
  CHECK(run_file(file, "4 threads, 1 CPU").metrics.badness < 0.01);
}

TEST_CASE("anchor: Skvortsov's countdown is flat from 1 to 8 threads on the new GIL", "[anchor]") {
  const std::string file = anchor("skvortsov_countdown.toml");
  const double one = makespan(run_file(file));  // 6.52 s
  check_near(makespan(run_file(file, "2 threads")) / one, 6.57 / 6.52);
  check_near(makespan(run_file(file, "4 threads")) / one, 6.59 / 6.52);
  check_near(makespan(run_file(file, "8 threads")) / one, 6.58 / 6.52);
}

TEST_CASE("anchor: Skvortsov's echo server alone and next to a CPU-bound thread", "[anchor]") {
  const std::string file = anchor("skvortsov_echo.toml");
  check_near(request_rate(run_file(file, "alone")), 30'000);
  check_near(request_rate(run_file(file)), 100);
}

TEST_CASE("anchor: Skvortsov's requests per second against switch interval have his table's shape",
          "[anchor][slow]") {
  const std::string file = anchor("skvortsov_echo.toml");
  const std::vector<std::string> intervals = {"100ms", "10ms", "5ms", "1ms", "100us", "10us"};
  const std::vector<double> seconds = {0.1, 0.01, 0.005, 0.001, 1e-4, 1e-5};
  std::map<int, std::vector<double>> rps;  // CPU threads -> RPS per interval
  for (int threads : {1, 2, 4}) {
    for (const std::string& iv : intervals) {
      rps[threads].push_back(
          request_rate(run_file(file, "",
                                {{"interpreter.switch_interval", iv},
                                 {"thread.cpu.count", std::to_string(threads)},
                                 {"scenario.stop", iv == "100ms" ? "8s" : "2s"}})));
    }
  }
  for (int threads : {1, 2, 4}) {
    INFO(threads << " CPU threads");
    const auto& r = rps[threads];
    // Shorter intervals serve more requests, all the way down to 10 us.
    for (std::size_t i = 1; i < r.size(); ++i) CHECK(r[i] > r[i - 1]);
    // From 10 ms to 1 ms RPS grows as 1 / interval: RPS x interval is flat
    // (published: 0.50/0.50/0.50, 0.30/0.25/0.28, 0.15/0.15/0.20).
    double low = 1e9, high = 0;
    for (std::size_t i = 1; i < 4; ++i) {
      low = std::min(low, r[i] * seconds[i]);
      high = std::max(high, r[i] * seconds[i]);
    }
    CHECK(high / low < 1 + kTolerance);
  }
  // One CPU thread: two switch intervals per request, exactly as published
  // (5, 50, 100, 500 requests/s: RPS x interval = 0.5) from 0.1 s to 1 ms.
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("interval " << intervals[i]);
    CHECK(rps[1][i] * seconds[i] == Approx(0.5).epsilon(kTolerance));
  }
  // More CPU threads, fewer requests, at every interval (published: 1 > 2 > 4).
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    INFO("interval " << intervals[i]);
    CHECK(rps[1][i] > rps[2][i]);
    CHECK(rps[2][i] > rps[4][i]);
  }
}
