#pragma once
// What a reader of trace records needs to know about the run besides the
// records: names, and the settings that metrics are measured against. Filled by
// the layer that builds a run; plain data.

#include <cstdint>
#include <string>
#include <vector>

#include "gilsim/core/time.hpp"

namespace gilsim {

struct ProcessInfo {
  std::string name;
  std::string version;       ///< interpreter version preset, e.g. "3.11"
  std::string policy;        ///< GIL policy name, e.g. "timed-switch"
  bool has_gil = true;       ///< false for free-threaded interpreters (policy "none")
  Tick switch_interval = 0;  ///< the interval that starvation is measured against
  bool timed_wait = false;   ///< its waiters wait a switch interval, then request a drop
};

struct ThreadInfo {
  std::string name;
  int process = 0;  ///< index into RunInfo::processes
};

struct LoopInfo {
  std::string name;  ///< the `name` of a repeat op
};

struct SharedInfo {
  std::string name;
  bool is_object = false;  ///< a refcounted object, not a variable
};

struct RunInfo {
  std::string scenario;
  std::string description;
  std::uint64_t seed = 0;
  int cores = 1;
  std::string scheduler;
  Tick wakeup_latency = 0;          ///< its mean, when it is a distribution
  std::string wakeup_latency_text;  ///< "10us", "exp(5us)"
  std::vector<ProcessInfo> processes;
  std::vector<ThreadInfo> threads;
  std::vector<LoopInfo> loops;
  std::vector<SharedInfo> shared;
};

}  // namespace gilsim
