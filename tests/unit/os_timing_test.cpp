// The OS's timing mechanisms (model/os_timing.hpp, docs/models/os.md), each on
// a minimal scenario, and each switched off by its key.
#include <catch2/catch.hpp>

#include "gilsim/model/core_speed.hpp"
#include "gilsim/model/os_timing.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::run_report;
using test::scenario_from;
using test::thread_named;

namespace {
// The idealised machine with fixed wake-ups, so that every instant below can
// be computed by hand; each test switches on the mechanism it checks.
const std::string kMachine =
    "[machine]\nprofile = \"ideal\"\ncores = 2\nwakeup_latency = \"2us\"\ncontext_switch = \"3us\"\n";
// Two CPU-bound threads handing the GIL to each other every 1 ms interval.
const std::string kTwoSpinners =
    "[interpreter]\nversion = \"3.11\"\nswitch_interval = \"1ms\"\n"
    "[[thread]]\nname = \"spin\"\ncount = 2\nrun = [ { python = \"20ms\" } ]\n";
}  // namespace

TEST_CASE("os timing: a core's exit latency is that of the deepest idle state it reached",
          "[model]") {
  MachineConfig m;
  const auto fixed = Distribution::fixed;
  m.idle_states = {{0, fixed(0)},
                   {20 * kMicrosecond, fixed(30 * kMicrosecond)},
                   {kMillisecond, {Distribution::Kind::kUniform, 90'000, 110'000}}};
  OsTiming timing(m, Rng::stream(1, 0));
  CHECK(timing.exit_latency(0)->mean() == 0);
  CHECK(timing.exit_latency(19'999)->mean() == 0);
  CHECK(timing.exit_latency(20 * kMicrosecond)->mean() == 30 * kMicrosecond);
  CHECK(timing.exit_latency(5 * kMillisecond)->mean() == 100'000);
  // A spread exit is drawn per wake-up, within its range.
  for (int i = 0; i < 50; ++i) {
    const Tick d = timing.wakeup_delay(5 * kMillisecond, false).delay;
    CHECK(d >= 90'000);
    CHECK(d < 110'000 + 100 * kMicrosecond);
  }
  m.idle_states.clear();
  CHECK(timing.exit_latency(5 * kMillisecond) == nullptr);
}

TEST_CASE("os timing: a sleep returns late by the timer slack and the idle core's exit latency",
          "[model]") {
  const std::string program =
      "[[thread]]\nname = \"a\"\nrun = [ { python = 10 }, { repeat = 5, name = \"nap\", "
      "body = [ { sleep = \"2ms\" } ] } ]\n";
  const Report plain = run_report(scenario_from(kMachine + program));
  CHECK(plain.loops[0].iteration.p50 == 2 * kMillisecond + 2 * kMicrosecond);

  const Report slack = run_report(scenario_from(
      kMachine + "timer_slack = \"50us\"\nidle_states = [ { after = \"0us\", exit = \"0us\" }, "
                 "{ after = \"20us\", exit = \"30us\" } ]\n" + program));
  // 2 ms + 50 us of slack + 30 us to leave the idle state + the 2 us wake-up path.
  CHECK(slack.loops[0].iteration.p50 == 2 * kMillisecond + 82 * kMicrosecond);
}

TEST_CASE("os timing: I/O completion has no timer slack", "[model]") {
  const Report r = run_report(scenario_from(
      kMachine + "timer_slack = \"50us\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 10 }, "
                 "{ repeat = 5, name = \"req\", body = [ { io = \"1ms\" } ] } ]\n"));
  CHECK(r.loops[0].iteration.p50 == kMillisecond + 2 * kMicrosecond);
}

TEST_CASE("os timing: the GIL's timed wait expires late by the timer slack", "[model]") {
  const Report plain = run_report(scenario_from(kMachine + kTwoSpinners));
  const Report slack =
      run_report(scenario_from(kMachine + "timer_slack = \"200us\"\n" + kTwoSpinners));
  const auto hold = [](const Report& r) {
    const ThreadReport& t = r.threads[0];
    return t.gil_held_ns / t.acquisitions;
  };
  // Each slice is one interval plus the wake-ups; the slack adds to every one.
  CHECK(hold(slack) - hold(plain) > 150 * kMicrosecond);
  CHECK(hold(slack) - hold(plain) < 250 * kMicrosecond);
}

TEST_CASE("os timing: a process after the first starts after process_start", "[model]") {
  const std::string program =
      "[[process]]\nname = \"main\"\n[[process]]\nname = \"child\"\n"
      "[[thread]]\nname = \"a\"\nprocess = \"main\"\nrun = [ { python = \"10ms\" } ]\n"
      "[[thread]]\nname = \"b\"\nprocess = \"child\"\nrun = [ { python = \"10ms\" } ]\n";
  const Report off = run_report(scenario_from(kMachine + program));
  CHECK(*thread_named(off, "b").finished_ns == *thread_named(off, "a").finished_ns);
  const Report on = run_report(scenario_from(kMachine + "process_start = \"5ms\"\n" + program));
  CHECK(*thread_named(on, "a").finished_ns == *thread_named(off, "a").finished_ns);
  CHECK(*thread_named(on, "b").finished_ns == *thread_named(off, "b").finished_ns + 5 * kMillisecond);
}

TEST_CASE("os timing: taking a GIL last held on another core costs gil_migration", "[model]") {
  const Report off = run_report(scenario_from(kMachine + kTwoSpinners));
  const Report on =
      run_report(scenario_from(kMachine + "gil_migration = \"10us\"\n" + kTwoSpinners));
  const ThreadReport& t = on.threads[0];
  CHECK(off.threads[0].lock_overhead_ns == 0);
  // Two threads on two cores: every take but the first moves the GIL.
  CHECK(t.lock_overhead_ns == (t.acquisitions - (t.name == "spin-1" ? 1 : 0)) * 10 * kMicrosecond);
}

TEST_CASE("os timing: a woken thread goes back to the core it left", "[model]") {
  // Two threads that alternate on two cores: each keeps its own core, so no
  // core ever changes thread.
  const Report r = run_report(scenario_from(
      kMachine + "[interpreter]\nversion = \"3.11\"\n"
                 "[[thread]]\nname = \"cpu\"\nrun = [ { python = \"50ms\" } ]\n"
                 "[[thread]]\nname = \"io\"\nrun = [ { repeat = 20, body = [ { io = \"100us\" }, "
                 "{ python = 100 } ] } ]\n"));
  CHECK(r.metrics.context_switches == 0);
}

TEST_CASE("os timing: a thread woken by a send goes to an idle core, not the core its waker frees",
          "[model]") {
  // Three processes. "echo" starts on core 0 and blocks in recv; "client"
  // gets core 0 and "spin" core 1 until 500 us, so core 1 halts. At 1 ms the
  // client sends and blocks in recv at the same instant. As the send wakes
  // echo, its core 0 is the client's: the kernel picks core 1, idle, and echo
  // pays its 50 us exit (select_idle_sibling); core 0, freed an instant later,
  // would have cost nothing.
  const std::string program =
      "idle_states = [ { after = \"0us\", exit = \"0us\" }, { after = \"100us\", exit = \"50us\" } ]\n"
      "[[process]]\nname = \"p1\"\n[[process]]\nname = \"p2\"\n[[process]]\nname = \"p3\"\n"
      "[[pipe]]\nname = \"request\"\n[[pipe]]\nname = \"reply\"\n"
      "[[thread]]\nname = \"echo\"\nprocess = \"p1\"\n"
      "run = [ { recv = \"request\" }, { python = 100 }, { send = \"reply\" } ]\n"
      "[[thread]]\nname = \"spin\"\nprocess = \"p2\"\nrun = [ { python = \"500us\" } ]\n"
      "[[thread]]\nname = \"client\"\nprocess = \"p3\"\n"
      "run = [ { python = \"1ms\" }, { send = \"request\" }, { recv = \"reply\" } ]\n";
  const Report r = run_report(scenario_from(kMachine + program));
  // echo and spin start at once (2 us wake-ups); the client takes core 0 when
  // echo blocks at 2 us and runs from 4 us, so it sends at 1004 us. echo runs
  // 52 us later (the 2 us path and the 50 us exit) for 100 instructions of
  // 15 ns. On core 0 it would have finished at 1007.5 us.
  CHECK(*thread_named(r, "echo").finished_ns == 1'057'500);
}

TEST_CASE("os timing: a GIL waiter woken from the condition variable pays cond_wakeup",
          "[model]") {
  // Thread a holds the GIL while b waits; a's sleep releases it and signals b.
  const std::string program =
      "[[thread]]\nname = \"a\"\nrun = [ { python = \"1ms\" }, { sleep = \"5ms\" } ]\n"
      "[[thread]]\nname = \"b\"\nrun = [ { python = 10 } ]\n";
  const auto b_finished = [&](const std::string& machine, const std::string& version) {
    const Report r = run_report(scenario_from(
        kMachine + machine + "[interpreter]\nversion = \"" + version + "\"\n" + program));
    return *thread_named(r, "b").finished_ns;
  };
  for (const char* version : {"3.11", "2.7"}) {
    SECTION(version) {
      const Tick extra =
          b_finished("cond_wakeup = \"7us\"\n", version) - b_finished("", version);
      // 3.2+ waits in pthread_cond_wait; the old GIL on a semaphore, which re-locks nothing.
      CHECK(extra == (std::string(version) == "3.11" ? 7 * kMicrosecond : 0));
    }
  }
  // I/O completion does not pay it either.
  const Report io = run_report(scenario_from(
      kMachine + "cond_wakeup = \"7us\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 10 }, "
                 "{ repeat = 3, name = \"req\", body = [ { io = \"1ms\" } ] } ]\n"));
  CHECK(io.loops[0].iteration.p50 == kMillisecond + 2 * kMicrosecond);
}

TEST_CASE("os timing: a thread woken while a core leaves its idle state joins that core",
          "[model]") {
  // Three processes (no shared GIL). "busy" keeps core 0; "a" and "b" sleep,
  // so core 1 halts. a wakes at 4 ms onto core 1, which needs 50 us to come
  // up; b wakes 10 us later, while core 1 still looks idle to the scheduler.
  const std::string program =
      "idle_states = [ { after = \"0us\", exit = \"0us\" }, { after = \"100us\", exit = \"50us\" } ]\n"
      "[[process]]\nname = \"p1\"\n[[process]]\nname = \"p2\"\n[[process]]\nname = \"p3\"\n"
      "[[thread]]\nname = \"busy\"\nprocess = \"p1\"\nrun = [ { python = \"10ms\" } ]\n"
      "[[thread]]\nname = \"a\"\nprocess = \"p2\"\nrun = [ { sleep = \"4ms\" }, { python = \"100us\" } ]\n"
      "[[thread]]\nname = \"b\"\nprocess = \"p3\"\nrun = [ { sleep = \"4010us\" }, { python = \"100us\" } ]\n";
  const auto finished = [](const Report& r, const char* name) { return *thread_named(r, name).finished_ns; };

  SECTION("switched off: b preempts the busy core") {
    const Report r = run_report(scenario_from(kMachine + "waking_core_idle = false\n" + program));
    CHECK(finished(r, "busy") > 10 * kMillisecond + 100 * kMicrosecond);
  }
  SECTION("on: busy keeps its core, and a draw decides whether a or b runs first") {
    int b_first = 0;
    const int seeds = 40;
    for (int seed = 1; seed <= seeds; ++seed) {
      const Report r = run_report(scenario_from(kMachine + "waking_core_idle = true\n" + program +
                                                "[scenario]\nseed = " + std::to_string(seed) + "\n"));
      CHECK(finished(r, "busy") < 10 * kMillisecond + 10 * kMicrosecond);
      // Neither runs before core 1 is up (4 ms + 50 us of exit + the 2 us path).
      const Tick first = std::min(finished(r, "a"), finished(r, "b"));
      CHECK(first >= 4 * kMillisecond + 52 * kMicrosecond + 100 * kMicrosecond);
      b_first += finished(r, "b") < finished(r, "a");
    }
    CHECK(b_first >= seeds / 4);
    CHECK(b_first <= 3 * seeds / 4);
  }
}

TEST_CASE("parallel speed: work and wall time convert exactly, rounding toward the work done",
          "[model]") {
  CHECK(work_in(1000, kFullSpeed) == 1000);
  CHECK(work_in(1000, 800'000) == 800);
  CHECK(work_in(999, 935'000) == 934);  // 934.065: the last part-ns is not done yet
  CHECK(wall_for(800, 800'000) == 1000);
  CHECK(wall_for(934, 935'000) == 999);
  CHECK(wall_for(kNever, 800'000) == kNever);
  CHECK(wall_for(kNever / 2, 500'000) == kNever);  // would overflow: never
  // The wall time planned for a piece of work does exactly that work.
  for (Tick w : {Tick{1}, Tick{7}, Tick{999}, Tick{123456789}, 3 * 3600 * kSecond}) {
    for (std::int32_t s : {333'333, 935'000, 999'999}) CHECK(work_in(wall_for(w, s), s) == w);
  }
  CHECK(wall_for(7, 1) == 7'000'000);  // a millionth of full speed
  CHECK(work_in(7'000'000, 1) == 7);
  CHECK(core_speed({}, 2) == kFullSpeed);
  CHECK(core_speed({kFullSpeed, 900'000}, 1) == kFullSpeed);
  CHECK(core_speed({kFullSpeed, 900'000}, 2) == 900'000);
  CHECK(core_speed({kFullSpeed, 900'000}, 8) == 900'000);  // the last entry holds for more
}

TEST_CASE("parallel speed: two processes on two cores each run at the second entry's speed",
          "[model]") {
  const std::string program =
      "[[process]]\nname = \"main\"\n[[process]]\nname = \"child\"\n"
      "[[thread]]\nname = \"a\"\nprocess = \"main\"\nrun = [ { python = \"10ms\" } ]\n"
      "[[thread]]\nname = \"b\"\nprocess = \"child\"\nrun = [ { python = \"20ms\" } ]\n";
  const Tick start = 2 * kMicrosecond;  // the wake-up of a thread's start
  const Report off = run_report(scenario_from(kMachine + program));
  CHECK(*thread_named(off, "b").finished_ns == start + 20 * kMillisecond);
  const Report on = run_report(scenario_from(kMachine + "parallel_speed = [1.0, 0.8]\n" + program));
  // Both at 0.8 until a finishes (10 ms of work in 12.5 ms); b then runs alone:
  // it has done 10 ms of its 20 and finishes the rest at full speed.
  CHECK(*thread_named(on, "a").finished_ns == start + 12'500 * kMicrosecond);
  CHECK(*thread_named(on, "b").finished_ns == start + 22'500 * kMicrosecond);
  // Each thread's cpu_ns is the work it did: as on one core alone.
  CHECK(thread_named(on, "b").cpu_ns == 20 * kMillisecond);
  // [1.0] switches it off.
  const Report one = run_report(scenario_from(kMachine + "parallel_speed = [1.0]\n" + program));
  CHECK(*thread_named(one, "b").finished_ns == start + 20 * kMillisecond);
}

TEST_CASE("parallel speed: a thread dispatched as the speed changes still records that it runs",
          "[model]") {
  // Four threads without a GIL take turns on two cores; at each turn both
  // cores start executing together, and the speed changes between the two
  // threads' first steps. The second must not lose its step (nor its running
  // time, which it would then count as runnable).
  const std::string program =
      "[interpreter]\nversion = \"3.13t\"\n"
      "[[thread]]\nname = \"w\"\ncount = 4\nrun = [ { python = \"20ms\" } ]\n";
  // (The cloud VM's scheduler ends both cores' slices together.)
  const std::string machine =
      "[machine]\nprofile = \"cloud-vm\"\ncores = 2\nparallel_speed = [1.0, 0.8]\n";
  const Report on = run_report(scenario_from(machine + program));
  for (const ThreadReport& t : on.threads) {
    INFO(t.name);
    // Executing at most at full speed, a thread runs at least cpu_ns of its life.
    CHECK(t.runnable_ns + t.cpu_ns <= *t.finished_ns);
  }
}

TEST_CASE("parallel speed: one thread alone on a machine keeps full speed", "[model]") {
  // The GIL lets one of two CPU-bound threads run at a time: one core busy.
  const Report off = run_report(scenario_from(kMachine + kTwoSpinners));
  const Report on =
      run_report(scenario_from(kMachine + "parallel_speed = [1.0, 0.5]\n" + kTwoSpinners));
  // Only while a hand-off's waker is on its core (its wake-up, a few us an
  // interval) are two cores busy.
  CHECK(on.metrics.makespan_ns >= off.metrics.makespan_ns);
  CHECK(on.metrics.makespan_ns < off.metrics.makespan_ns + off.metrics.makespan_ns / 100);
}
