// The labs (docs/labs/*.md) are run, not just read: every `gilsim` command in
// their ```sh blocks must succeed, and every homework's reference solution
// must pass `gilsim check` while the wrong answers in tests/labs/ fail it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;
namespace fs = std::filesystem;

namespace {

/// Splits a shell command line into words, honouring '...' and "..." quotes.
std::vector<std::string> shell_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

/// The `gilsim ...` commands of a lab page's ```sh blocks (continued lines joined).
std::vector<std::string> lab_commands(const fs::path& page) {
  std::ifstream in(page);
  std::vector<std::string> commands;
  std::string line, pending;
  bool in_sh = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      in_sh = !in_sh && line == "```sh";
      continue;
    }
    if (!in_sh) continue;
    if (!pending.empty()) line = pending + " " + line.substr(line.find_first_not_of(' '));
    pending.clear();
    if (!line.empty() && line.back() == '\\') {
      pending = line.substr(0, line.size() - 1);
      continue;
    }
    if (line.rfind("gilsim ", 0) == 0) commands.push_back(line.substr(0, line.find("  #")));
  }
  return commands;
}

std::vector<fs::path> lab_pages() {
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(test::source_dir() + "/docs/labs")) {
    if (e.path().extension() == ".md" && e.path().filename() != "README.md") {
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
