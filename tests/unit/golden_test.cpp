// Every scenario in scenarios/ loads, runs, and produces exactly its golden JSON
// report in tests/golden/. After a deliberate model change, regenerate them with
// tests/update_golden.sh and read the diff.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gilsim/report/writers.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
std::string golden_path(const std::string& scenario_path) {
  const std::string root = test::source_dir() + "/scenarios/";
  std::string rel = scenario_path.substr(root.size());
  rel.replace(rel.size() - 5, 5, ".json");
  for (char& c : rel) c = c == '/' ? '_' : c;
  return test::source_dir() + "/tests/golden/" + rel;
}
std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}
}  // namespace

TEST_CASE("scenarios: every file loads and runs and matches its golden report",
          "[scenario][golden][determinism]") {
  const std::vector<std::string> files = test::scenario_files();
  REQUIRE(files.size() >= 5);
  const bool update = std::getenv("GILSIM_UPDATE_GOLDEN") != nullptr;
  for (const std::string& file : files) {
    INFO(file);
    Result<Scenario> s = load_scenario(file);
    INFO((s.ok() ? std::string() : s.error().to_string()));
    REQUIRE(s.ok());
    const std::string json = to_json(test::run_report(s.value()));
    CHECK(to_json(test::run_report(s.value())) == json);  // twice, same bytes
    const std::string golden = golden_path(file);
    if (update) {
      std::ofstream(golden, std::ios::binary) << json;
      continue;
    }
    const std::string expected = read(golden);
    INFO("golden file: " << golden << " (regenerate with tests/update_golden.sh)");
    REQUIRE_FALSE(expected.empty());
    CHECK(json == expected);
  }
}
