// The documentation is read start to finish (docs/overview.md): a relative
// link that points nowhere is a dead end for that reader.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/scenario_fixtures.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> markdown_pages() {
  const fs::path top = gilsim::test::source_dir();
  std::vector<fs::path> pages = {top / "README.md", top / "notebooks_export" / "README.md"};
  for (const auto& e : fs::recursive_directory_iterator(top / "docs")) {
    if (e.path().extension() == ".md") pages.push_back(e.path());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace

TEST_CASE("docs: every relative link in the pages points to a file", "[docs]") {
  const std::regex link(R"(\]\(([^)#\s]+)(#[^)]*)?\))");
  int links = 0;
  for (const fs::path& page : markdown_pages()) {
    std::ifstream in(page);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), link); it != std::sregex_iterator();
         ++it) {
      const std::string target = (*it)[1];
      if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0) continue;
      INFO(page.string() << " links to " << target);
      CHECK(fs::exists(page.parent_path() / target));
      ++links;
    }
  }
  CHECK(links >= 20);
}

TEST_CASE("docs: the README's first look is what gilsim prints", "[docs]") {
  // Each line of the README's output block is a line of the run's output; a
  // line ending in "  ..." is cut short there, and a lone "..." skips the rest.
  std::ifstream in(gilsim::test::source_dir() + "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::string command = "$ ./build/sim/gilsim run scenarios/convoy.toml\n";
  const auto begin = readme.find(command);
  REQUIRE(begin != std::string::npos);
  const auto end = readme.find("```", begin);
  std::istringstream shown(readme.substr(begin + command.size(), end - begin - command.size()));
  const gilsim::test::CliRun r =
      gilsim::test::cli({"run", gilsim::test::scenario_path("convoy.toml")});
  std::istringstream printed(r.out);
  std::string want, got;
  int lines = 0;
  while (std::getline(shown, want) && want != "...") {
    REQUIRE(std::getline(printed, got));
    const std::string cut = "  ...";
    if (want.size() > cut.size() && want.compare(want.size() - cut.size(), cut.size(), cut) == 0) {
      want.resize(want.size() - cut.size());
      got.resize(std::min(got.size(), want.size()));
      while (!got.empty() && got.back() == ' ') got.pop_back();
    }
    CHECK(got == want);
    ++lines;
  }
  CHECK(lines >= 8);
}
