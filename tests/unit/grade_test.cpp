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
#include <sstream>

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

/// Whether `xml` validates against the common JUnit schema (tests/junit/junit.xsd)
/// with xmllint. Without xmllint the check cannot run: a warning, and under CI
/// (which installs it) a failure.
bool valid_junit(const std::string& xml, const std::string& name) {
  if (std::system("command -v xmllint > /dev/null 2>&1") != 0) {
    WARN("xmllint is not installed (Debian: libxml2-utils): the JUnit schema is not checked");
    if (std::getenv("CI")) FAIL("CI must check the JUnit schema: install libxml2-utils");
    return true;
  }
  const fs::path file = fs::temp_directory_path() / ("gilsim_" + name + ".xml");
  std::ofstream(file) << xml;
  const std::string command = "xmllint --noout --schema '" + test::source_dir() +
                              "/tests/junit/junit.xsd' '" + file.string() + "' > /dev/null 2>&1";
  const bool valid = std::system(command.c_str()) == 0;
  fs::remove(file);
  return valid;
}

}  // namespace

TEST_CASE("grade: the JUnit check can fail: a testcase without a name is not valid JUnit",
          "[grade]") {
  if (std::system("command -v xmllint > /dev/null 2>&1") != 0) return;  // valid_junit warns
  CHECK(valid_junit("<testsuites><testsuite name=\"a\" tests=\"1\"><testcase classname=\"a\"/>"
                    "</testsuite></testsuites>",
                    "broken") == false);
  CHECK(valid_junit("<testsuites><testsuite name=\"a\" tests=\"1\"><testcase name=\"b\"/>"
                    "</testsuite></testsuites>",
                    "minimal"));
}

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
  CHECK(valid_junit(junit.out, "class_junit"));
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

TEST_CASE("grade: scenario files are held to the task's claims, not to their own", "[grade]") {
  const fs::path dir = fs::temp_directory_path() / "gilsim_grade_task";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string labs = test::source_dir() + "/docs/labs";
  // right: the reference solution; also right: a file whose own claim is
  // wrong (lab4_wrong claims 3.11 loses one update) but whose runs show the effect.
  fs::copy_file(labs + "/solutions/lab4_homework.toml", dir / "ada.toml");
  fs::copy_file(test::source_dir() + "/tests/labs/lab4_wrong.toml", dir / "bob.toml");
  // wrong: written for 3.11, so the file as written loses no updates either.
  std::ifstream in(labs + "/solutions/lab4_homework.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string on_311 = text.str();
  on_311.replace(on_311.find("version = \"3.9\""), 15, "version = \"3.11\"");
  std::ofstream(dir / "cyd.toml") << on_311;
  // unreadable: a typo in an op.
  std::ofstream(dir / "dan.toml") << "[scenario]\nname = \"x\"\n[[thread]]\nname = \"t\"\n"
                                     "run = [ { pyhton = \"1ms\" } ]\n";
  std::ofstream(dir / "eve.answers.toml") << "not a submission for a task\n";  // left out

  const std::string task = labs + "/tasks/lab4.toml";
  const test::CliRun json = test::cli({"grade", "--task", task, dir.string(), "--format", "json"});
  CHECK(json.code == ExitCode::kBadInput);  // dan's file cannot be graded
  CHECK(json.err.find("dan.toml:5:") != std::string::npos);
  const auto doc = test::parse_json(json.out);
  REQUIRE(doc.has_value());
  const auto& students = (*doc)["students"].array;
  REQUIRE(students.size() == 4);
  std::map<std::string, std::vector<bool>> got;
  for (const auto& s : students) {
    CHECK(s["topic"].string == "lab4-homework");
    if (s.object.count("error")) continue;
    for (const auto& a : s["answers"].array) got[s["student"].string].push_back(a["correct"].boolean);
  }
  CHECK(got["ada"] == std::vector<bool>{true, true, true});
  CHECK(got["bob"] == std::vector<bool>{true, true, true});
  CHECK(got["cyd"] == std::vector<bool>{true, false, true});
  CHECK(got["dan"].empty());
  CHECK(students[3]["error"].string.find("unknown key 'pyhton'") != std::string::npos);

  const test::CliRun table = test::cli({"grade", "--task", task, dir.string()});
  CHECK(table.out.find("cyd (lab4-homework, ") != std::string::npos);
  CHECK(table.out.find("wrong   submitted 0                expected races.counter.lost_updates > 0") !=
        std::string::npos);
  const test::CliRun csv = test::cli({"grade", "--task", task, dir.string(), "--format", "csv"});
  CHECK(csv.out.find("cyd,lab4-homework,") != std::string::npos);
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 1 + 3 * 3 + 1);
  const test::CliRun junit =
      test::cli({"grade", "--task", task, dir.string(), "--format", "junit"});
  CHECK(junit.out.find("tests=\"10\" failures=\"1\" errors=\"1\"") != std::string::npos);
  CHECK(valid_junit(junit.out, "task_junit"));
  fs::remove_all(dir);
}

TEST_CASE("grade: every lab's reference solution meets its task and the wrong answer does not",
          "[grade][labs]") {
  for (int lab = 1; lab <= 5; ++lab) {
    INFO("lab " << lab);
    const std::string task = fmt::format("{}/docs/labs/tasks/lab{}.toml", test::source_dir(), lab);
    const std::string right =
        fmt::format("{}/docs/labs/solutions/lab{}_homework.toml", test::source_dir(), lab);
    const test::CliRun r = test::cli({"grade", "--task", task, right, "--format", "json"});
    REQUIRE(r.code == ExitCode::kOk);
    const auto doc = test::parse_json(r.out);
    REQUIRE(doc.has_value());
    for (const auto& a : (*doc)["students"].array[0]["answers"].array) CHECK(a["correct"].boolean);
    if (lab == 4) continue;  // lab 4's wrong answer is a wrong claim about a right scenario
    const std::string wrong = fmt::format("{}/tests/labs/lab{}_wrong.toml", test::source_dir(), lab);
    const test::CliRun w = test::cli({"grade", "--task", task, wrong, "--format", "json"});
    const auto wrong_doc = test::parse_json(w.out);
    REQUIRE(wrong_doc.has_value());
    const auto& answers = (*wrong_doc)["students"].array[0]["answers"].array;
    CHECK(std::any_of(answers.begin(), answers.end(),
                      [](const auto& a) { return !a["correct"].boolean; }));
  }
}

TEST_CASE("check: --format json and junit report every expectation, valid JUnit", "[grade]") {
  const std::string right = test::source_dir() + "/docs/labs/solutions/lab4_homework.toml";
  const std::string wrong = test::source_dir() + "/tests/labs/lab4_wrong.toml";
  const test::CliRun json = test::cli({"check", right, wrong, "--format", "json"});
  CHECK(json.code == ExitCode::kCheckFailed);
  const auto doc = test::parse_json(json.out);
  REQUIRE(doc.has_value());
  CHECK((*doc)["files"].array.size() == 2);
  CHECK((*doc)["files"].array[1]["expectations"].array[1]["actual"].string == "0");
  CHECK((*doc)["files"].array[1]["expectations"].array[1]["passed"].boolean == false);
  CHECK((*doc)["files"].array[1]["expectations"].array[1]["variant"].string == "3.11");
  const test::CliRun junit = test::cli({"check", right, wrong, "--format", "junit"});
  CHECK(junit.code == ExitCode::kCheckFailed);
  CHECK(junit.out.find("<testsuites name=\"gilsim check\" tests=\"4\" failures=\"1\" errors=\"0\">") !=
        std::string::npos);
  CHECK(junit.out.find("<failure message=\"actual 0\"/>") != std::string::npos);
  CHECK(valid_junit(junit.out, "check_junit"));
}
