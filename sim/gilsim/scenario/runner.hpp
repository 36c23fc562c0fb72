#pragma once
// Runs a decoded scenario: builds each process's GIL policy from the registry
// and drives the simulation, sending trace records to `sink`.

#include "gilsim/core/trace.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

RunOutcome run_scenario(const Scenario& scenario, TraceSink& sink, const RunLimits& limits = {});

}  // namespace gilsim
