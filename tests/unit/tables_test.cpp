// One table per concept (issue 13): policies, schedulers, ops and `list`
// topics are named in one place each, and everything else asks that place.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "gilsim/lab/explain.hpp"
#include "gilsim/model/schedulers.hpp"
#include "gilsim/policy/registry.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
namespace fs = std::filesystem;

namespace {

/// Every line of sim/ (C++ sources) that matches `pattern`, as "file:line: text",
/// except in the files `allowed`.
std::vector<std::string> grep_sim(const std::regex& pattern, const std::vector<std::string>& allowed) {
  std::vector<std::string> hits;
  for (const auto& e : fs::recursive_directory_iterator(test::source_dir() + "/sim")) {
    const std::string ext = e.path().extension().string();
    if (ext != ".cpp" && ext != ".hpp") continue;
    const std::string name = e.path().filename().string();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::ifstream in(e.path());
    int n = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (std::regex_search(line, pattern)) hits.push_back(fmt::format("{}:{}: {}", name, n, line));
    }
  }
  return hits;
}

std::string alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "|") + n;
  return out;
}

}  // namespace

TEST_CASE("tables: no code compares a policy name; policies say what they are", "[tables]") {
  std::vector<std::string> names;
  for (const PolicyEntry& p : policy_registry()) names.emplace_back(p.name);
  const std::regex compared("[=!]= \"(" + alternatives(names) + ")\"");
  CHECK(grep_sim(compared, {}) == std::vector<std::string>{});
}

TEST_CASE("tables: scheduler names are written only in their table", "[tables]") {
  std::vector<std::string> names;
  for (const SchedulerEntry& s : scheduler_table()) names.emplace_back(s.name);
  CHECK(names == std::vector<std::string>{"cfs", "round-robin", "fifo"});
  // "fifo" is also a wake order, decoded by the machine decoder.
  CHECK(grep_sim(std::regex("\"round-robin\""), {"schedulers.cpp"}) == std::vector<std::string>{});
  // "cfs" is also the key of the [machine.cfs] tunables, which the machine decoder reads.
  CHECK(grep_sim(std::regex("\"cfs\""), {"schedulers.cpp", "machine_decoder.cpp"}) ==
        std::vector<std::string>{});
  CHECK(scheduler_name(SchedulerKind::kRoundRobin) == "round-robin");
  CHECK(find_scheduler("cfs")->kind == SchedulerKind::kCfs);
  CHECK(find_scheduler("CFS") == nullptr);
}

TEST_CASE("tables: op kinds are written only in the loader's table of ops", "[tables]") {
  const std::regex literal("\"(native|io|repeat|rmw|incref|decref|borrow)\"");
  CHECK(grep_sim(literal, {"program_decoder.cpp"}) == std::vector<std::string>{});
  // The error lists them from the table, in its order (tests/bad/op_two_kinds.toml
  // holds the message byte for byte).
}

TEST_CASE("tables: explain tells the timed wait of every policy that has one", "[tables][explain]") {
  for (const PolicyEntry& p : policy_registry()) {
    const PolicyTraits traits = policy_traits(p);
    if (!traits.serializes) continue;
    INFO(p.name);
    const Scenario s = test::scenario_from(
        "[scenario]\nname = \"two\"\n[machine]\ncores = 2\n[interpreter]\nversion = \"3.11\"\n"
        "[[thread]]\nname = \"a\"\nrun = [ { python = \"50ms\" } ]\n"
        "[[thread]]\nname = \"b\"\nrun = [ { python = \"50ms\" } ]\n",
        {Override{"interpreter.gil", std::string(p.name), ""}});
    const Result<std::vector<std::string>> lines = explain(s, "b", 12'000'000, RunLimits{});
    REQUIRE(lines.ok());
    std::string text;
    for (const std::string& l : lines.value()) text += l + "\n";
    CHECK((text.find("its current timed wait began at") != std::string::npos) == traits.timed_wait);
  }
  CHECK(policy_traits(*find_policy("io-first")).timed_wait);
  CHECK_FALSE(policy_traits(*find_policy("fifo-handoff")).timed_wait);
  CHECK_FALSE(policy_traits(*find_policy("none")).serializes);
}
