#pragma once
// One run of a model: interpreters with their GILs and threads executing their
// programs, on a Machine (machine.hpp: cores, the OS scheduler, wake-ups),
// driven by the event engine. The Simulation owns the engine and dispatches
// each event to the machine or to the thread it concerns.
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

#include <cstdint>
#include <memory>
#include <vector>

#include "gilsim/core/engine.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/model/config.hpp"
#include "gilsim/model/events.hpp"
#include "gilsim/model/gil_policy.hpp"
#include "gilsim/model/machine.hpp"
#include "gilsim/model/program_cursor.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/model/shared_memory.hpp"
#include "gilsim/model/work_plan.hpp"

namespace gilsim {

class Simulation final : private GilHost, private Machine::Client {
 public:
  /// `gils[p]` is process p's GIL. REQUIRES: one policy per process; a validated spec.
  Simulation(const ModelSpec& spec, std::vector<std::unique_ptr<GilPolicy>> gils, TraceSink& sink);
  ~Simulation() override;

  RunOutcome run(const RunLimits& limits);

 private:
  struct Thread;

  // GilHost
  Tick now() const override { return engine_.now(); }
  void park(ThreadId t, BlockReason why, Tick deadline) override;
  void unpark(ThreadId t, bool never_slept = false) override;
  void eval_breaker_changed(ThreadId t) override;
  void emit(const TraceRecord& record) override { sink_.on_record(record); }

  // Machine::Client
  void leaving_core(ThreadId t) override;
  void got_core(ThreadId t, const OsThread& os) override;

  // Events
  void handle(const Event& e);
  void on_step(ThreadId t);
  void on_timer(ThreadId t);
  void on_start(ThreadId t);

  // Thread execution (the thread is running on a core at now()).
  void advance(Thread& t);
  bool at_check_site(Thread& t);
  /// Spends lock_cost before a release (the GIL still held); true if it must wait for it.
  bool pay_lock_cost(Thread& t);
  bool take(Thread& t);
  bool release(Thread& t, DropReason why);
  void begin_work(Thread& t);
  /// Performs the shared-memory accesses of running threads up to now(), in time order.
  void sync_shared();
  /// When running thread `t` makes its next shared-memory access.
  Tick access_time(const Thread& t) const;
  void charge_work(Thread& t);
  void schedule_next_stop(Thread& t);
  /// Starts a blocking call; false if the thread went to sleep, true if the
  /// call completed at once (a zero duration: it never leaves its core).
  bool block_in_call(Thread& t);
  void end_op(Thread& t);
  void exit_thread(Thread& t);

  /// After each event: the machine's rescheduling, then the running threads
  /// whose eval breaker changed re-plan their next instant.
  void reschedule();
  const OsThread& os(const Thread& t) const;
  /// The work the finite threads need at least; 0 when a stop time bounds the run.
  std::int64_t work_needed() const;
  /// now() + delay, saturating at kNever (the horizon).
  Tick later(Tick delay) const;

  GilPolicy& gil_of(const Thread& t);

  const ModelSpec& spec_;
  std::vector<std::unique_ptr<GilPolicy>> gils_;
  TraceSink& sink_;
  std::unique_ptr<SharedMemory> shared_;  ///< null when the scenario shares nothing
  Engine<Event> engine_;
  Machine machine_;
  std::vector<int> gil_core_;  ///< per process: the core its GIL was last taken on (-1: none)
  std::vector<Thread> threads_;
  std::vector<ThreadId> pending_replans_;
  std::vector<ProgramCursor::Iteration> ended_iterations_;
  ThreadId in_policy_ = kNoThread;  ///< the thread whose take/drop is running, for GilHost calls
  int unparks_in_policy_ = 0;       ///< waiters a drop woke (each costs signal_cost)
  int finite_threads_ = 0;
  int finite_done_ = 0;
  std::uint64_t steps_at_instant_ = 0;
  Tick instant_ = -1;
  std::uint64_t max_steps_per_instant_ = 0;
  bool stuck_ = false;
  std::uint64_t max_work_ = 0;   ///< RunLimits::max_events
  std::uint64_t accesses_ = 0;   ///< shared-memory accesses so far
  bool out_of_work_ = false;     ///< the accesses used up the budget
};

}  // namespace gilsim
