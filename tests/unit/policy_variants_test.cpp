#include <catch2/catch.hpp>

#include "gilsim/policy/fifo_handoff.hpp"
#include "gilsim/policy/io_first.hpp"
#include "gilsim/policy/priority_io.hpp"
#include "gilsim/policy/registry.hpp"
#include "support/recording_host.hpp"

using namespace gilsim;
using test::RecordingHost;

namespace {
constexpr ThreadId kA = 0, kB = 1, kC = 2;
struct Configs {
  InterpreterConfig interp;
  MachineConfig machine;
  PolicyContext context() { return PolicyContext{interp, machine, 3, 3, Rng(1)}; }
};
}  // namespace

TEST_CASE("fifo_handoff: a release hands the GIL to the longest waiter", "[policy]") {
  RecordingHost host;
  Configs c;
  FifoHandoffGil gil(c.context());
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));
  REQUIRE_FALSE(gil.take(host, kC));
  CHECK(gil.check_sites_ahead(kA) == 100);
  REQUIRE(gil.at_check_site(host, kA));
  REQUIRE(gil.drop(host, kA, DropReason::kForced));
  CHECK(host.unparks == std::vector<ThreadId>{kB});
  CHECK_FALSE(gil.take(host, kA));  // the releaser queues behind C: no barging
  CHECK(gil.take(host, kB));        // B owns it already when it runs
  REQUIRE(gil.drop(host, kB, DropReason::kBlocking));
  CHECK(host.unparks == std::vector<ThreadId>{kB, kC});
}

TEST_CASE("fifo_handoff: with nobody waiting a release frees the GIL", "[policy]") {
  RecordingHost host;
  Configs c;
  FifoHandoffGil gil(c.context());
  REQUIRE(gil.take(host, kA));
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(gil.take(host, kB));
  CHECK(gil.check_sites_ahead(kB) == 0);
}

TEST_CASE("priority_io: a thread back from I/O makes a CPU-bound holder drop at once", "[policy]") {
  RecordingHost host;
  Configs c;
  PriorityIoGil gil(c.context());
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));  // B waits; A is not CPU-bound yet: no request
  CHECK_FALSE(gil.drop_requested(kA));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));  // a switch interval later: the usual request
  REQUIRE(gil.drop_requested(kA));
  REQUIRE_FALSE(gil.drop(host, kA, DropReason::kForced));  // A is now CPU-bound
  REQUIRE(gil.take(host, kB));
  REQUIRE(gil.drop(host, kB, DropReason::kBlocking));  // B goes to I/O: I/O-bound
  REQUIRE(gil.take(host, kA));
  host.breaker_changes.clear();
  CHECK_FALSE(gil.take(host, kB));  // B is back from I/O: it asks at once
  CHECK(gil.drop_requested(kA));
  CHECK(host.breaker_changes == std::vector<ThreadId>{kA});
}

TEST_CASE("priority_io: a release signals I/O-bound waiters first", "[policy]") {
  RecordingHost host;
  Configs c;
  PriorityIoGil gil(c.context());
  // Make C CPU-bound: it holds, is asked to drop, and drops at a check site.
  REQUIRE(gil.take(host, kC));
  REQUIRE_FALSE(gil.take(host, kA));
  gil.on_timeout(host, kA);
  REQUIRE_FALSE(gil.take(host, kA));
  REQUIRE_FALSE(gil.drop(host, kC, DropReason::kForced));
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kC));  // CPU-bound C waits first...
  REQUIRE_FALSE(gil.take(host, kB));  // ...then I/O-bound B
  host.unparks.clear();
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));
  CHECK(host.unparks == std::vector<ThreadId>{kB});
}

TEST_CASE("io_first: a thread back from I/O makes any holder drop at once", "[policy]") {
  RecordingHost host;
  Configs c;
  IoFirstGil gil(c.context());
  REQUIRE(gil.take(host, kA));
  REQUIRE(gil.drop(host, kA, DropReason::kBlocking));  // A goes to I/O
  REQUIRE(gil.take(host, kB));
  REQUIRE(gil.drop(host, kB, DropReason::kBlocking));  // so does B: I/O-bound, unlike
  REQUIRE(gil.take(host, kB));                         // priority-io's CPU-bound holder
  host.breaker_changes.clear();
  CHECK_FALSE(gil.take(host, kA));  // A is back from I/O: it asks B at once
  CHECK(gil.drop_requested(kB));
  CHECK(host.breaker_changes == std::vector<ThreadId>{kB});
}

TEST_CASE("io_first: a thread forced off the GIL waits a whole interval", "[policy]") {
  RecordingHost host;
  Configs c;
  IoFirstGil gil(c.context());
  REQUIRE(gil.take(host, kA));
  REQUIRE_FALSE(gil.take(host, kB));  // B never released for I/O: it waits
  CHECK_FALSE(gil.drop_requested(kA));
  gil.on_timeout(host, kB);
  REQUIRE_FALSE(gil.take(host, kB));  // an interval later: the usual request
  REQUIRE(gil.drop_requested(kA));
  REQUIRE_FALSE(gil.drop(host, kA, DropReason::kForced));
  REQUIRE(gil.take(host, kB));
  CHECK_FALSE(gil.take(host, kA));  // A was forced off: no request at once
  CHECK_FALSE(gil.drop_requested(kB));
}

TEST_CASE("registry: every policy has a name and a description", "[policy]") {
  std::vector<std::string_view> names;
  for (const PolicyEntry& e : policy_registry()) {
    CHECK_FALSE(e.description.empty());
    names.push_back(e.name);
  }
  CHECK(names == std::vector<std::string_view>{"check-interval", "timed-switch", "fifo-handoff",
                                               "priority-io", "io-first", "none"});
  CHECK(find_policy("priority-io") != nullptr);
  CHECK(find_policy("fair") == nullptr);
}
