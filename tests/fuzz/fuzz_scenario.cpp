#include "fuzz/fuzz_scenario.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace gilsim::fuzz {
namespace {

// The options a header line may ask for, and the flag each becomes.
struct HeaderOption {
  std::string_view prefix;
  std::string_view flag;
};
constexpr HeaderOption kHeaderOptions[] = {
    {"#set ", "--set"}, {"#variant ", "--variant"}, {"#policy ", "--policy"}};

// The header's options, in order: lines at the top that start with a prefix above.
std::vector<std::string> header_args(std::string_view input) {
  std::vector<std::string> args;
  while (!input.empty()) {
    const auto end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    bool matched = false;
    for (const HeaderOption& o : kHeaderOptions) {
      if (line.substr(0, o.prefix.size()) == o.prefix) {
        args.emplace_back(o.flag);
        args.emplace_back(line.substr(o.prefix.size()));
        matched = true;
      }
    }
    if (!matched || end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return args;
}

// A file per process, rewritten for each input (the CLI reads scenarios from files).
const std::string& scratch_path() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/gilsim_fuzz_" +
           std::to_string(::getpid()) + ".toml";
  }();
  return path;
}

void expect_no_internal_error(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const ExitCode code = run_cli(args, out, err);
  if (code != ExitCode::kOk && code != ExitCode::kCheckFailed && code != ExitCode::kBadInput) {
    std::fprintf(stderr, "fuzz finding: exit %d\n%s\n", static_cast<int>(code), err.str().c_str());
    std::abort();
  }
}

}  // namespace

void run_one(std::string_view input) {
  const std::string& path = scratch_path();
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(input.data(), static_cast<std::streamsize>(input.size()));
  }
  std::vector<std::string> args = {"run", path, "--max-events", "20000", "--format", "json",
                                   "--timeline", "/dev/null", "--trace", "/dev/null",
                                   "--html", "/dev/null"};
  const std::vector<std::string> header = header_args(input);
  args.insert(args.end(), header.begin(), header.end());
  expect_no_internal_error(args);
  args[5] = "csv";
  expect_no_internal_error(args);
  expect_no_internal_error({"compare", path, "--max-events", "20000", "--format", "csv"});
}

}  // namespace gilsim::fuzz
