#pragma once
// One fuzz input, run the way a user runs a scenario (issue 11). The input is a
// scenario file; lines at its top of the form `#set KEY=VALUE`, `#variant NAME`
// or `#policy P` become the matching command-line options, so the `--set`
// parser is fuzzed with the loader. The run is small (an event budget of
// 20,000) and writes every output format. A result that is not exit 0, 1 or 2
// (an internal error), an uncaught exception or a broken invariant is a finding.
//
// Shared by the libFuzzer target (libfuzzer_main.cpp, ./build.sh fuzz) and the
// regression test that replays tests/fuzz/regressions/ in ctest.

#include <string_view>

namespace gilsim::fuzz {

/// Runs one input; aborts (a finding) if gilsim fails in a way no input may
/// make it fail.
void run_one(std::string_view input);

}  // namespace gilsim::fuzz
