#include "gilsim/model/schedulers.hpp"

namespace gilsim {

const std::vector<SchedulerEntry>& scheduler_table() {
  static const std::vector<SchedulerEntry> kSchedulers = {
      {SchedulerKind::kCfs, "cfs",
       "Linux CFS: vruntime, slice = max(min granularity, latency / runnable), wake-up "
       "preemption"},
      {SchedulerKind::kRoundRobin, "round-robin", "fixed quantum, first come first served"},
      {SchedulerKind::kFifo, "fifo", "first come first served, never preempts"},
  };
  return kSchedulers;
}

const SchedulerEntry* find_scheduler(std::string_view name) {
  for (const SchedulerEntry& e : scheduler_table()) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string_view scheduler_name(SchedulerKind kind) {
  for (const SchedulerEntry& e : scheduler_table()) {
    if (e.kind == kind) return e.name;
  }
  return "?";
}

std::string scheduler_names() {
  std::string names;
  for (const SchedulerEntry& e : scheduler_table()) {
    names += (names.empty() ? "" : ", ") + std::string(e.name);
  }
  return names;
}

}  // namespace gilsim
