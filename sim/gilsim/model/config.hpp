#pragma once
// The machine, the interpreters and the threads of one run: everything the
// simulator needs, already validated. Defaults and units are documented here,
// next to the field (docs/scenario-format.md is the user-facing reference).

#include <cstdint>
#include <string>
#include <vector>

#include "gilsim/core/distribution.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/model/core_speed.hpp"
#include "gilsim/model/program.hpp"
#include "gilsim/model/shared_memory.hpp"

namespace gilsim {

enum class SchedulerKind { kCfs, kRoundRobin, kFifo };

/// Which waiter a condition-variable signal wakes. POSIX leaves it unspecified
/// (CPython's condvar.h: "don't make the scheduling assumption that a specific
/// other thread will get the wakeup signal").
enum class WakeOrder {
  kFifo,    ///< the oldest waiter (a teaching knob: a fair queue)
  kRandom,  ///< any waiter, drawn at random (a teaching knob)
  kGlibc,   ///< as glibc >= 2.25 does it: waiter groups, an awake waiter first
};

/// A core's idle state (a cpuidle state): a core idle for at least `after` has
/// reached it, and a thread woken onto that core starts `exit` later (a fixed
/// duration, or a distribution: measured exits spread by ~10 us).
struct IdleState {
  Tick after = 0;
  Distribution exit;
  bool operator==(const IdleState&) const = default;
};

/// The machine and its OS. The values below are the `default` machine profile
/// (scenarios/machines/default.toml, which a test keeps equal to them); see
/// docs/models/os.md for each mechanism and its source. The default machine
/// leaves timer slack, idle states, the wait-entry window and start-up costs
/// off; the measured profiles (cloud-vm, ...) switch them on.
struct MachineConfig {
  int cores = 2;
  SchedulerKind scheduler = SchedulerKind::kCfs;
  /// How long this machine's CPython takes for an average bytecode
  /// instruction: every interpreter on the machine runs at this speed unless
  /// its [interpreter] says otherwise (InterpreterConfig::instruction_time).
  /// It sets how often the old GIL's check interval comes round in time,
  /// which decides its battle (GIL_MODEL.md 1.5).
  Tick instruction_time = 15 * kNanosecond;
  /// The wake-up path: a woken thread starts executing this long after a core
  /// is free for it (try_to_wake_up, the switch from idle, the return from the
  /// futex), drawn from the OS's random stream. The jitter decides the old
  /// GIL's races, so it is a distribution. A core that was idle adds the exit
  /// latency of its idle state (idle_states).
  Distribution wakeup_latency{Distribution::Kind::kExponential, 10 * kMicrosecond, 0};
  /// What a thread woken from a condition-variable wait (the GIL's cond or
  /// switch_cond) adds to the wake-up path: pthread_cond_wait returns through
  /// glibc's group bookkeeping and re-locks the condition's mutex, which the
  /// releaser, coming back for the GIL, often holds. A thread woken from I/O
  /// or a sleep does not pay it; a waiter on a core leaving a deep idle state
  /// pays the larger of this and the exit latency. Zero: no extra cost.
  Distribution cond_wakeup = Distribution::fixed(0);
  /// Idle states by depth, `after` increasing: a core idle for 20 us still
  /// polls and wakes at once; one idle for 5 ms sits in a deep C-state (or, in a
  /// VM, has halted its vCPU) and takes tens of microseconds. Empty: no exit cost.
  std::vector<IdleState> idle_states;
  /// Timed waits (futex timeouts: the GIL's COND_TIMED_WAIT; clock_nanosleep:
  /// time.sleep) expire at the end of their slack range: Linux's hrtimers take
  /// deadline + timer_slack_ns (50 us by default, prctl(PR_SET_TIMERSLACK)).
  Tick timer_slack = 0;
  /// How long a thread entering a condition-variable wait stays on its core
  /// before it sleeps (glibc registers the waiter, unlocks the mutex, enters
  /// futex_wait), drawn per wait. A signal in that window is taken at once and
  /// ahead of the sleepers: glibc's waiter does not block while a signal is
  /// available (with wake_order = "glibc").
  Distribution wait_entry = Distribution::fixed(0);
  /// A core leaving an idle state still looks idle to the scheduler until it
  /// executes again (a halted vCPU has not yet taken the interrupt that woke
  /// it): a thread woken meanwhile is placed there too, as select_idle_sibling
  /// places a wakee on an idle core, instead of preempting a busy core. When the
  /// core is up, a fair draw decides which of the two runs first. False: the
  /// core is busy from the instant a wake-up is sent to it.
  bool waking_core_idle = false;
  /// A process that the program starts (every [[process]] after the first)
  /// runs its threads this long after the start: fork or spawn, the
  /// interpreter's start-up and imports (multiprocessing).
  Tick process_start = 0;
  /// Each core's speed while k cores run threads, relative to one core alone:
  /// parallel_speed[k-1], in parts per million (core_speed.hpp); the last
  /// entry holds for more cores. vCPUs share the host's cores, hyperthreads
  /// share a core, and turbo frequencies fall as more cores are active.
  /// [1.0]: a core runs at full speed whatever the others do.
  std::vector<std::int32_t> parallel_speed{kFullSpeed};
  /// What a thread pays when it takes the GIL last held on another core: the
  /// interpreter's and the shared objects' cache lines move with it.
  Tick gil_migration = 0;
  /// A core that changes thread spends this long before the new thread runs.
  Tick context_switch = 3 * kMicrosecond;
  /// Which waiter a condition-variable signal wakes (the GIL's cond).
  WakeOrder wake_order = WakeOrder::kFifo;
  /// How the OS breaks ties between threads equally entitled to a core (same
  /// vruntime, or queued at the same instant): kFifo by arrival, kRandom drawn
  /// from the OS's random stream (`gilsim explore` uses it to vary schedules).
  WakeOrder tie_order = WakeOrder::kFifo;
  /// What one GIL release costs the releaser in lock operations, spent before
  /// the GIL is free: ~0 with futexes (an atomic in user space), around a
  /// microsecond where every lock operation is a system call (Mac OS X's Mach
  /// semaphores, GIL_MODEL.md 1.5).
  Tick lock_cost = 0;
  /// What a release costs the releaser when it wakes a sleeping waiter: the
  /// futex_wake / semaphore_signal system call. The GIL is already free meanwhile.
  Tick signal_cost = kMicrosecond;
  /// CFS tunables. Linux defaults are 6 ms / 0.75 ms / 1 ms, each multiplied by
  /// (1 + log2 cores) (kernel sched/fair.c); 0 here means "derive that default".
  Tick cfs_latency = 0;
  Tick cfs_min_granularity = 0;
  Tick cfs_wakeup_granularity = 0;
  /// round-robin: the time slice.
  Tick quantum = 10 * kMillisecond;

  bool operator==(const MachineConfig&) const = default;
};

/// Where the running thread looks at the eval breaker (GIL_MODEL.md 2.6).
enum class CheckSites {
  kTick,         ///< <= 3.1: every "tick" (a pass through the top of the eval loop)
  kInstruction,  ///< 3.2-3.9: at the top of the eval loop, after nearly every instruction
  kLoop,         ///< 3.10+: back-edges, calls and function entry: once per loop iteration
};

/// How reference counts are updated (GIL_MODEL.md sections 2.9 and 5).
enum class RefcountModel {
  kPlain,   ///< ob_refcnt++ : not atomic, safe only under the GIL
  kAtomic,  ///< every update atomic, each paying atomic_cost (the Gilectomy's choice)
  kBiased,  ///< PEP 703: the owner thread updates a local count cheaply, others atomically
};

/// Who carries the timed-switch drop request (GIL_MODEL.md 2.2).
enum class DropRequestScope {
  kInterpreter,  ///< <= 3.12: gil_drop_request, one flag per interpreter
  kThread,       ///< 3.13: _PY_GIL_DROP_REQUEST_BIT in the holder's own eval_breaker
};

struct InterpreterConfig {
  /// The CPython version whose defaults apply, e.g. "3.11".
  std::string version = "3.11";
  /// GIL policy name, looked up in the policy registry.
  std::string gil = "timed-switch";
  /// sys.setswitchinterval(); DEFAULT_INTERVAL is 5000 us in ceval_gil.c.
  Tick switch_interval = 5 * kMillisecond;
  /// How long one bytecode instruction takes: the machine's
  /// (MachineConfig::instruction_time) unless [interpreter] sets it.
  Tick instruction_time = 15 * kNanosecond;
  CheckSites check_sites = CheckSites::kLoop;
  /// Instructions per loop iteration for kLoop check sites, unless an op says otherwise.
  std::int64_t loop_body = 10;
  /// Ticks per loop iteration for kTick check sites: `while n > 0: n -= 1` costs
  /// 2 in CPython 2.7, `counter += 1` in a for loop 4 (GIL_MODEL.md 1.2).
  std::int64_t loop_ticks = 2;
  /// The old GIL's sys.setcheckinterval(): ticks between periodic releases
  /// (100 since 2.3, 10 before).
  std::int64_t check_interval = 100;
  DropRequestScope drop_request = DropRequestScope::kInterpreter;
  RefcountModel refcount = RefcountModel::kPlain;
  /// One atomic update. Making every refcount atomic cost the Gilectomy about 30%
  /// (GIL_MODEL.md anchor 28): ~5 ns at about one refcount update per 15 ns bytecode.
  Tick atomic_cost = 5 * kNanosecond;
  /// One update by the owner under biased refcounting: PEP 703 measured 5-8%
  /// overall, mostly BRC (anchor 29): ~1 ns per update.
  Tick biased_local_cost = 1 * kNanosecond;
  /// A plain refcount update's load-add-store: the window another core can hit.
  Tick refcount_window = 2 * kNanosecond;
  /// FORCE_SWITCHING in ceval_gil.c: after a forced drop, the dropper waits
  /// until another thread has taken the GIL.
  bool force_switching = true;
};

struct ProcessSpec {
  std::string name;
  InterpreterConfig interpreter;
};

struct ModelSpec {
  MachineConfig machine;
  std::vector<ProcessSpec> processes;
  std::vector<ThreadSpec> threads;
  std::vector<SharedSpec> shared;
  /// Pipes between threads (a socketpair's direction, say), by name: a kSend
  /// op puts a message in, a kRecv op blocks until it can take one out.
  std::vector<std::string> pipes;
  std::uint64_t seed = 1;
  /// Stop time; kNever: run until every thread that can finish has finished.
  Tick stop = kNever;
};

}  // namespace gilsim
