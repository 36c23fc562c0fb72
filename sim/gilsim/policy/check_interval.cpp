// Notes about the model
//
// The GIL of CPython 2.x and 3.0-3.1 (GIL_MODEL.md section 1; Python/ceval.c and
// Python/thread_pthread.h of 2.7):
//
// - The lock is a binary semaphore (or a mutex and condition variable acting as
//   one): not FIFO, no hand-off. Acquire blocks until the lock is free; a
//   release wakes one sleeping waiter, if any.
// - One ticker per interpreter counts "ticks", passes through the top of the
//   eval loop (fast opcodes and predicted successors take none: `while n > 0:
//   n -= 1` costs 2 ticks an iteration). Every check_interval ticks (100; 10
//   before 2.3) the running thread releases the lock and at once acquires it
//   again, whether or not anyone waits. A thread that takes the GIL inherits
//   the ticker where the last holder left it.
// - The woken waiter must first be scheduled by the OS (the wake-up latency).
//   On several cores the releaser has usually re-acquired by then: the waiter
//   counts a failed acquisition and sleeps again, and the next check wakes it
//   again: Beazley's "GIL battle". On one core the waiter only becomes
//   runnable; it wins when the OS preempts the releaser between its release and
//   its re-acquire (CFS wake-up preemption does exactly that).
// - Blocking I/O releases and re-acquires the lock the same way
//   (Py_BEGIN/END_ALLOW_THREADS).
//
// Simplified: a check with nobody asleep on the lock and free lock operations
// changes nothing, so the holder does not stop for it; the simulator counts it
// (kSilentChecks). Pending calls and signals, which force a check every tick
// on non-main threads, are not modelled. Lock and signal costs are the
// machine's lock_cost and signal_cost.

#include "gilsim/policy/check_interval.hpp"

#include "gilsim/core/assert.hpp"

namespace gilsim {

CheckIntervalGil::CheckIntervalGil(const PolicyContext& ctx)
    : check_(ctx),
      wake_order_(ctx.machine.wake_order),
      rng_(ctx.rng),
      sleeping_(ctx.thread_count),
      signalled_(ctx.thread_count, false) {}

bool CheckIntervalGil::take(GilHost& host, ThreadId t) {
  if (signalled_[t]) {
    signalled_[t] = false;
    if (locked_) host.emit(TraceRecord::failed_acquire(host.now(), t));
  }
  if (!locked_) {
    locked_ = true;
    holder_ = t;
    return true;
  }
  sleeping_.push_back(t);
  host.park(t, BlockReason::kGilWait, kNever);
  host.eval_breaker_changed(holder_);  // its checks now wake someone
  return false;
}

bool CheckIntervalGil::drop(GilHost& host, ThreadId t, DropReason /*why*/) {
  GILSIM_ASSERT(locked_ && holder_ == t, "drop by a thread that does not hold the GIL");
  locked_ = false;
  holder_ = kNoThread;
  if (!sleeping_.empty()) {
    const ThreadId w = wake_order_ == WakeOrder::kRandom
                           ? sleeping_.nth(rng_.uniform_int(sleeping_.size()))
                           : sleeping_.front();
    sleeping_.erase(w);
    signalled_[w] = true;
    host.unpark(w);
  }
  return true;  // never waits: the releaser may take the lock straight back
}

}  // namespace gilsim
