#pragma once
// The seam between the simulator and a GIL design. A policy owns one
// interpreter's GIL state and decides who gets the lock and when the holder is
// asked to drop it; the simulator owns threads, cores and time, and offers the
// policy the handful of services in GilHost. Policies live in policy/, one file
// each, and are chosen by name from the registry there.

#include <cstdint>

#include "gilsim/core/rng.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

/// What a policy is built from: its interpreter's settings, the machine, and
/// its own random stream (e.g. which waiter a signal wakes).
struct PolicyContext {
  const InterpreterConfig& interpreter;
  const MachineConfig& machine;
  std::size_t thread_count;         ///< threads in the whole run (ThreadIds are < this)
  std::size_t interpreter_threads;  ///< threads of this interpreter
  Rng rng;
};

/// What the simulator does for a policy.
class GilHost {
 public:
  virtual ~GilHost() = default;
  virtual Tick now() const = 0;
  /// Blocks `t`, which is running (inside take or drop), off its core. If
  /// `deadline` is not kNever, the policy's on_timeout(t) runs then, unless `t`
  /// was unparked first. `why` is kGilWait or kHandoff.
  virtual void park(ThreadId t, BlockReason why, Tick deadline) = 0;
  /// Makes a parked thread runnable. When it next runs, it calls take() again if
  /// it parked in take(), or continues after its drop() if it parked there.
  /// `never_slept`: it was woken while still entering its wait (on its core):
  /// it pays no wake-up, only the return from the wait.
  virtual void unpark(ThreadId t, bool never_slept = false) = 0;
  /// The answer of check_sites_ahead(t) may have changed: the simulator re-plans
  /// where running thread `t` stops next.
  virtual void eval_breaker_changed(ThreadId t) = 0;
  /// Emits a trace record (made at now()).
  virtual void emit(const TraceRecord& record) = 0;
};

/// One interpreter's GIL. All calls happen at now(), on behalf of a thread that
/// is running on a core (take, drop) or from a timer (on_timeout).
class GilPolicy {
 public:
  virtual ~GilPolicy() = default;

  // What the policy is, for reports and explanations (which never compare names).
  /// false for free-threaded interpreters: threads never take or drop anything.
  virtual bool serializes() const { return true; }
  /// Its waiters wait a switch interval (a timed condition wait), then request a drop.
  virtual bool timed_wait() const { return false; }
  /// The holder checks every check_interval ticks (the old GIL's clock), not a timer.
  virtual bool counts_ticks() const { return false; }

  /// Whether threads wait for this GIL in pthread_cond_wait (3.2+'s
  /// ceval_gil.c), whose wake-up re-locks a mutex (the machine's cond_wakeup),
  /// rather than on a semaphore (the old GIL's sem_wait on Linux).
  virtual bool waits_on_condition() const { return true; }

  /// take_gil: returns true if `t` now holds the GIL; otherwise the policy has
  /// parked `t` and will unpark it later.
  virtual bool take(GilHost& host, ThreadId t) = 0;

  /// drop_gil: `t` releases the GIL. Returns true if `t` continues at once, false
  /// if the policy parked it (FORCE_SWITCHING's wait for a new holder).
  virtual bool drop(GilHost& host, ThreadId t, DropReason why) = 0;

  /// A deadline passed to park() has expired.
  virtual void on_timeout(GilHost& host, ThreadId t) = 0;

  // Check sites. The simulator knows where a thread's check sites lie (every
  // instruction, loop iteration or tick, by interpreter); the policy says at
  // which of them the holder must stop, and what happens there.

  /// How many check sites ahead the holder `t` must stop (1: the next one), or
  /// 0 if it may run on to the end of its work.
  virtual std::int64_t check_sites_ahead(ThreadId t) const = 0;

  /// The holder `t` ran past `n` check sites without stopping (the old GIL's
  /// ticker counts them).
  virtual void on_sites_passed(GilHost& /*host*/, ThreadId /*t*/, std::int64_t /*n*/) {}

  /// `t` stopped at the site check_sites_ahead() asked for. Returns true if it
  /// must release the GIL there and take it again (a forced drop, or the old
  /// GIL's periodic release).
  virtual bool at_check_site(GilHost& host, ThreadId t) = 0;
};

}  // namespace gilsim
