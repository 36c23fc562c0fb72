#pragma once
// The machine, the interpreters and the threads of one run: everything the
// simulator needs, already validated. Defaults and units are documented here,
// next to the field (docs/scenario-format.md is the user-facing reference).

#include <cstdint>
#include <string>
#include <vector>

#include "gilsim/core/time.hpp"
#include "gilsim/model/program.hpp"

namespace gilsim {

enum class SchedulerKind { kCfs, kRoundRobin, kFifo };

/// Which waiter a condition-variable signal wakes. POSIX leaves it unspecified
/// (CPython's condvar.h: "don't make the scheduling assumption that a specific
/// other thread will get the wakeup signal").
enum class WakeOrder { kFifo, kRandom };

struct MachineConfig {
  int cores = 2;
  SchedulerKind scheduler = SchedulerKind::kCfs;
  /// A woken thread starts executing this long after a core is free for it.
  /// No published figure exists (GIL_MODEL.md section 6); ~10 us context-switch prior.
  Tick wakeup_latency = 50 * kMicrosecond;
  /// A core that changes thread spends this long before the new thread runs.
  Tick context_switch = 3 * kMicrosecond;
  WakeOrder wake_order = WakeOrder::kFifo;
  /// CFS tunables. Linux defaults are 6 ms / 0.75 ms / 1 ms, each multiplied by
  /// (1 + log2 cores) (kernel sched/fair.c); 0 here means "derive that default".
  Tick cfs_latency = 0;
  Tick cfs_min_granularity = 0;
  Tick cfs_wakeup_granularity = 0;
  /// round-robin: the time slice.
  Tick quantum = 10 * kMillisecond;
};

/// Where the running thread looks at the eval breaker (GIL_MODEL.md 2.6).
enum class CheckSites {
  kInstruction,  ///< 3.2-3.9: at the top of the eval loop, after nearly every instruction
  kLoop,         ///< 3.10+: back-edges, calls and function entry: once per loop iteration
};

struct InterpreterConfig {
  /// The CPython version whose defaults apply, e.g. "3.11".
  std::string version = "3.11";
  /// GIL policy name, looked up in the policy registry.
  std::string gil = "timed-switch";
  /// sys.setswitchinterval(); DEFAULT_INTERVAL is 5000 us in ceval_gil.c.
  Tick switch_interval = 5 * kMillisecond;
  /// How long one bytecode instruction takes.
  Tick instruction_time = 15 * kNanosecond;
  CheckSites check_sites = CheckSites::kLoop;
  /// Instructions per loop iteration for kLoop check sites, unless an op says otherwise.
  std::int64_t loop_body = 10;
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
  std::uint64_t seed = 1;
  /// Stop time; kNever: run until every thread that can finish has finished.
  Tick stop = kNever;
};

}  // namespace gilsim
