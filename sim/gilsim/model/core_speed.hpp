#pragma once
// How fast a core executes while other cores are busy too. Two processes
// pinned to the two vCPUs of a cloud VM each run 7% (a quiet host) to 40% (a
// busy one) slower than one alone: the vCPUs are threads of the host, sharing
// its cores with other guests (KVM). On bare metal, two threads on the
// hyperthreads of one core share its execution units, and a package's turbo
// frequency falls as more of its cores are active (Intel's turbo ratio limits
// are set per number of active cores; AMD's boost likewise). gilsim models all
// of them as one table, MachineConfig::parallel_speed: each core's speed while
// k cores run threads. Work progresses at that speed; lock system calls and
// the OS's own delays are not scaled.
//
// Speeds are integers, parts per million of full speed, so that the work done
// in a span of time, and the time a piece of work takes, are exact and the
// same on every machine.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "gilsim/core/time.hpp"

namespace gilsim {

/// Full speed: a core running alone.
inline constexpr std::int32_t kFullSpeed = 1'000'000;

/// The speed of each core while `busy` cores run threads: the table's entry
/// for `busy`, its last entry beyond it, full speed for an empty table.
inline std::int32_t core_speed(const std::vector<std::int32_t>& table, int busy) {
  if (table.empty() || busy <= 0) return kFullSpeed;
  return table[static_cast<std::size_t>(std::min<int>(busy, static_cast<int>(table.size())) - 1)];
}

/// False when the table keeps every core at full speed.
inline bool speed_varies(const std::vector<std::int32_t>& table) {
  return std::any_of(table.begin(), table.end(), [](std::int32_t s) { return s != kFullSpeed; });
}

/// The work a core at `speed` does in `wall` ns (rounded down).
inline Tick work_in(Tick wall, std::int32_t speed) {
  if (speed == kFullSpeed) return wall;
  // wall * speed / kFullSpeed without overflow: the quotient part is exact.
  return wall / kFullSpeed * speed + wall % kFullSpeed * speed / kFullSpeed;
}

/// The wall time a core at `speed` needs for `work` ns of work (rounded up,
/// so that work_in(wall_for(w)) == w); kNever for kNever or beyond.
inline Tick wall_for(Tick work, std::int32_t speed) {
  if (speed == kFullSpeed || work >= kNever) return work;
  const Tick whole = work / speed;
  if (whole >= kNever / kFullSpeed) return kNever;
  const Tick rest = work % speed;
  return whole * kFullSpeed + (rest * kFullSpeed + speed - 1) / speed;
}

}  // namespace gilsim
