#pragma once
// What a front end without files or a command line (the Python module, the
// browser) asks for: scenario text with the CLI's common options; and what it
// gets back: the CLI's own outputs, so every front end prints the same bytes.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/lab/compare.hpp"
#include "gilsim/lab/sweep.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/report/timeline_svg.hpp"
#include "gilsim/scenario/document.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

struct Request {
  std::string text;              ///< the scenario's TOML
  std::string name = "<string>"; ///< its path, or what errors call it
  std::optional<std::string> variant;
  std::vector<Override> sets;    ///< --set, in order; each Override's `typed` as the front end spells it
  std::optional<std::uint64_t> seed;  ///< instead of the scenario's
  RunLimits limits;
};

/// The scenario text, parsed.
Result<ScenarioDocument> document_of(const Request& request);
/// The scenario to run: variant, sets and seed applied.
Result<Scenario> scenario_of(const Request& request);

/// One run, as `gilsim run --format json` and `gilsim run` print it. A run that
/// does not finish is an error with the CLI's sentence, at line 0.
struct RunOutput {
  std::string json;
  std::string table;
};
Result<RunOutput> run_request(const Request& request);

/// The run's pictures: its timeline (`gilsim run --timeline`) over `options`'
/// window, and a histogram of GIL waits per thread over the whole run (as in
/// `gilsim run --html`). An error when the run makes more records than a
/// picture is drawn from.
struct Pictures {
  std::string timeline;
  std::vector<std::string> histograms;  ///< per thread, in scenario order
};
Result<Pictures> pictures_request(const Request& request, const TimelineOptions& options);

/// `gilsim compare`: the text's variants, or `policies`, side by side.
Result<Comparison> compare_request(const Request& request,
                                   const std::vector<std::string>& policies, int seeds);

/// `gilsim sweep`: `options.params` are "KEY=FROM..TO" texts; overrides and
/// limits come from the request.
struct SweepRequest {
  std::vector<std::string> params;
  int steps = 8;
  bool log = false;
  std::vector<std::string> metrics;
  int jobs = 1;
};
/// `progress`, if set, gets "sweep k/N" lines as runs finish.
Result<SweepResult> sweep_request(const Request& request, const SweepRequest& sweep,
                                  std::ostream* progress = nullptr);

/// `gilsim explain --thread THREAD --at AT`.
Result<std::vector<std::string>> explain_request(const Request& request, const std::string& thread,
                                                 Tick at);

}  // namespace gilsim
