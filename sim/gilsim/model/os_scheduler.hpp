#pragma once
// The OS scheduler's decisions: which runnable thread a free core takes, how long
// a thread may run before the OS looks again, and whether a woken thread preempts
// a running one. The simulator owns the cores and carries the decisions out.
//
// Notes about the model (GIL_MODEL.md section 6):
// - One run queue for the whole machine: a free core takes a queued thread at
//   once. Linux has one per core plus load balancing, and a thread can wait on
//   a busy core's queue while another core idles, until the tick's balance
//   moves it (docs/validation.md, "The run queues, traced"). Ties are broken
//   by enqueue order, never by thread address.
// - cfs: Linux's scheduler up to 6.5 (6.6 replaced it with EEVDF, whose
//   wake-up preemption differs; not modelled). Every thread accrues vruntime
//   while it runs (all threads have nice 0).
//   A free core takes the lowest vruntime. The slice is
//   max(min_granularity, latency * cores / active threads). A woken thread is
//   placed at max(its vruntime, min_vruntime - latency/2) (GENTLE_FAIR_SLEEPERS)
//   and preempts the running thread whose vruntime exceeds its own by more than
//   wakeup_granularity. Defaults: latency 6 ms, min granularity 0.75 ms, wakeup
//   granularity 1 ms, each times (1 + log2 cores), cores capped at 8 (sched/fair.c).
// - round-robin: first come first served, a thread is rotated to the back of the
//   queue after `quantum` if another thread is waiting; no wake-up preemption.
// - fifo: first come first served, no preemption at all (SCHED_FIFO, one priority).

#include <cstdint>
#include <vector>

#include "gilsim/core/node_pool.hpp"
#include "gilsim/core/rng.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

class OsScheduler {
 public:
  /// `tie_rng`: breaks ties at random when machine.tie_order is random.
  OsScheduler(const MachineConfig& machine, std::size_t thread_count, Rng tie_rng);

  void set_affinity(ThreadId t, std::uint64_t mask) { affinity_[t] = mask; }
  bool may_run_on(ThreadId t, int core) const {
    return affinity_[t] == 0 || (affinity_[t] >> core & 1U) != 0;
  }

  /// Adds a runnable thread at `now`. `woken`: it comes back from a blocking
  /// wait, and `min_vruntime` is the machine's smallest vruntime (cfs sleeper placement).
  void enqueue(ThreadId t, bool woken, Tick min_vruntime, Tick now);
  /// Removes a queued thread.
  void remove(ThreadId t);
  bool queued(ThreadId t) const { return queued_[t]; }
  std::size_t queue_size() const { return queue_.size(); }
  /// The smallest vruntime among queued threads, or kNever when none is queued.
  Tick queued_min_vruntime() const;

  /// The queued thread a free `core` should take next, or kNone.
  ThreadId best_for(int core) const;

  /// How long a thread may run before the OS reconsiders; kNever for fifo.
  /// `active` counts running and runnable threads.
  Tick slice(int active) const;

  /// Whether `woken` (queued) should preempt `running`, which has run `ran` ns on this core.
  bool wakeup_preempts(ThreadId woken, ThreadId running, Tick ran) const;

  /// At the end of `running`'s slice on `core`: should it give the core to a queued thread?
  bool slice_end_preempts(ThreadId running, Tick ran, int core) const;

  /// Accounts `ran` ns of core time to `t`.
  void charge(ThreadId t, Tick ran) { vruntime_[t] += ran; }
  /// A running thread's vruntime: what it had when it got its core, plus what
  /// it has run since (`ran`), not charged yet.
  Tick current_vruntime(ThreadId t, Tick ran) const { return vruntime_[t] + ran; }
  Tick vruntime(ThreadId t) const { return vruntime_[t]; }

  static constexpr ThreadId kNone = UINT32_MAX;

 private:
  SchedulerKind kind_;
  int cores_;
  Tick latency_;
  Tick min_granularity_;
  Tick wakeup_granularity_;
  Tick quantum_;
  /// A queued thread's place: cfs orders by vruntime, the others by arrival.
  /// Ties go to the earlier enqueue, or (random tie order) to a random draw
  /// among those queued at the same instant.
  struct QueueKey {
    Tick rank;
    std::uint64_t seq;
    ThreadId thread;
    bool operator<(const QueueKey& o) const { return rank != o.rank ? rank < o.rank : seq < o.seq; }
  };
  NodePool queue_nodes_;
  PooledSet<QueueKey> queue_{PoolAllocator<QueueKey>(&queue_nodes_)};
  std::vector<QueueKey> key_;  ///< per thread, valid while queued
  std::vector<bool> queued_;
  std::uint64_t next_seq_ = 0;
  bool random_ties_;
  Rng tie_rng_;
  std::vector<Tick> vruntime_;
  std::vector<std::uint64_t> affinity_;
};

}  // namespace gilsim
