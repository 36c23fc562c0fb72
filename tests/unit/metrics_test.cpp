#include "gilsim/report/metrics.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

using namespace gilsim;

namespace {
RunInfo two_threads() {
  RunInfo info;
  info.scenario = "t";
  info.cores = 2;
  info.wakeup_latency = 10;
  info.processes.push_back(ProcessInfo{"main", "3.11", "timed-switch", true, 1000});
  info.threads = {{"a", 0}, {"b", 0}};
  return info;
}
void rec(MetricsCollector& m, Tick t, RecordKind k, ThreadId th, std::int64_t amount = 0,
         std::int32_t arg = 0) {
  m.on_record(TraceRecord{t, amount, th, arg, k});
}
}  // namespace

TEST_CASE("metrics: nearest-rank percentiles", "[report]") {
  DurationDistribution d;
  for (Tick t : {5, 1, 4, 2, 3, 6, 7, 8, 9, 10}) d.add(t);
  const Percentiles p = d.percentiles();
  CHECK(p.count == 10);
  CHECK(p.p50 == 5);
  CHECK(p.p90 == 9);
  CHECK(p.p99 == 10);
  CHECK(p.max == 10);
  CHECK(DurationDistribution().percentiles().count == 0);
}

TEST_CASE("metrics: beyond 1024 samples percentiles come from a histogram within 0.05%", "[report]") {
  // Durations spread over four decades, as waits are: the histogram's
  // percentiles against the exact ones (every sample kept).
  DurationDistribution approx, exact(true);
  std::uint64_t x = 88172645463325252ULL;  // xorshift: a fixed, spread sequence
  for (int i = 0; i < 100'000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const Tick d = 1000 + static_cast<Tick>(x % 50'000'000);
    approx.add(d);
    exact.add(d);
  }
  const Percentiles a = approx.percentiles(), e = exact.percentiles();
  CHECK(a.count == e.count);
  CHECK(a.max == e.max);
  for (auto [got, want] : {std::pair{a.p50, e.p50}, {a.p90, e.p90}, {a.p99, e.p99}}) {
    INFO(got << " vs " << want);
    CHECK(std::abs(static_cast<double>(got - want)) <= 0.0005 * static_cast<double>(want));
  }
}

TEST_CASE("metrics: each histogram bucket stands for a value inside it", "[report]") {
  for (Tick d : {Tick{0}, Tick{2047}, Tick{2048}, Tick{2049}, Tick{4095}, Tick{4096}, Tick{5'127'759},
                 Tick{3'600'000'000'000}}) {
    const Tick r = DurationDistribution::representative(DurationDistribution::bucket(d));
    INFO(d << " -> " << r);
    CHECK(std::abs(static_cast<double>(r - d)) <= 0.0005 * static_cast<double>(d));
    CHECK(DurationDistribution::bucket(r) == DurationDistribution::bucket(d));
  }
  CHECK(DurationDistribution::bucket(2047) < DurationDistribution::bucket(2048));
}

TEST_CASE("metrics: waits and holds and switches and reacquires come from records", "[report]") {
  MetricsCollector m(two_threads());
  rec(m, 0, RecordKind::kGilRequest, 0);
  rec(m, 0, RecordKind::kGilAcquire, 0);
  rec(m, 0, RecordKind::kGilRequest, 1);
  rec(m, 100, RecordKind::kWork, 0, 100);
  rec(m, 100, RecordKind::kGilRelease, 0, 0, static_cast<int>(DropReason::kForced));
  rec(m, 130, RecordKind::kGilAcquire, 1);
  rec(m, 130, RecordKind::kFailedAcquire, 0);
  rec(m, 200, RecordKind::kGilRelease, 1, 0, static_cast<int>(DropReason::kBlocking));
  rec(m, 500, RecordKind::kIoComplete, 1, 300);
  rec(m, 500, RecordKind::kGilRequest, 1);
  rec(m, 540, RecordKind::kGilAcquire, 1);
  rec(m, 600, RecordKind::kThreadExit, 1);
  rec(m, 600, RecordKind::kSimEnd, kNoThread);
  const Report r = m.finish(42);
  CHECK(r.events == 42);
  CHECK(r.simulated_ns == 600);
  CHECK(r.threads[0].gil_held_ns == 100);
  CHECK(r.threads[1].gil_held_ns == 70 + 60);  // 130..200 and 540..600 (held at the end)
  CHECK(r.threads[1].gil_wait_ns == 130 + 40);
  CHECK(r.threads[1].gil_reacquire.p50 == 40);
  CHECK(r.threads[0].forced_drops == 1);
  CHECK(r.metrics.gil_switches == 1);
  CHECK(r.metrics.gil_releases == 2);
  CHECK(r.metrics.badness == Approx(0.5));
  REQUIRE(r.metrics.convoy_factor.has_value());
  CHECK(*r.metrics.convoy_factor == Approx(4.0));  // 40 / wake-up latency 10
  CHECK(r.threads[1].finished_ns == 600);
  CHECK_FALSE(r.threads[0].finished_ns.has_value());
  CHECK(r.metrics.serial_ns == 100 + 300);
}

TEST_CASE("metrics: Jain's fairness is 1 for equal shares and 1/n for one winner", "[report]") {
  MetricsCollector even(two_threads());
  rec(even, 10, RecordKind::kWork, 0, 10);
  rec(even, 10, RecordKind::kWork, 1, 10);
  rec(even, 10, RecordKind::kSimEnd, kNoThread);
  CHECK(even.finish(0).metrics.fairness_jain == Approx(1.0));
  MetricsCollector skewed(two_threads());
  rec(skewed, 10, RecordKind::kWork, 0, 10);
  rec(skewed, 10, RecordKind::kSimEnd, kNoThread);
  CHECK(skewed.finish(0).metrics.fairness_jain == Approx(0.5));
}

TEST_CASE("metrics: a wait beyond ten intervals is starvation", "[report]") {
  MetricsCollector m(two_threads());
  rec(m, 0, RecordKind::kGilRequest, 1);
  rec(m, 20'000, RecordKind::kGilAcquire, 1);
  rec(m, 20'000, RecordKind::kSimEnd, kNoThread);
  const Report r = m.finish(0);
  CHECK(r.metrics.starved_threads == 1);
  CHECK(r.metrics.max_gil_wait_ns == 20'000);
  CHECK(r.metrics.starvation_threshold_ns == 10'000);
}
