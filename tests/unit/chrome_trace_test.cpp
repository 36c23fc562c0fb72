#include "gilsim/report/chrome_trace.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <set>

#include "gilsim/report/writers.hpp"
#include "support/json.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::Json;

namespace {
Json trace_of(const std::string& scenario_file) {
  Result<Scenario> s = load_scenario(test::scenario_path(scenario_file));
  REQUIRE(s.ok());
  std::ostringstream out;
  ChromeTraceSink trace(make_run_info(s.value()), out);
  SimulateOptions options;
  options.sinks.push_back(&trace);
  REQUIRE(simulate(s.value(), options).outcome.status == RunOutcome::Status::kFinished);
  const std::optional<Json> doc = test::parse_json(out.str());
  REQUIRE(doc.has_value());
  return *doc;
}
}  // namespace

TEST_CASE("chrome trace: the convoy's trace is valid trace-event JSON", "[report]") {
  const Json doc = trace_of("convoy.toml");
  REQUIRE(doc.has("traceEvents"));
  const auto& events = doc["traceEvents"].array;
  REQUIRE(events.size() > 100);
  std::set<std::string> thread_names, states, counters;
  for (const Json& e : events) {
    REQUIRE(e.has("ph"));
    REQUIRE(e.has("pid"));
    const std::string& ph = e["ph"].string;
    if (ph == "M") {
      if (e["name"].string == "thread_name" && e["pid"].number == 1) {
        thread_names.insert(e["args"]["name"].string);
      }
      continue;
    }
    REQUIRE(e.has("ts"));
    CHECK(e["ts"].number >= 0);
    if (ph == "X") {
      CHECK(e["dur"].number > 0);
      if (e["pid"].number == 1) states.insert(e["name"].string);
    } else if (ph == "C") {
      for (const auto& [name, value] : e["args"].object) counters.insert(name);
    } else {
      CHECK(ph == "i");
    }
  }
  CHECK(thread_names == std::set<std::string>{"cpu", "io"});
  // The convoy's life: the I/O thread blocks, waits for the GIL, runs with it; the
  // CPU thread waits for the hand-off after each forced drop.
  for (const char* state :
       {"running with GIL", "waiting for GIL", "in I/O", "waiting for handoff", "runnable"}) {
    CHECK(states.count(state) == 1);
  }
  CHECK(counters == std::set<std::string>{"holder", "waiters", "drop request"});
}

TEST_CASE("chrome trace: GIL-free native work shows as running without the GIL", "[report]") {
  const Json doc = trace_of("native.toml");
  std::set<std::string> states;
  for (const Json& e : doc["traceEvents"].array) {
    if (e["ph"].string == "X" && e["pid"].number == 1) states.insert(e["name"].string);
  }
  CHECK(states.count("running without GIL") == 1);
  CHECK(states.count("running with GIL") == 1);
}

TEST_CASE("chrome trace: the same run writes the same bytes", "[report][determinism]") {
  Result<Scenario> s = load_scenario(test::scenario_path("sleeper.toml"));
  REQUIRE(s.ok());
  auto once = [&] {
    std::ostringstream out;
    ChromeTraceSink trace(make_run_info(s.value()), out);
    SimulateOptions options;
    options.sinks.push_back(&trace);
    simulate(s.value(), options);
    return out.str();
  };
  CHECK(once() == once());
}

TEST_CASE("chrome trace: events are written as records arrive, not held until the end",
          "[report]") {
  Result<Scenario> s = load_scenario(test::scenario_path("sleeper.toml"));
  REQUIRE(s.ok());
  std::ostringstream out;
  ChromeTraceSink trace(make_run_info(s.value()), out);
  trace.on_record(TraceRecord{0, 0, 0, 0, RecordKind::kGilRequest});
  trace.on_record(TraceRecord{10, 0, 0, 0, RecordKind::kGilAcquire});
  CHECK(out.str().find(R"("name": "holder", "ts": 0.010, "args": {"holder": 1})") !=
        std::string::npos);
  CHECK(out.str().find("displayTimeUnit") == std::string::npos);  // the tail comes at the end
}
