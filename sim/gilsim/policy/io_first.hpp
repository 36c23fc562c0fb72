#pragma once
// Notes about the model
//
// Lab 5's worked example (docs/labs/lab5-design-a-policy.md): the smallest
// change to the timed-switch GIL that removes the convoy of bpo-7946. It is not
// a CPython proposal but what a student might write first; the lab uses it to
// show what such a fix costs, next to Beazley's priority-io.
//
// - A thread that comes back from a blocking call (it released the GIL with
//   Py_BEGIN_ALLOW_THREADS) and finds the GIL held sets the drop request at
//   once, instead of after a switch interval: the holder drops at its next
//   check site and, with FORCE_SWITCHING, waits until the thread has taken it.
// - Every other waiter waits a whole switch interval, as in timed_switch.cpp,
//   which does everything else.
//
// Unlike priority-io there is no CPU-bound flag on the holder, so a thread back
// from I/O also interrupts another I/O-bound thread, and waiters are woken in
// the machine's usual order.

#include <vector>

#include "gilsim/policy/timed_switch.hpp"

namespace gilsim {

class IoFirstGil final : public TimedSwitchGil {
 public:
  explicit IoFirstGil(const PolicyContext& ctx)
      : TimedSwitchGil(ctx), back_from_io_(ctx.thread_count, false) {}

 private:
  bool requests_at_once(ThreadId waiter, ThreadId /*holder*/) const override {
    return back_from_io_[waiter];
  }
  void on_release(ThreadId t, DropReason why) override {
    back_from_io_[t] = why == DropReason::kBlocking;
  }

  std::vector<bool> back_from_io_;  ///< per thread: its last release was before a blocking call
};

}  // namespace gilsim
