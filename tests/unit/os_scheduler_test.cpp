#include "gilsim/model/os_scheduler.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace gilsim;

namespace {
MachineConfig machine(SchedulerKind kind, int cores) {
  MachineConfig m;
  m.scheduler = kind;
  m.cores = cores;
  return m;
}
}  // namespace

TEST_CASE("os scheduler: cfs defaults scale with log2 of the cores", "[model]") {
  OsScheduler one(machine(SchedulerKind::kCfs, 1), 4, Rng(1));
  OsScheduler two(machine(SchedulerKind::kCfs, 2), 4, Rng(1));
  CHECK(one.slice(1) == 6 * kMillisecond);
  CHECK(two.slice(2) == 12 * kMillisecond);
  // Many runnable threads: the slice shrinks to the minimum granularity.
  CHECK(one.slice(100) == 750 * kMicrosecond);
  CHECK(two.slice(100) == 1500 * kMicrosecond);
}

TEST_CASE("os scheduler: cfs picks the lowest vruntime with ties broken by enqueue order",
          "[model]") {
  OsScheduler s(machine(SchedulerKind::kCfs, 1), 3, Rng(1));
  s.charge(0, 500);
  s.enqueue(0, false, 0, 0);
  s.enqueue(1, false, 0, 0);
  s.enqueue(2, false, 0, 0);
  CHECK(s.best_for(0) == 1);
  s.remove(1);
  CHECK(s.best_for(0) == 2);
}

TEST_CASE("os scheduler: a woken cfs thread preempts only past the wakeup granularity", "[model]") {
  OsScheduler s(machine(SchedulerKind::kCfs, 1), 2, Rng(1));
  s.enqueue(1, true, 0, 0);
  CHECK_FALSE(s.wakeup_preempts(1, 0, 500 * kMicrosecond));
  CHECK(s.wakeup_preempts(1, 0, 2 * kMillisecond));
}

TEST_CASE("os scheduler: sleepers are placed near min_vruntime", "[model]") {
  OsScheduler s(machine(SchedulerKind::kCfs, 1), 2, Rng(1));
  s.enqueue(1, true, 100 * kMillisecond, 0);
  CHECK(s.vruntime(1) == 100 * kMillisecond - 3 * kMillisecond);  // latency / 2
}

TEST_CASE("os scheduler: round-robin and fifo ignore vruntime", "[model]") {
  OsScheduler rr(machine(SchedulerKind::kRoundRobin, 1), 2, Rng(1));
  rr.charge(0, 1);
  rr.enqueue(0, false, 0, 0);
  rr.enqueue(1, false, 0, 0);
  CHECK(rr.best_for(0) == 0);
  CHECK(rr.slice(5) == 10 * kMillisecond);
  CHECK_FALSE(rr.wakeup_preempts(1, 0, kSecond));
  OsScheduler fifo(machine(SchedulerKind::kFifo, 1), 2, Rng(1));
  CHECK(fifo.slice(5) == kNever);
}

TEST_CASE("os scheduler: affinity limits where a thread may run", "[model]") {
  OsScheduler s(machine(SchedulerKind::kCfs, 2), 1, Rng(1));
  s.set_affinity(0, 0b10);
  s.enqueue(0, false, 0, 0);
  CHECK(s.best_for(0) == OsScheduler::kNone);
  CHECK(s.best_for(1) == 0);
}

TEST_CASE("os scheduler: random tie order varies among equals by seed and reproduces", "[model]") {
  auto first_of_four = [](std::uint64_t seed) {
    MachineConfig m;
    m.tie_order = WakeOrder::kRandom;
    OsScheduler s(m, 4, Rng(seed));
    for (ThreadId t = 0; t < 4; ++t) s.enqueue(t, false, 0, 0);
    return s.best_for(0);
  };
  std::set<ThreadId> firsts;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) firsts.insert(first_of_four(seed));
  CHECK(firsts.size() > 1);
  CHECK(first_of_four(7) == first_of_four(7));
}
