#pragma once
// How long each thread waited for the GIL, read from a run's trace records,
// and drawn as a histogram (the HTML report's, the web lab's).

#include <string>
#include <vector>

#include "gilsim/core/time.hpp"
#include "gilsim/core/trace.hpp"

namespace gilsim {

/// Waits for the GIL per thread (indexed by thread id), from take_gil's start
/// to holding the GIL.
std::vector<std::vector<Tick>> gil_waits(std::size_t threads,
                                         const std::vector<TraceRecord>& records);

/// A bar per bucket of the 1-2-5 series ([0, 1us), [1us, 2us), [2us, 5us), ...)
/// in a captioned figure; a sentence for a thread that never waited.
std::string histogram_svg(const std::string& thread, const std::vector<Tick>& waits);

}  // namespace gilsim
