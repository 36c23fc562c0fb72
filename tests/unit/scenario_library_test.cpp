// The scenario library is the course's material: together its files must use
// every feature of the model, so that each has a worked, commented example
// (issue 6). A feature added to the model without a scenario fails here.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/policy/registry.hpp"
#include "gilsim/scenario/load.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {

using Features = std::set<std::string>;

const char* distribution_name(Distribution::Kind k) {
  switch (k) {
    case Distribution::Kind::kFixed:
      return "fixed";
    case Distribution::Kind::kExponential:
      return "exponential";
    case Distribution::Kind::kUniform:
      return "uniform";
    case Distribution::Kind::kNormal:
      return "normal";
  }
  return "?";
}

void add_ops(const std::vector<Op>& ops, Features& f) {
  for (const Op& op : ops) {
    switch (op.kind) {
      case OpKind::kPython:
        f.insert(op.forever ? "op: python forever" : "op: python");
        if (op.instructions == 0 && !op.forever) f.insert("op: python as a duration");
        if (op.loop_body > 0) f.insert("op: python loop_body");
        if (op.ticks > 0) f.insert("op: python ticks");
        break;
      case OpKind::kNative:
        f.insert(op.holds_gil ? "op: native holding the GIL" : "op: native releasing the GIL");
        if (op.shared >= 0) f.insert("op: native touching an object");
        break;
      case OpKind::kIo:
        f.insert("op: io");
        break;
      case OpKind::kSleep:
        f.insert("op: sleep");
        break;
      case OpKind::kRepeat:
        f.insert(op.forever ? "op: repeat forever" : "op: repeat");
        if (op.loop_id >= 0) f.insert("op: named loop");
        add_ops(op.body, f);
        break;
      case OpKind::kRmw:
        f.insert(op.call ? "op: rmw with a call" : "op: rmw");
        break;
      case OpKind::kIncref:
        f.insert("op: incref");
        break;
      case OpKind::kDecref:
        f.insert("op: decref");
        break;
      case OpKind::kSend:
        f.insert("op: send");
        break;
      case OpKind::kRecv:
        f.insert("op: recv");
        break;
    }
    if (op.kind == OpKind::kIo || op.kind == OpKind::kSleep || op.kind == OpKind::kNative ||
        (op.kind == OpKind::kPython && op.instructions == 0 && !op.forever)) {
      f.insert(std::string("distribution: ") + distribution_name(op.duration.kind));
    }
  }
}

void add_features(const Scenario& s, Features& f) {
  const ModelSpec& m = s.model;
  f.insert("scheduler: " + make_run_info(s).scheduler);  // the name reports use
  f.insert(std::string("distribution: ") + distribution_name(m.machine.wakeup_latency.kind));
  if (m.machine.wake_order == WakeOrder::kRandom) f.insert("machine: wake_order random");
  if (m.machine.tie_order == WakeOrder::kRandom) f.insert("machine: tie_order random");
  if (m.machine.lock_cost > 0) f.insert("machine: lock_cost");
  if (m.machine.cores == 1) f.insert("machine: one core");
  if (m.machine.cores >= 4) f.insert("machine: four or more cores");
  if (m.processes.size() > 1) f.insert("model: several processes");
  if (m.stop != kNever) f.insert("model: stop time");
  for (const ProcessSpec& p : m.processes) {
    const InterpreterConfig& i = p.interpreter;
    f.insert("policy: " + i.gil);
    const char* sites[] = {"tick", "instruction", "loop"};
    f.insert(std::string("check sites: ") + sites[static_cast<int>(i.check_sites)]);
    f.insert(i.drop_request == DropRequestScope::kThread ? "drop request: thread"
                                                         : "drop request: interpreter");
    const char* refcounts[] = {"plain", "atomic", "biased"};
    f.insert(std::string("refcount: ") + refcounts[static_cast<int>(i.refcount)]);
    if (!i.force_switching) f.insert("interpreter: force_switching off");
  }
  for (const ThreadSpec& t : m.threads) {
    if (t.affinity != 0) f.insert("thread: affinity");
    if (t.start > 0) f.insert("thread: start");
    add_ops(t.ops, f);
  }
  for (const SharedSpec& sh : m.shared) {
    if (!sh.is_object) f.insert(sh.atomic ? "shared: atomic variable" : "shared: variable");
    if (sh.is_object) f.insert(sh.immortal ? "shared: immortal object" : "shared: object");
  }
  if (!s.variants.empty()) f.insert("file: variants");
  if (!s.expectations.empty()) f.insert("file: expectations");
}

}  // namespace

TEST_CASE("scenarios: together the library uses every feature of the model", "[scenarios]") {
  Features used;
  for (const std::string& path : test::scenario_files()) {
    INFO(path);
    Result<Scenario> s = load_scenario(path);
    REQUIRE(s.ok());
    add_features(s.value(), used);
    for (const Variant& v : s.value().variants) {
      Result<Scenario> varied = load_variant(path, v.name);
      REQUIRE(varied.ok());
      add_features(varied.value(), used);
    }
  }
  Features wanted = {"scheduler: cfs",
                     "scheduler: round-robin",
                     "scheduler: fifo",
                     "distribution: fixed",
                     "distribution: exponential",
                     "distribution: uniform",
                     "distribution: normal",
                     "machine: wake_order random",
                     "machine: lock_cost",
                     "machine: one core",
                     "machine: four or more cores",
                     "model: several processes",
                     "model: stop time",
                     "check sites: tick",
                     "check sites: instruction",
                     "check sites: loop",
                     "drop request: thread",
                     "drop request: interpreter",
                     "refcount: plain",
                     "refcount: atomic",
                     "refcount: biased",
                     "interpreter: force_switching off",
                     "thread: affinity",
                     "thread: start",
                     "op: python",
                     "op: python forever",
                     "op: python as a duration",
                     "op: python loop_body",
                     "op: python ticks",
                     "op: native holding the GIL",
                     "op: native releasing the GIL",
                     "op: native touching an object",
                     "op: io",
                     "op: sleep",
                     "op: repeat",
                     "op: repeat forever",
                     "op: named loop",
                     "op: rmw",
                     "op: rmw with a call",
                     "op: incref",
                     "op: decref",
                     "op: send",
                     "op: recv",
                     "shared: variable",
                     "shared: atomic variable",
                     "shared: object",
                     "shared: immortal object",
                     "file: variants",
                     "file: expectations"};
  for (const PolicyEntry& p : policy_registry()) wanted.insert("policy: " + std::string(p.name));
  std::vector<std::string> missing;
  for (const std::string& w : wanted) {
    if (!used.count(w)) missing.push_back(w);
  }
  INFO("no scenario in scenarios/ uses: " << Catch::Detail::stringify(missing));
  CHECK(missing.empty());
  CHECK(test::scenario_files().size() >= 15);
}

TEST_CASE("variants: a variant's report describes the variant, not the file as written",
          "[scenario]") {
  Result<Scenario> one_cpu = load_variant(test::scenario_path("old_gil_battle.toml"), "1 CPU");
  REQUIRE(one_cpu.ok());
  CHECK(one_cpu.value().description == "The same two threads on the old GIL, on one core");
  Result<Scenario> fifo = load_variant(test::scenario_path("os_schedulers.toml"), "fifo");
  REQUIRE(fifo.ok());
  CHECK(fifo.value().description ==
        "One core, one GIL, three OS schedulers: who gets to ask for the GIL; variant 'fifo' sets "
        "machine.scheduler = fifo");
  const test::CliRun r = test::cli(
      {"run", test::scenario_path("old_gil_battle.toml"), "--variant", "1 CPU"});
  CHECK(r.out.find("| 1 core, cfs |") != std::string::npos);
}

TEST_CASE("convoy: the 'alone' hint in convoy.toml shows the I/O thread's own rate, not the "
          "convoy's",
          "[scenario]") {
  // The hint's --set, as convoy.toml's header writes it.
  const Report convoy = test::run_file(test::scenario_path("convoy.toml"));
  const Report alone =
      test::run_file(test::scenario_path("convoy.toml"), "", {Override{"thread.cpu.count", "0"}});
  REQUIRE(convoy.loops.size() == 1);
  REQUIRE(alone.loops.size() == 1);
  CHECK(convoy.loops[0].rate == Approx(220).epsilon(0.05));
  CHECK(alone.loops[0].rate == Approx(31'000).epsilon(0.05));  // "~31k requests/s"
}

TEST_CASE("scenario library: the bytecode a scenario's comments show is its version's", "[scenario]") {
  // 3.11 merged the arithmetic opcodes into BINARY_OP; before it, `x += 1` is INPLACE_ADD.
  for (const std::string& path : test::scenario_files()) {
    Result<Scenario> s = load_scenario(path);
    if (!s.ok() || s.value().model.processes.empty()) continue;
    const std::string& version = s.value().model.processes[0].interpreter.version;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    int major = 0, minor = 0;
    REQUIRE(std::sscanf(version.c_str(), "%d.%d", &major, &minor) == 2);
    const bool before_311 = major < 3 || (major == 3 && minor < 11);
    INFO(path << " (version " << version << ")");
    if (before_311) CHECK(text.str().find("BINARY_OP") == std::string::npos);
    if (!before_311) CHECK(text.str().find("INPLACE_ADD") == std::string::npos);
  }
}

TEST_CASE("scenario library: every percentile is within 0.05% of the exact one from every sample",
          "[scenarios]") {
  int compared = 0;
  for (const std::string& path : test::scenario_files()) {
    const Result<Scenario> s = load_scenario(path);
    REQUIRE(s.ok());
    const Report histogram = simulate(s.value()).report;
    const Report exact = simulate(s.value(), SimulateOptions{{}, {}, true}).report;
    auto close = [&](const Percentiles& a, const Percentiles& e, const std::string& what) {
      INFO(path << ": " << what << " p50 " << a.p50 << " vs " << e.p50 << ", p90 " << a.p90
                << " vs " << e.p90 << ", p99 " << a.p99 << " vs " << e.p99);
      CHECK(a.count == e.count);
      CHECK(a.max == e.max);
      for (auto [got, want] : {std::pair{a.p50, e.p50}, {a.p90, e.p90}, {a.p99, e.p99}}) {
        CHECK(std::abs(static_cast<double>(got - want)) <= 0.0005 * static_cast<double>(want));
      }
      ++compared;
    };
    for (std::size_t t = 0; t < exact.threads.size(); ++t) {
      close(histogram.threads[t].gil_wait, exact.threads[t].gil_wait, exact.threads[t].name + " gil_wait");
      close(histogram.threads[t].gil_reacquire, exact.threads[t].gil_reacquire,
            exact.threads[t].name + " gil_reacquire");
    }
    for (std::size_t l = 0; l < exact.loops.size(); ++l) {
      close(histogram.loops[l].iteration, exact.loops[l].iteration, exact.loops[l].name);
    }
  }
  CHECK(compared > 50);
}
