#pragma once
// `gilsim calibrate`: fits a machine profile to what probe.py measured on a
// real machine. Each probe has a twin scenario that measures the same quantity
// in the simulator; a deterministic search over the profile's parameters
// minimises the squared log-error over all probes. The same probe file always
// gives the same profile, byte for byte.
//
// What is fitted, and from what (docs/models/os.md):
// - parallel_speed (with two cores busy): the same loop in a process pinned to
//   each core alone, against two at once;
// - process_start: two working processes against the same work serially,
//   less what running side by side cost them;
// - idle_states: one state per probed idle time, its exit latency the measured
//   wake-up there minus the wake-up path (wake_after_idle_*), and the state a
//   core reaches as soon as it idles (from 1 us: before that the idle loop has
//   not halted yet), from the ping-pong across two cores (pingpong_cross_half;
//   without it that state polls: exit 0);
// - the spread of each idle state's exit: the p10-p90 of those wake-ups,
//   made symmetric around the median;
// - wakeup_latency (the wake-up path), cond_wakeup (a GIL waiter's extra),
//   timer_slack and wait_entry: searched, against a shallow wake-up
//   (pingpong_half), the GIL hand-off gaps (gil_gap_after_*), the sleep
//   oversleep, a third thread's wait next to two CPU-bound threads and the GIL
//   slices at three switch intervals.

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/embedded_file.hpp"
#include "gilsim/core/error.hpp"
#include "gilsim/lab/probe_file.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

/// One probe: measured on the machine, and simulated with the fitted profile.
struct ProbeFit {
  std::string name;
  double measured = 0;
  double simulated = 0;
};

struct Calibration {
  std::vector<ProbeFit> fits;
  /// What the fit could not explain by the model's mechanisms, one sentence
  /// each (printed after the table, and in the profile's comments).
  std::vector<std::string> notes;
  /// The profile, ready to save as NAME.toml (`profile = "NAME.toml"` or --machine).
  std::string profile_text;
};

/// Fits a profile to `probe`; `source` names the probe file in the profile's
/// comments. Fails if a measurement it needs is missing.
Result<Calibration> calibrate(const ProbeFile& probe, const std::string& source);

/// The table of measured vs simulated values with residuals, as text.
std::string fit_table(const std::vector<ProbeFit>& fits);

/// probe.py, the script `gilsim probe` prints.
std::string_view probe_script();

/// Generated at build time from sim/gilsim/lab/probe.py.
const std::vector<EmbeddedFile>& lab_probe_scripts();

}  // namespace gilsim
