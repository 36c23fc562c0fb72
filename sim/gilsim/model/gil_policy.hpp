#pragma once
// The seam between the simulator and a GIL design. A policy owns one
// interpreter's GIL state and decides who gets the lock and when the holder is
// asked to drop it; the simulator owns threads, cores and time, and offers the
// policy the handful of services in GilHost. Policies live in policy/, one file
// each, and are chosen by name from the registry there.

#include <cstdint>

#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"

namespace gilsim {

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
  virtual void unpark(ThreadId t) = 0;
  /// The answer of drop_requested(t) may have changed: the simulator re-plans
  /// when `t` reaches its next check site.
  virtual void eval_breaker_changed(ThreadId t) = 0;
  /// Emits a trace record about `t` at now().
  virtual void record(RecordKind kind, ThreadId t, std::int64_t amount = 0,
                      std::int32_t arg = 0) = 0;
};

/// One interpreter's GIL. All calls happen at now(), on behalf of a thread that
/// is running on a core (take, drop) or from a timer (on_timeout).
class GilPolicy {
 public:
  virtual ~GilPolicy() = default;

  /// false for free-threaded interpreters: threads never take or drop anything.
  virtual bool serializes() const { return true; }

  /// take_gil: returns true if `t` now holds the GIL; otherwise the policy has
  /// parked `t` and will unpark it later.
  virtual bool take(GilHost& host, ThreadId t) = 0;

  /// drop_gil: `t` releases the GIL. Returns true if `t` continues at once, false
  /// if the policy parked it (FORCE_SWITCHING's wait for a new holder).
  virtual bool drop(GilHost& host, ThreadId t, DropReason why) = 0;

  /// A deadline passed to park() has expired.
  virtual void on_timeout(GilHost& host, ThreadId t) = 0;

  /// Whether `t`'s eval breaker asks it to drop the GIL at its next check site.
  virtual bool drop_requested(ThreadId t) const = 0;
};

}  // namespace gilsim
