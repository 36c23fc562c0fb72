#pragma once
// The numbers of a report, listed once. The JSON report and the flat field list
// (CSV, `gilsim check`, compare, sweep) both walk these functions, so a number
// added here appears in every output under the same name, in the same order.
//
// A visitor provides:
//   integer(key, std::int64_t)          a count
//   duration(key, Tick)                 nanoseconds
//   real(key, double)
//   optional_real(key, std::optional<double>)
//   optional_duration(key, std::optional<Tick>)
//   percentiles(key, const Percentiles&)

#include "gilsim/report/report.hpp"

namespace gilsim {

template <class Visitor>
void visit_numbers(const ThreadReport& t, Visitor& v) {
  v.duration("cpu_ns", t.cpu_ns);
  v.duration("lock_overhead_ns", t.lock_overhead_ns);
  v.duration("runnable_ns", t.runnable_ns);
  v.duration("gil_held_ns", t.gil_held_ns);
  v.duration("gil_wait_ns", t.gil_wait_ns);
  v.percentiles("gil_wait", t.gil_wait);
  v.integer("acquisitions", t.acquisitions);
  v.integer("failed_acquisitions", t.failed_acquisitions);
  v.integer("forced_drops", t.forced_drops);
  v.integer("io_ops", t.io_ops);
  v.duration("blocked_ns", t.blocked_ns);
  v.percentiles("gil_reacquire", t.gil_reacquire);
  v.integer("instructions", t.instructions);
  v.real("instructions_per_s", t.instructions_per_s);
  v.optional_duration("finished_ns", t.finished_ns);
}

template <class Visitor>
void visit_numbers(const Metrics& m, Visitor& v) {
  v.duration("makespan_ns", m.makespan_ns);
  v.real("throughput", m.throughput);
  v.duration("serial_ns", m.serial_ns);
  v.real("speedup_vs_serial", m.speedup_vs_serial);
  v.optional_real("gil_utilization", m.gil_utilization);
  v.real("core_utilization", m.core_utilization);
  v.integer("gil_switches", m.gil_switches);
  v.integer("gil_releases", m.gil_releases);
  v.integer("context_switches", m.context_switches);
  v.real("fairness_jain", m.fairness_jain);
  v.duration("max_gil_wait_ns", m.max_gil_wait_ns);
  v.integer("starved_threads", m.starved_threads);
  v.duration("starvation_threshold_ns", m.starvation_threshold_ns);
  v.optional_real("convoy_factor", m.convoy_factor);
  v.integer("failed_acquisitions", m.failed_acquisitions);
  v.real("badness", m.badness);
}

/// A shared item's counters (the JSON report adds its kind, when an object was
/// freed, and the first lost updates and premature frees).
template <class Visitor>
void visit_numbers(const RaceReport& r, Visitor& v) {
  v.integer("expected", r.expected);
  v.integer("final", r.final_value);
  v.integer("lost_updates", r.lost_updates);
  v.integer("stale_writes", r.stale_writes);
  v.integer("leaked", r.leaked);
  v.integer("premature_frees", r.premature_frees);
  v.integer("use_after_free", r.use_after_free);
  v.integer("brc_queued", r.brc_queued);
  v.integer("brc_merges", r.brc_merges);
}

template <class Visitor>
void visit_numbers(const LoopReport& l, Visitor& v) {
  v.integer("iterations", l.iterations);
  v.real("rate", l.rate);
  v.percentiles("iteration", l.iteration);
}

}  // namespace gilsim
