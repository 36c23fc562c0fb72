// Speed and memory of the simulator (not a test: wall time on a shared machine
// is noisy, so this prints figures; docs/performance.md records them).
//
// Workloads, each simulated for 60 s:
//   convoy-60s       two CPU-bound threads plus an I/O thread (the issue's target)
//   convoy-60s-3.9   the same with check sites at every instruction
//   many-threads     16 CPU-bound threads and 4 I/O threads at a 100 us interval
//   old-gil-60s      two CPU-bound threads battling on the old GIL, 4 cores
//                    (a check every few microseconds, most of them waking a thread)
// Each runs 5 times; the best wall time is reported (the least disturbed run).

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "gilsim/lab/simulate.hpp"
#include "gilsim/scenario/load.hpp"

namespace {

constexpr const char* kConvoy = R"(
[scenario]
name = "bench-convoy"
stop = "60s"
[machine]
cores = 2
[interpreter]
version = "3.11"
[[thread]]
name = "cpu"
count = 2
run = [ { python = "forever" } ]
[[thread]]
name = "io"
run = [ { repeat = "forever", name = "request", body = [ { io = "20us" }, { python = 300 } ] } ]
)";

constexpr const char* kMany = R"(
[scenario]
name = "bench-many"
stop = "60s"
[machine]
cores = 2
[interpreter]
version = "3.11"
switch_interval = "100us"
[[thread]]
name = "cpu"
count = 16
run = [ { python = "forever" } ]
[[thread]]
name = "io"
count = 4
run = [ { repeat = "forever", body = [ { io = { exp = "50us" } }, { python = 300 } ] } ]
)";

constexpr const char* kOldGil = R"(
[scenario]
name = "bench-old-gil"
stop = "60s"
[machine]
cores = 4
lock_cost = "1800ns"
signal_cost = "3500ns"
[interpreter]
version = "2.7"
instruction_time = "13ns"
loop_body = 6
[[thread]]
name = "cpu"
count = 2
run = [ { python = "forever" } ]
)";

void bench(const std::string& name, const std::string& text,
           const std::vector<gilsim::Override>& overrides = {}) {
  auto loaded = gilsim::parse_scenario(text, name, overrides);
  if (!loaded.ok()) {
    fmt::print(stderr, "{}", loaded.error().to_string());
    std::exit(2);
  }
  double best = 1e100;
  std::uint64_t events = 0;
  for (int i = 0; i < 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const gilsim::SimulateResult r = gilsim::simulate(loaded.value());
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, wall);
    events = r.outcome.events;
  }
  fmt::print("{:<16} {:>12} events  {:>9.3f} s  {:>8.2f} M events/s\n", name, events, best,
             static_cast<double>(events) / best / 1e6);
}

}  // namespace

int main() {
  fmt::print("gilsim benchmark: 60 simulated seconds per workload, best of 5\n");
  bench("convoy-60s", kConvoy);
  bench("convoy-60s-3.9", kConvoy, {{"interpreter.version", "3.9"}});
  bench("many-threads", kMany);
  bench("old-gil-60s", kOldGil);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("peak memory: {:.1f} MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
