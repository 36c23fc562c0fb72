#include "gilsim/report/metrics.hpp"

#include <catch2/catch.hpp>

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
  std::vector<Tick> v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
  const Percentiles p = percentiles(v);
  CHECK(p.count == 10);
  CHECK(p.p50 == 5);
  CHECK(p.p90 == 9);
  CHECK(p.p99 == 10);
  CHECK(p.max == 10);
  std::vector<Tick> empty;
  CHECK(percentiles(empty).count == 0);
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
