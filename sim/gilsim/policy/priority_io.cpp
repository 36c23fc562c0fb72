// Notes about the model
//
// David Beazley's thread-priority patch for the new GIL ("Revisiting thread
// priorities and the new GIL", February 2010), as summarised by Skvortsov
// (GIL_MODEL.md section 3). Never merged: "any simple implementation of the GIL
// would fail in some pathological cases".
//
// - Every thread starts I/O-bound. A thread forced to drop the GIL at a check
//   site is flagged CPU-bound; a voluntary release (before I/O or GIL-releasing
//   C code) clears the flag.
// - An I/O-bound thread that finds the GIL held by a CPU-bound thread sets the
//   drop request at once instead of waiting a switch interval: the holder drops
//   at its next check site.
// - A release signals I/O-bound waiters first (oldest first), then the others
//   by the machine's wake order.
// Everything else is the timed-switch GIL (timed_switch.cpp), FORCE_SWITCHING
// included, so the dropper waits until the I/O thread has taken the GIL.
//
// Simplified: the flags are exactly the ones above; Beazley's patch also had
// per-thread priority levels, which no published description details.

#include "gilsim/policy/priority_io.hpp"

namespace gilsim {

PriorityIoGil::PriorityIoGil(const PolicyContext& ctx)
    : TimedSwitchGil(ctx), cpu_bound_(ctx.thread_count, false) {}

bool PriorityIoGil::requests_at_once(ThreadId waiter, ThreadId holder) const {
  return !cpu_bound_[waiter] && cpu_bound_[holder];
}

void PriorityIoGil::on_release(ThreadId t, DropReason why) {
  if (why == DropReason::kForced) {
    cpu_bound_[t] = true;
  } else if (why == DropReason::kBlocking || why == DropReason::kNative) {
    cpu_bound_[t] = false;
  }
}

ThreadId PriorityIoGil::pick_waiter(Tick now) {
  for (ThreadId t = waiting_.front(); t != kNoThread; t = waiting_.next(t)) {
    if (!cpu_bound_[t]) return t;
  }
  return TimedSwitchGil::pick_waiter(now);
}

}  // namespace gilsim
