// The homework topics, one per lab. Each generator draws a workload's
// parameters from the seed (from short lists of values that keep runs under a
// second of wall time and numbers a student can reason about), writes the
// scenario, and asks questions whose answers are report paths. The "why" texts
// give the reasoning with the drawn numbers; gilsim supplies the values.
#include <fmt/format.h>

#include "gilsim/core/rng.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/lab/homework.hpp"

namespace gilsim {
namespace {

template <class T>
T pick(Rng& rng, std::initializer_list<T> choices) {
  return choices.begin()[rng.uniform_int(choices.size())];
}

/// The generator for one topic: topics draw from different streams, so the
/// same seed gives unrelated exercises in different topics.
Rng topic_rng(std::uint64_t seed, std::uint64_t topic) {
  return Rng::stream(seed, 0x4857'0000 + topic);
}

/// The [scenario] and [machine] tables; `machine_extra` is more [machine] keys.
std::string header(std::string_view topic, std::uint64_t seed, std::string_view description,
                   int cores, std::string_view machine_extra = "") {
  return fmt::format(
      "[scenario]\n"
      "name = \"hw-{}-{}\"\n"
      "description = \"{}\"\n"
      "seed = {}\n\n"
      "[machine]\n"
      "cores = {}\n"
      "scheduler = \"cfs\"\n"
      "wakeup_latency = {{ exp = \"10us\" }}\n"
      "context_switch = \"3us\"\n"
      "{}\n",
      topic, seed, description, seed, cores, machine_extra);
}

/// The convoy's threads (lab 2): 'cpu' computes forever; 'io' answers
/// `requests`, each an `io_us` blocking call and `code` bytecodes, in a loop
/// named "request".
std::string convoy_threads(int requests, int io_us, int code) {
  return fmt::format(
      "[[thread]]\n"
      "name = \"cpu\"\n"
      "run = [ {{ python = \"forever\" }} ]\n\n"
      "[[thread]]\n"
      "name = \"io\"\n"
      "run = [ {{ repeat = {}, name = \"request\", body = [ {{ io = \"{}us\" }}, "
      "{{ python = {} }} ] }} ]\n\n",
      requests, io_us, code);
}

Quantity q(std::string metric, std::string variant = "") {
  return Quantity{std::move(variant), std::move(metric)};
}

// --- cpu-bound: lab 1 -------------------------------------------------------------

Homework cpu_bound(std::uint64_t seed) {
  Rng rng = topic_rng(seed, 1);
  const int threads = pick(rng, {2, 3, 4});
  const int cores = pick(rng, {1, 2, 4});
  const std::string version = pick<std::string>(rng, {"3.9", "3.11", "3.12"});
  const int interval_ms = pick(rng, {1, 5, 10});
  const int millions = pick(rng, {2, 4, 6, 8});  // bytecodes per thread, at 15 ns each
  const double work_ms = millions * 15.0;

  Homework h{"cpu-bound", seed, "CPU-bound threads and the GIL", "", "", {}};
  h.intro = fmt::format(
      "{} threads each run {} million bytecodes ({:g} ms of pure Python at 15 ns a bytecode) "
      "on a {}-core machine under CPython {}, whose GIL switch interval is {} ms. The variant "
      "'no GIL' runs the same threads without a GIL (like 3.13t).",
      threads, millions, work_ms, cores, version, interval_ms);
  h.scenario = header(h.topic, seed, "CPU-bound threads: how long, how many switches", cores) +
               fmt::format(
                   "[interpreter]\n"
                   "version = \"{}\"\n"
                   "switch_interval = \"{}ms\"\n"
                   "instruction_time = \"15ns\"\n\n"
                   "[[thread]]\n"
                   "name = \"worker\"\n"
                   "count = {}\n"
                   "run = [ {{ python = {}_000_000, loop_body = 9 }} ]\n\n"
                   "[[variant]]\n"
                   "name = \"no GIL\"\n"
                   "set = {{ \"interpreter.gil\" = \"none\" }}\n",
                   version, interval_ms, threads, millions);
  const double serial_ms = threads * work_ms;
  const int parallel = std::min(threads, cores);
  h.questions = {
      {"How long does the whole run take (its makespan)?",
       q("metrics.makespan_ns"),
       {},
       fmt::format("only the thread holding the GIL runs bytecode, so the {} x {:g} ms of work "
                   "runs one thread at a time: about {:g} ms plus the hand-overs, however many "
                   "cores there are.",
                   threads, work_ms, serial_ms)},
      {"How many times does the GIL change hands?",
       q("metrics.gil_switches"),
       {},
       fmt::format("a waiting thread asks for the GIL after each {} ms switch interval, so the "
                   "GIL changes hands about once per interval: makespan / {} ms, less on one "
                   "core, where the OS decides when the waiter even runs.",
                   interval_ms, interval_ms)},
      {"What share of the machine's cores does the run keep busy (core utilization)?",
       q("metrics.core_utilization"),
       {},
       cores == 1 ? std::string("one core, and always a thread that wants it: about 1, with "
                                "or without the GIL.")
                  : fmt::format("only the thread holding the GIL runs bytecode, so about one of "
                                "the {} cores is busy at a time: about 1/{} = {:.2g}.",
                                cores, cores, 1.0 / cores)},
      {"In the variant 'no GIL', how long does the run take?",
       q("metrics.makespan_ns", "no GIL"),
       {},
       fmt::format("without a GIL as many threads run at once as there are cores for them, "
                   "min({} threads, {} cores) = {}: about {:g} ms / {} = {:g} ms.",
                   threads, cores, parallel, serial_ms, parallel, serial_ms / parallel)},
      {"How many times longer does the run take with the GIL than without it?",
       q("metrics.makespan_ns"), q("metrics.makespan_ns", "no GIL"),
       fmt::format("about min(threads, cores) = {}: with the GIL one thread at a time runs "
                   "Python, without it {} do.",
                   parallel, parallel)},
  };
  return h;
}

// --- convoy: lab 2 ----------------------------------------------------------------

Homework convoy(std::uint64_t seed) {
  Rng rng = topic_rng(seed, 2);
  const int cores = pick(rng, {2, 4});
  const std::string version = pick<std::string>(rng, {"3.9", "3.11", "3.12"});
  const int interval_us = pick(rng, {1000, 2000, 5000, 10000});
  const std::string interval = format_duration(interval_us * kMicrosecond);
  const std::string short_interval = format_duration(interval_us * kMicrosecond / 4);
  const int requests = pick(rng, {100, 150, 200});
  const int io_us = pick(rng, {10, 20, 50, 100});
  const int code = pick(rng, {200, 300, 500, 1000});  // bytecodes per request, 15 ns each

  Homework h{"convoy", seed, "The convoy effect and the switch interval", "", "", {}};
  h.intro = fmt::format(
      "A server thread 'io' answers {} requests; each is a {} us blocking call (which releases "
      "the GIL) and {} bytecodes of Python (15 ns each). Next to it, a thread 'cpu' computes "
      "forever. {} cores, CPython {}, switch interval {}. The variant 'alone' lets the server "
      "run without the CPU thread; 'short interval' sets the interval to {}.",
      requests, io_us, code, cores, version, interval, short_interval);
  h.scenario =
      header(h.topic, seed, "An I/O thread next to a CPU thread: the convoy effect", cores) +
      fmt::format(
          "[interpreter]\n"
          "version = \"{}\"\n"
          "switch_interval = \"{}\"\n"
          "instruction_time = \"15ns\"\n\n",
          version, interval) +
      convoy_threads(requests, io_us, code) +
      fmt::format(
          "[[variant]]\n"
          "name = \"alone\"\n"
          "set = {{ \"thread.cpu.run\" = [ {{ sleep = \"1us\" }} ] }}\n\n"
          "[[variant]]\n"
          "name = \"short interval\"\n"
          "set = {{ \"interpreter.switch_interval\" = \"{}\" }}\n",
          short_interval);
  const double request_us = io_us + code * 0.015;
  h.questions = {
      {"After a blocking call returns, how long does the I/O thread wait for the GIL (the "
       "median, gil_reacquire p50)?",
       q("threads.io.gil_reacquire.p50"),
       {},
       fmt::format("the CPU thread took the GIL during the call and will not give it up until "
                   "the I/O thread has waited a whole switch interval ({}) and asked for it.",
                   interval)},
      {"How many requests per second does the server answer?",
       q("loops.request.io.rate"),
       {},
       fmt::format("each request costs its {:g} us of call and code plus about one switch "
                   "interval: roughly 1 s / ({:g} us + {}).",
                   request_us, request_us, interval)},
      {"In the variant 'alone', how many requests per second?",
       q("loops.request.io.rate", "alone"),
       {},
       fmt::format("with nobody else wanting the GIL a request costs the call, the code and a "
                   "wake-up (~10 us): roughly 1 s / ({:g} us + 10 us).",
                   request_us)},
      {"By what factor does the CPU thread slow the server down?",
       q("loops.request.io.rate", "alone"), q("loops.request.io.rate"),
       "the convoy: every blocking call turns into a wait of one switch interval, so the "
       "factor is about (request + interval) / (request + wake-up)."},
      {"In the variant 'short interval', what is the median wait for the GIL after a call?",
       q("threads.io.gil_reacquire.p50", "short interval"),
       {},
       fmt::format("the wait is about one interval, so it shrinks with it, to about {}; the "
                   "price is more hand-overs for the CPU thread.",
                   short_interval)},
  };
  return h;
}

// --- old-gil: lab 3 ---------------------------------------------------------------

Homework old_gil(std::uint64_t seed) {
  Rng rng = topic_rng(seed, 3);
  // What changes the answer, drawn where the battle still shows (on 2-4 cores
  // two or three threads run slower than one): cores, threads, the check
  // interval, and the machine's lock and signal costs.
  const int cores = pick(rng, {2, 3, 4});
  const int threads = pick(rng, {2, 3});
  const int check_interval = pick(rng, {50, 100, 200});
  const bool mac = pick(rng, {false, true});
  const int millions = pick(rng, {6, 12, 18});  // bytecodes per thread, 13 ns each
  const int lock_ns = mac ? pick(rng, {1200, 1800, 2400}) : pick(rng, {150, 200, 300});
  const int signal_ns = mac ? pick(rng, {2500, 3500, 4500}) : pick(rng, {1000, 1500, 2500});
  const std::string lock_cost = fmt::format("{}ns", lock_ns);
  const std::string signal_cost = fmt::format("{}ns", signal_ns);

  Homework h{"old-gil", seed, "The old GIL's battle on several cores", "", "", {}};
  h.intro = fmt::format(
      "{} threads each count down ({} million bytecodes, 13 ns each, 2 ticks per loop "
      "iteration) under Python 2.7's GIL, which every {} ticks is released and at once "
      "taken again. The machine has {} cores and costs like {}: {} per lock operation, {} to "
      "wake a sleeping waiter. The variants run the same on '1 CPU' and under the 'new GIL' of "
      "3.2.",
      threads == 2 ? "Two" : "Three", millions, check_interval, cores,
      mac ? "Mac OS X's" : "Linux's", lock_cost, signal_cost);
  h.scenario =
      header(h.topic, seed, "CPU-bound threads on the old check-interval GIL", cores,
             fmt::format("lock_cost = \"{}\"\nsignal_cost = \"{}\"\n", lock_cost, signal_cost)) +
      fmt::format(
          "[interpreter]\n"
          "version = \"2.7\"\n"
          "instruction_time = \"13ns\"\n"
          "loop_body = 6\n"
          "loop_ticks = 2\n"
          "check_interval = {}\n\n"
          "[[thread]]\n"
          "name = \"countdown\"\n"
          "count = {}\n"
          "run = [ {{ python = {}_000_000 }} ]\n\n"
          "[[variant]]\n"
          "name = \"1 CPU\"\n"
          "set = {{ \"machine.cores\" = 1 }}\n\n"
          "[[variant]]\n"
          "name = \"new GIL\"\n"
          "set = {{ \"interpreter.version\" = \"3.2\" }}\n",
          check_interval, threads, millions);
  h.questions = {
      {"What is the speedup over one thread doing all the work? (Below 1 means slower.)",
       q("metrics.speedup_vs_serial"),
       {},
       fmt::format("every {} ticks the holder releases the GIL, signals a waiter ({}) and "
                   "takes the GIL back at once; the woken waiter on another core usually finds "
                   "it taken, and all that locking and signalling is paid in the holder's time.",
                   check_interval, signal_cost)},
      {"How many times does a woken thread fail to get the GIL?",
       q("metrics.failed_acquisitions"),
       {},
       "a waiter wins only when its wake-up is shorter than the holder's window between "
       "release and re-take; otherwise it wakes, fails and sleeps again: the battle."},
      {"What is the run's badness (failed acquisitions per GIL release)?",
       q("metrics.badness"),
       {},
       "every release that wakes a waiter which then finds the GIL taken again counts; "
       "Beazley's gilvis traces showed 0.13 to 0.53 for two threads on two cores "
       "(docs/validation.md)."},
      {"On '1 CPU', what is the speedup?",
       q("metrics.speedup_vs_serial", "1 CPU"),
       {},
       "with one core the woken waiter cannot run until the OS preempts the holder, so there "
       "is no battle: the costs of signalling remain, the failed wake-ups mostly go."},
      {"Under the 'new GIL', what is the speedup?",
       q("metrics.speedup_vs_serial", "new GIL"),
       {},
       fmt::format("3.2's GIL is held for a whole 5 ms switch interval and handed over on "
                   "request, so there are 200 hand-overs a second instead of one attempt every "
                   "{} ticks: about 1.",
                   check_interval)},
  };
  return h;
}

// --- races: lab 4 -----------------------------------------------------------------

/// Where, under CPython `version`, another thread's store can land between a
/// thread's load and store of `counter += 1`: the explanation follows the
/// exercise's own version, GIL or none.
std::string where_updates_race(const std::string& version) {
  if (version == "3.13t") {
    return "CPython 3.13t has no GIL: threads on different cores run at once, so another "
           "thread's store can land inside any thread's window.";
  }
  if (version == "3.9") {
    return "CPython 3.9 may drop the GIL at any instruction (a drop request is served at the "
           "next one), so a switch can land inside the window between load and store.";
  }
  return fmt::format(
      "CPython {} drops the GIL only at back-edges and calls, so never between the load and "
      "the store of a plain `counter += 1`: no update is lost.",
      version);
}

/// What a Python call between the load and the store changes under `version`.
std::string what_a_call_changes(const std::string& version) {
  if (version == "3.13t") {
    return "3.13t has no GIL and no drop requests: the call only makes the window longer, so "
           "other threads' stores land in it more often.";
  }
  return fmt::format(
      "a call is a check site in CPython {}: a drop request can be served between the load and "
      "the store{}.",
      version, version == "3.9" ? ", one more place besides every other instruction"
                                : ", so even this version, safe without the call, loses updates");
}

Homework races(std::uint64_t seed) {
  Rng rng = topic_rng(seed, 4);
  const std::string version = pick<std::string>(rng, {"3.9", "3.10", "3.11", "3.12", "3.13t"});
  const int threads = pick(rng, {2, 3, 4});
  // At least a million increments (12 ms at 3 ns an instruction): longer than a
  // switch interval, so the GIL changes hands while threads are in their windows.
  const int thousands = pick(rng, {1000, 1500, 2000, 2500, 3000});
  const int window = pick(rng, {1, 2, 3});
  const bool old_sites = version == "3.9";
  const std::string other = old_sites ? "3.11" : "3.9";

  Homework h{"races", seed, "Races: counter += 1", "", "", {}};
  h.intro = fmt::format(
      "{} threads each run `counter += 1` {:g} million times on a shared global, under CPython "
      "{} on 2 cores. Between loading the counter and storing it back there are {} "
      "bytecode(s) (the window). The variant 'other version' runs it on {}; 'call in the "
      "window' adds a Python call between the load and the store.",
      threads, thousands / 1000.0, version, window, other);
  h.scenario = header(h.topic, seed, "counter += 1 in several threads", 2) +
               fmt::format(
                   "[interpreter]\n"
                   "version = \"{}\"\n\n"
                   "[[shared]]\n"
                   "name = \"counter\"\n"
                   "kind = \"variable\"\n\n"
                   "[[thread]]\n"
                   "name = \"worker\"\n"
                   "count = {}\n"
                   "run = [ {{ rmw = \"counter\", window = {}, times = {}_000 }} ]\n\n"
                   "[[variant]]\n"
                   "name = \"other version\"\n"
                   "set = {{ \"interpreter.version\" = \"{}\" }}\n\n"
                   "[[variant]]\n"
                   "name = \"call in the window\"\n"
                   "set = {{ \"thread.worker.run\" = [ {{ rmw = \"counter\", window = {}, call = "
                   "true, times = {}_000 }} ] }}\n",
                   version, threads, window, thousands, other, window, thousands);
  h.questions = {
      {"What should the counter be at the end?",
       q("races.counter.expected"),
       {},
       fmt::format("{} threads x {:g} million increments.", threads, thousands / 1000.0)},
      {"What is it?", q("races.counter.final"), {}, where_updates_race(version)},
      {"How many updates are lost?",
       q("races.counter.lost_updates"),
       {},
       "expected minus final: each lost update is a store that overwrote another thread's "
       "store made after this thread's load."},
      {"In the variant 'other version', how many updates are lost?",
       q("races.counter.lost_updates", "other version"),
       {},
       where_updates_race(other)},
      {"In the variant 'call in the window', how many updates are lost?",
       q("races.counter.lost_updates", "call in the window"),
       {},
       what_a_call_changes(version)},
  };
  return h;
}

// --- policy: lab 5 ----------------------------------------------------------------

Homework policy(std::uint64_t seed) {
  Rng rng = topic_rng(seed, 5);
  const int interval_ms = pick(rng, {1, 5});
  const int requests = pick(rng, {100, 200});
  const int io_us = pick(rng, {20, 50});
  const int code = pick(rng, {300, 1000});

  Homework h{"policy", seed, "Choose a GIL policy", "", "", {}};
  h.intro = fmt::format(
      "The convoy workload: a thread 'io' answers {} requests ({} us blocking call, then {} "
      "bytecodes), next to a thread 'cpu' that computes forever; 2 cores, CPython 3.11, switch "
      "interval {} ms. The file runs the timed-switch GIL; the variants 'fifo-handoff' and "
      "'priority-io' run the other policies of docs/models/.",
      requests, io_us, code, interval_ms);
  h.scenario = header(h.topic, seed, "The convoy workload under three GIL policies", 2) +
               fmt::format(
                   "[interpreter]\n"
                   "version = \"3.11\"\n"
                   "gil = \"timed-switch\"\n"
                   "switch_interval = \"{}ms\"\n"
                   "instruction_time = \"15ns\"\n\n",
                   interval_ms) +
               convoy_threads(requests, io_us, code) +
               "[[variant]]\n"
               "name = \"fifo-handoff\"\n"
               "set = { \"interpreter.gil\" = \"fifo-handoff\" }\n\n"
               "[[variant]]\n"
               "name = \"priority-io\"\n"
               "set = { \"interpreter.gil\" = \"priority-io\" }\n";
  h.questions = {
      {"Under timed-switch, how many requests per second?",
       q("loops.request.io.rate"),
       {},
       fmt::format("each blocking call costs about one {} ms switch interval (the convoy).",
                   interval_ms)},
      {"Under fifo-handoff?",
       q("loops.request.io.rate", "fifo-handoff"),
       {},
       "every check_interval (100) check sites the holder hands the GIL to the longest "
       "waiter, so the server waits at most one such check period, not a switch interval."},
      {"Under priority-io?",
       q("loops.request.io.rate", "priority-io"),
       {},
       "a thread back from I/O asks for the GIL at once, ahead of CPU-bound waiters."},
      {"Under fifo-handoff, what is the median wait for the GIL after a call?",
       q("threads.io.gil_reacquire.p50", "fifo-handoff"),
       {},
       "a check period of the CPU thread (100 sites) plus the hand-over: the server's "
       "wake-up and context switch."},
      {"How much of the CPU thread's work survives under priority-io, compared with "
       "timed-switch (bytecodes per second, priority-io / timed-switch)?",
       q("metrics.throughput", "priority-io"), q("metrics.throughput"),
       "requests now come every few tens of microseconds instead of every interval, and each "
       "takes the GIL from the CPU thread for its code and two hand-overs: that share of the "
       "time is lost to the computation. Which policy to choose depends on which you value."},
  };
  return h;
}

}  // namespace

const std::vector<HomeworkTopic>& homework_topics() {
  static const std::vector<HomeworkTopic> kTopics = {
      {"cpu-bound", "docs/labs/lab1-cpu-bound-threads.md",
       "CPU-bound threads: makespan, GIL switches, no-GIL speedup", cpu_bound},
      {"convoy", "docs/labs/lab2-convoy.md",
       "an I/O thread next to a CPU thread: reacquisition wait, request rate", convoy},
      {"old-gil", "docs/labs/lab3-old-gil-battle.md",
       "the check-interval GIL on several cores: speedup, failed wake-ups, badness", old_gil},
      {"races", "docs/labs/lab4-races.md",
       "counter += 1 across versions: lost updates and check sites", races},
      {"policy", "docs/labs/lab5-design-a-policy.md",
       "the convoy under timed-switch, fifo-handoff and priority-io", policy},
  };
  return kTopics;
}

}  // namespace gilsim
