#pragma once
// Computes a Report from trace records (definitions in docs/metrics.md).

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "gilsim/core/run_info.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/report/duration_distribution.hpp"
#include "gilsim/report/report.hpp"

namespace gilsim {

class MetricsCollector final : public TraceSink {
 public:
  /// `exact_percentiles`: keep every sample (memory grows with the run)
  /// instead of a histogram beyond the first ones (report/duration_distribution.hpp).
  explicit MetricsCollector(RunInfo info, bool exact_percentiles = false);
  void on_record(const TraceRecord& r) override;

  /// The report, once the run has ended (after kSimEnd). `events` is the engine's count.
  Report finish(std::uint64_t events);

 private:
  DurationDistribution finish_threads(Report& out);
  void finish_run(Report& out) const;
  /// Handles a shared-memory record (TraceRecord::is_shared).
  void on_shared_record(const TraceRecord& r);

  struct PerThread {
    Tick gil_since = -1;    ///< holding the GIL since; -1 when not holding
    Tick request_at = -1;   ///< take_gil started; -1 when not taking
    Tick returned_at = -1;  ///< a blocking call returned; -1 when none pending
    Tick runnable_at = -1;  ///< became runnable; -1 when not waiting for a core
    Tick started_at = -1;   ///< the thread's start; -1 before it
    DurationDistribution waits;
    DurationDistribution reacquires;
  };
  struct LoopSamples {
    int loop;
    ThreadId thread;
    DurationDistribution durations;
  };

  RunInfo info_;
  bool exact_;
  Report report_;
  std::vector<PerThread> per_thread_;
  std::vector<ThreadId> last_acquirer_;                         ///< per process
  std::vector<LoopSamples> loops_;                              ///< in order of first iteration
  std::map<std::pair<int, ThreadId>, std::size_t> loop_index_;  ///< (loop, thread) -> loops_
  Tick end_ = 0;
};

}  // namespace gilsim
