// `gilsim grade` on a class of 30 generated submissions: right, right within
// the tolerance, one answer off by a factor of two, one missing, and one in the
// wrong unit; each must be graded as such, in every format.
#include "gilsim/lab/grade.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "gilsim/core/siphash.hpp"
#include "gilsim/lab/class_key.hpp"
#include "gilsim/lab/homework.hpp"
#include "support/json.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "0123456789abcdef0123456789abcdef";

/// `value` (gilsim's answer text) changed by `factor`, in the same unit.
std::string scaled(const std::string& value, double factor) {
  std::string v = value.rfind("x ", 0) == 0 ? value.substr(2) : value;
  v = v.substr(0, v.find(' '));
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  return fmt::format("{:.6g}{}", x * factor, end);
}

/// "5.1ms" -> "5.1us": the right digits in the wrong unit (or, for a plain
/// number, a thousand times off).
std::string wrong_unit(const std::string& value) {
  const std::string v = value.substr(0, value.find(' '));
  if (v.size() > 2 && v.compare(v.size() - 2, 2, "ms") == 0) return v.substr(0, v.size() - 2) + "us";
  return scaled(value, 1000);
}

}  // namespace

TEST_CASE("grade: a class of 30 is graded question by question, in every format", "[grade]") {
  const fs::path dir = fs::temp_directory_path() / "gilsim_grade_class";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "class.key") << kKey << "\n";
  std::vector<std::string> topics;
  for (const HomeworkTopic& t : homework_topics()) topics.emplace_back(t.name);

  // expected[student] = per question: right?
  std::map<std::string, std::vector<bool>> expected;
  for (int i = 0; i < 30; ++i) {
    const std::string student = fmt::format("s{:02}", i + 1);
    const std::string& topic = topics[static_cast<std::size_t>(i) % topics.size()];
    const std::uint64_t seed = student_seed(kKey, "class.key", topic, student).value();
    const Homework h = new_homework(topic, seed).value();
    const auto key = answer_homework(h, RunLimits{}).value();
    std::string sheet = fmt::format("student = \"{}\"\ntopic = \"{}\"\n[answers]\n", student, topic);
    std::vector<bool> right(key.size(), true);
    const int kind = (i / 5) % 5;  // every topic meets every kind of submission
    for (std::size_t q = 0; q < key.size(); ++q) {
      std::string answer = key[q].value.substr(0, key[q].value.find(" ("));
      if (answer.rfind("x ", 0) == 0) answer = answer.substr(2);
      const auto number = answer_number(answer);
      if (kind == 1 && number && *number != 0) answer = scaled(key[q].value, 1.03);
      if (q == 0 && kind == 2) {
        answer = scaled(key[q].value, 2.0);
        right[q] = number && *number == 0;  // twice zero is still zero
      }
      if (q == 1 && kind == 3) {
        right[q] = false;
        continue;  // missing
      }
      if (q == 0 && kind == 4) {
        answer = wrong_unit(key[q].value);
        right[q] = number && *number == 0;
      }
      sheet += fmt::format("{} = \"{}\"\n", q + 1, answer);
    }
    std::ofstream(dir / fmt::format("hw-{}-{}.answers.toml", topic, student)) << sheet;
    expected[student] = right;
  }

  const std::string key_file = (dir / "class.key").string();
  const test::CliRun json =
      test::cli({"grade", "--secret-file", key_file, dir.string(), "--format", "json"});
  REQUIRE(json.code == ExitCode::kOk);
  const auto doc = test::parse_json(json.out);
  REQUIRE(doc.has_value());
  const auto& students = (*doc)["students"].array;
  REQUIRE(students.size() == 30);
  int wrong = 0;
  for (const auto& s : students) {
    const std::string student = s["student"].string;
    INFO(student << " (" << s["topic"].string << ")");
    const auto& answers = s["answers"].array;
    REQUIRE(answers.size() == expected[student].size());
    for (std::size_t q = 0; q < answers.size(); ++q) {
      INFO("question " << q + 1 << ": submitted " << answers[q]["submitted"].string
                       << ", expected " << answers[q]["expected"].string);
      CHECK(answers[q]["correct"].boolean == expected[student][q]);
      wrong += expected[student][q] ? 0 : 1;
    }
  }
  CHECK(wrong >= 15);

  const test::CliRun junit =
      test::cli({"grade", "--secret-file", key_file, dir.string(), "--format", "junit"});
  CHECK(junit.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0) == 0);
  CHECK(junit.out.find(fmt::format("failures=\"{}\" errors=\"0\">", wrong)) != std::string::npos);
  const test::CliRun csv =
      test::cli({"grade", "--secret-file", key_file, dir.string(), "--format", "csv"});
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 1 + 30 * 5);
  const test::CliRun table = test::cli({"grade", "--secret-file", key_file, dir.string()});
  CHECK(table.out.find("s01 (cpu-bound, ") != std::string::npos);

  // Graded with another class's key, the same sheets are other exercises: mostly wrong.
  std::ofstream(dir / "other.key") << "fedcba9876543210fedcba9876543210\n";
  const test::CliRun other = test::cli(
      {"grade", "--secret-file", (dir / "other.key").string(), dir.string(), "--format", "json"});
  CHECK(other.out.find("\"correct\": 5,") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("grade: a sheet that cannot be read is reported with its position, the rest graded",
          "[grade]") {
  const fs::path dir = fs::temp_directory_path() / "gilsim_grade_bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "class.key") << kKey;
  std::ofstream(dir / "a.answers.toml") << "student = \"a\"\ntopic = \"races\"\n[answers]\nx = 1\n";
  const test::CliRun r = test::cli(
      {"grade", "--secret-file", (dir / "class.key").string(), (dir / "a.answers.toml").string()});
  CHECK(r.code == ExitCode::kBadInput);
  CHECK(r.err.find("a.answers.toml:4:1: error: 'x' is not a question number (1 to 100)") !=
        std::string::npos);
  std::ofstream(dir / "short.key") << "abc\n";
  const test::CliRun short_key = test::cli({"homework", "new", "--topic", "races", "--student",
                                            "a", "--secret-file", (dir / "short.key").string()});
  CHECK(short_key.code == ExitCode::kBadInput);
  CHECK(short_key.err.find("a class key needs at least 16 characters") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("siphash: the reference test vectors of SipHash-2-4", "[grade]") {
  // Key 00 01 .. 0f; messages 00 01 .. (n-1) (Aumasson and Bernstein, vectors.h).
  const std::uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0f0e0d0c0b0a0908ULL;
  std::string message;
  CHECK(siphash24(k0, k1, message) == 0x726fdb47dd0e0e31ULL);
  for (int i = 0; i < 15; ++i) message += static_cast<char>(i);
  CHECK(siphash24(k0, k1, message) == 0xa129ca6149be45e5ULL);
}
