// Numbers in the docs come from gilsim, not from memory. A page marks each
// number it quotes with a hidden comment naming the command and the report
// field it comes from, right before the number:
//
//   the GIL changed hands <!-- run scenarios/countdown.toml | metrics.gil_switches -->233 times
//   <!-- run FILE ... | threads.io.gil_reacquire.p50 / 20000 -->256     (a ratio)
//   <!-- says: explain FILE --thread t --at 12ms -->`waiting for the GIL`  (text it prints)
//
// The test runs each command and requires the number to be the field's value
// rounded as written (to its last digit shown; durations in the unit written),
// and the quoted text to be in the command's output. It also requires the
// instructor's guide to answer every question of every lab.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "gilsim/lab/lab_page.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The command's words as the CLI takes them, repository paths made absolute.
std::vector<std::string> command_args(const std::string& command) {
  std::vector<std::string> args = shell_words(command);
  for (std::string& a : args) {
    if (a.rfind("scenarios/", 0) == 0 || a.rfind("docs/", 0) == 0 || a.rfind("tests/", 0) == 0) {
      a = test::source_dir() + "/" + a;
    }
  }
  return args;
}

/// The report fields of `gilsim run ARGS`, by path (memoized: pages quote the
/// same run many times).
const std::map<std::string, double>& run_fields(const std::string& command) {
  static std::map<std::string, std::map<std::string, double>> cache;
  auto found = cache.find(command);
  if (found != cache.end()) return found->second;
  std::vector<std::string> args = command_args(command);
  args.insert(args.begin(), "run");
  args.insert(args.end(), {"--format", "csv"});
  const test::CliRun r = test::cli(args);
  INFO("gilsim run " << command << "\n" << r.err);
  REQUIRE(r.code == ExitCode::kOk);
  std::map<std::string, double> fields;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const auto comma = line.rfind(',');
    char* end = nullptr;
    const std::string value = line.substr(comma + 1);
    const double v = std::strtod(value.c_str(), &end);
    if (comma != std::string::npos && end == value.c_str() + value.size() && !value.empty()) {
      fields[line.substr(0, comma)] = v;
    }
  }
  return cache.emplace(command, std::move(fields)).first->second;
}

/// "a", "a / b", "1 / a", "a / 20000": numbers and report paths divided.
double evaluate(const std::string& expression, const std::map<std::string, double>& fields) {
  double result = 0;
  bool first = true;
  std::size_t at = 0;
  while (at <= expression.size()) {
    auto slash = expression.find(" / ", at);
    if (slash == std::string::npos) slash = expression.size();
    const std::string term = expression.substr(at, slash - at);
    char* end = nullptr;
    double v = std::strtod(term.c_str(), &end);
    if (end != term.c_str() + term.size()) {
      const auto f = fields.find(term);
      INFO("report field " << term);
      REQUIRE(f != fields.end());
      v = f->second;
    }
    result = first ? v : result / v;
    first = false;
    at = slash + 3;
  }
  return result;
}

struct Quoted {
  double value;      ///< in the field's units (durations in ns)
  double tolerance;  ///< half of the last digit shown
};

Quoted quoted(const std::string& number, const std::string& unit) {
  std::string digits;
  for (char c : number) {
    if (c != ',') digits += c;
  }
  double last_digit = 1;
  if (const auto dot = digits.find('.'); dot != std::string::npos) {
    last_digit = std::pow(10.0, -static_cast<double>(digits.size() - dot - 1));
  } else {
    for (auto i = digits.size(); i > 1 && digits[i - 1] == '0'; --i) last_digit *= 10;
  }
  const double scale = unit == "s" ? 1e9 : unit == "ms" ? 1e6 : unit == "us" ? 1e3 : 1;
  return {std::stod(digits) * scale, last_digit / 2 * scale * (1 + 1e-9)};
}

/// Checks every marked number and quotation of `page`; returns how many.
int check_page(const fs::path& page) {
  const std::string text = read(page);
  int checked = 0;
  static const std::regex number(
      R"(<!-- run (.+?) \| (.+?) -->([0-9][0-9,]*(?:\.[0-9]+)?)(?: (s|ms|us|ns)\b)?)");
  for (std::sregex_iterator m(text.begin(), text.end(), number), end; m != end; ++m) {
    const std::string command = (*m)[1], expression = (*m)[2];
    const Quoted q = quoted((*m)[3], (*m)[4]);
    const double actual = evaluate(expression, run_fields(command));
    INFO(page.filename().string() << ": gilsim run " << command << " | " << expression
                                  << ": the page says " << (*m)[3] << " " << (*m)[4]
                                  << ", gilsim prints " << fmt::format("{}", actual));
    CHECK(std::fabs(actual - q.value) <= q.tolerance);
    ++checked;
  }
  static const std::regex says(R"(<!-- says: (.+?) -->`([^`]+)`)");
  for (std::sregex_iterator m(text.begin(), text.end(), says), end; m != end; ++m) {
    const test::CliRun r = test::cli(command_args((*m)[1]));
    INFO(page.filename().string() << ": gilsim " << (*m)[1] << "\n" << r.out << r.err);
    CHECK(r.out.find((*m)[2]) != std::string::npos);
    ++checked;
  }
  // A marker the patterns above do not read would check nothing.
  std::size_t markers = 0;
  for (auto at = text.find("<!-- run "); at != std::string::npos; at = text.find("<!-- run ", at + 1)) ++markers;
  for (auto at = text.find("<!-- says: "); at != std::string::npos; at = text.find("<!-- says: ", at + 1)) ++markers;
  CHECK(markers == static_cast<std::size_t>(checked));
  return checked;
}

/// How many numbered questions the lab page asks.
int questions_of(const fs::path& lab) {
  const std::string text = read(lab);
  const auto from = text.find("## Questions");
  const auto to = text.find("\n## ", from + 1);
  REQUIRE(from != std::string::npos);
  static const std::regex item(R"(\n([0-9]+)\. )");
  const std::string section = text.substr(from, to - from);
  int n = 0;
  for (std::sregex_iterator m(section.begin(), section.end(), item), end; m != end; ++m) ++n;
  return n;
}

}  // namespace

TEST_CASE("guide: every number the instructor's guide quotes is what gilsim prints", "[labs][docs]") {
  CHECK(check_page(test::source_dir() + "/docs/labs/instructors-guide.md") >= 80);
}

TEST_CASE("guide: the policy pages', labs' and validation's numbers are what gilsim prints",
          "[labs][docs]") {
  int checked = 0;
  for (const char* folder : {"/docs/models", "/docs/labs"}) {
    for (const auto& e : fs::directory_iterator(test::source_dir() + folder)) {
      if (e.path().extension() == ".md" && e.path().filename() != "instructors-guide.md") {
        checked += check_page(e.path());
      }
    }
  }
  checked += check_page(test::source_dir() + "/docs/validation.md");
  CHECK(checked >= 20);
}

TEST_CASE("guide: the instructor's guide answers every question of every lab", "[labs][docs]") {
  const std::string guide = read(test::source_dir() + "/docs/labs/instructors-guide.md");
  for (int lab = 1; lab <= 5; ++lab) {
    fs::path page;
    for (const auto& e : fs::directory_iterator(test::source_dir() + "/docs/labs")) {
      if (e.path().filename().string().rfind(fmt::format("lab{}-", lab), 0) == 0) page = e.path();
    }
    REQUIRE_FALSE(page.empty());
    const auto from = guide.find(fmt::format("## Lab {}:", lab));
    REQUIRE(from != std::string::npos);
    const auto to = guide.find("\n## ", from + 1);
    const std::string section = guide.substr(from, to - from);
    INFO("lab " << lab);
    for (const char* part : {"**Goals.**", "**Timing.**", "**Homework.**", "**Common wrong answers.**"}) {
      CHECK(section.find(part) != std::string::npos);
    }
    const int n = questions_of(page);
    CHECK(n >= 4);
    for (int q = 1; q <= n; ++q) CHECK(section.find(fmt::format("**Q{}.**", q)) != std::string::npos);
    CHECK(section.find(fmt::format("**Q{}.**", n + 1)) == std::string::npos);
  }
}
