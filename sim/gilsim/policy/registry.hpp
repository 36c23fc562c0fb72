#pragma once
// GIL policies by name. Adding a policy is one new file plus one line in the
// table in registry.cpp.

#include <memory>
#include <string_view>
#include <vector>

#include "gilsim/model/config.hpp"
#include "gilsim/model/gil_policy.hpp"

namespace gilsim {

/// A policy and what the rest of gilsim needs to know about it: reports,
/// explanations and validation ask here, never by comparing names.
struct PolicyEntry {
  std::string_view name;
  std::string_view description;
  std::unique_ptr<GilPolicy> (*make)(const PolicyContext& ctx);
  bool serializes = true;   ///< one thread at a time runs Python (false: no GIL at all)
  bool timed_wait = false;  ///< a waiter waits a switch interval, then requests a drop
  bool ticks = false;       ///< the holder checks every check_interval ticks (the old GIL's clock)
};

/// Every policy, in the order `gilsim list policies` shows them.
const std::vector<PolicyEntry>& policy_registry();

/// The entry named `name`, or nullptr.
const PolicyEntry* find_policy(std::string_view name);

}  // namespace gilsim
