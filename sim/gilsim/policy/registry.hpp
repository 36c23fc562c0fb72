#pragma once
// GIL policies by name. Adding a policy is one new file plus one line in the
// table in registry.cpp.

#include <memory>
#include <string_view>
#include <vector>

#include "gilsim/model/config.hpp"
#include "gilsim/model/gil_policy.hpp"

namespace gilsim {

struct PolicyEntry {
  std::string_view name;
  std::string_view description;
  std::unique_ptr<GilPolicy> (*make)(const PolicyContext& ctx);
};

/// What a policy is (GilPolicy's serializes, timed_wait, counts_ticks), for
/// readers that have a name and no running policy: reports, explanations,
/// validation and `gilsim list` ask here, never by comparing names.
struct PolicyTraits {
  bool serializes = true;
  bool timed_wait = false;
  bool counts_ticks = false;
};
PolicyTraits policy_traits(const PolicyEntry& entry, const InterpreterConfig& interpreter = {},
                           const MachineConfig& machine = {});

/// Every policy, in the order `gilsim list policies` shows them.
const std::vector<PolicyEntry>& policy_registry();

/// The entry named `name`, or nullptr.
const PolicyEntry* find_policy(std::string_view name);

}  // namespace gilsim
