#include "gilsim/scenario/scenario.hpp"

#include "gilsim/model/schedulers.hpp"
#include "gilsim/policy/registry.hpp"

namespace gilsim {

RunInfo make_run_info(const Scenario& s) {
  RunInfo info;
  info.scenario = s.name;
  info.description = s.description;
  info.seed = s.model.seed;
  info.cores = s.model.machine.cores;
  info.scheduler = std::string(scheduler_name(s.model.machine.scheduler));
  info.wakeup_latency = s.model.machine.wakeup_latency.mean();
  info.wakeup_latency_text = s.model.machine.wakeup_latency.describe();
  for (const ProcessSpec& p : s.model.processes) {
    const PolicyEntry* policy = find_policy(p.interpreter.gil);  // the loader checked the name
    const PolicyTraits traits =
        policy ? policy_traits(*policy, p.interpreter, s.model.machine) : PolicyTraits{};
    info.processes.push_back(ProcessInfo{p.name, p.interpreter.version, p.interpreter.gil,
                                         traits.serializes, p.interpreter.switch_interval,
                                         traits.timed_wait});
  }
  for (const ThreadSpec& t : s.model.threads) info.threads.push_back(ThreadInfo{t.name, t.process});
  for (const std::string& l : s.loop_names) info.loops.push_back(LoopInfo{l});
  for (const SharedSpec& x : s.model.shared) info.shared.push_back(SharedInfo{x.name, x.is_object});
  return info;
}

}  // namespace gilsim
