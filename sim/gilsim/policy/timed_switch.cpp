// Notes about the model
//
// Mirrors take_gil() and drop_gil() in CPython's Python/ceval_gil.c (3.2-3.13;
// GIL_MODEL.md sections 2.3, 2.4, 2.7 and 2.8):
//
// take_gil(t):
//   while locked:
//     saved = switch_number
//     timed_out = COND_TIMED_WAIT(cond, interval)      -- a fresh interval every time
//     if timed_out and locked and switch_number == saved:
//       SET_GIL_DROP_REQUEST                            -- one request, not a queue
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
// - Drop-request scope: up to 3.12 one gil_drop_request flag per interpreter,
//   seen by whoever holds the GIL and reset by the next taker; in 3.13 (gh-112175)
//   a bit in the last holder's own eval_breaker, cleared only by that thread's
//   own take_gil and tested by its own drop_gil.
// - Variant: FORCE_SWITCHING off (interpreter.force_switching = false): the
//   dropper goes on and usually takes the GIL straight back.
//
// - Which waiter a signal wakes follows glibc's condition variable (>= 2.25,
//   nptl/pthread_cond_wait.c and pthread_cond_common.c). Waiters join group G2;
//   a signal goes to group G1 only, and when G1 has nobody left all current
//   waiters become G1 (__condvar_quiesce_and_switch_g1). Within G1, a waiter
//   still entering its wait (for the machine's wait_entry, drawn per wait)
//   takes the signal first, since it does not block while a signal is
//   available; otherwise the oldest sleeper (the futex queue). That is
//   wake_order = "glibc"; "fifo" (the oldest waiter) and "random" are simpler
//   orders for teaching. It is what starves a third waiter next to two
//   CPU-bound threads for a few intervals: at each forced switch, the thread
//   that has just asked for the drop wins if it is not asleep yet, and the
//   older waiter only if it is (docs/validation.md).
//
// Simplified: no spurious wake-ups; the mutexes' cost is the OS model's lock
// and signal costs and wake-up latency.

#include "gilsim/policy/timed_switch.hpp"

#include "gilsim/core/assert.hpp"

namespace gilsim {

TimedSwitchGil::TimedSwitchGil(const PolicyContext& ctx)
    : waiting_(ctx.thread_count),
      interval_(std::max<Tick>(ctx.interpreter.switch_interval, kMicrosecond)),  // clamped to 1 us
      force_switching_(ctx.interpreter.force_switching),
      scope_(ctx.interpreter.drop_request),
      wake_order_(ctx.machine.wake_order),
      wait_entry_(ctx.machine.wait_entry),
      rng_(ctx.rng),
      drop_bit_(ctx.thread_count, false),
      waiters_(ctx.thread_count) {}

bool TimedSwitchGil::drop_requested(ThreadId t) const {
  if (holder_ != t) return false;
  return scope_ == DropRequestScope::kInterpreter ? drop_request_ : drop_bit_[t];
}

void TimedSwitchGil::request_drop(GilHost& host, ThreadId requester) {
  if (scope_ == DropRequestScope::kInterpreter) {
    drop_request_ = true;
  } else {
    drop_bit_[last_holder_] = true;
  }
  host.emit(TraceRecord::drop_request(host.now(), holder_, requester));
  host.eval_breaker_changed(holder_);
}

bool TimedSwitchGil::take(GilHost& host, ThreadId t) {
  Waiter& w = waiters_[t];
  if (w.wake == Wake::kTimedOut && locked_ && switch_number_ == w.saved_switch_number) {
    request_drop(host, t);
  } else if (w.wake == Wake::kSignalled && locked_) {
    host.emit(TraceRecord::failed_acquire(host.now(), t));
  }
  w.wake = Wake::kNone;

  if (locked_) {
    if (requests_at_once(t, holder_) && !drop_requested(holder_)) request_drop(host, t);
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
    host.unpark(switch_waiter_, awake(host, switch_waiter_));
    switch_waiter_ = kNoThread;
  }
  if (scope_ == DropRequestScope::kInterpreter) {
    drop_request_ = false;
  } else {
    drop_bit_[t] = false;
  }
  return true;
}

void TimedSwitchGil::wait(GilHost& host, ThreadId t) {
  waiters_[t].saved_switch_number = switch_number_;
  waiting_.push_back(t);
  park_in_cond(host, t, BlockReason::kGilWait, host.now() + interval_);
}

void TimedSwitchGil::park_in_cond(GilHost& host, ThreadId t, BlockReason why, Tick deadline) {
  waiters_[t].awake_until = host.now() + wait_entry_.sample(rng_);
  host.park(t, why, deadline);
}

bool TimedSwitchGil::drop(GilHost& host, ThreadId t, DropReason why) {
  GILSIM_ASSERT(locked_ && holder_ == t, "drop by a thread that does not hold the GIL");
  on_release(t, why);
  const bool pending = drop_requested(t);
  const bool final_release = why == DropReason::kExit;
  if (!final_release) last_holder_ = t;
  locked_ = false;
  holder_ = kNoThread;
  signal_one(host);
  if (force_switching_ && !final_release && pending && last_holder_ == t) {
    if (scope_ == DropRequestScope::kInterpreter) {
      drop_request_ = false;
    } else {
      drop_bit_[t] = false;
    }
    switch_waiter_ = t;
    park_in_cond(host, t, BlockReason::kHandoff, kNever);
    return false;
  }
  return true;
}

ThreadId TimedSwitchGil::pick_waiter(Tick now) {
  switch (wake_order_) {
    case WakeOrder::kFifo:
      return waiting_.front();
    case WakeOrder::kRandom:
      return waiting_.nth(rng_.uniform_int(waiting_.size()));
    case WakeOrder::kGlibc:
      break;
  }
  // glibc's waiter groups: a signal goes to the older group G1 only; when G1
  // has nobody left, every current waiter becomes G1 (a group switch).
  if (g1_newest_ == kNoThread) g1_newest_ = waiting_.back();
  // In G1, a waiter still entering its wait takes the signal before any
  // sleeper does (it does not block while a signal is available); otherwise
  // the futex wakes its oldest sleeper.
  for (ThreadId w = g1_newest_; w != kNoThread; w = waiting_.prev(w)) {
    if (now < waiters_[w].awake_until) return w;
  }
  return waiting_.front();
}

bool TimedSwitchGil::leave_wait(ThreadId t) {
  if (t == g1_newest_) g1_newest_ = waiting_.prev(t);  // G1 keeps the older ones
  return waiting_.erase(t);
}

void TimedSwitchGil::signal_one(GilHost& host) {
  if (waiting_.empty()) return;
  const ThreadId w = pick_waiter(host.now());
  leave_wait(w);
  waiters_[w].wake = Wake::kSignalled;
  host.unpark(w, awake(host, w));
}

void TimedSwitchGil::on_timeout(GilHost& host, ThreadId t) {
  const bool was_waiting = leave_wait(t);
  GILSIM_ASSERT(was_waiting, "timeout for a thread that is not waiting for the GIL");
  waiters_[t].wake = Wake::kTimedOut;
  host.emit(TraceRecord::gil_timeout(host.now(), t));
  host.unpark(t);
}

}  // namespace gilsim
