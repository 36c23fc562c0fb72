#pragma once
// The shape of one op's work, as the simulator plans it: how long it takes,
// where its check sites lie, how many bytecodes it executes, and where its
// shared-memory accesses fall. A pure function of the op, the interpreter and
// the shared items; the simulation then only moves a position through it.

#include <array>
#include <cstdint>
#include <vector>

#include "gilsim/core/rng.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

/// Where check sites lie in an op's work: `offsets` (ascending, in (0, period])
/// repeated every `period`. period 0: no check sites.
struct SiteGrid {
  Tick period = 0;
  std::array<Tick, 4> offsets{};
  int n = 0;

  static SiteGrid every(Tick period) { return SiteGrid{period, {period, 0, 0, 0}, period > 0}; }

  /// Sites at or before work position w.
  std::int64_t count_upto(Tick w) const;
  /// The position of the k-th site after w (k >= 1).
  Tick nth_after(Tick w, std::int64_t k) const;
};

/// A shared-memory access at `offset` in every period of an op's work.
struct Access {
  enum class Kind : std::uint8_t { kRead, kWrite, kAtomic };
  Tick offset;
  Kind kind;
  Update update;
};

struct WorkPlan {
  WorkKind kind = WorkKind::kPython;
  Tick length = 0;  ///< ns of work; kNever: forever
  SiteGrid sites;
  /// Bytecodes executed: instructions_per_period in every instruction_period
  /// (0 for native code).
  std::int64_t instructions_per_period = 0;
  Tick instruction_period = 1;
  /// Shared-memory accesses: accesses[i] in every access_period, access_total in all.
  std::vector<Access> accesses;
  Tick access_period = 0;
  std::int64_t access_total = 0;
  int access_item = -1;
  Tick access_jitter = 0;  ///< each period's accesses shift by a hash draw in [0, jitter)
  std::uint64_t jitter_key = 0;

  /// Bytecodes completed at work position w.
  std::int64_t instructions_at(Tick w) const;
  /// Where access number k (0-based) lies. REQUIRES: k < access_total.
  Tick access_position(std::int64_t k) const;
};

/// Plans the work of `op` for thread `t`. `rng` draws durations; `jitter_key`
/// seeds the jitter of C code's refcount touches.
/// REQUIRES: op is python, native, rmw, incref or decref.
WorkPlan plan_work(const Op& op, const InterpreterConfig& interp,
                   const std::vector<SharedSpec>& shared, ThreadId t, Rng& rng,
                   std::uint64_t jitter_key);

}  // namespace gilsim
