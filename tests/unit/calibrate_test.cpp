// gilsim probe and gilsim calibrate (lab/calibrate.hpp, lab/probe_file.hpp).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
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

TEST_CASE("calibrate: the recorded probes give the recorded profiles, byte for byte", "[lab]") {
  // Six instances of the development VM; the last three probes have the
  // ping-pong across cores (the fourth and fifth, wake-ups no idle state
  // explains: a busy host); the last two have the parallel speed.
  for (const char* instance :
       {"2026-12-01", "2026-12-02", "2026-12-02-amd", "2026-12-02-amd2", "2026-12-02-amd3",
        "2026-12-03-amd"}) {
    const std::string path = fmt::format("tests/real_cpython/recorded/probe-devvm-{}.json", instance);
    const Result<ProbeFile> recorded = parse_probe(read(path), path);
    REQUIRE(recorded.ok());
    const Result<Calibration> profile = calibrate(recorded.value(), path);
    REQUIRE(profile.ok());
    CHECK(profile.value().profile_text ==
          read(fmt::format("tests/real_cpython/recorded/calibrated-devvm-{}.toml", instance)));
  }
  // Three probes of the last instance in a row, calibrated together.
  std::vector<ProbeFile> three;
  std::vector<std::string> paths;
  for (const char* n : {"1", "2", "3"}) {
    paths.push_back(fmt::format("tests/real_cpython/recorded/probes-2026-12-03-amd/probe-{}.json", n));
    three.push_back(parse_probe(read(paths.back()), paths.back()).value());
  }
  const Result<Calibration> together = calibrate(
      combine_probes(three, paths).value(), paths[0] + " " + paths[1] + " " + paths[2]);
  REQUIRE(together.ok());
  CHECK(together.value().profile_text ==
        read("tests/real_cpython/recorded/probes-2026-12-03-amd/calibrated-from-three-probes.toml"));

  const Result<ProbeFile> probe = parse_probe(read(kRecorded), kRecorded);
  REQUIRE(probe.ok());
  const Result<Calibration> fit = calibrate(probe.value(), kRecorded);
  REQUIRE(fit.ok());
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

TEST_CASE("calibrate: a ping-pong across cores fits the idle state a brief wait reaches", "[lab]") {
  // The recorded probe predates pingpong_cross: its cores poll when idle
  // briefly. Here they halt at once, as on a VM whose host does not
  // halt-poll: each half of the ping-pong pays 25 us to wake the other core.
  ProbeFile probe = parse_probe(read(kRecorded), kRecorded).value();
  const double half = probe.measurements.at("pingpong_half_us") + 25;
  probe.measurements["pingpong_cross_half_us"] = half;
  probe.measurements["pingpong_cross_half_us_p10"] = half - 3;
  probe.measurements["pingpong_cross_half_us_p90"] = half + 40;
  const Result<Calibration> fit = calibrate(probe, "p.json");
  REQUIRE(fit.ok());
  const std::string& text = fit.value().profile_text;
  const std::string shallowest = "{ after = \"1us\", exit = { uniform = [";
  const auto state = text.find(shallowest);
  REQUIRE(state != std::string::npos);
  // The exit, in ns: "22600ns" or "23us".
  const auto ns_at = [&](std::size_t at) {
    std::size_t used = 0;
    const long long v = std::stoll(text.substr(at), &used);
    return text.compare(at + used, 2, "us") == 0 ? v * 1000 : v;
  };
  const long long low = ns_at(state + shallowest.size() + 1);
  const long long high = ns_at(text.find(", \"", state + shallowest.size()) + 3);
  // The spread is the nearer of p10 and p90: 3 us each side, around the
  // measured 25 us and more less the wake-up path.
  CHECK(high - low == 6000);
  CHECK((low + high) / 2 > 20'000);
  bool fitted = false;
  for (const ProbeFit& f : fit.value().fits) {
    if (f.name != "pingpong_cross_half_us") continue;
    fitted = true;
    CHECK(std::abs(f.simulated / f.measured - 1) < 0.15);
  }
  CHECK(fitted);
}

TEST_CASE("calibrate: a core slower while the other is busy gives parallel_speed, and a shorter "
          "process start",
          "[lab]") {
  // The recorded probe predates the measurement: its profile keeps every core
  // at full speed, and its process start is the workers' whole extra time.
  ProbeFile probe = parse_probe(read(kRecorded), kRecorded).value();
  const std::string before = calibrate(probe, "p.json").value().profile_text;
  CHECK(before.find("parallel_speed") == std::string::npos);
  // Here each of two busy cores runs at 80%: the probe's two workers, each a
  // countdown of 2 million iterations, lose a quarter of that work's time.
  probe.measurements["parallel_speed_percent"] = 80;
  const double work_ms = probe.measurements.at("iteration_ns") * 2e6 / 1e6;
  probe.measurements["process_start_ms"] += work_ms / 4;
  const Calibration after = calibrate(probe, "p.json").value();
  CHECK(after.profile_text.find("\nparallel_speed = [1.0, 0.800]\n") != std::string::npos);
  // ... so the process start it fits is what it was without that slowdown.
  const auto start_of = [](const std::string& text) {
    return std::stoll(text.substr(text.find("process_start = \"") + 17));
  };
  CHECK(std::abs(start_of(after.profile_text) - start_of(before)) <= 1);  // us
  bool fitted = false;
  for (const ProbeFit& f : after.fits) {
    if (f.name != "parallel_speed_percent") continue;
    fitted = true;
    CHECK(f.simulated == Approx(80).epsilon(0.01));
  }
  CHECK(fitted);
  // Faster together than alone is noise: full speed.
  probe.measurements["parallel_speed_percent"] = 104;
  CHECK(calibrate(probe, "p.json").value().profile_text.find("parallel_speed = [1.0, 1.000]") !=
        std::string::npos);
}

TEST_CASE("calibrate: a wake-up slower after a shorter idle makes no idle state, and a note", "[lab]") {
  // Measured on a busy host: a core idle for 50 us took 5.7 ms to wake, one
  // idle for 1 ms took 42 us. No idle state explains that (a deeper state
  // would exit faster than a shallow one): the profile leaves the 50 us state
  // out instead of making every later wake-up pay 5.7 ms.
  ProbeFile probe = parse_probe(read(kRecorded), kRecorded).value();
  const Calibration before = calibrate(probe, "p.json").value();
  CHECK(before.notes.empty());
  CHECK(before.profile_text.find("{ after = \"50us\"") != std::string::npos);
  probe.measurements["wake_after_idle_50us"] = 5665;
  const Calibration after = calibrate(probe, "p.json").value();
  REQUIRE(after.notes.size() == 1);
  CHECK(after.notes[0].rfind("wake_after_idle_50us (5665.0 us) took longer than "
                             "wake_after_idle_200us (34.5 us)", 0) == 0);
  CHECK(after.profile_text.find("{ after = \"50us\"") == std::string::npos);
  CHECK(after.profile_text.find("{ after = \"200us\"") != std::string::npos);
  CHECK(after.profile_text.find("# Note: wake_after_idle_50us (5665.0 us) took longer") !=
        std::string::npos);
}

TEST_CASE(
    "calibrate: several probes of one machine are fitted by their medians, with a note of "
    "what moved between them",
    "[lab]") {
  const ProbeFile base = parse_probe(read(kRecorded), kRecorded).value();
  std::vector<ProbeFile> probes(3, base);
  // A busy host slowed one probe's loops, another's wake-ups; the third is the base.
  probes[0].measurements["iteration_ns"] = 40;
  probes[1].measurements["wake_after_idle_5000us"] *= 3;
  probes[2].measurements["sleep_oversleep_us"] += 10;
  const Result<ProbeFile> combined = combine_probes(probes, {"a.json", "b.json", "c.json"});
  REQUIRE(combined.ok());
  CHECK(combined.value().probes == 3);
  CHECK(combined.value().measurements == base.measurements);  // each median is the base's
  const auto range = combined.value().ranges.at("wake_after_idle_5000us");
  CHECK(range.first == base.measurements.at("wake_after_idle_5000us"));
  CHECK(range.second == 3 * base.measurements.at("wake_after_idle_5000us"));

  // The same profile as the base probe alone, but for its source and the note.
  const Calibration one = calibrate(base, "a.json").value();
  const Calibration three = calibrate(combined.value(), "a.json b.json c.json").value();
  CHECK(three.fits.size() == one.fits.size());
  for (std::size_t i = 0; i < one.fits.size(); ++i)
    CHECK(three.fits[i].simulated == one.fits[i].simulated);
  const auto machine = [](const std::string& text) { return text.substr(text.find("[machine]")); };
  CHECK(machine(three.profile_text) == machine(one.profile_text));
  REQUIRE(three.notes.size() == one.notes.size() + 1);
  CHECK(three.notes.back() ==
        fmt::format("each measurement is the median of 3 probes; these moved by more "
                    "than 25% between them: wake_after_idle_5000us {:.1f} to {:.1f}",
                    range.first, range.second));
  CHECK(three.profile_text.rfind(
            "# Machine profile made by `gilsim calibrate a.json b.json c.json`", 0) == 0);

  // One probe is itself: the recorded profiles stay byte for byte.
  CHECK(combine_probes({base}, {"a.json"}).value().probes == 1);
}

TEST_CASE("calibrate: probes of different machines are refused, naming the file", "[lab]") {
  ProbeFile a = parse_probe(read(kRecorded), kRecorded).value();
  ProbeFile b = a;
  b.kernel = "6.1.0";
  CHECK(combine_probes({a, b}, {"a.json", "b.json"}).error().to_string() ==
        fmt::format("b.json: error: measured with CPython {} on {} cores, Linux 6.1.0, and a.json "
                    "with CPython {} on {} cores, Linux {}: a profile is for one machine\n",
                    a.python, a.cores, a.python, a.cores, a.kernel));
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

  // Several probes of one machine: their medians, and a note; a bad one stops it.
  const std::string recorded = test::source_dir() + "/" + kRecorded;
  const auto three = test::cli({"calibrate", recorded, recorded, recorded});
  CHECK(three.code == ExitCode::kOk);
  CHECK(three.out.find("# Machine profile made by `gilsim calibrate " + recorded + " " +
                       recorded) == 0);
  CHECK(three.out.find("# Note: each measurement is the median of 3 probes") != std::string::npos);
  const auto bad = test::cli({"calibrate", recorded, "/no/such.json"});
  CHECK(bad.code == ExitCode::kBadInput);
  CHECK(bad.err.find("/no/such.json") != std::string::npos);
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
