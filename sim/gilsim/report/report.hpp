#pragma once
// The numbers of one run, as the JSON report contract names them
// (docs/report-format.md). Built from trace records by MetricsCollector.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gilsim/core/run_info.hpp"
#include "gilsim/core/time.hpp"

namespace gilsim {

/// Nearest-rank percentiles of a set of durations; all 0 when count == 0.
struct Percentiles {
  std::int64_t count = 0;
  Tick p50 = 0;
  Tick p90 = 0;
  Tick p99 = 0;
  Tick max = 0;
};

struct ThreadReport {
  std::string name;
  std::string process;
  Tick cpu_ns = 0;            ///< time executing on a core (Python and native work)
  Tick lock_overhead_ns = 0;  ///< time in lock and signal system calls around GIL releases
  Tick runnable_ns = 0;         ///< time wanting a core: runnable until it executes
  Tick gil_held_ns = 0;
  Tick gil_wait_ns = 0;  ///< total time from take_gil's start to holding the GIL
  Percentiles gil_wait;  ///< per acquisition
  std::int64_t acquisitions = 0;
  std::int64_t failed_acquisitions = 0;
  std::int64_t forced_drops = 0;  ///< releases at a check site (incl. old-GIL periodic ones)
  std::int64_t io_ops = 0;        ///< blocking calls completed (io and sleep)
  Tick blocked_ns = 0;            ///< time inside blocking calls
  Percentiles gil_reacquire;      ///< blocking call returned -> GIL held again
  std::int64_t instructions = 0;
  double instructions_per_s = 0;  ///< instructions per simulated second of the thread's life
  std::optional<Tick> finished_ns;
};

struct LoopReport {
  std::string name;
  std::string thread;
  std::int64_t iterations = 0;
  double rate = 0;  ///< iterations per simulated second
  Percentiles iteration;
};

struct Metrics {
  Tick makespan_ns = 0;
  double throughput = 0;                  ///< Python instructions per simulated second
  Tick serial_ns = 0;                     ///< the same work done by one thread, back to back
  double speedup_vs_serial = 0;           ///< serial_ns / makespan_ns
  std::optional<double> gil_utilization;  ///< null without any GIL
  double core_utilization = 0;
  std::int64_t gil_switches = 0;
  std::int64_t context_switches = 0;
  double fairness_jain = 1;
  Tick max_gil_wait_ns = 0;
  std::int64_t starved_threads = 0;
  Tick starvation_threshold_ns = 0;     ///< a wait longer than this starves (10 intervals)
  std::optional<double> convoy_factor;  ///< null without blocking calls
  double badness = 0;
  std::int64_t gil_releases = 0;
  std::int64_t failed_acquisitions = 0;
};

/// One lost update: `writer` read at read_ns and wrote at write_ns, overwriting
/// `lost` updates, the last of them by `overwritten`.
struct LostUpdate {
  Tick read_ns = 0;
  Tick write_ns = 0;
  std::string writer;
  std::string overwritten;
  std::int64_t lost = 0;
};

/// An object freed while references were still held (a use-after-free waiting to happen).
struct PrematureFree {
  Tick time_ns = 0;
  std::string thread;  ///< whose decref brought the count to zero
  std::int64_t references_held = 0;
  std::vector<std::string> holders;  ///< the threads that still held references
};

/// What happened to one [[shared]] item.
struct RaceReport {
  std::string name;
  std::string kind;           ///< "variable" or "object"
  std::int64_t expected = 0;  ///< the value without lost updates
  std::int64_t final_value = 0;
  /// Updates erased by stale writes: for a variable, expected - final; for an
  /// object, lost increments plus lost decrements.
  std::int64_t lost_updates = 0;
  std::int64_t stale_writes = 0;  ///< writes that overwrote others' updates
  std::int64_t leaked = 0;        ///< objects: references never released (final - expected)
  std::int64_t premature_frees = 0;
  std::int64_t use_after_free = 0;     ///< accesses to the object after it was freed
  std::int64_t brc_queued = 0;         ///< biased counting: times queued to the owner for a merge
  std::int64_t brc_merges = 0;         ///< biased counting: merges by the owner
  std::optional<Tick> freed_ns;        ///< objects: when it was freed, if it was
  std::vector<LostUpdate> first_lost;  ///< the first few, in time order
  std::vector<PrematureFree> first_frees;  ///< the first few
};

struct Report {
  RunInfo info;
  Tick simulated_ns = 0;
  std::uint64_t events = 0;
  std::vector<ThreadReport> threads;
  Metrics metrics;
  std::vector<LoopReport> loops;
  std::vector<RaceReport> races;
};

}  // namespace gilsim
