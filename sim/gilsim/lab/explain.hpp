#pragma once
// `gilsim explain`: why a thread was (not) running at an instant, as a chain of
// causes read from the run's trace records.

#include <string>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

/// The explanation, one line per cause, oldest first. An unknown thread name
/// is an InputError; a time past the end of the run is explained as "the run
/// had ended".
Result<std::vector<std::string>> explain(const Scenario& scenario, const std::string& thread,
                                         Tick at, const RunLimits& limits);

}  // namespace gilsim
