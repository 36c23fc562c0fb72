#include "gilsim/scenario/runner.hpp"

#include "gilsim/model/simulation.hpp"

#include <algorithm>

#include "gilsim/core/assert.hpp"
#include "gilsim/policy/registry.hpp"

namespace gilsim {

namespace {
// Random streams 1..n belong to threads; GILs use a separate range.
constexpr std::uint64_t kGilStreamBase = std::uint64_t{1} << 32;
}  // namespace

RunOutcome run_scenario(const Scenario& scenario, TraceSink& sink, const RunLimits& limits) {
  const ModelSpec& model = scenario.model;
  std::vector<std::unique_ptr<GilPolicy>> gils;
  for (std::size_t p = 0; p < model.processes.size(); ++p) {
    const InterpreterConfig& interp = model.processes[p].interpreter;
    const PolicyEntry* entry = find_policy(interp.gil);
    GILSIM_ASSERT(entry, "policy '{}' passed validation but is not registered", interp.gil);
    const auto own_threads = static_cast<std::size_t>(
        std::count_if(model.threads.begin(), model.threads.end(),
                      [&](const ThreadSpec& t) { return t.process == static_cast<int>(p); }));
    gils.push_back(
        entry->make(PolicyContext{interp, model.machine, model.threads.size(), own_threads,
                                  Rng::stream(model.seed, kGilStreamBase + p)}));
  }
  Simulation sim(model, std::move(gils), sink);
  return sim.run(limits);
}

}  // namespace gilsim
