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

OsScheduler::OsScheduler(const MachineConfig& machine, std::size_t thread_count)
    : kind_(machine.scheduler),
      cores_(machine.cores),
      latency_(or_default(machine.cfs_latency, 6 * kMillisecond, machine.cores)),
      min_granularity_(or_default(machine.cfs_min_granularity, 750 * kMicrosecond, machine.cores)),
      wakeup_granularity_(or_default(machine.cfs_wakeup_granularity, kMillisecond, machine.cores)),
      quantum_(machine.quantum),
      vruntime_(thread_count, 0),
      affinity_(thread_count, 0) {}

void OsScheduler::enqueue(ThreadId t, bool woken, Tick min_vruntime) {
  if (kind_ == SchedulerKind::kCfs && woken) {
    vruntime_[t] = std::max(vruntime_[t], min_vruntime - latency_ / 2);
  }
  queue_.push_back(t);
}

void OsScheduler::remove(ThreadId t) {
  queue_.erase(std::find(queue_.begin(), queue_.end(), t));
}

bool OsScheduler::queued(ThreadId t) const {
  return std::find(queue_.begin(), queue_.end(), t) != queue_.end();
}

ThreadId OsScheduler::best_for(int core) const {
  ThreadId best = kNone;
  for (ThreadId t : queue_) {  // enqueue order breaks vruntime ties
    if (!may_run_on(t, core)) continue;
    if (best == kNone) {
      best = t;
      if (kind_ != SchedulerKind::kCfs) break;
    } else if (vruntime_[t] < vruntime_[best]) {
      best = t;
    }
  }
  return best;
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
  return vruntime_[running] + ran - vruntime_[woken] > wakeup_granularity_;
}

bool OsScheduler::slice_end_preempts(ThreadId running, Tick ran, int core) const {
  const ThreadId next = best_for(core);
  if (next == kNone) return false;
  if (kind_ != SchedulerKind::kCfs) return true;
  return vruntime_[next] < vruntime_[running] + ran;
}

}  // namespace gilsim
