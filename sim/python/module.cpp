// gilsim._core: the library for Python. Each function takes a Source (scenario
// text, as the package in sim/python/gilsim/ reads it, with the CLI's common
// options) and returns what the CLI would print (the JSON report's exact
// bytes, the tables, the sweep's CSV), which the package turns into Python
// data. A scenario the library refuses raises gilsim.ScenarioError carrying
// file, line, column and message. Simulations run with Python's own GIL
// released, so other Python threads go on meanwhile.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gilsim/lab/request.hpp"

namespace py = pybind11;

namespace gilsim::python {
namespace {

/// A Request as Python fills it in: settings as (KEY, VALUE) pairs.
struct Source {
  std::string text;
  std::string name;  ///< the file's path, or "<string>"
  std::optional<std::string> variant;
  std::vector<std::pair<std::string, std::string>> sets;  ///< set={"KEY": "VALUE"}, in order
  std::optional<std::uint64_t> seed;
  std::uint64_t max_events = RunLimits{}.max_events;

  Request request() const {
    Request r{text, name, variant, {}, seed, {}};
    for (const auto& [key, value] : sets) {
      r.sets.push_back(Override{key, value, "set[\"" + key + "\"] = \"" + value + "\""});
    }
    r.limits.max_events = max_events;
    return r;
  }
};

/// Raises gilsim.ScenarioError (defined by the package) for `e`.
[[noreturn]] void raise(const InputError& e) {
  const py::object type = py::module_::import("gilsim").attr("ScenarioError");
  const py::object error = type(e.file, e.line, e.column, e.message, e.to_string());
  PyErr_SetObject(type.ptr(), error.ptr());
  throw py::error_already_set();
}

/// `call(request)` with Python's GIL released; its value, or ScenarioError.
template <class Call>
auto released(const Source& s, Call call) {
  const Request request = s.request();
  std::optional<decltype(call(request))> result;
  {
    py::gil_scoped_release release;
    result.emplace(call(request));
  }
  if (!result->ok()) raise(result->error());
  return std::move(result->value());
}

py::dict run(const Source& s) {
  const RunOutput out = released(s, [](const Request& r) { return run_request(r); });
  py::dict d;
  d["json"] = out.json;
  d["table"] = out.table;
  return d;
}

/// The run's timeline (`gilsim run --timeline`), from FROM to TO ns (TO < 0: the end).
std::string timeline(const Source& s, Tick from, Tick to, bool core_lanes) {
  TimelineOptions options;
  options.from = from;
  options.to = to < 0 ? kNever : to;
  options.core_lanes = core_lanes;
  return released(s, [&](const Request& r) { return pictures_request(r, options); }).timeline;
}

py::dict compare_runs(const Source& s, const std::vector<std::string>& policies, int seeds) {
  const Comparison c =
      released(s, [&](const Request& r) { return compare_request(r, policies, seeds); });
  py::dict d;
  d["json"] = comparison_json(c);
  d["table"] = comparison_table(c);
  return d;
}

std::string sweep_runs(const Source& s, const std::vector<std::string>& params, int steps,
                       bool log, const std::vector<std::string>& metrics, int jobs) {
  const SweepRequest sweep{params, steps, log, metrics, jobs};
  return sweep_csv(released(s, [&](const Request& r) { return sweep_request(r, sweep); }));
}

std::vector<std::string> explain_at(const Source& s, const std::string& thread, Tick at) {
  return released(s, [&](const Request& r) { return explain_request(r, thread, at); });
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
