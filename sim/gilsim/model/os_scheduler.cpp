#include "gilsim/model/os_scheduler.hpp"

#include <algorithm>

namespace gilsim {
namespace {
// 1 + log2(cores), with cores capped at 8: the kernel's "factor" for tunables.
Tick cfs_factor(int cores) {
  int capped = std::min(cores, 8);
  Tick factor = 1;
  while (capped > 1) {
    capped /= 2;
    ++factor;
  }
  return factor;
}
Tick or_default(Tick configured, Tick base, int cores) {
  return configured > 0 ? configured : base * cfs_factor(cores);
}
}  // namespace

OsScheduler::OsScheduler(const MachineConfig& machine, std::size_t thread_count, Rng tie_rng)
    : kind_(machine.scheduler),
      cores_(machine.cores),
      latency_(or_default(machine.cfs_latency, 6 * kMillisecond, machine.cores)),
      min_granularity_(or_default(machine.cfs_min_granularity, 750 * kMicrosecond, machine.cores)),
      wakeup_granularity_(or_default(machine.cfs_wakeup_granularity, kMillisecond, machine.cores)),
      quantum_(machine.quantum),
      key_(thread_count),
      queued_(thread_count, false),
      random_ties_(machine.tie_order == WakeOrder::kRandom),
      tie_rng_(tie_rng),
      vruntime_(thread_count, 0),
      affinity_(thread_count, 0) {}

void OsScheduler::enqueue(ThreadId t, bool woken, Tick min_vruntime, Tick now) {
  if (kind_ == SchedulerKind::kCfs && woken) {
    vruntime_[t] = std::max(vruntime_[t], min_vruntime - latency_ / 2);
  }
  if (random_ties_) {
    // Among equals (same vruntime; for the others, the same arrival instant) a draw decides.
    key_[t] = QueueKey{kind_ == SchedulerKind::kCfs ? vruntime_[t] : now, tie_rng_.next(), t};
  } else {
    key_[t] = QueueKey{kind_ == SchedulerKind::kCfs ? vruntime_[t] : 0, next_seq_++, t};
  }
  queue_.insert(key_[t]);
  queued_[t] = true;
}

void OsScheduler::remove(ThreadId t) {
  queue_.erase(key_[t]);
  queued_[t] = false;
}

Tick OsScheduler::queued_min_vruntime() const {
  if (queue_.empty()) return kNever;
  if (kind_ == SchedulerKind::kCfs) return vruntime_[queue_.begin()->thread];
  Tick m = kNever;
  for (const QueueKey& k : queue_) m = std::min(m, vruntime_[k.thread]);
  return m;
}

ThreadId OsScheduler::best_for(int core) const {
  for (const QueueKey& k : queue_) {  // in order: the first one allowed on this core
    if (may_run_on(k.thread, core)) return k.thread;
  }
  return kNone;
}

Tick OsScheduler::slice(int active) const {
  switch (kind_) {
    case SchedulerKind::kFifo:
      return kNever;
    case SchedulerKind::kRoundRobin:
      return quantum_;
    case SchedulerKind::kCfs:
      break;
  }
  const int per_core = std::max(1, (active + cores_ - 1) / cores_);
  return std::max(min_granularity_, latency_ / per_core);
}

bool OsScheduler::wakeup_preempts(ThreadId woken, ThreadId running, Tick ran) const {
  if (kind_ != SchedulerKind::kCfs) return false;
  return current_vruntime(running, ran) - vruntime_[woken] > wakeup_granularity_;
}

bool OsScheduler::slice_end_preempts(ThreadId running, Tick ran, int core) const {
  const ThreadId next = best_for(core);
  if (next == kNone) return false;
  if (kind_ != SchedulerKind::kCfs) return true;
  return vruntime_[next] < current_vruntime(running, ran);
}

}  // namespace gilsim
