#pragma once
// One scenario run, end to end: simulate, collect metrics, return the report.
// The building block of the CLI's run and of compare, sweep and check.

#include <vector>

#include "gilsim/core/trace.hpp"
#include "gilsim/model/simulation.hpp"
#include "gilsim/report/report.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

struct SimulateOptions {
  RunLimits limits;
  /// Extra sinks (trace exporters...) that see every record after the metrics do.
  std::vector<TraceSink*> sinks;
};

struct SimulateResult {
  RunOutcome outcome;
  Report report;
};

SimulateResult simulate(const Scenario& scenario, const SimulateOptions& options = {});

}  // namespace gilsim
