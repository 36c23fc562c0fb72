// The labs (docs/labs/*.md) are run, not just read: every `gilsim` command in
// their ```sh blocks must succeed, and every homework's reference solution
// must pass `gilsim check` while the wrong answers in tests/labs/ fail it.
#include <catch2/catch.hpp>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>

#include "gilsim/lab/lab_page.hpp"
#include "support/scenario_fixtures.hpp"
#include "support/svg_lanes.hpp"

using namespace gilsim;
namespace fs = std::filesystem;

namespace {

/// The `gilsim ...` commands of a lab page, in order.
std::vector<std::string> lab_commands(const fs::path& page) {
  Result<std::vector<LabBlock>> blocks = read_lab_page(page.string());
  INFO(page.string());
  REQUIRE(blocks.ok());
  std::vector<std::string> commands;
  for (const LabBlock& block : blocks.value()) {
    commands.insert(commands.end(), block.commands.begin(), block.commands.end());
  }
  return commands;
}

/// The arguments of the page's first command that starts with `prefix`, as the
/// CLI takes them: "gilsim" dropped, scenarios/ paths made absolute, and
/// everything from `--plot` on left out (pictures are not what the questions read).
std::vector<std::string> lab_command_args(const fs::path& page, const std::string& prefix) {
  for (const std::string& command : lab_commands(page)) {
    if (command.rfind(prefix, 0) != 0) continue;
    std::vector<std::string> args;
    std::istringstream words(command.substr(std::string("gilsim ").size()));
    for (std::string w; words >> w;) {
      if (w == "--plot") break;
      args.push_back(w.rfind("scenarios/", 0) == 0 ? test::source_dir() + "/" + w : w);
    }
    return args;
  }
  return {};
}

std::vector<fs::path> lab_pages() {
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(test::source_dir() + "/docs/labs")) {
    if (e.path().extension() == ".md" && e.path().filename().string().rfind("lab", 0) == 0) {
      pages.push_back(e.path());
    }
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace

TEST_CASE("labs: every command in the lab pages runs and succeeds", "[labs]") {
  // Run where a student would, with the repository's folders at hand, but write
  // the outputs (pictures, CSV) into a scratch folder.
  const fs::path scratch = fs::temp_directory_path() / "gilsim_labs";
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  for (const char* dir : {"scenarios", "docs"}) {
    fs::create_directory_symlink(fs::path(test::source_dir()) / dir, scratch / dir);
  }
  const fs::path before = fs::current_path();
  fs::current_path(scratch);
  const auto pages = lab_pages();
  REQUIRE(pages.size() >= 2);
  int commands = 0;
  for (const fs::path& page : pages) {
    for (const std::string& command : lab_commands(page)) {
      INFO(page.filename().string() << ": " << command);
      std::vector<std::string> words = shell_words(command);
      words.erase(words.begin());  // "gilsim"
      const test::CliRun r = test::cli(words);
      INFO(r.err);
      CHECK(r.code == ExitCode::kOk);
      ++commands;
    }
  }
  fs::current_path(before);
  CHECK(commands >= 10);
}

TEST_CASE("labs: reference homework solutions pass and wrong answers fail", "[labs]") {
  int solutions = 0;
  for (const auto& e : fs::directory_iterator(test::source_dir() + "/docs/labs/solutions")) {
    INFO(e.path().string());
    const test::CliRun r = test::cli({"check", e.path().string()});
    INFO(r.out << r.err);
    CHECK(r.code == ExitCode::kOk);
    ++solutions;
  }
  CHECK(solutions >= 2);
  int wrong = 0;
  for (const auto& e : fs::directory_iterator(test::source_dir() + "/tests/labs")) {
    INFO(e.path().string());
    const test::CliRun r = test::cli({"check", e.path().string()});
    INFO(r.out << r.err);
    CHECK(r.code == ExitCode::kCheckFailed);
    ++wrong;
  }
  CHECK(wrong >= 2);
}

TEST_CASE("labs: each exported notebook is what gilsim notebook makes of its lab today", "[labs]") {
  // Regenerate from the repository's top folder, as its README says, and
  // compare bytes: a lab page or a model change must come with new notebooks.
  const fs::path before = fs::current_path();
  fs::current_path(test::source_dir());
  int notebooks = 0;
  for (const fs::path& page : lab_pages()) {
    const std::string relative = "docs/labs/" + page.filename().string();
    const fs::path exported =
        fs::path("notebooks_export") / page.filename().replace_extension(".ipynb");
    INFO(relative << " -> " << exported.string()
                  << " (regenerate: gilsim notebook docs/labs/lab*.md --out-dir notebooks_export)");
    const test::CliRun r = test::cli({"notebook", relative});
    INFO(r.err);
    REQUIRE(r.code == ExitCode::kOk);
    std::ifstream in(exported, std::ios::binary);
    REQUIRE(in);
    std::ostringstream stored;
    stored << in.rdbuf();
    CHECK(r.out == stored.str());
    ++notebooks;
  }
  fs::current_path(before);
  CHECK(notebooks == 5);
}

TEST_CASE("labs: a lab page's sh block holds only gilsim commands", "[labs]") {
  const fs::path page = fs::temp_directory_path() / "gilsim_bad_lab.md";
  std::ofstream(page) << "# A lab\n\n```sh\ngilsim run x.toml\npython3 plot.py\n```\n";
  Result<std::vector<LabBlock>> blocks = read_lab_page(page.string());
  REQUIRE_FALSE(blocks.ok());
  CHECK(blocks.error().line == 5);
  CHECK(blocks.error().message == "a ```sh block of a lab holds only gilsim commands");
  const test::CliRun r = test::cli({"notebook", page.string()});
  CHECK(r.code == ExitCode::kBadInput);
  CHECK(r.err.find("gilsim_bad_lab.md:5:1: error") != std::string::npos);
  // A file that is no lab page at all (a scenario, say) is refused too.
  const test::CliRun toml = test::cli({"notebook", test::scenario_path("convoy.toml")});
  CHECK(toml.code == ExitCode::kBadInput);
  CHECK(toml.err.find("not a lab page") != std::string::npos);
}

TEST_CASE("labs: lab 5's C++ is the code in the tree, word for word", "[labs]") {
  // The lab shows io_first.hpp's class and its registry line; if either file
  // changes, the page must change with it.
  auto read = [](const std::string& path) {
    std::ifstream in(test::source_dir() + "/" + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const std::string page = read("docs/labs/lab5-design-a-policy.md");
  const std::string sources =
      read("sim/gilsim/policy/io_first.hpp") + read("sim/gilsim/policy/registry.cpp");
  int snippets = 0;
  for (std::size_t at = page.find("```cpp\n"); at != std::string::npos;
       at = page.find("```cpp\n", at + 1)) {
    const std::size_t start = at + 7;
    const std::string snippet = page.substr(start, page.find("```", start) - start);
    INFO(snippet);
    CHECK(sources.find(snippet) != std::string::npos);
    ++snippets;
  }
  CHECK(snippets == 2);
}

TEST_CASE("labs: lab 1's explain finds the second thread not running when the text says so",
          "[labs]") {
  const fs::path page = test::source_dir() + "/docs/labs/lab1-cpu-bound-threads.md";
  std::ifstream in(page);
  std::stringstream text;
  text << in.rdbuf();
  for (const std::string& command : lab_commands(page)) {
    if (command.rfind("gilsim explain", 0) != 0) continue;
    const std::string at = command.substr(command.find("--at ") + 5);
    const std::string said = at.substr(0, at.size() - 2) + " ms";  // "12ms" -> "12 ms"
    CHECK(text.str().find("was not running at " + said) != std::string::npos);
    std::vector<std::string> args;
    std::istringstream words(command.substr(std::string("gilsim ").size()));
    for (std::string w; words >> w;) args.push_back(w == "scenarios/countdown.toml"
                                                        ? test::scenario_path("countdown.toml")
                                                        : w);
    const test::CliRun r = test::cli(args);
    CHECK(r.out.find("countdown-2 was waiting for the GIL") != std::string::npos);
  }
}

TEST_CASE("labs: lab 3's sweep shows what Q4 says: dearer signals, more slowdown, less badness",
          "[labs]") {
  const std::vector<std::string> args =
      lab_command_args(test::source_dir() + "/docs/labs/lab3-old-gil-battle.md",
                       "gilsim sweep scenarios/old_gil_battle.toml");
  REQUIRE_FALSE(args.empty());
  const test::CliRun r = test::cli(args);
  REQUIRE(r.code == ExitCode::kOk);
  // Rows "as written,<signal_cost>,<speedup>,<badness>,<gil_switches>".
  std::vector<std::array<double, 3>> rows;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("as written,", 0) != 0) continue;
    std::array<double, 3> v{};
    std::sscanf(line.c_str(), "as written,%*d,%lf,%lf,%lf", &v[0], &v[1], &v[2]);
    rows.push_back(v);
  }
  REQUIRE(rows.size() == 5);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    INFO(i);
    CHECK(rows[i][0] < rows[i - 1][0]);  // speedup vs serial falls: the slowdown grows
    CHECK(rows[i][1] < rows[i - 1][1]);  // badness falls
    CHECK(rows[i][2] > rows[i - 1][2]);  // the GIL changes hands more often
  }
}

TEST_CASE("labs: lab 4's sweep shows what Q6 says: fewer switches, each erasing more", "[labs]") {
  const std::vector<std::string> args = lab_command_args(
      test::source_dir() + "/docs/labs/lab4-races.md", "gilsim sweep scenarios/lost_update_39.toml");
  REQUIRE_FALSE(args.empty());
  const test::CliRun r = test::cli(args);
  REQUIRE(r.code == ExitCode::kOk);
  std::map<long long, std::pair<double, double>> at;  // interval ns -> (lost, switches)
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    long long interval = 0;
    double lost = 0, switches = 0;
    if (std::sscanf(line.c_str(), "as written,%lld,%lf,%lf", &interval, &lost, &switches) == 3) {
      at[interval] = {lost, switches};
    }
  }
  const auto [lost1, switches1] = at.at(1'000'000);
  const auto [lost8, switches8] = at.at(8'000'000);
  CHECK(switches1 / switches8 == Approx(7).margin(0.5));    // "seven times less often"
  CHECK(1 - lost8 / lost1 == Approx(0.1).margin(0.05));      // "fall by only about a tenth"
  CHECK(lost8 / switches8 > 3 * (lost1 / switches1));  // each stale write erases more
  CHECK(at.at(16'000'000).first == 0);                    // "nothing lost at 16 ms"
}

TEST_CASE("labs: lab 2's zoomed timeline shows one hand-over as the text describes", "[labs]") {
  std::vector<std::string> args =
      lab_command_args(test::source_dir() + "/docs/labs/lab2-convoy.md", "gilsim run scenarios/convoy.toml --timeline");
  REQUIRE_FALSE(args.empty());
  const fs::path svg_path = fs::temp_directory_path() / "gilsim_lab2_timeline_test.svg";
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--timeline") args[i + 1] = svg_path.string();
  }
  REQUIRE(test::cli(args).code == ExitCode::kOk);
  std::ifstream in(svg_path);
  std::stringstream svg;
  svg << in.rdbuf();
  fs::remove(svg_path);
  // A drop request, the CPU thread's wait for the hand-off (orange) ...
  CHECK(svg.str().find("l-4 -6 h8 z") != std::string::npos);
  const std::vector<test::LaneRect> cpu = test::lane_rects(svg.str(), "cpu");
  CHECK(std::any_of(cpu.begin(), cpu.end(), [](const auto& r) { return r.fill == "#ff7f0e"; }));
  // ... and a stretch in which nobody holds the GIL: its lane's holders do not
  // cover the lane (the first rectangle is the background).
  const std::vector<test::LaneRect> gil = test::lane_rects(svg.str(), "GIL");
  REQUIRE(gil.size() >= 2);
  double held = 0;
  for (std::size_t i = 1; i < gil.size(); ++i) held += gil[i].width;
  CHECK(held < 0.8 * gil[0].width);
}
