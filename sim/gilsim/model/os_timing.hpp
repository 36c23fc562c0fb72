#pragma once
// What the OS's timing costs a thread: how long a woken thread takes to start,
// and when a timed wait really expires. The simulation asks; the machine's
// parameters (MachineConfig, filled by a machine profile) answer.
//
// Notes about the model (docs/models/os.md):
// - Wake-up: a woken thread starts `wakeup_latency` (the wake-up path, drawn
//   from the OS's random stream) after a core is free for it, plus the exit
//   latency of the idle state that core reached. The idle state follows how
//   long the core has been idle, as a cpuidle governor's choice does
//   (drivers/cpuidle/governors: menu, teo, haltpoll): a core idle for a few
//   microseconds still polls and costs nothing, one idle for milliseconds has
//   gone deep (a C-state, or in a VM a halted vCPU: VM exit, host wake-up).
// - A thread woken from a condition-variable wait pays `cond_wakeup` on top:
//   glibc's pthread_cond_wait re-locks the condition's mutex before it returns
//   (nptl/pthread_cond_wait.c, __pthread_mutex_cond_lock), and CPython's
//   releaser, back for the GIL, often holds it. A waiter whose core must leave
//   a deep idle state finds the mutex long free: it pays the larger of the two,
//   not both. Measured on the cloud VM: a GIL waiter runs 15-17 us after the
//   release when it slept briefly and 32 us after 500 us, a process blocked in
//   recv() 34-50 us after 50 us to 5 ms of idleness.
// - A condition-variable waiter signalled while still entering its wait
//   (the policy decides, from the machine's wait_entry) never went to sleep: it
//   pays only relock_delay() on the core it left.
// - Timer slack: an hrtimer armed for `deadline` with slack may fire anywhere
//   in [deadline, deadline + slack] (kernel/time/hrtimer.c,
//   hrtimer_set_expires_range_ns); with nothing else to batch it with, it fires
//   at the end of the range. Futex timeouts (futex_setup_timer) and
//   clock_nanosleep both use the thread's timer_slack_ns.

#include "gilsim/core/rng.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

class OsTiming {
 public:
  OsTiming(const MachineConfig& machine, Rng rng) : machine_(machine), rng_(rng) {}

  /// How long after it is given a core a woken thread executes. `idle_for`:
  /// how long that core had been idle (0 if it was busy); `from_cond_wait`:
  /// it was woken from a condition-variable wait.
  struct Wakeup {
    Tick delay = 0;   ///< until the thread executes
    Tick halted = 0;  ///< of which the core spends leaving its idle state (nothing runs there)
  };
  Wakeup wakeup_delay(Tick idle_for, bool from_cond_wait);

  /// The exit latency of the idle state a core reaches after `idle_for` (null:
  /// no state, nothing to pay).
  const Distribution* exit_latency(Tick idle_for) const;

  /// When a timed wait due at `deadline` expires.
  Tick timer_expiry(Tick deadline) const;

  /// What a condition-variable waiter that never fell asleep pays to return:
  /// re-locking the condition's mutex (cond_wakeup).
  Tick relock_delay() { return machine_.cond_wakeup.sample(rng_); }

  /// Which of two threads woken onto the same halted core it runs first once it
  /// is up: true for the later one (a fair draw; see waking_core_idle).
  bool later_wakee_first() { return (rng_.next() & 1) != 0; }

 private:
  const MachineConfig& machine_;
  Rng rng_;
};

}  // namespace gilsim
