#include "gilsim/report/metrics.hpp"

#include <algorithm>
#include <range/v3/numeric/accumulate.hpp>
#include <range/v3/view/transform.hpp>

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// MetricsCollector::on_record handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in MetricsCollector::on_record");

namespace {
// A wait longer than this many switch intervals counts as starvation.
constexpr Tick kStarvationIntervals = 10;

template <class F>
auto sum_over(const std::vector<ThreadReport>& threads, F field) {
  return ranges::accumulate(threads | ranges::views::transform(field),
                            decltype(field(threads[0])){0});
}
}  // namespace

void MetricsCollector::on_shared_record(const TraceRecord& r) {
  constexpr std::size_t kDetails = 10;  // examples kept per item
  auto item = [&]() -> RaceReport& { return report_.races[static_cast<std::size_t>(r.item())]; };
  auto name = [&](ThreadId t) { return t == kNoThread ? std::string("-") : info_.threads[t].name; };
  switch (r.kind) {
    case RecordKind::kLostUpdate:
      ++item().stale_writes;
      if (item().first_lost.size() < kDetails) {
        item().first_lost.push_back(LostUpdate{r.shared_amount(), r.time, name(r.thread), "", 0});
      }
      return;
    case RecordKind::kLostUpdateOf:
      // A variable's are signed (their sum is expected - final); an object's lost
      // increments and lost decrements both count.
      item().lost_updates += item().kind == "object" && r.shared_amount() < 0 ? -r.shared_amount() : r.shared_amount();
      if (item().first_lost.size() <= kDetails && !item().first_lost.empty() &&
          item().first_lost.back().lost == 0) {
        item().first_lost.back().overwritten = name(r.thread);
        item().first_lost.back().lost = r.shared_amount();
      }
      return;
    case RecordKind::kPrematureFree:
      ++item().premature_frees;
      if (!item().freed_ns) item().freed_ns = r.time;
      if (item().first_frees.size() < kDetails) {
        item().first_frees.push_back(PrematureFree{r.time, name(r.thread), r.shared_amount(), {}});
      }
      return;
    case RecordKind::kStillHeldBy:
      if (!item().first_frees.empty() && item().premature_frees <= static_cast<int>(kDetails)) {
        item().first_frees.back().holders.push_back(name(r.thread));
      }
      return;
    case RecordKind::kUseAfterFree:
      ++item().use_after_free;
      return;
    case RecordKind::kSharedExpected:
      item().expected = r.shared_amount();
      return;
    case RecordKind::kSharedFinal:
      item().final_value = r.shared_amount();
      if (item().kind == "object" && r.shared_amount() > item().expected) {
        item().leaked = r.shared_amount() - item().expected;
      }
      return;
    case RecordKind::kObjectFreed:
      item().freed_ns = r.time;
      return;
    case RecordKind::kRefcountQueued:
      ++item().brc_queued;
      return;
    case RecordKind::kRefcountMerged:
      ++item().brc_merges;
      return;
    default:
      break;  // on_record sends only shared-memory records here
  }
}

MetricsCollector::MetricsCollector(RunInfo info, bool exact_percentiles)
    : info_(std::move(info)),
      exact_(exact_percentiles),
      per_thread_(info_.threads.size(), PerThread{-1, -1, -1, -1, -1, DurationDistribution(exact_),
                                                  DurationDistribution(exact_)}),
      last_acquirer_(info_.processes.size(), kNoThread) {
  for (const SharedInfo& x : info_.shared) {
    RaceReport race;
    race.name = x.name;
    race.kind = x.is_object ? "object" : "variable";
    report_.races.push_back(std::move(race));
  }
  for (const ThreadInfo& t : info_.threads) {
    ThreadReport tr;
    tr.name = t.name;
    tr.process = info_.processes[static_cast<std::size_t>(t.process)].name;
    report_.threads.push_back(std::move(tr));
  }
}

void MetricsCollector::on_record(const TraceRecord& r) {
  if (r.kind == RecordKind::kSimEnd) {
    end_ = r.time;
    return;
  }
  if (r.is_shared()) {
    on_shared_record(r);
    return;
  }
  ThreadReport& tr = report_.threads[r.thread];
  PerThread& pt = per_thread_[r.thread];
  switch (r.kind) {
    case RecordKind::kThreadStart:
      pt.started_at = r.time;
      pt.runnable_at = r.time;
      break;
    case RecordKind::kRunnable:
      pt.runnable_at = r.time;
      break;
    case RecordKind::kRunning:
      if (pt.runnable_at >= 0) tr.runnable_ns += r.time - pt.runnable_at;
      pt.runnable_at = -1;
      break;
    case RecordKind::kWork:
      if (r.work_kind() == WorkKind::kLockOverhead) {
        tr.lock_overhead_ns += r.work_ns();
      } else {
        tr.cpu_ns += r.work_ns();
      }
      break;
    case RecordKind::kSilentChecks:  // each one a release and an immediate re-take
      tr.forced_drops += r.count();
      tr.acquisitions += r.count();
      report_.metrics.gil_releases += r.count();
      break;
    case RecordKind::kInstructions:
      tr.instructions += r.count();
      break;
    case RecordKind::kGilRequest:
      pt.request_at = r.time;
      break;
    case RecordKind::kGilAcquire: {
      ++tr.acquisitions;
      pt.gil_since = r.time;
      const Tick wait = pt.request_at >= 0 ? r.time - pt.request_at : 0;
      pt.waits.add(wait);
      tr.gil_wait_ns += wait;
      pt.request_at = -1;
      if (pt.returned_at >= 0) {
        pt.reacquires.add(r.time - pt.returned_at);
        pt.returned_at = -1;
      }
      const auto process = static_cast<std::size_t>(info_.threads[r.thread].process);
      if (last_acquirer_[process] != r.thread) {
        if (last_acquirer_[process] != kNoThread) ++report_.metrics.gil_switches;
        last_acquirer_[process] = r.thread;
      }
      break;
    }
    case RecordKind::kGilRelease:
      if (pt.gil_since >= 0) tr.gil_held_ns += r.time - pt.gil_since;
      pt.gil_since = -1;
      if (r.drop_reason() == DropReason::kForced) ++tr.forced_drops;
      if (r.drop_reason() != DropReason::kExit) ++report_.metrics.gil_releases;
      break;
    case RecordKind::kFailedAcquire:
      ++tr.failed_acquisitions;
      ++report_.metrics.failed_acquisitions;
      break;
    case RecordKind::kIoComplete:
      ++tr.io_ops;
      tr.blocked_ns += r.blocked_ns();
      if (info_.processes[static_cast<std::size_t>(info_.threads[r.thread].process)].has_gil) {
        pt.returned_at = r.time;
      }
      break;
    case RecordKind::kLoopIteration: {
      const auto [it, inserted] = loop_index_.try_emplace({r.loop(), r.thread}, loops_.size());
      if (inserted) loops_.push_back(LoopSamples{r.loop(), r.thread, DurationDistribution(exact_)});
      loops_[it->second].durations.add(r.iteration_ns());
      break;
    }
    case RecordKind::kContextSwitch:
      ++report_.metrics.context_switches;
      break;
    case RecordKind::kThreadExit:
      tr.finished_ns = r.time;
      break;
    default:
      break;
  }
}

/// Each thread's totals at the end; returns every re-acquisition sample.
DurationDistribution MetricsCollector::finish_threads(Report& out) {
  Metrics& m = out.metrics;
  DurationDistribution all_reacquires(exact_);
  for (std::size_t i = 0; i < out.threads.size(); ++i) {
    ThreadReport& tr = out.threads[i];
    PerThread& pt = per_thread_[i];
    if (pt.gil_since >= 0) tr.gil_held_ns += end_ - pt.gil_since;      // still holding at the end
    if (pt.request_at >= 0) pt.waits.add(end_ - pt.request_at);  // still waiting
    tr.gil_wait = pt.waits.percentiles();
    tr.gil_reacquire = pt.reacquires.percentiles();
    // A rate, not a count: a count grows with the run's length (a CPU thread
    // that runs "forever" next to a short I/O loop), a rate compares runs.
    const Tick lifetime = tr.finished_ns.value_or(end_) - std::max<Tick>(pt.started_at, 0);
    if (pt.started_at >= 0 && lifetime > 0) {
      tr.instructions_per_s = static_cast<double>(tr.instructions) / to_seconds(lifetime);
    }
    all_reacquires.add(pt.reacquires);
    const auto& process = info_.processes[static_cast<std::size_t>(info_.threads[i].process)];
    m.max_gil_wait_ns = std::max(m.max_gil_wait_ns, tr.gil_wait.max);
    if (process.has_gil && tr.gil_wait.max > kStarvationIntervals * process.switch_interval) {
      ++m.starved_threads;
    }
  }
  if (!info_.processes.empty()) {
    m.starvation_threshold_ns = kStarvationIntervals * info_.processes[0].switch_interval;
  }
  return all_reacquires;
}

/// The whole run's rates and shares, from the threads' totals.
void MetricsCollector::finish_run(Report& out) const {
  Metrics& m = out.metrics;
  const Tick cpu = sum_over(out.threads, [](const ThreadReport& t) { return t.cpu_ns; });
  const Tick overhead =
      sum_over(out.threads, [](const ThreadReport& t) { return t.lock_overhead_ns; });
  const Tick held = sum_over(out.threads, [](const ThreadReport& t) { return t.gil_held_ns; });
  const std::int64_t instructions =
      sum_over(out.threads, [](const ThreadReport& t) { return t.instructions; });
  m.serial_ns = cpu + sum_over(out.threads, [](const ThreadReport& t) { return t.blocked_ns; });
  const auto gil_count = std::count_if(info_.processes.begin(), info_.processes.end(),
                                       [](const ProcessInfo& p) { return p.has_gil; });
  if (end_ > 0) {
    m.throughput = static_cast<double>(instructions) / to_seconds(end_);
    m.speedup_vs_serial = static_cast<double>(m.serial_ns) / static_cast<double>(end_);
    m.core_utilization =
        static_cast<double>(cpu + overhead) / (static_cast<double>(end_) * info_.cores);
    if (gil_count > 0) {
      m.gil_utilization = static_cast<double>(held) / (static_cast<double>(end_) * gil_count);
    }
  }
  double sum = 0, sum_sq = 0;
  for (const ThreadReport& t : out.threads) {
    const double x = static_cast<double>(t.cpu_ns);
    sum += x, sum_sq += x * x;
  }
  m.fairness_jain =
      sum_sq > 0 ? sum * sum / (static_cast<double>(out.threads.size()) * sum_sq) : 1.0;
  m.badness = m.gil_releases > 0
                  ? static_cast<double>(m.failed_acquisitions) / static_cast<double>(m.gil_releases)
                  : 0.0;
}

Report MetricsCollector::finish(std::uint64_t events) {
  Report out = std::move(report_);
  out.info = info_;
  out.simulated_ns = end_;
  out.events = events;
  out.metrics.makespan_ns = end_;
  const DurationDistribution all_reacquires = finish_threads(out);
  finish_run(out);
  if (all_reacquires.count() > 0) {
    const Percentiles p = all_reacquires.percentiles();
    out.metrics.convoy_factor =
        static_cast<double>(p.p50) / static_cast<double>(std::max<Tick>(info_.wakeup_latency, 1));
  }
  for (LoopSamples& l : loops_) {
    LoopReport lr;
    lr.name = info_.loops[static_cast<std::size_t>(l.loop)].name;
    lr.thread = info_.threads[l.thread].name;
    lr.iterations = l.durations.count();
    lr.rate = end_ > 0 ? static_cast<double>(lr.iterations) / to_seconds(end_) : 0;
    lr.iteration = l.durations.percentiles();
    out.loops.push_back(std::move(lr));
  }
  return out;
}

}  // namespace gilsim
