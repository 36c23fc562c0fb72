// Mechanics of the simulator, each on a minimal scenario.
#include <catch2/catch.hpp>

#include "gilsim/report/writers.hpp"
#include "gilsim/scenario/runner.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::run_report;
using test::scenario_from;

namespace {
const char* const kMachine =
    "[machine]\nprofile = \"ideal\"\ncores = 2\nwakeup_latency = \"50us\"\ncontext_switch = \"3us\"\n";

std::vector<TraceRecord> records_of(const Scenario& s) {
  VectorSink sink;
  const RunOutcome o = run_scenario(s, sink);
  REQUIRE(o.status == RunOutcome::Status::kFinished);
  return sink.records;
}
}  // namespace

TEST_CASE("simulation: a lone thread runs its work after the wake-up latency", "[model]") {
  const Report r = run_report(scenario_from(
      std::string(kMachine) + "[[thread]]\nname = \"a\"\nrun = [ { python = 1000 } ]\n"));
  CHECK(r.threads[0].cpu_ns == 15'000);
  CHECK(r.threads[0].instructions == 1000);
  CHECK(r.threads[0].finished_ns == 50'000 + 15'000);
  CHECK(r.simulated_ns == 65'000);
}

TEST_CASE("simulation: an uncontended blocking call re-takes the GIL after the wake-up latency",
          "[model]") {
  const Report r = run_report(
      scenario_from(std::string(kMachine) +
                    "[[thread]]\nname = \"a\"\nrun = [ { io = \"1ms\" }, { python = 10 } ]\n"));
  CHECK(r.threads[0].io_ops == 1);
  CHECK(r.threads[0].gil_reacquire.p50 == 50'000);
  CHECK(r.threads[0].blocked_ns == kMillisecond);
}

TEST_CASE("simulation: a drop request is honoured at the next check site", "[model]") {
  for (const char* version : {"3.9", "3.11"}) {
    SECTION(version) {
      const Scenario s =
          scenario_from(std::string(kMachine) + "[interpreter]\nversion = \"" + version + "\"\n" +
                        "[[thread]]\nname = \"a\"\ncount = 2\nrun = [ { python = 2_000_000, "
                        "loop_body = 40 } ]\n");
      const Tick period = std::string(version) == "3.9" ? 15 : 40 * 15;
      const auto records = records_of(s);
      int requests = 0;
      for (std::size_t i = 0; i < records.size(); ++i) {
        if (records[i].kind != RecordKind::kDropRequest) continue;
        ++requests;
        for (std::size_t j = i + 1; j < records.size(); ++j) {
          const TraceRecord& rel = records[j];
          if (rel.kind == RecordKind::kGilRelease && rel.thread == records[i].thread) {
            CHECK(rel.arg == static_cast<int>(DropReason::kForced));
            CHECK(rel.time - records[i].time <= period);
            CHECK(rel.time - records[i].time >= 0);
            break;
          }
        }
      }
      CHECK(requests > 3);
    }
  }
}

TEST_CASE("simulation: native code that holds the GIL delays the switch to its end", "[model]") {
  const Report r = run_report(
      scenario_from(std::string(kMachine) +
                    "[[thread]]\nname = \"c\"\nrun = [ { native = \"20ms\", holds_gil = true } ]\n"
                    "[[thread]]\nname = \"py\"\nrun = [ { python = 100 } ]\n"));
  // py asks for a drop after 5 ms, but c has no check site until its call returns.
  CHECK(r.threads[1].gil_wait.max >= 20 * kMillisecond - 100 * kMicrosecond);
  CHECK(r.threads[0].forced_drops == 1);
}

TEST_CASE("simulation: without FORCE_SWITCHING the releaser often takes the GIL back", "[model]") {
  const std::string text =
      std::string(kMachine) +
      "[[thread]]\nname = \"a\"\ncount = 2\nrun = [ { python = 4_000_000 } ]\n";
  const Report forced = run_report(scenario_from(text));
  const Report unforced =
      run_report(scenario_from(text, {{"interpreter.force_switching", "false"}}));
  // The dropper re-takes the free GIL before the woken waiter runs: switches collapse.
  CHECK(unforced.metrics.gil_switches < forced.metrics.gil_switches / 4);
  CHECK(unforced.metrics.failed_acquisitions > 0);
}

TEST_CASE("simulation: free threads pinned to one core share it", "[model]") {
  const Report r = run_report(scenario_from(
      std::string(kMachine) +
      "[interpreter]\ngil = \"none\"\n"
      "[[thread]]\nname = \"a\"\ncount = 2\naffinity = [0]\nrun = [ { python = 2_000_000 } ]\n"));
  CHECK(r.metrics.speedup_vs_serial < 1.01);
  CHECK(r.metrics.speedup_vs_serial > 0.95);
  CHECK(r.metrics.context_switches > 0);
}

TEST_CASE("simulation: a thread starts at its start time", "[model]") {
  const Report r = run_report(
      scenario_from(std::string(kMachine) +
                    "[[thread]]\nname = \"a\"\nstart = \"1ms\"\nrun = [ { python = 10 } ]\n"));
  CHECK(r.threads[0].finished_ns == kMillisecond + 50'000 + 150);
}

TEST_CASE("simulation: the stop time ends a run of forever threads", "[model]") {
  const Report r =
      run_report(scenario_from(std::string(kMachine) +
                               "[scenario]\nstop = \"100ms\"\n"
                               "[[thread]]\nname = \"a\"\nrun = [ { python = \"forever\" } ]\n"));
  CHECK(r.simulated_ns == 100 * kMillisecond);
  CHECK_FALSE(r.threads[0].finished_ns.has_value());
  CHECK(r.threads[0].cpu_ns == 100 * kMillisecond - 50'000);
}

TEST_CASE("simulation: round-robin rotates threads every quantum on one core", "[model]") {
  const Report r = run_report(scenario_from(
      "[machine]\ncores = 1\nscheduler = \"round-robin\"\nquantum = \"1ms\"\n"
      "context_switch = \"0us\"\nwakeup_latency = \"0us\"\n[interpreter]\ngil = \"none\"\n"
      "[[thread]]\nname = \"a\"\ncount = 2\nrun = [ { python = \"10ms\" } ]\n"));
  CHECK(r.metrics.context_switches >= 18);
  CHECK(r.simulated_ns == 20 * kMillisecond);
}

TEST_CASE("simulation: fifo never preempts a running thread", "[model]") {
  const Report r = run_report(
      scenario_from("[machine]\ncores = 1\nscheduler = \"fifo\"\ncontext_switch = \"0us\"\n"
                    "wakeup_latency = \"0us\"\n[interpreter]\ngil = \"none\"\n"
                    "[[thread]]\nname = \"a\"\ncount = 2\nrun = [ { python = \"10ms\" } ]\n"));
  CHECK(r.threads[0].finished_ns == 10 * kMillisecond);
  CHECK(r.threads[1].finished_ns == 20 * kMillisecond);
}

TEST_CASE("simulation: distributions draw from the seed; same seed gives the same run",
          "[model][determinism]") {
  const std::string text = std::string(kMachine) +
                           "[[thread]]\nname = \"a\"\ncount = 2\nrun = [ { repeat = 50, body = "
                           "[ { io = { exp = \"200us\" } }, { python = { exp = \"1ms\" } } ] } ]\n";
  const std::string a = to_json(run_report(scenario_from(text)));
  const std::string b = to_json(run_report(scenario_from(text)));
  CHECK(a == b);
  Scenario other = scenario_from(text);
  other.model.seed = 2;
  CHECK(to_json(run_report(other)) != a);
}

TEST_CASE("simulation: records arrive in time order", "[model][determinism]") {
  const auto records =
      records_of(scenario_from(std::string(kMachine) +
                               "[[thread]]\nname = \"a\"\ncount = 3\nrun = [ { repeat = 20, body = "
                               "[ { io = \"100us\" }, { python = 5000 } ] } ]\n"));
  for (std::size_t i = 1; i < records.size(); ++i) REQUIRE(records[i - 1].time <= records[i].time);
  CHECK(records.back().kind == RecordKind::kSimEnd);
}

TEST_CASE("simulation: a run past the horizon of simulated time is stopped", "[model]") {
  const Scenario s = scenario_from(
      "[[thread]]\nname = \"a\"\nrun = [ { repeat = 10000, body = [ { io = \"1000000s\" } ] } ]\n");
  VectorSink sink;
  CHECK(run_scenario(s, sink).status == RunOutcome::Status::kHorizon);
}

TEST_CASE("simulation: ops that take no time in an endless loop stop the run", "[model]") {
  const Scenario s = scenario_from(
      "[scenario]\nstop = \"1s\"\n"
      "[[thread]]\nname = \"a\"\nrun = [ { repeat = \"forever\", body = [ { python = \"0ns\" } ] } "
      "]\n");
  VectorSink sink;
  const RunOutcome o = run_scenario(s, sink);
  CHECK(o.status == RunOutcome::Status::kStuck);
  CHECK(o.end_time < kMillisecond);
}

TEST_CASE("simulation: the longest op a scenario may write runs without overflowing", "[model]") {
  const Scenario s = scenario_from(
      "[scenario]\nstop = \"10ms\"\n[interpreter]\ninstruction_time = \"1s\"\n"
      "[[thread]]\nname = \"a\"\nrun = [ { python = 1_000_000 } ]\n");
  const Report r = run_report(s);
  CHECK(r.simulated_ns == 10 * kMillisecond);
}

TEST_CASE("simulation: a recv returns when another thread sends to its pipe", "[model]") {
  // Two processes (two GILs). "reader" waits in recv from its start (50 us);
  // "writer" sends after sleeping 1 ms: the reader wakes then, and runs its
  // 1000 bytecodes (15 us) after the 50 us wake-up.
  const std::string pipes = "[[process]]\nname = \"w\"\n[[process]]\nname = \"r\"\n"
                            "[[pipe]]\nname = \"p\"\n";
  const std::string reader =
      "[[thread]]\nname = \"reader\"\nprocess = \"r\"\nrun = [ { recv = \"p\" }, { python = 1000 } ]\n";
  const Report late = run_report(scenario_from(
      std::string(kMachine) + pipes + reader +
      "[[thread]]\nname = \"writer\"\nprocess = \"w\"\nrun = [ { sleep = \"1ms\" }, { send = \"p\" } ]\n"));
  const Tick sent = 50'000 + kMillisecond + 50'000;  // the writer's start, its sleep, its wake-up
  CHECK(*test::thread_named(late, "reader").finished_ns == sent + 50'000 + 15'000);

  // A message sent before the recv is waiting for it: the recv returns at once.
  const Report early = run_report(scenario_from(
      std::string(kMachine) + pipes +
      "[[thread]]\nname = \"reader\"\nprocess = \"r\"\nrun = [ { sleep = \"1ms\" }, { recv = \"p\" }, "
      "{ python = 1000 } ]\n"
      "[[thread]]\nname = \"writer\"\nprocess = \"w\"\nrun = [ { send = \"p\" } ]\n"));
  CHECK(*test::thread_named(early, "reader").finished_ns == 50'000 + kMillisecond + 50'000 + 15'000);
}

TEST_CASE("simulation: a core keeps one slice timer in the queue, not one per slice", "[model]") {
  // 16 CPU-bound and 4 I/O threads on 2 cores: a dispatch every few
  // microseconds, each timing a slice that ends milliseconds later. With a
  // SliceEnd per slice the queue held about a thousand stale ones and a run of
  // 500 ms handled 201,712 events; deferring each slice's timer behind the
  // core's pending one leaves 141,149, and every other output the same
  // (tests/compare_binaries.sh --ignore-event-counts).
  const Report r = run_report(scenario_from(
      "[scenario]\nstop = \"500ms\"\n[machine]\ncores = 2\n[interpreter]\nversion = \"3.11\"\n"
      "switch_interval = \"100us\"\n"
      "[[thread]]\nname = \"cpu\"\ncount = 16\nrun = [ { python = \"forever\" } ]\n"
      "[[thread]]\nname = \"io\"\ncount = 4\n"
      "run = [ { repeat = \"forever\", body = [ { io = { exp = \"50us\" } }, { python = 300 } ] } ]\n"));
  CHECK(r.metrics.context_switches == 70'828);
  CHECK(r.events < 150'000);
}
