#include "gilsim/policy/registry.hpp"

#include "gilsim/policy/no_gil.hpp"
#include "gilsim/policy/timed_switch.hpp"

namespace gilsim {

const std::vector<PolicyEntry>& policy_registry() {
  static const std::vector<PolicyEntry> kPolicies = {
      {"timed-switch",
       "CPython 3.2+: waiters time out after switch_interval and request a drop; FORCE_SWITCHING",
       [](const PolicyContext& c) -> std::unique_ptr<GilPolicy> {
         return std::make_unique<TimedSwitchGil>(c.interpreter, c.machine.wake_order,
                                                 c.thread_count, c.rng);
       }},
      {"none", "free-threaded (PEP 703, 3.13t): no GIL; threads only compete for cores",
       [](const PolicyContext&) -> std::unique_ptr<GilPolicy> { return std::make_unique<NoGil>(); }},
  };
  return kPolicies;
}

const PolicyEntry* find_policy(std::string_view name) {
  for (const PolicyEntry& e : policy_registry()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace gilsim
