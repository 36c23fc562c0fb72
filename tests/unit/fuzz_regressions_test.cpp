// Every input the fuzzer ever found a bug with (tests/fuzz/regressions/),
// replayed through the fuzz target's own code: it must now end in exit 0, 1
// or 2 (fuzz/fuzz_scenario.hpp aborts the test binary otherwise).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/fuzz_scenario.hpp"
#include "support/scenario_fixtures.hpp"

namespace fs = std::filesystem;

TEST_CASE("fuzz: every regression input ends in a clean exit", "[fuzz]") {
  const fs::path folder = fs::path(gilsim::test::source_dir()) / "tests" / "fuzz" / "regressions";
  int inputs = 0;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.path().filename() == "README.md") continue;
    INFO(e.path().string());
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    gilsim::fuzz::run_one(text.str());
    ++inputs;
  }
  CHECK(inputs >= 1);
}
