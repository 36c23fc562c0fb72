#include "gilsim/policy/timed_switch.hpp"

#include <catch2/catch.hpp>

#include "support/recording_host.hpp"

using namespace gilsim;
using test::RecordingHost;

namespace {
constexpr ThreadId kA = 0, kB = 1, kC = 2;

TimedSwitchGil make_gil(bool force_switching = true,
                        DropRequestScope scope = DropRequestScope::kInterpreter) {
  InterpreterConfig interp;
  interp.switch_interval = 5 * kMillisecond;
  interp.force_switching = force_switching;
  interp.drop_request = scope;
  return TimedSwitchGil(PolicyContext{interp, MachineConfig{}, 3, 3, Rng(1)});
}
}  // namespace

TEST_CASE("timed_switch: a free GIL is taken at once", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  CHECK(gil.take(host, kA));
  CHECK(host.parks.empty());
}

TEST_CASE("timed_switch: a waiter waits one interval on the condition", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  host.set_now(100);
  CHECK_FALSE(gil.take(host, kB));
  REQUIRE(host.parks.size() == 1);
  CHECK(host.parks[0].thread == kB);
  CHECK(host.parks[0].why == BlockReason::kGilWait);
  CHECK(host.parks[0].deadline == 100 + 5 * kMillisecond);
}

TEST_CASE("timed_switch: waiter sets drop request after one interval", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  CHECK_FALSE(gil.drop_requested(kA));
  host.set_now(5 * kMillisecond);
  gil.on_timeout(host, kB);
  CHECK(host.unparks == std::vector<ThreadId>{kB});
  CHECK_FALSE(gil.drop_requested(kA));  // set only when B runs again and re-checks
  CHECK_FALSE(gil.take(host, kB));      // B runs: still locked, same switch number
  CHECK(gil.drop_requested(kA));
  CHECK_FALSE(gil.drop_requested(kB));
  CHECK(host.breaker_changes == std::vector<ThreadId>{kA});
  CHECK(host.parks.back().deadline == 5 * kMillisecond + 5 * kMillisecond);  // a fresh interval
}

TEST_CASE("timed_switch: no drop request if a switch happened during the wait", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE_FALSE(gil.take(host, kC));                   // C waits from switch number 1
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));  // signals B only
  REQUIRE(gil.take(host, kB));                         // switch number 2
  host.set_now(5 * kMillisecond);
  gil.on_timeout(host, kC);
  CHECK_FALSE(gil.take(host, kC));  // timed out, but the GIL changed hands meanwhile
  CHECK_FALSE(gil.drop_requested(kB));
  host.set_now(10 * kMillisecond);
  gil.on_timeout(host, kC);
  CHECK_FALSE(gil.take(host, kC));  // a second interval with no switch: now it asks
  CHECK(gil.drop_requested(kB));
}

TEST_CASE("timed_switch: a signalled waiter that finds the GIL taken counts a failure",
          "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));  // B signalled
  REQUIRE(gil.take(host, kC));                         // C barges in before B runs
  CHECK_FALSE(gil.take(host, kB));
  CHECK(host.count(RecordKind::kFailedAcquire) == 1);
  CHECK(host.parks.back().thread == kB);
}

TEST_CASE("timed_switch: forced drop waits for the handoff (FORCE_SWITCHING)", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE(gil.drop_requested(kA));
  host.unparks.clear();
  CHECK_FALSE(gil.drop(host, kA, DropReason::kForced));  // A parks until someone takes it
  CHECK(host.parks.back().thread == kA);
  CHECK(host.parks.back().why == BlockReason::kHandoff);
  CHECK(host.unparks == std::vector<ThreadId>{kB});  // the release signalled B
  CHECK(gil.take(host, kB));
  CHECK(host.unparks == std::vector<ThreadId>{kB, kA});  // B's take released A
  CHECK_FALSE(gil.drop_requested(kB));                   // the new holder cleared it
}

TEST_CASE("timed_switch: without force_switching the dropper goes on", "[policy]") {
  RecordingHost host;
  auto gil = make_gil(false);
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));
  CHECK(gil.drop(host, kA, DropReason::kForced));
}

TEST_CASE("timed_switch: a release before I/O hands off when a drop is pending", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));
  CHECK_FALSE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(host.parks.back().why == BlockReason::kHandoff);
}

TEST_CASE("timed_switch: the final release never waits", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));
  CHECK(gil.drop(host, kA, DropReason::kExit));
}

TEST_CASE("timed_switch: one release signals one waiter oldest first (fifo)", "[policy]") {
  RecordingHost host;
  auto gil = make_gil();
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE_FALSE(gil.take(host, kC));
  host.unparks.clear();
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(host.unparks == std::vector<ThreadId>{kB});
}

TEST_CASE("timed_switch: the 3.13 drop request is a bit of the holder's own", "[policy]") {
  RecordingHost host;
  auto gil = make_gil(true, DropRequestScope::kThread);
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));
  CHECK(gil.drop_requested(kA));
  CHECK(gil.check_sites_ahead(kA) == 1);
  CHECK(gil.check_sites_ahead(kB) == 0);
  CHECK_FALSE(gil.drop(host, kA, DropReason::kForced));  // A's own bit: hand-off wait
  CHECK(gil.take(host, kB));
  CHECK_FALSE(gil.drop_requested(kB));
}

namespace {
TimedSwitchGil make_glibc_gil(const MachineConfig& machine) {
  InterpreterConfig interp;
  interp.switch_interval = 5 * kMillisecond;
  return TimedSwitchGil(PolicyContext{interp, machine, 4, 4, Rng(1)});
}
}  // namespace

TEST_CASE("timed_switch: glibc wake order signals the older waiter group first", "[policy]") {
  MachineConfig machine;
  machine.wake_order = WakeOrder::kGlibc;
  RecordingHost host;
  auto gil = make_glibc_gil(machine);
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));  // B and C wait: at the first signal they become G1
  REQUIRE_FALSE(gil.take(host, kC));
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(host.unparks == std::vector<ThreadId>{kB});
  // B takes it; A comes back and waits: A joins G2, behind C, who is still G1.
  REQUIRE(gil.take(host, kB));
  REQUIRE_FALSE(gil.take(host, kA));
  host.unparks.clear();
  REQUIRE(gil.drop(host, kB, DropReason::kBlocking));
  CHECK(host.unparks == std::vector<ThreadId>{kC});
}

TEST_CASE("timed_switch: glibc wake order gives the signal to a waiter still entering its wait",
          "[policy]") {
  MachineConfig machine;
  machine.wake_order = WakeOrder::kGlibc;
  machine.wait_entry = Distribution::fixed(3 * kMicrosecond);
  RecordingHost host;
  auto gil = make_glibc_gil(machine);
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));  // asleep long before the release
  host.set_now(kMillisecond);
  REQUIRE_FALSE(gil.take(host, kC));  // enters its wait 1 us before the release
  host.set_now(kMillisecond + kMicrosecond);
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(host.unparks == std::vector<ThreadId>{kC});

  SECTION("switched off by wait_entry = 0") {
    machine.wait_entry = Distribution::fixed(0);
    RecordingHost host2;
    auto gil2 = make_glibc_gil(machine);
    REQUIRE(gil2.take(host2, kA));
    REQUIRE_FALSE(gil2.take(host2, kB));
    host2.set_now(kMillisecond);
    REQUIRE_FALSE(gil2.take(host2, kC));
    host2.set_now(kMillisecond + kMicrosecond);
    REQUIRE(gil2.drop(host2, kA, DropReason::kBlocking));
    CHECK(host2.unparks == std::vector<ThreadId>{kB});
  }
}
