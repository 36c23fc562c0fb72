#pragma once
// The OS schedulers a machine can run, by name: the one table that the
// scenario loader, reports and `gilsim list schedulers` read.

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/model/config.hpp"

namespace gilsim {

struct SchedulerEntry {
  SchedulerKind kind;
  std::string_view name;
  std::string_view description;
};

/// Every scheduler, in the order `gilsim list schedulers` shows them.
const std::vector<SchedulerEntry>& scheduler_table();

/// The entry named `name`, or nullptr.
const SchedulerEntry* find_scheduler(std::string_view name);

std::string_view scheduler_name(SchedulerKind kind);

/// "cfs, round-robin, fifo": the names, for error messages.
std::string scheduler_names();

}  // namespace gilsim
