// Notes about the model
//
// Mirrors take_gil() and drop_gil() in CPython's Python/ceval_gil.c (3.2-3.12;
// GIL_MODEL.md sections 2.3, 2.4, 2.7 and 2.8):
//
// take_gil(t):
//   while locked:
//     saved = switch_number
//     timed_out = COND_TIMED_WAIT(cond, interval)      -- a fresh interval every time
//     if timed_out and locked and switch_number == saved:
//       SET_GIL_DROP_REQUEST                            -- one flag, not a queue
//   locked = 1; if last_holder != t: last_holder = t, switch_number++
//   COND_SIGNAL(switch_cond)                            -- FORCE_SWITCHING
//   RESET_GIL_DROP_REQUEST
//
// drop_gil(t):
//   last_holder = t; locked = 0; COND_SIGNAL(cond)      -- wakes one waiter
//   if FORCE_SWITCHING and drop request and not final:
//     if last_holder == t: RESET_GIL_DROP_REQUEST; COND_WAIT(switch_cond)
//
// Consequences the model keeps:
// - Barging: a thread arriving while the GIL is free takes it, even if others
//   waited longer; a signalled waiter that loses the race waits again (counted as
//   a failed acquisition, gilvis's "false alarm") with a fresh timer.
// - The wait is evaluated when the waiter runs again (after the OS wake-up
//   latency), as in CPython, where the test follows the re-acquired mutex.
// - Every drop while a drop request is pending hands off, including the release
//   before blocking I/O (PyEval_SaveThread), which is how the convoy effect of
//   bpo-7946 arises.
//
// Simplified: no spurious wake-ups; the mutexes are free (their cost is part of
// the wake-up latency); the drop request is the <= 3.12 per-interpreter flag.

#include "gilsim/policy/timed_switch.hpp"

#include <iterator>

#include "gilsim/core/assert.hpp"

namespace gilsim {

TimedSwitchGil::TimedSwitchGil(const InterpreterConfig& interp, WakeOrder wake_order,
                               std::size_t thread_count, Rng rng)
    : interval_(std::max<Tick>(interp.switch_interval, kMicrosecond)),  // take_gil clamps to 1 us
      force_switching_(interp.force_switching),
      wake_order_(wake_order),
      rng_(rng),
      waiters_(thread_count) {}

bool TimedSwitchGil::take(GilHost& host, ThreadId t) {
  Waiter& w = waiters_[t];
  if (w.wake == Wake::kTimedOut && locked_ && switch_number_ == w.saved_switch_number) {
    drop_request_ = true;
    host.record(RecordKind::kDropRequest, holder_, t);
    host.eval_breaker_changed(holder_);
  } else if (w.wake == Wake::kSignalled && locked_) {
    host.record(RecordKind::kFailedAcquire, t);
  }
  w.wake = Wake::kNone;

  if (locked_) {
    wait(host, t);
    return false;
  }
  locked_ = true;
  holder_ = t;
  if (last_holder_ != t) {
    last_holder_ = t;
    ++switch_number_;
  }
  if (switch_waiter_ != kNoThread) {  // COND_SIGNAL(switch_cond): the dropper may go on
    host.unpark(switch_waiter_);
    switch_waiter_ = kNoThread;
  }
  drop_request_ = false;
  return true;
}

void TimedSwitchGil::wait(GilHost& host, ThreadId t) {
  waiters_[t].saved_switch_number = switch_number_;
  waiters_[t].arrival = arrivals_++;
  waiting_.emplace(waiters_[t].arrival, t);
  host.park(t, BlockReason::kGilWait, host.now() + interval_);
}

bool TimedSwitchGil::drop(GilHost& host, ThreadId t, DropReason why) {
  GILSIM_ASSERT(locked_ && holder_ == t, "drop by a thread that does not hold the GIL");
  const bool final_release = why == DropReason::kExit;
  if (!final_release) last_holder_ = t;
  locked_ = false;
  holder_ = kNoThread;
  signal_one(host);
  if (force_switching_ && !final_release && drop_request_ && last_holder_ == t) {
    drop_request_ = false;
    switch_waiter_ = t;
    host.park(t, BlockReason::kHandoff, kNever);
    return false;
  }
  return true;
}

void TimedSwitchGil::signal_one(GilHost& host) {
  if (waiting_.empty()) return;
  auto it = waiting_.begin();
  if (wake_order_ == WakeOrder::kRandom) {
    std::advance(it, static_cast<std::ptrdiff_t>(rng_.uniform_int(waiting_.size())));
  }
  const ThreadId w = it->second;
  waiting_.erase(it);
  waiters_[w].wake = Wake::kSignalled;
  host.unpark(w);
}

void TimedSwitchGil::on_timeout(GilHost& host, ThreadId t) {
  const bool was_waiting = waiting_.erase({waiters_[t].arrival, t}) == 1;
  GILSIM_ASSERT(was_waiting, "timeout for a thread that is not waiting for the GIL");
  waiters_[t].wake = Wake::kTimedOut;
  host.record(RecordKind::kGilTimeout, t);
  host.unpark(t);
}

}  // namespace gilsim
