// gilsim probe and gilsim calibrate: a machine profile for the user's own machine.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "cli/cli_support.hpp"
#include "gilsim/core/input_file.hpp"
#include "gilsim/lab/calibrate.hpp"
#include "gilsim/lab/probe_file.hpp"
#include "gilsim/report/word_wrap.hpp"

namespace gilsim::cli {

ExitCode cmd_probe(const ParsedArgs& args, Io io) {
  if (!args.positional.empty()) return usage_error(io, "probe", "takes no arguments");
  io.out << probe_script();
  return ExitCode::kOk;
}

ExitCode cmd_calibrate(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "calibrate", "expected PROBE.json...");
  std::vector<ProbeFile> probes;
  for (const std::string& path : args.positional) {
    const Result<std::string> text = read_input_file(path);
    if (!text.ok()) {
      fmt::print(io.err, "{}", text.error().to_string());
      return ExitCode::kBadInput;
    }
    Result<ProbeFile> probe = parse_probe(text.value(), path);
    if (!probe.ok()) {
      fmt::print(io.err, "{}", probe.error().to_string());
      return ExitCode::kBadInput;
    }
    probes.push_back(std::move(probe.value()));
  }
  const Result<ProbeFile> probe = combine_probes(probes, args.positional);
  if (!probe.ok()) {
    fmt::print(io.err, "{}", probe.error().to_string());
    return ExitCode::kBadInput;
  }
  std::string source;
  for (const std::string& path : args.positional) source += (source.empty() ? "" : " ") + path;
  const Result<Calibration> fit = calibrate(probe.value(), source);
  if (!fit.ok()) {
    fmt::print(io.err, "{}", fit.error().to_string());
    return ExitCode::kBadInput;
  }
  if (const auto out = args.value("out")) {
    if (!write_file(*out, fit.value().profile_text, "profile", io)) return ExitCode::kBadInput;
    fmt::print(io.out, "{}", fit_table(fit.value().fits));
    for (const std::string& note : fit.value().notes) {
      fmt::print(io.out, "\n{}", word_wrapped("Note: " + note + ".", 78, "", ""));
    }
    fmt::print(io.out, "\nwrote {} (use it with --machine {})\n", *out, *out);
  } else {
    io.out << fit.value().profile_text;
  }
  return ExitCode::kOk;
}

}  // namespace gilsim::cli
