#pragma once
// What `python3 probe.py` printed (probe.py, `gilsim probe`): a JSON object
// with the machine's description and a flat object of measurements.

#include <map>
#include <string>
#include <string_view>

#include "gilsim/core/error.hpp"

namespace gilsim {

struct ProbeFile {
  int version = 0;     ///< the probe's format ("probe": 1)
  std::string python;  ///< e.g. "3.11.7"
  std::string kernel;
  int cores = 0;
  /// Measurement name -> value (microseconds, or ns for iteration_ns).
  std::map<std::string, double> measurements;
};

/// Reads a probe's JSON; errors carry `path:line:col`.
Result<ProbeFile> parse_probe(std::string_view text, const std::string& path);

}  // namespace gilsim
