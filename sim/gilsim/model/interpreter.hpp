#pragma once
// The interpreter side of a run: interpreters with their GILs, and threads
// executing their programs (take, release, advance through the ops), on a
// Machine (machine.hpp: cores, the OS scheduler, wake-ups). The Simulation
// (simulation.hpp) owns the engine and hands each event to the machine or
// to the Interpreter.

#include <cstdint>
#include <deque>
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

class Interpreter final : private GilHost, public Machine::Client {
 public:
  /// `gils[p]` is process p's GIL. REQUIRES: one policy per process; a validated spec.
  Interpreter(const ModelSpec& spec, std::vector<std::unique_ptr<GilPolicy>> gils,
              TraceSink& sink, Engine<Event>& engine, Machine& machine);
  ~Interpreter() override;

  /// Schedules every thread's start (later processes pay their start-up).
  void start(const RunLimits& limits);
  /// The work the finite threads need at least; 0 when a stop time bounds the run.
  std::int64_t work_needed() const;

  /// Before each event: the shared-memory accesses up to now, in time order.
  void before_event();
  void on(const ThreadStart& e) { on_start(e.t); }
  void on(const ThreadStep& e);
  void on(const TimerFire& e);
  /// After each event: the machine's rescheduling, then the running threads
  /// whose eval breaker changed re-plan their next instant.
  void reschedule();

  bool all_finished() const { return finite_threads_ > 0 && finite_done_ == finite_threads_; }
  bool some_unfinished() const { return finite_done_ < finite_threads_; }
  /// Some thread waits in a recv() on a pipe: nobody sent it a message.
  bool waits_in_recv() const;
  bool stuck() const { return stuck_; }
  bool out_of_work() const { return out_of_work_; }
  std::uint64_t accesses() const { return accesses_; }
  /// At the end of the run: the last accesses, the work of running threads,
  /// and the shared items' final values.
  void finish(Tick end);

  // Machine::Client
  void leaving_core(ThreadId t) override;
  void got_core(ThreadId t, const OsThread& os) override;

 private:
  struct Thread;

  // GilHost
  Tick now() const override { return engine_.now(); }
  void park(ThreadId t, BlockReason why, Tick deadline) override;
  void unpark(ThreadId t, bool never_slept = false) override;
  void eval_breaker_changed(ThreadId t) override;
  void emit(const TraceRecord& record) override { sink_.on_record(record); }

  // Events
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
  /// `t` executes work toward a planned stop (a ThreadStep), which a change of
  /// its eval breaker or its core's speed moves.
  bool works_toward_a_stop(const Thread& t) const;
  void follow_core_speed();
  /// Starts a blocking call; false if the thread went to sleep, true if the
  /// call completed at once (a zero duration, or a message already in the pipe:
  /// it never leaves its core).
  bool block_in_call(Thread& t);
  bool receive(Thread& t, int pipe);
  /// A kSend op: the message goes to the pipe's first waiting reader, or waits.
  void send(Thread& t);
  void end_op(Thread& t);
  void exit_thread(Thread& t);

  const OsThread& os(const Thread& t) const;
  /// now() + delay, saturating at kNever (the horizon).
  Tick later(Tick delay) const;

  GilPolicy& gil_of(const Thread& t);

  const ModelSpec& spec_;
  std::vector<std::unique_ptr<GilPolicy>> gils_;
  TraceSink& sink_;
  std::unique_ptr<SharedMemory> shared_;  ///< null when the scenario shares nothing
  Engine<Event>& engine_;
  Machine& machine_;
  std::vector<int> gil_core_;  ///< per process: the core its GIL was last taken on (-1: none)
  std::vector<Thread> threads_;
  struct Pipe {
    std::int64_t messages = 0;      ///< sent, not yet received
    std::deque<ThreadId> readers;   ///< blocked in kRecv, in the order they came
  };
  std::vector<Pipe> pipes_;         ///< one per ModelSpec::pipes
  std::vector<ThreadId> pending_replans_;
  /// The speed every running thread executes at since its work was last
  /// accounted: the machine's, as of the last follow_core_speed().
  std::int32_t core_speed_ = kFullSpeed;
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
