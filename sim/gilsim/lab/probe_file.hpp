#pragma once
// What `python3 probe.py` printed (probe.py, `gilsim probe`): a JSON object
// with the machine's description and a flat object of measurements.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gilsim/core/error.hpp"

namespace gilsim {

struct ProbeFile {
  int version = 0;     ///< the probe's format ("probe": 1)
  std::string python;  ///< e.g. "3.11.7"
  std::string kernel;
  int cores = 0;
  /// Measurement name -> value (microseconds, or ns for iteration_ns).
  std::map<std::string, double> measurements;
  /// How many probes of the machine the measurements are the medians of
  /// (combine_probes), and each measurement's lowest and highest among them.
  int probes = 1;
  std::map<std::string, std::pair<double, double>> ranges;
};

/// Reads a probe's JSON; errors carry `path:line:col`.
Result<ProbeFile> parse_probe(std::string_view text, const std::string& path);

/// Several probes of one machine as one: each measurement the median of the
/// probes that have it (a machine's timings move from run to run: a busy host
/// slows one probe's loops, another's process start). Probes of different
/// machines (CPython, kernel or cores differ) are refused, naming the file.
Result<ProbeFile> combine_probes(const std::vector<ProbeFile>& probes,
                                 const std::vector<std::string>& paths);

}  // namespace gilsim
