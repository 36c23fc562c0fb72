// gilsim probe and gilsim calibrate (lab/calibrate.hpp, lab/probe_file.hpp).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "gilsim/lab/calibrate.hpp"
#include "gilsim/lab/probe_file.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
const std::string kRecorded = "tests/real_cpython/recorded/probe-devvm-2026-12-01.json";

std::string read(const std::string& path) {
  std::ifstream in(test::source_dir() + "/" + path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("calibrate: the recorded probe gives the recorded profile, byte for byte", "[lab]") {
  const Result<ProbeFile> probe = parse_probe(read(kRecorded), kRecorded);
  REQUIRE(probe.ok());
  const Result<Calibration> fit = calibrate(probe.value(), kRecorded);
  REQUIRE(fit.ok());
  CHECK(fit.value().profile_text ==
        read("tests/real_cpython/recorded/calibrated-devvm-2026-12-01.toml"));
  // Every probe has its simulated twin, but the loop's speed (a hint for the
  // interpreter) and the wake-ups' p10 and p90 (the exits' spread, used as measured).
  std::size_t twins = 0;
  for (const auto& [name, value] : probe.value().measurements) {
    twins += name != "iteration_ns" && !name.ends_with("_p10") && !name.ends_with("_p90");
  }
  CHECK(fit.value().fits.size() == twins);
  for (const ProbeFit& f : fit.value().fits) CHECK(f.simulated > 0);
}

TEST_CASE("calibrate: the fit follows the measurements", "[lab]") {
  // Timer slack shows in the sleep's oversleep: twice the oversleep, more slack.
  ProbeFile probe = parse_probe(read(kRecorded), kRecorded).value();
  const auto slack_of = [](const ProbeFile& p) {
    const std::string text = calibrate(p, "p.json").value().profile_text;
    const auto at = text.find("timer_slack = \"");
    return std::stoll(text.substr(at + 15));
  };
  const long long before = slack_of(probe);
  probe.measurements["sleep_oversleep_us"] += 40;
  CHECK(slack_of(probe) > before);
}

TEST_CASE("probe file: errors name the file, line and column", "[lab]") {
  CHECK(parse_probe("{\n \"probe\": 1,\n \"measurements\": {\"a\": x}\n}", "p.json")
            .error()
            .to_string()
            .rfind("p.json:3:24: error: expected a number", 0) == 0);
  CHECK(parse_probe("{\"measurements\": {}}", "p.json").error().message ==
        "not a gilsim probe result (\"probe\": 1 is missing)");
  const Result<ProbeFile> partial = parse_probe("{\"probe\": 1, \"measurements\": {}}", "p.json");
  REQUIRE(partial.ok());
  CHECK(calibrate(partial.value(), "p.json").error().message ==
        "the probe has no measurement 'pingpong_half_us'");
}

TEST_CASE("cli: probe prints the probe script and calibrate writes a profile", "[cli]") {
  const auto probe = test::cli({"probe"});
  CHECK(probe.code == ExitCode::kOk);
  CHECK(probe.out == std::string(probe_script()));
  CHECK(probe.out.rfind("#!/usr/bin/env python3", 0) == 0);

  const std::string out = "/tmp/gilsim_test_calibrated.toml";
  const auto cal = test::cli({"calibrate", test::source_dir() + "/" + kRecorded, "-o", out});
  CHECK(cal.code == ExitCode::kOk);
  CHECK(cal.out.find("slice_100us_us") != std::string::npos);
  const auto run = test::cli({"run", test::scenario_path("convoy.toml"), "--machine", out});
  CHECK(run.code == ExitCode::kOk);
  CHECK(test::cli({"calibrate", "/no/such.json"}).code == ExitCode::kBadInput);
}

TEST_CASE("calibrate: measurements no machine could give are input errors", "[lab]") {
  ProbeFile probe = parse_probe(read(kRecorded), kRecorded).value();
  probe.measurements["process_start_ms"] = -5;
  CHECK(calibrate(probe, "p.json").error().to_string() ==
        "p.json: error: measurement 'process_start_ms' = -5 is not between 0 and 1,000,000\n");
  // At the edges of that range the search still ends, with a profile or an error.
  for (const double v : {0.0, 1e6}) {
    for (auto& [name, value] : probe.measurements) value = v;
    const Result<Calibration> fit = calibrate(probe, "p.json");
    if (!fit.ok()) continue;
    const std::string path = "/tmp/gilsim_test_edge_profile.toml";
    std::ofstream(path) << fit.value().profile_text;
    CHECK(test::load_error("[machine]\nprofile = \"" + path +
                           "\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n") == "");
  }
}
