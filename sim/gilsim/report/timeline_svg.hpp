#pragma once
// A gilvis-style picture of a run (`gilsim run --timeline out.svg`): a lane for
// the GIL (who holds it, in each thread's colour) above a lane per thread
// coloured by state, optionally a lane per core (who runs there), marks for
// failed acquisitions and drop requests, a time axis with units, a legend, and
// a title with scenario, version and policy.

#include <cstddef>
#include <string>
#include <vector>

#include "gilsim/core/run_info.hpp"
#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"

namespace gilsim {

/// The most records a picture (timeline, HTML page) is drawn from: 256 MB of
/// records, about a simulated minute of a busy run (docs/limits.md).
inline constexpr std::size_t kMaxPictureRecords = 8'000'000;

struct TimelineOptions {
  Tick from = 0;
  Tick to = kNever;  ///< kNever: the end of the run
  int width = 1000;  ///< pixels of the time axis
  bool core_lanes = false;  ///< also a lane per core: which thread runs there
};

/// The SVG document for `records` (a whole run, ending with kSimEnd).
std::string timeline_svg(const RunInfo& info, const std::vector<TraceRecord>& records,
                         const TimelineOptions& options);

}  // namespace gilsim
