#pragma once
// One run of a model: the engine, the Machine the threads run on (cores, the
// OS scheduler, wake-ups: machine.hpp) and the Interpreter (GILs and the
// threads' programs: interpreter.hpp). The Simulation owns the three, hands
// each event to the side it concerns, lets the OS settle after it, and says
// how the run ended.
//
// Notes about the model:
// - A thread is an OS thread. It is running on a core, runnable (queued), or
//   blocked (in a blocking call, in take_gil's wait, or in drop_gil's wait for a
//   handoff). A thread waiting for the GIL uses no core.
// - A thread's op is a short list of micro-steps: Python bytecode is [work];
//   native code that releases the GIL is [release, work, take]
//   (Py_BEGIN/END_ALLOW_THREADS); a blocking call is [release, block, take]; native
//   code that keeps the GIL is [work, check site] (the CALL's check after it
//   returns). A thread starts with [take] (t_bootstrap) and ends with a final
//   release. Releases and takes cost no simulated time; their cost shows up as
//   wake-up latency and context switches, which is where it is in CPython.
// - Work is planned, never stepped: a running thread's next instant is the end of
//   its work or, if its eval breaker asks it to drop the GIL, its next check site.
//   Check sites lie every instruction (3.2-3.9) or every loop iteration (3.10+),
//   counted from the start of the op.
// - A woken thread starts after a core is free for it, late by the wake-up path
//   and the exit latency of the core's idle state (OsTiming); it goes back to
//   the core it left when that one is free (the kernel's wake-affine choice of
//   prev_cpu). A core that changes thread pays `context_switch` first. Timed
//   waits expire late by the timer slack. A GIL release costs the
//   releaser `lock_cost` before the GIL is free, and `signal_cost` per waiter it
//   wakes after: another thread may take the GIL in that window.
// - Where a thread stops is the policy's to say: check_sites_ahead() counts
//   check sites (instructions, loop iterations or ticks) to the next stop.
// - Shared-memory accesses (the reads and writes of `x += 1`, Py_INCREF and
//   Py_DECREF) lie at known positions in a thread's work. Before every event the
//   accesses of all running threads up to that instant are performed in time
//   order, so interleavings are exact without an event per access. Under a GIL
//   only the holder runs Python: another thread's write can fall inside a
//   read-write window only if the holder dropped the GIL at a check site there.
// - OS consequences of an event (wake-ups, preemption, free cores taking queued
//   threads) are settled after the event's handler, so a policy that wakes a
//   thread never preempts the thread that is in the middle of a step.

#include <memory>
#include <vector>

#include "gilsim/core/engine.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/model/config.hpp"
#include "gilsim/model/events.hpp"
#include "gilsim/model/gil_policy.hpp"
#include "gilsim/model/interpreter.hpp"
#include "gilsim/model/machine.hpp"
#include "gilsim/model/run_outcome.hpp"

namespace gilsim {

class Simulation final {
 public:
  /// `gils[p]` is process p's GIL. REQUIRES: one policy per process; a validated spec.
  Simulation(const ModelSpec& spec, std::vector<std::unique_ptr<GilPolicy>> gils, TraceSink& sink);

  RunOutcome run(const RunLimits& limits);

 private:
  /// Hands `e` to the side it concerns; every Event alternative, or no build.
  void handle(const Event& e);
  RunOutcome outcome(RunEnd end) const;

  const ModelSpec& spec_;
  TraceSink& sink_;
  Engine<Event> engine_;
  Interpreter interpreter_;  ///< keeps a reference to the machine, built next
  Machine machine_;          ///< tells the interpreter (its Client) when threads get or leave cores
};

}  // namespace gilsim
