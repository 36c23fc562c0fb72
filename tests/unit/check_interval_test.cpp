#include "gilsim/policy/check_interval.hpp"

#include <catch2/catch.hpp>

#include "gilsim/policy/ticker.hpp"
#include "support/recording_host.hpp"

using namespace gilsim;
using test::RecordingHost;

namespace {
constexpr ThreadId kA = 0, kB = 1, kC = 2;

struct OldGil {
  explicit OldGil(Tick lock_cost = 0) {
    interp.check_interval = 100;
    machine.lock_cost = lock_cost;
  }
  InterpreterConfig interp;
  MachineConfig machine;
  CheckIntervalGil make(std::size_t threads = 3) {
    return CheckIntervalGil(PolicyContext{interp, machine, 3, threads, Rng(1)});
  }
};
}  // namespace

TEST_CASE("ticker: counts sites down and reports the checks passed", "[policy]") {
  Ticker t(100);
  CHECK(t.left() == 100);
  CHECK(t.pass(40) == 0);
  CHECK(t.left() == 60);
  CHECK(t.pass(60) == 1);  // reached the check and went past it
  CHECK(t.left() == 100);
  CHECK(t.pass(250) == 2);
  CHECK(t.left() == 50);
  t.restart();
  CHECK(t.left() == 100);
}

TEST_CASE("check_interval: the holder need not stop while nobody sleeps on the lock", "[policy]") {
  RecordingHost host;
  OldGil old;
  auto gil = old.make();
  REQUIRE(gil.take(host, kA));
  CHECK(gil.check_sites_ahead(kA) == 0);
  gil.on_sites_passed(host, kA, 250);
  CHECK(host.count(RecordKind::kSilentChecks) == 1);  // 2 checks, one record
}

TEST_CASE("check_interval: a sleeper makes the holder stop at the ticker's check", "[policy]") {
  RecordingHost host;
  OldGil old;
  auto gil = old.make();
  REQUIRE(gil.take(host, kA));
  gil.on_sites_passed(host, kA, 30);
  CHECK_FALSE(gil.take(host, kB));
  CHECK(host.parks.back().deadline == kNever);  // no timed wait in the old GIL
  CHECK(host.breaker_changes == std::vector<ThreadId>{kA});
  CHECK(gil.check_sites_ahead(kA) == 70);  // the ticker carries on where it was
  CHECK(gil.at_check_site(host, kA));      // release and re-take
  CHECK(gil.check_sites_ahead(kA) == 100);
}

TEST_CASE("check_interval: the releaser re-takes before the woken waiter runs (the battle)",
          "[policy]") {
  RecordingHost host;
  OldGil old;
  auto gil = old.make();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  CHECK(gil.drop(host, kA, DropReason::kForced));  // never waits
  CHECK(host.unparks == std::vector<ThreadId>{kB});
  CHECK(gil.take(host, kA));        // immediate re-acquire
  CHECK_FALSE(gil.take(host, kB));  // B runs later: lost
  CHECK(host.count(RecordKind::kFailedAcquire) == 1);
}

TEST_CASE("check_interval: a woken waiter that finds the lock free takes it", "[policy]") {
  RecordingHost host;
  OldGil old;
  auto gil = old.make();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(gil.take(host, kB));
  CHECK(host.count(RecordKind::kFailedAcquire) == 0);
}

TEST_CASE("check_interval: a release wakes one sleeper only", "[policy]") {
  RecordingHost host;
  OldGil old;
  auto gil = old.make();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE_FALSE(gil.take(host, kC));
  host.unparks.clear();
  REQUIRE(gil.drop(host, kA, DropReason::kForced));
  CHECK(host.unparks == std::vector<ThreadId>{kB});
}

TEST_CASE("check_interval: costly locks make every check stop once threads exist", "[policy]") {
  RecordingHost host;
  OldGil costly(kMicrosecond);
  auto gil = costly.make(2);
  REQUIRE(gil.take(host, kA));
  CHECK(gil.check_sites_ahead(kA) == 100);
  auto single = costly.make(1);  // one thread: PyEval_InitThreads never ran, no lock
  REQUIRE(single.take(host, kA));
  CHECK(single.check_sites_ahead(kA) == 0);
}
