#pragma once
// Reading a timeline SVG back in tests: the rectangles of one lane.

#include <string>
#include <vector>

namespace gilsim::test {

struct LaneRect {
  double width;
  std::string fill;
};

/// The rectangles drawn in the lane labelled `label`, left to right; the first
/// is the lane's background. Empty when there is no such lane.
inline std::vector<LaneRect> lane_rects(const std::string& svg, const std::string& label) {
  std::vector<LaneRect> rects;
  const auto at = svg.find(">" + label + "</text>");
  if (at == std::string::npos) return rects;
  const auto end = svg.find("<text", at + 1);
  const std::string lane = svg.substr(at, end - at);
  for (auto r = lane.find("<rect "); r != std::string::npos; r = lane.find("<rect ", r + 1)) {
    const auto w = lane.find("width=\"", r), f = lane.find("fill=\"", r);
    rects.push_back({std::stod(lane.substr(w + 7)), lane.substr(f + 6, 7)});
  }
  return rects;
}

}  // namespace gilsim::test
