#pragma once
// One scenario run, end to end: simulate, collect metrics, return the report.
// The building block of the CLI's run and of compare, sweep and check.

#include <optional>
#include <string>
#include <vector>

#include "gilsim/core/trace.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/report/report.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

struct SimulateOptions {
  RunLimits limits;
  /// Extra sinks (trace exporters...) that see every record after the metrics do.
  std::vector<TraceSink*> sinks;
  /// Percentiles from every sample (memory grows with the run) instead of a
  /// histogram beyond the first 1024 per distribution (docs/metrics.md).
  bool exact_percentiles = false;
};

struct SimulateResult {
  RunOutcome outcome;
  Report report;
};

SimulateResult simulate(const Scenario& scenario, const SimulateOptions& options = {});

/// Why a run did not finish, as a sentence for the user (what happened and
/// what to change), or nullopt when it finished. kDeadlock is a model bug.
std::optional<std::string> why_unfinished(const RunOutcome& outcome, const RunLimits& limits);

}  // namespace gilsim
