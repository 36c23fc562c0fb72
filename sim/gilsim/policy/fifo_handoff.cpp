// Notes about the model
//
// A fair, first-come first-served GIL with direct hand-off, as proposed for 2.7
// in bpo-8299 ("Improve GIL in 2.7", Kristján Valur Jónsson, 2010: a "round
// robin" policy) and in Beazley's "modified condition-variable GIL with
// fairness" attached there (GIL_MODEL.md section 3). Never merged.
//
// - The holder runs the old GIL's periodic check every check_interval check
//   sites of the interpreter (ticker shared by all threads, see ticker.hpp).
// - A release with threads waiting does not free the lock: it hands it to the
//   longest waiter, which owns it from that instant, even before the OS has
//   woken it. The releaser, if it wants the GIL back (the periodic check, or
//   after its I/O), queues behind everyone else. No barging, no failed
//   acquisitions, no timeouts.
// - What it fixes: a thread returning from I/O waits at most one check period
//   (microseconds), not a switch interval: no convoy. What it costs: CPU-bound
//   threads change hands every check period, and each hand-over leaves the GIL
//   idle for the new holder's wake-up latency (a "lock convoy").
//
// Simplified: as check-interval (no pending calls; lock costs are the machine's).

#include "gilsim/policy/fifo_handoff.hpp"

#include "gilsim/core/assert.hpp"

namespace gilsim {

FifoHandoffGil::FifoHandoffGil(const PolicyContext& ctx)
    : check_(ctx), handed_(ctx.thread_count, false) {}

bool FifoHandoffGil::take(GilHost& host, ThreadId t) {
  if (handed_[t]) {  // the GIL became ours while we slept
    handed_[t] = false;
    return true;
  }
  if (!locked_) {
    locked_ = true;
    holder_ = t;
    return true;
  }
  queue_.push_back(t);
  host.park(t, BlockReason::kGilWait, kNever);
  host.eval_breaker_changed(holder_);
  return false;
}

bool FifoHandoffGil::drop(GilHost& host, ThreadId t, DropReason /*why*/) {
  GILSIM_ASSERT(locked_ && holder_ == t, "drop by a thread that does not hold the GIL");
  if (queue_.empty()) {
    locked_ = false;
    holder_ = kNoThread;
    return true;
  }
  holder_ = queue_.front();
  queue_.pop_front();
  handed_[holder_] = true;
  host.unpark(holder_);
  return true;
}

}  // namespace gilsim
