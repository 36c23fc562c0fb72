#pragma once
// GIL policies by name. Adding a policy is one new file plus one line in the
// table in registry.cpp.

#include <memory>
#include <string_view>
#include <vector>

#include "gilsim/core/rng.hpp"
#include "gilsim/model/config.hpp"
#include "gilsim/model/gil_policy.hpp"

namespace gilsim {

/// What a policy is built from: its interpreter's settings and its own random stream.
struct PolicyContext {
  const InterpreterConfig& interpreter;
  const MachineConfig& machine;
  std::size_t thread_count;
  Rng rng;
};

struct PolicyEntry {
  std::string_view name;
  std::string_view description;
  std::unique_ptr<GilPolicy> (*make)(const PolicyContext& ctx);
};

/// Every policy, in the order `gilsim list policies` shows them.
const std::vector<PolicyEntry>& policy_registry();

/// The entry named `name`, or nullptr.
const PolicyEntry* find_policy(std::string_view name);

}  // namespace gilsim
