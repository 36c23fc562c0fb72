#include "gilsim/lab/calibrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "gilsim/core/assert.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/model/core_speed.hpp"
#include "gilsim/report/word_wrap.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// calibrate's probe replays handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in calibrate's probe replays");
namespace {

// The probe's idle times (wake_after_idle_*), GIL hold times (gil_gap_after_*)
// and switch intervals (slice_*_us), as probe.py measures them.
constexpr int kIdleUs[] = {50, 200, 1000, 5000};
constexpr int kHeldUs[] = {10, 50, 500};
constexpr std::pair<const char*, int> kSliceUs[] = {{"5ms", 5000}, {"1ms", 1000}, {"100us", 100}};
// Half the ping-pong between processes on two cores: the shallowest idle
// state's exit (probes before it, or of one core, do not have it).
constexpr const char* kCross = "pingpong_cross_half_us";
// Each core's speed while two are busy, in percent of one alone (probes
// before it do not have it: their profiles leave parallel_speed at 1.0).
constexpr const char* kParallel = "parallel_speed_percent";
// The probe's process_start: two workers, each countdown(n) of this many
// iterations, against one countdown serially.
constexpr double kProcessStartIterations = 2e6;
// A wake-up that comes within this long of its core going idle finds the core
// still in the idle loop, before it halts (do_idle() checks need_resched()
// on the way in): the one-core ping-pong never pays an exit.
constexpr Tick kHaltAfter = kMicrosecond;

/// A probed idle time, and the measured wake-up after it.
struct IdleProbe {
  Tick after;        ///< how long the core had been idle
  std::string name;  ///< the measurement of the wake-up
};

/// The probe's idle times, shallowest first.
std::vector<IdleProbe> idle_probes(const ProbeFile& probe) {
  std::vector<IdleProbe> out;
  if (probe.measurements.count(kCross)) out.push_back({kHaltAfter, kCross});
  for (int d : kIdleUs) out.push_back({d * kMicrosecond, fmt::format("wake_after_idle_{}us", d)});
  return out;
}

/// A deeper probe that woke more than 25% faster than probes[i], after a
/// longer idle. A core cannot leave a shallower state more slowly than a
/// deeper one: something else held that wake-up up (a host that kept the
/// vCPU off its CPU), and no idle state explains it. Within 25% it is noise.
/// (A probe file without one of them contradicts nothing: calibrate reports
/// the missing measurement.)
const IdleProbe* contradiction(const std::vector<IdleProbe>& probes, std::size_t i,
                               const ProbeFile& probe) {
  const auto shallow = probe.measurements.find(probes[i].name);
  if (shallow == probe.measurements.end()) return nullptr;
  for (std::size_t j = i + 1; j < probes.size(); ++j) {
    const auto deep = probe.measurements.find(probes[j].name);
    if (deep != probe.measurements.end() && shallow->second > 1.25 * deep->second) {
      return &probes[j];
    }
  }
  return nullptr;
}

/// The probes the idle states are made of: those no deeper one contradicts.
std::vector<IdleProbe> explained(const std::vector<IdleProbe>& probes, const ProbeFile& probe) {
  std::vector<IdleProbe> out;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    if (!contradiction(probes, i, probe)) out.push_back(probes[i]);
  }
  return out;
}

// The searched parameters, in ns. exp(w) has median w ln 2.
struct Params {
  Tick process_start = 0;  ///< measured directly: its twin has nothing else in it
  std::int32_t parallel_speed = kFullSpeed;  ///< measured directly, with two cores busy
  Tick wakeup = 2000;
  Tick cond = 0;
  Tick slack = 50'000;
  Tick wait_entry = 0;  ///< the mean of an exponential
};

std::string ns(Tick t) {
  return t % 1000 == 0 ? fmt::format("\"{}us\"", t / 1000) : fmt::format("\"{}ns\"", t);
}

class Fitter {
 public:
  Fitter(const ProbeFile& probe)
      : probe_(probe), idle_probes_(idle_probes(probe)), explained_(explained(idle_probes_, probe)) {}

  std::optional<std::string> missing() const {
    for (const std::string& name : probe_names()) {
      if (!probe_.measurements.count(name)) return name;
    }
    return std::nullopt;
  }

  Params search() {
    Params best;
    best.parallel_speed = parallel_speed();
    best.process_start = process_start(best.parallel_speed);
    best.cond = std::max<Tick>(0, us("gil_gap_after_10us") - median_path(best.wakeup) -
                                      exit_after(best.wakeup, 10'000));
    double best_err = error(best);
    const std::vector<Tick> wakeups = {500, 1000, 1500, 2000, 3000, 5000, 8000, 12000};
    const std::vector<Tick> conds = {0, 1000, 2000, 3000, 5000, 7000, 10000, 14000, 20000};
    const std::vector<Tick> slacks = {0, 10'000, 20'000, 30'000, 40'000, 50'000, 60'000, 80'000,
                                      100'000};
    const std::vector<Tick> entries = {0, 100, 200, 300, 400, 600, 1000};
    for (int round = 0; round < 4; ++round) {
      const Params before = best;
      try_each(best, best_err, wakeups, &Params::wakeup);
      try_each(best, best_err, conds, &Params::cond);
      try_each(best, best_err, slacks, &Params::slack);
      try_each(best, best_err, entries, &Params::wait_entry);
      if (before.wakeup == best.wakeup && before.cond == best.cond && before.slack == best.slack &&
          before.wait_entry == best.wait_entry) {
        break;
      }
    }
    return best;
  }

  std::vector<ProbeFit> fits(const Params& p) {
    unfinished_ = false;
    std::vector<ProbeFit> out;
    for (const auto& [name, sim] : simulate_all(p)) {
      out.push_back({name, probe_.measurements.at(name), sim});
    }
    return out;
  }

  /// The bytecodes of one `while n > 0: n -= 1` iteration in the probe's
  /// CPython: 3.10 moved the loop's test to its bottom (8), before it took 9.
  int loop_bytecodes() const {
    int major = 0, minor = 0;
    std::sscanf(probe_.python.c_str(), "%d.%d", &major, &minor);
    return major > 3 || (major == 3 && minor >= 10) ? 8 : 9;
  }

  /// The machine's time per bytecode: the probe's loop iteration, shared out.
  Tick instruction_time() const {
    const auto it = probe_.measurements.find("iteration_ns");
    if (it == probe_.measurements.end()) return MachineConfig{}.instruction_time;
    return std::max<Tick>(1, std::llround(it->second / loop_bytecodes()));
  }

  /// Each core's speed with two busy, as measured, in parts per million
  /// (rounded to a thousandth; no faster than alone: that is noise).
  std::int32_t parallel_speed() const {
    if (!has_parallel()) return kFullSpeed;
    const double percent = std::clamp(probe_.measurements.at(kParallel), 5.0, 100.0);
    return static_cast<std::int32_t>(std::llround(percent * 10)) * 1000;
  }

  /// The start-up of a process: the probe's two workers took this much longer
  /// than their work serially, less what they lost running side by side.
  Tick process_start(std::int32_t speed) const {
    const Tick measured =
        static_cast<Tick>(std::llround(probe_.measurements.at("process_start_ms") * 1000)) * 1000;
    if (speed == kFullSpeed) return measured;
    const Tick work = serial_work();
    return std::max<Tick>(0, (measured - (wall_for(work, speed) - work)) / 1000 * 1000);
  }

  /// The probed wake-ups that no idle state explains, which the profile
  /// leaves out, as sentences for the user.
  std::vector<std::string> unexplained_wakeups() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < idle_probes_.size(); ++i) {
      if (const IdleProbe* deeper = contradiction(idle_probes_, i, probe_)) {
        out.push_back(fmt::format(
            "{} ({:.1f} us) took longer than {} ({:.1f} us): no idle state explains it (the "
            "host kept the vCPU off its CPU, or the machine was busy), so the profile leaves "
            "it out",
            idle_probes_[i].name, probe_.measurements.at(idle_probes_[i].name), deeper->name,
            probe_.measurements.at(deeper->name)));
      }
    }
    return out;
  }

  /// The profile's [machine] keys for `p`.
  std::string machine_keys(const Params& p) const {
    std::string states = "  { after = \"0us\", exit = \"0us\" },\n";
    Tick last = 0;
    for (const IdleProbe& probe : explained_) {
      const Tick exit = exit_after(p.wakeup, probe.after);
      if (exit <= last) continue;
      last = exit;
      const Tick half = spread_of(probe.name);
      states += half > 0 && half < exit
                    ? fmt::format("  {{ after = {}, exit = {{ uniform = [{}, {}] }} }},\n",
                                  ns(probe.after), ns(exit - half), ns(exit + half))
                    : fmt::format("  {{ after = {}, exit = {} }},\n", ns(probe.after), ns(exit));
    }
    return fmt::format(
        "instruction_time = \"{}ns\"\n"
        "wakeup_latency = {{ exp = {} }}\ncond_wakeup = {}\nidle_states = [\n{}]\n"
        "timer_slack = {}\nwait_entry = {}\nwaking_core_idle = true\nwake_order = \"glibc\"\n"
        "process_start = {}\n{}",
        instruction_time(), ns(p.wakeup), ns(p.cond), states, ns(p.slack),
        p.wait_entry > 0 ? fmt::format("{{ exp = {} }}", ns(p.wait_entry)) : ns(0),
        ns(p.process_start),
        has_parallel() ? fmt::format("parallel_speed = [1.0, {:.3f}]\n", p.parallel_speed / 1e6)
                       : "");
  }

 private:
  bool has_cross() const { return probe_.measurements.count(kCross) > 0; }
  bool has_parallel() const { return probe_.measurements.count(kParallel) > 0; }

  /// The probe's process_start work, serially: countdown's iterations at the
  /// measured speed (without that measurement, a round 40 ms).
  Tick serial_work() const {
    const auto it = probe_.measurements.find("iteration_ns");
    if (!has_parallel() || it == probe_.measurements.end()) return 40 * kMillisecond;
    return static_cast<Tick>(std::llround(it->second * kProcessStartIterations));
  }

  std::vector<std::string> probe_names() const {
    std::vector<std::string> names;
    names.push_back("pingpong_half_us");
    if (has_cross()) names.push_back(kCross);
    for (int idle : kIdleUs) names.push_back(fmt::format("wake_after_idle_{}us", idle));
    names.push_back("sleep_oversleep_us");
    names.push_back("process_start_ms");
    if (has_parallel()) names.push_back(kParallel);
    names.push_back("third_waiter_5ms_intervals");
    for (int held : kHeldUs) names.push_back(fmt::format("gil_gap_after_{}us", held));
    for (const auto& [label, _] : kSliceUs) names.push_back(fmt::format("slice_{}_us", label));
    return names;
  }

  /// Half the width of a measured wake-up's spread: the nearer of p10 and
  /// p90 to the median, so that a one-sided tail (the host preempting the VM)
  /// does not widen it.
  Tick spread_of(const std::string& name) const {
    if (!probe_.measurements.count(name + "_p10") || !probe_.measurements.count(name + "_p90")) {
      return 0;
    }
    const Tick p50 = us(name);
    return std::min(p50 - us(name + "_p10"), us(name + "_p90") - p50) / 100 * 100;
  }

  Tick us(const std::string& name) const {
    return static_cast<Tick>(std::llround(probe_.measurements.at(name) * 1000));
  }
  static Tick median_path(Tick wakeup) { return static_cast<Tick>(std::llround(wakeup * M_LN2)); }

  /// The exit latency of a core idle for `idle`: the measured wake-up of the
  /// deepest idle probe reached, less the wake-up path, and no more than any
  /// deeper one's (the small inversions of noise).
  Tick exit_after(Tick wakeup, Tick idle) const {
    std::optional<Tick> exit;
    for (auto it = explained_.rbegin(); it != explained_.rend(); ++it) {
      const Tick measured = std::max<Tick>(0, (us(it->name) - median_path(wakeup)) / 100 * 100);
      exit = exit ? std::min(*exit, measured) : measured;
      if (idle >= it->after) return *exit;
    }
    return 0;
  }

  template <class Field>
  void try_each(Params& best, double& best_err, const std::vector<Tick>& values, Field field) {
    for (Tick v : values) {
      Params p = best;
      p.*field = v;
      const double e = error(p);
      if (e < best_err) best = p, best_err = e;
    }
  }

  double error(const Params& p) {
    double sum = 0;
    unfinished_ = false;
    const auto simulated = simulate_all(p);
    if (unfinished_) return std::numeric_limits<double>::infinity();
    for (const auto& [name, sim] : simulated) {
      const double measured = probe_.measurements.at(name);
      if (measured <= 0 || sim <= 0) {
        sum += 100;
        continue;
      }
      const double e = std::log(sim / measured);
      sum += e * e;
    }
    return sum;
  }

  std::vector<std::pair<std::string, double>> simulate_all(const Params& p) {
    std::vector<std::pair<std::string, double>> out;
    // A profile file without a base starts from the ideal machine; so do its twins.
    const std::string machine = "[machine]\nprofile = \"ideal\"\ncores = 2\n" + machine_keys(p);
    const Report ping = run(machine +
        "[[thread]]\nname = \"p\"\nrun = [ { python = \"1ns\" }, { repeat = 40, name = \"w\", "
        "body = [ { io = \"1ns\" }, { python = \"1ns\" } ] } ]\n");
    out.emplace_back("pingpong_half_us", to_us(loop_p50(ping) - 2));
    if (has_cross()) out.emplace_back(kCross, cross_half(machine));
    for (int idle : kIdleUs) {
      const Tick d = idle * kMicrosecond;
      const Report r = run(machine + fmt::format(
          "[[thread]]\nname = \"p\"\nrun = [ {{ python = \"1ns\" }}, {{ repeat = 40, name = \"w\", "
          "body = [ {{ io = \"{}us\" }}, {{ python = \"1ns\" }} ] }} ]\n", idle));
      out.emplace_back(fmt::format("wake_after_idle_{}us", idle), to_us(loop_p50(r) - d - 1));
    }
    const Report sleep = run(machine +
        "[[thread]]\nname = \"p\"\nrun = [ { python = \"1ns\" }, { repeat = 40, name = \"s\", "
        "body = [ { sleep = \"2ms\" }, { python = \"1ns\" } ] } ]\n");
    out.emplace_back("sleep_oversleep_us", to_us(loop_p50(sleep) - 2 * kMillisecond - 1));
    const Tick work = serial_work();
    const Report forked = run(machine + fmt::format(
        "[[process]]\nname = \"main\"\n[[process]]\nname = \"a\"\n[[process]]\nname = \"b\"\n"
        "[[thread]]\nname = \"a\"\nprocess = \"a\"\nrun = [ {{ python = \"{0}ns\" }} ]\n"
        "[[thread]]\nname = \"b\"\nprocess = \"b\"\nrun = [ {{ python = \"{0}ns\" }} ]\n", work));
    out.emplace_back("process_start_ms", to_us(forked.simulated_ns - work) / 1000.0);
    if (has_parallel()) out.emplace_back(kParallel, parallel_percent(machine));
    out.emplace_back("third_waiter_5ms_intervals", third_waiter(machine));
    for (int held : kHeldUs) {
      out.emplace_back(fmt::format("gil_gap_after_{}us", held), to_us(gil_gap(machine, held)));
    }
    for (const auto& [label, interval] : kSliceUs) {
      const Report r = run(machine + fmt::format(
          "[interpreter]\nswitch_interval = \"{}us\"\n[scenario]\nstop = \"300ms\"\n"
          "[[thread]]\nname = \"spin\"\ncount = 2\nrun = [ {{ python = \"forever\" }} ]\n", interval));
      Tick held = 0;
      std::int64_t taken = 0;
      for (const ThreadReport& t : r.threads) held += t.gil_held_ns, taken += t.acquisitions;
      out.emplace_back(fmt::format("slice_{}_us", label), taken ? to_us(held / taken) : 0.0);
    }
    return out;
  }

  /// Two processes pinned to two cores pass a message back and forth over a
  /// socketpair: half the median round trip, in us.
  double cross_half(const std::string& machine) {
    const Report r = run(machine +
        "[[process]]\nname = \"main\"\n[[process]]\nname = \"echo\"\n"
        "[[pipe]]\nname = \"request\"\n[[pipe]]\nname = \"reply\"\n"
        "[[thread]]\nname = \"p\"\nprocess = \"main\"\naffinity = [0]\nrun = [ { python = \"1ns\" }, "
        "{ repeat = 40, name = \"w\", body = [ { send = \"request\" }, { recv = \"reply\" }, "
        "{ python = \"1ns\" } ] } ]\n"
        "[[thread]]\nname = \"e\"\nprocess = \"echo\"\naffinity = [1]\nrun = [ { repeat = 40, body = [ "
        "{ recv = \"request\" }, { python = \"1ns\" }, { send = \"reply\" } ] } ]\n");
    return to_us(loop_p50(r) - 1) / 2;
  }

  /// The same work on one core alone and on two at once (free-threaded: no
  /// GIL between them): the time alone over the time together, in percent.
  double parallel_percent(const std::string& machine) {
    const std::string threads =
        "[interpreter]\nversion = \"3.13t\"\n"
        "[[thread]]\nname = \"a\"\naffinity = [0]\nrun = [ { python = \"60ms\" } ]\n";
    const Report alone = run(machine + threads);
    const Report together = run(machine + threads +
        "[[thread]]\nname = \"b\"\naffinity = [1]\nrun = [ { python = \"60ms\" } ]\n");
    return together.simulated_ns > 0
               ? 100.0 * static_cast<double>(alone.simulated_ns) /
                     static_cast<double>(together.simulated_ns)
               : 0.0;
  }

  /// A thread sleeping 2 ms in a loop next to two CPU-bound threads at a 5 ms
  /// switch interval: its median wait after a sleep, in intervals (the median
  /// over three seeds: the outcome is a race).
  double third_waiter(const std::string& machine) {
    std::vector<double> waits;
    for (int seed = 1; seed <= 3; ++seed) {
      const Report r = run(machine + fmt::format(
          "[scenario]\nseed = {}\n[interpreter]\nswitch_interval = \"5ms\"\n"
          "[[thread]]\nname = \"s\"\nrun = [ {{ python = \"1ns\" }}, {{ repeat = 40, name = \"n\", "
          "body = [ {{ sleep = \"2ms\" }}, {{ python = \"1ns\" }} ] }} ]\n"
          "[[thread]]\nname = \"spin\"\ncount = 2\nrun = [ {{ python = \"forever\" }} ]\n", seed));
      waits.push_back(static_cast<double>(loop_p50(r) - 2 * kMillisecond) /
                      (5.0 * kMillisecond));
    }
    std::sort(waits.begin(), waits.end());
    return waits[1];
  }

  /// Thread a holds the GIL in C code for `held` us while b waits, then
  /// sleeps: the median time from a's release to b's acquisition.
  Tick gil_gap(const std::string& machine, int held) {
    const Scenario s = scenario(machine + fmt::format(
        "[[thread]]\nname = \"a\"\nrun = [ {{ python = \"1ns\" }}, {{ repeat = 25, body = [ "
        "{{ native = \"{}us\", holds_gil = true }}, {{ sleep = \"2ms\" }} ] }} ]\n"
        "[[thread]]\nname = \"b\"\nrun = [ {{ python = \"forever\" }} ]\n", held));
    VectorSink records;
    run(s, &records);
    std::vector<Tick> gaps;
    Tick released = -1;
    for (const TraceRecord& r : records.records) {
      if (r.kind == RecordKind::kGilRelease && r.thread == 0 &&
          r.drop_reason() == DropReason::kBlocking) {
        released = r.time;
      } else if (r.kind == RecordKind::kGilAcquire && r.thread == 1 && released >= 0) {
        gaps.push_back(r.time - released);
        released = -1;
      }
    }
    if (gaps.empty()) return 0;
    std::sort(gaps.begin(), gaps.end());
    return gaps[gaps.size() / 2];
  }

  static Scenario scenario(const std::string& text) {
    Result<Scenario> s = parse_scenario(text, "calibrate-twin.toml");
    GILSIM_ASSERT(s.ok(), "a calibration twin does not load: {}", s.ok() ? "" : s.error().to_string());
    return std::move(s.value());
  }
  /// A twin is small: one that needs more events than this describes no
  /// machine the search should consider (its wake-ups or starts take forever).
  static constexpr std::uint64_t kTwinEvents = 2'000'000;

  Report run(const std::string& text) { return run(scenario(text), nullptr); }
  Report run(const Scenario& s, TraceSink* sink) {
    SimulateOptions options{RunLimits{kTwinEvents, RunLimits{}.max_steps_per_instant}, {}};
    if (sink) options.sinks.push_back(sink);
    const SimulateResult r = simulate(s, options);
    if (r.outcome.status != RunOutcome::Status::kFinished) unfinished_ = true;
    return r.report;
  }
  static Tick loop_p50(const Report& r) { return r.loops.empty() ? 0 : r.loops[0].iteration.p50; }
  static double to_us(Tick t) { return static_cast<double>(t) / 1000.0; }

  const ProbeFile& probe_;
  const std::vector<IdleProbe> idle_probes_;
  const std::vector<IdleProbe> explained_;  ///< those the idle states are made of
  bool unfinished_ = false;  ///< a twin of the last evaluation ran out of events

 public:
  bool unfinished() const { return unfinished_; }
};

}  // namespace

std::string fit_table(const std::vector<ProbeFit>& fits) {
  std::string out = fmt::format("{:<24}  {:>10}  {:>10}  {:>8}\n", "probe", "measured", "simulated",
                                "residual");
  for (const ProbeFit& f : fits) {
    out += fmt::format("{:<24}  {:>10.1f}  {:>10.1f}  {:>+7.1f}%\n", f.name, f.measured, f.simulated,
                       f.measured != 0 ? 100 * (f.simulated / f.measured - 1) : 0.0);
  }
  return out;
}

namespace {

/// With several probes the fit is to their medians: one note says so, and
/// which of the fitted measurements moved by more than 25% between them.
std::optional<std::string> spread_note(const ProbeFile& probe, const std::vector<ProbeFit>& fits) {
  if (probe.probes < 2) return std::nullopt;
  std::string moved;
  for (const ProbeFit& f : fits) {
    const auto [low, high] = probe.ranges.at(f.name);
    if (high <= 1.25 * low) continue;
    moved += fmt::format("{}{} {:.1f} to {:.1f}", moved.empty() ? "" : ", ", f.name, low, high);
  }
  std::string note = fmt::format("each measurement is the median of {} probes", probe.probes);
  if (!moved.empty()) note += "; these moved by more than 25% between them: " + moved;
  return note;
}

}  // namespace

Result<Calibration> calibrate(const ProbeFile& probe, const std::string& source) {
  Fitter fitter(probe);
  if (auto name = fitter.missing()) {
    return InputError{source, 0, 0, fmt::format("the probe has no measurement '{}'", *name), ""};
  }
  // Every probe is a time of microseconds to a second (or a count of switch
  // intervals): anything else is not a measurement of a machine.
  for (const auto& [name, value] : probe.measurements) {
    if (!(value >= 0 && value <= 1e6)) {
      return InputError{source, 0, 0,
                        fmt::format("measurement '{}' = {} is not between 0 and 1,000,000", name,
                                    value),
                        ""};
    }
  }
  const Params p = fitter.search();
  Calibration out;
  out.fits = fitter.fits(p);
  out.notes = fitter.unexplained_wakeups();
  if (auto note = spread_note(probe, out.fits)) out.notes.push_back(*note);
  if (fitter.unfinished()) {
    return InputError{source, 0, 0,
                      "these measurements describe no machine gilsim can simulate (a probe's "
                      "twin never finishes); measure again on a quiet machine",
                      ""};
  }
  std::string table = "#   ";  // the fit table as comment lines
  for (const char c : fit_table(out.fits)) table += c == '\n' ? "\n#   " : std::string(1, c);
  table.resize(table.size() - 4);
  for (const std::string& note : out.notes) {
    table += "#\n" + word_wrapped("Note: " + note + ".", 78, "# ", "# ");
  }
  const std::string machine = fmt::format("CPython {}, {} cores, Linux {}", probe.python,
                                          probe.cores, probe.kernel);
  const auto iteration = probe.measurements.find("iteration_ns");
  out.profile_text = fmt::format(
      "# Machine profile made by `gilsim calibrate {}` ({}).\n"
      "# Probes (us), measured on the machine and simulated with this profile:\n#\n{}#\n"
      "# A `while n > 0: n -= 1` iteration took {:.1f} ns there: instruction_time\n"
      "# is its share per bytecode ({} of them).\n\n"
      "[profile]\ndescription = \"calibrated: {}\"\n\n[machine]\ncores = {}\n{}",
      source, machine, table, iteration != probe.measurements.end() ? iteration->second : 0.0,
      fitter.loop_bytecodes(), machine, std::max(1, probe.cores), fitter.machine_keys(p));
  return out;
}

std::string_view probe_script() { return lab_probe_scripts().front().text; }

}  // namespace gilsim
