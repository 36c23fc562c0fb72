#pragma once
// `gilsim run --html out.html`: one self-contained page (no scripts, no links)
// with the summary table, the timeline picture and a histogram of GIL waits
// per thread.

#include <string>
#include <vector>

#include "gilsim/core/trace.hpp"
#include "gilsim/report/report.hpp"
#include "gilsim/report/timeline_svg.hpp"

namespace gilsim {

std::string html_report(const Report& report, const std::vector<TraceRecord>& records,
                        const TimelineOptions& window);

}  // namespace gilsim
