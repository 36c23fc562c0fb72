// gilsim._core: the library for Python. Each function takes scenario text (the
// package in sim/python/gilsim/ reads files) and returns what the CLI would
// print (the JSON report's exact bytes, the tables, the sweep's CSV), which the
// package turns into Python data. A scenario the library refuses raises
// gilsim.ScenarioError carrying file, line, column and message. Simulations
// run with Python's own GIL released, so other Python threads go on meanwhile.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gilsim/lab/compare.hpp"
#include "gilsim/lab/explain.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/sweep.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/timeline_svg.hpp"
#include "gilsim/report/writers.hpp"
#include "gilsim/scenario/document.hpp"

namespace py = pybind11;

namespace gilsim::python {
namespace {

/// What every call says about the scenario it runs, as the package passes it.
struct Source {
  std::string text;
  std::string name;  ///< the file's path, or "<string>": errors name it
  std::optional<std::string> variant;
  std::vector<std::pair<std::string, std::string>> sets;  ///< set={"KEY": "VALUE"}, in order
  std::optional<std::uint64_t> seed;
  std::uint64_t max_events = RunLimits{}.max_events;
};

/// Raises gilsim.ScenarioError (defined by the package) for `e`.
[[noreturn]] void raise(const InputError& e) {
  const py::object type = py::module_::import("gilsim").attr("ScenarioError");
  const py::object error = type(e.file, e.line, e.column, e.message, e.to_string());
  PyErr_SetObject(type.ptr(), error.ptr());
  throw py::error_already_set();
}

template <class T>
T value_or_raise(Result<T> r) {
  if (!r.ok()) raise(r.error());
  return std::move(r.value());
}

std::vector<Override> overrides_of(const Source& s) {
  std::vector<Override> out;
  for (const auto& [key, value] : s.sets) {
    out.push_back(Override{key, value, "set[\"" + key + "\"] = \"" + value + "\""});
  }
  return out;
}

RunLimits limits_of(const Source& s) {
  RunLimits limits;
  limits.max_events = s.max_events;
  return limits;
}

ScenarioDocument document_of(const Source& s) {
  return value_or_raise(ScenarioDocument::parse(s.text, s.name));
}

Scenario scenario_of(const Source& s) {
  const ScenarioDocument document = document_of(s);
  Scenario scenario = value_or_raise(s.variant ? decode_variant(document, *s.variant, overrides_of(s))
                                               : document.decode(overrides_of(s)));
  if (s.seed) scenario.model.seed = *s.seed;
  return scenario;
}

/// Simulates with Python's GIL released; a run that did not finish raises, as
/// the CLI exits 2 with the same sentence.
SimulateResult simulate_released(const Source& s, const Scenario& scenario,
                                 std::vector<TraceSink*> sinks = {}) {
  const RunLimits limits = limits_of(s);
  std::optional<SimulateResult> result;
  {
    py::gil_scoped_release release;
    result = simulate(scenario, SimulateOptions{limits, std::move(sinks)});
  }
  if (auto why = why_unfinished(result->outcome, limits)) raise(InputError{s.name, 0, 0, *why, ""});
  return std::move(*result);
}

py::dict run(const Source& s) {
  const Scenario scenario = scenario_of(s);
  const SimulateResult result = simulate_released(s, scenario);
  py::dict out;
  out["json"] = to_json(result.report);
  out["table"] = to_table(result.report);
  return out;
}

/// The run's timeline (`gilsim run --timeline`), from FROM to TO ns (TO < 0: the end).
std::string timeline(const Source& s, Tick from, Tick to, bool core_lanes) {
  const Scenario scenario = scenario_of(s);
  VectorSink records(kMaxPictureRecords);
  simulate_released(s, scenario, {&records});
  if (records.overflowed()) {
    raise(InputError{s.name, 0, 0,
                     "the run made more trace records than gilsim keeps to draw a picture; "
                     "draw a shorter run (set={\"scenario.stop\": \"1s\"})",
                     ""});
  }
  TimelineOptions options;
  options.from = from;
  options.to = to < 0 ? kNever : to;
  options.core_lanes = core_lanes;
  return timeline_svg(make_run_info(scenario), records.records, options);
}

py::dict compare_runs(const Source& s, const std::vector<std::string>& policies, int seeds) {
  const ScenarioDocument document = document_of(s);
  std::optional<Result<Comparison>> c;
  {
    py::gil_scoped_release release;
    c = compare(document, policies, overrides_of(s), limits_of(s), seeds);
  }
  const Comparison comparison = value_or_raise(std::move(*c));
  py::dict out;
  out["json"] = comparison_json(comparison);
  out["table"] = comparison_table(comparison);
  return out;
}

std::string sweep_runs(const Source& s, const std::vector<std::string>& params, int steps,
                       bool log, const std::vector<std::string>& metrics, int jobs) {
  SweepOptions options;
  for (const std::string& p : params) options.params.push_back(value_or_raise(parse_sweep_param(p)));
  options.steps = steps;
  options.log = log;
  options.metrics = metrics;
  options.jobs = jobs;
  options.overrides = overrides_of(s);
  options.limits = limits_of(s);
  const ScenarioDocument document = document_of(s);
  std::optional<Result<SweepResult>> r;
  {
    py::gil_scoped_release release;
    r = sweep(document, options);
  }
  return sweep_csv(value_or_raise(std::move(*r)));
}

std::vector<std::string> explain_at(const Source& s, const std::string& thread, Tick at) {
  const Scenario scenario = scenario_of(s);
  std::optional<Result<std::vector<std::string>>> lines;
  {
    py::gil_scoped_release release;
    lines = explain(scenario, thread, at, limits_of(s));
  }
  return value_or_raise(std::move(*lines));
}

std::optional<std::int64_t> duration_ns(const std::string& text) { return parse_duration(text); }

}  // namespace
}  // namespace gilsim::python

PYBIND11_MODULE(_core, m) {
  using namespace gilsim::python;
  m.doc() = "gilsim's simulator; use the gilsim package, which wraps this module";
  py::class_<Source>(m, "Source")
      .def(py::init<>())
      .def_readwrite("text", &Source::text)
      .def_readwrite("name", &Source::name)
      .def_readwrite("variant", &Source::variant)
      .def_readwrite("sets", &Source::sets)
      .def_readwrite("seed", &Source::seed)
      .def_readwrite("max_events", &Source::max_events);
  m.def("run", &run, "the JSON report and the table of one run");
  m.def("timeline", &timeline, "the run's timeline as SVG");
  m.def("compare", &compare_runs, "the comparison's JSON and table");
  m.def("sweep", &sweep_runs, "the sweep's CSV");
  m.def("explain", &explain_at, "why THREAD was (not) running at AT ns, one cause per line");
  m.def("duration_ns", &duration_ns, "'5ms' in ns, or None when it is not a duration");
}
