#pragma once
// The machine the threads run on: its cores, the OS scheduler and the
// wake-ups in flight. It decides which thread runs on which core and from
// when; what a thread does there is the interpreter's (interpreter.hpp).
//
// As Linux does it: a woken thread joins the run queue (try_to_wake_up) at
// CFS's sleeper placement, goes back to the core it left when that one is free
// (select_task_rq's prev_cpu) or else to another idle core (select_idle_sibling).
// Both are chosen as it is woken, while its waker still runs: a send() that
// wakes its peer and then blocks in recv() sends the peer to another idle core,
// not to the core it is about to free. It may preempt the running thread with the most
// vruntime (check_preempt_wakeup), and starts late by the wake-up path and the
// idle state its core reached (OsTiming). A core still leaving its idle state
// looks idle to the scheduler: a thread woken meanwhile joins it rather than
// preempting a busy core (waking_core_idle). A core that changes thread pays a
// context switch. Slices are timed only while threads wait for a core. Cores
// slow down as more of them are busy (parallel_speed, core_speed.hpp).

#include <cstdint>
#include <vector>

#include "gilsim/core/engine.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/model/config.hpp"
#include "gilsim/model/core_speed.hpp"
#include "gilsim/model/events.hpp"
#include "gilsim/model/os_scheduler.hpp"
#include "gilsim/model/os_timing.hpp"

namespace gilsim {

enum class OsState : std::uint8_t { kNotStarted, kRunnable, kRunning, kBlocked, kDone };

/// A thread as the OS sees it.
struct OsThread {
  OsState state = OsState::kNotStarted;
  int core = -1;
  int last_core = -1;         ///< the core it last left
  bool woken = false;         ///< the next dispatch pays the wake-up latency
  bool in_cond_wait = false;  ///< blocked in a condition-variable wait (its wake-up re-locks a mutex)
  bool never_slept = false;   ///< woken while still entering its wait
  bool announced = false;     ///< kRunning was recorded for the current dispatch (reset as it leaves)
  int wake_core = -1;         ///< the idle core chosen when it was woken (-1: none was idle)
  Tick dispatched_at = 0;
  Tick run_start = 0;  ///< when it executes, after its dispatch delay
};

class Machine {
 public:
  /// The interpreter side, told when a thread leaves or gets a core.
  class Client {
   public:
    virtual ~Client() = default;
    /// `t` is about to leave its core: account the work it did there.
    virtual void leaving_core(ThreadId t) = 0;
    /// `t` got a core; it executes from `os.run_start` on.
    virtual void got_core(ThreadId t, const OsThread& os) = 0;
  };

  Machine(const ModelSpec& spec, Engine<Event>& engine, TraceSink& sink, Client& client);

  const OsThread& thread(ThreadId t) const { return threads_[t]; }
  /// Each core's running thread (kNoThread when idle or switching is not yet done).
  ThreadId running_on(int core) const { return cores_[static_cast<std::size_t>(core)].current; }
  int cores() const { return static_cast<int>(cores_.size()); }
  /// How fast each core executes now, in parts per million (core_speed.hpp):
  /// it follows how many cores execute threads (past their dispatch delay).
  std::int32_t core_speed() const { return gilsim::core_speed(config_.parallel_speed, executing_); }
  /// False when every core always runs at full speed (parallel_speed all 1.0).
  bool speed_varies() const { return gilsim::speed_varies(config_.parallel_speed); }

  /// `t` wants a core (it started, its call returned, or its GIL woke it).
  /// `never_slept`: it was woken while still entering its wait.
  void wake(ThreadId t, bool never_slept = false);
  /// `t` leaves its core and sleeps; `in_cond_wait`: in a condition-variable wait.
  void block(ThreadId t, bool in_cond_wait);
  /// `t` finished: it leaves its core for good.
  void finish(ThreadId t);
  /// Records that `t` executes on its core (once per dispatch).
  void announce(ThreadId t);
  /// A SliceEnd event: preempts the running thread if a better one waits.
  void on_slice_end(const SliceEnd& e);
  /// The OS consequences of an event, settled after it: woken threads join the
  /// run queue, free cores take the best queued threads, a woken thread may
  /// preempt a running one, and slices are timed while threads queue.
  void reschedule();
  /// When a timed wait due at `deadline` fires: late by the timer slack.
  Tick timer_expiry(Tick deadline) { return timing_.timer_expiry(deadline); }
  /// REQUIRES: before the run starts.
  void set_affinity(ThreadId t, std::uint64_t mask) { sched_.set_affinity(t, mask); }

 private:
  struct Core {
    ThreadId current = kNoThread;
    ThreadId last = kNoThread;  ///< the last thread this core ran (context-switch accounting)
    Tick idle_since = 0;        ///< when the core last became free
    std::uint32_t slice_gen = 0;
    Tick slice_end = kNever;   ///< when the current thread's time slice ends
    bool slice_armed = false;  ///< the current slice is timed (only while threads queue)
    // The core's timer: one SliceEnd in the engine's queue at a time. A slice
    // timed while the timer is set to fire no later waits for it (deferred),
    // rather than leave a stale event per slice in the queue.
    Tick timer_at = kNever;           ///< when the pending SliceEnd fires (kNever: none)
    std::uint32_t timer_gen = 0;      ///< the slice generation that SliceEnd carries
    std::uint64_t deferred_seq = 0;   ///< the armed slice's place among events at its end
    Tick waking_until = 0;     ///< leaving an idle state until then: nothing executes on it yet
    bool claimed = false;      ///< picked by a wake-up this instant (reschedule() places it)
  };

  Tick now() const { return engine_.now(); }
  Tick later(Tick delay) const;
  void emit(const TraceRecord& r) { sink_.on_record(r); }
  void leave_core(ThreadId t);
  void dispatch(int core, ThreadId t);
  void preempt(ThreadId t);
  int idle_core_for(ThreadId t) const;
  void place_woken(const std::vector<ThreadId>& woken);
  void fill_free_cores();
  void wakeup_preemption(const std::vector<ThreadId>& woken);
  bool join_waking_core(ThreadId woken);
  void arm_slice(int core);
  void set_timer(int core, std::uint64_t seq);
  int active_threads() const;
  Tick min_vruntime() const;

  const MachineConfig& config_;
  Engine<Event>& engine_;
  TraceSink& sink_;
  Client& client_;
  OsTiming timing_;  ///< stream 0: the OS's own draws (wake-up jitter)
  OsScheduler sched_;
  std::vector<Core> cores_;
  std::vector<OsThread> threads_;
  std::vector<ThreadId> pending_wakes_;
  std::vector<ThreadId> woken_now_;  ///< reschedule()'s copy of pending_wakes_
  int executing_ = 0;  ///< cores whose thread executes (announced: past its dispatch delay)
};

}  // namespace gilsim
