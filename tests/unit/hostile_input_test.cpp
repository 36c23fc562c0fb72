// The hostile-input corpus (tests/bad/): every case is a file whose header says
// what to run and how it must fail:
//
//   # why: what the case attacks (free text, for the reader)
//   # args: run {}                 the command line; {} is the case's own path,
//                                  {scenarios} the scenarios folder, {source} the
//                                  repository's top; quoted as in a shell
//   # exit: 2
//   # error: {}:7:9: error: ...    the first line of stderr, exactly
//
// A `.toml` case is a scenario; a `.case` file is a header only (flag errors).
// Each case must fail exactly as stated, the same way twice, and print nothing
// on stdout: no crash, no hang, no internal error, no half-written output.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "gilsim/lab/lab_page.hpp"
#include "support/scenario_fixtures.hpp"

namespace fs = std::filesystem;
using gilsim::ExitCode;
using gilsim::test::CliRun;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// The "# key: value" lines at the top of a case.
std::map<std::string, std::string> header_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::map<std::string, std::string> header;
  std::string line;
  while (std::getline(in, line) && line.rfind("# ", 0) == 0) {
    const std::size_t colon = line.find(": ");
    if (colon != std::string::npos) header[line.substr(2, colon - 2)] = line.substr(colon + 2);
  }
  return header;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("hostile input: every case in tests/bad/ fails with its stated error", "[hostile]") {
  const fs::path folder = fs::path(gilsim::test::source_dir()) / "tests" / "bad";
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".toml" || ext == ".case") cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  const std::string source = gilsim::test::source_dir();
  const std::string scenarios = fs::path(source) / "scenarios";
  for (const fs::path& file : cases) {
    INFO(file.string());
    auto header = header_of(file);
    REQUIRE(header.count("why"));
    REQUIRE(header.count("args"));
    REQUIRE(header.count("exit"));
    REQUIRE(header.count("error"));
    auto expand = [&](const std::string& text) {
      return replaced(replaced(replaced(text, "{scenarios}", scenarios), "{source}", source), "{}",
                      file.string());
    };
    const std::vector<std::string> args = gilsim::shell_words(expand(header["args"]));
    const CliRun first = gilsim::test::cli(args);
    CHECK(static_cast<int>(first.code) == std::stoi(header["exit"]));
    CHECK(first_line(first.err) == expand(header["error"]));
    CHECK(first.out.empty());
    CHECK(first.err.find(": internal error") == std::string::npos);
    const CliRun again = gilsim::test::cli(args);
    CHECK(again.err == first.err);
  }
  CHECK(cases.size() >= 100);
}
