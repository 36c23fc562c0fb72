#include "gilsim/lab/grade.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "gilsim/lab/class_key.hpp"
#include "gilsim/lab/homework.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/report/json_writer.hpp"
#include "gilsim/report/junit.hpp"
#include "gilsim/lab/expect.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim {
namespace {

bool close_enough(double submitted, double expected, double tolerance) {
  return std::fabs(submitted - expected) <= tolerance * std::fabs(expected);
}

std::string suite_name(const StudentGrade& g) {
  return g.student.empty() ? g.file : fmt::format("{} ({})", g.student, g.topic);
}

}  // namespace

int StudentGrade::correct() const {
  return static_cast<int>(std::count_if(questions.begin(), questions.end(),
                                        [](const QuestionGrade& q) { return q.correct; }));
}

std::optional<double> answer_number(std::string_view text) {
  std::string t(text);
  if (t.rfind("x ", 0) == 0) t = t.substr(2);
  const std::string first = t.substr(0, t.find(' '));  // "0.64 (58ms / 91ms)" -> "0.64"
  char* end = nullptr;
  const double v = std::strtod(first.c_str(), &end);
  if (first.empty() || end == first.c_str() || !std::isfinite(v)) return std::nullopt;
  // A duration in any unit, with any number of decimals ("30.9515us"), in ns.
  const std::string unit(end);
  for (const auto& [name, ns] : {std::pair<const char*, double>{"", 1}, {"ns", 1}, {"us", 1e3},
                                 {"ms", 1e6}, {"s", 1e9}}) {
    if (unit == name) return v * ns;
  }
  return std::nullopt;
}

StudentGrade grade_sheet(const AnswerSheet& sheet, const std::string& key_text,
                         const std::string& key_path, const GradeOptions& options) {
  const Result<std::uint64_t> seed = student_seed(key_text, key_path, sheet.topic, sheet.student);
  if (!seed.ok()) {
    StudentGrade g{sheet.path, sheet.student, sheet.topic, {}, ""};
    g.error = seed.error().to_string();
    return g;
  }
  return grade_sheet_for_seed(sheet, seed.value(), options);
}

StudentGrade grade_sheet_for_seed(const AnswerSheet& sheet, std::uint64_t seed,
                                  const GradeOptions& options) {
  StudentGrade g{sheet.path, sheet.student, sheet.topic, {}, ""};
  Result<Homework> homework = new_homework(sheet.topic, seed);
  if (!homework.ok()) {
    g.error = InputError{sheet.path, 0, 0, homework.error().message, ""}.to_string();
    return g;
  }
  homework.value().student = sheet.student;
  const Result<std::vector<HomeworkAnswer>> key = answer_homework(homework.value(), options.limits);
  if (!key.ok()) {
    g.error = key.error().to_string();
    return g;
  }
  for (std::size_t i = 0; i < key.value().size(); ++i) {
    QuestionGrade q;
    q.number = static_cast<int>(i) + 1;
    q.question = homework.value().questions[i].text;
    q.expected = key.value()[i].value;
    const auto given = sheet.answers.find(q.number);
    if (given != sheet.answers.end()) {
      q.submitted = given->second;
      const auto a = answer_number(q.submitted), b = answer_number(q.expected);
      q.correct = a && b && close_enough(*a, *b, options.tolerance);
    }
    g.questions.push_back(std::move(q));
  }
  return g;
}

StudentGrade grade_submission(const std::string& path, const Task& task,
                              const GradeOptions& options) {
  StudentGrade g{path, std::filesystem::path(path).stem().string(), task.name, {}, ""};
  const Result<ScenarioDocument> document = ScenarioDocument::read(path);
  Result<Scenario> submission =
      document.ok() ? document.value().decode() : Result<Scenario>(document.error());
  if (!submission.ok()) {
    g.error = submission.error().to_string();
    return g;
  }
  // The task's claims, not the student's, are what the submission is graded on.
  submission.value().expectations = task.expectations;
  const Result<std::vector<ExpectationResult>> results =
      check_expectations(document.value(), submission.value(), options.limits);
  if (!results.ok()) {
    g.error = results.error().to_string();
    return g;
  }
  for (const ExpectationResult& r : results.value()) {
    const Expectation& e = r.expectation;
    QuestionGrade q;
    q.number = static_cast<int>(g.questions.size()) + 1;
    q.question = e.description.empty() ? fmt::format("{} {} {}", e.metric, e.op, e.value)
                                        : e.description;
    if (!e.variant.empty()) q.question += fmt::format(" [variant {}]", e.variant);
    q.expected = fmt::format("{} {} {}", e.metric, e.op, e.value);
    q.submitted = r.actual;
    q.correct = r.passed;
    g.questions.push_back(std::move(q));
  }
  return g;
}

StudentGrade ungradable(const std::string& file, const InputError& error) {
  return StudentGrade{file, "", "", {}, error.to_string()};
}

std::string grades_table(const std::vector<StudentGrade>& grades) {
  std::string out;
  for (const StudentGrade& g : grades) {
    if (!g.error.empty()) {
      out += fmt::format("{}: not graded: {}", g.file, g.error);
      continue;
    }
    out += fmt::format("{} ({}, {}): {}/{} correct\n", g.student, g.topic, g.file, g.correct(),
                       g.questions.size());
    for (const QuestionGrade& q : g.questions) {
      out += fmt::format("  {:>2}. {:<7} submitted {:<16} expected {}\n", q.number,
                         q.correct ? "right" : q.submitted.empty() ? "missing" : "wrong",
                         q.submitted.empty() ? "-" : q.submitted, q.expected);
    }
  }
  return out;
}

std::string grades_csv(const std::vector<StudentGrade>& grades) {
  std::string out = "student,topic,file,question,submitted,expected,correct\n";
  for (const StudentGrade& g : grades) {
    if (!g.error.empty()) {
      out += fmt::format("{},{},{},,,,error\n", csv_field(g.student), csv_field(g.topic),
                         csv_field(g.file));
      continue;
    }
    for (const QuestionGrade& q : g.questions) {
      out += fmt::format("{},{},{},{},{},{},{}\n", csv_field(g.student), csv_field(g.topic),
                         csv_field(g.file), q.number, csv_field(q.submitted),
                         csv_field(q.expected), q.correct ? "true" : "false");
    }
  }
  return out;
}

std::string grades_json(const std::vector<StudentGrade>& grades) {
  JsonWriter w;
  w.begin_object("");
  w.begin_array("students");
  for (const StudentGrade& g : grades) {
    w.begin_object("");
    w.string("file", g.file);
    w.string("student", g.student);
    w.string("topic", g.topic);
    if (!g.error.empty()) {
      w.string("error", g.error);
    } else {
      w.integer("correct", g.correct());
      w.integer("questions", static_cast<std::int64_t>(g.questions.size()));
      w.begin_array("answers");
      for (const QuestionGrade& q : g.questions) {
        w.begin_object("");
        w.integer("question", q.number);
        w.string("text", q.question);
        w.string("submitted", q.submitted);
        w.string("expected", q.expected);
        w.raw("correct", q.correct ? "true" : "false");
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.finish();
}

std::string grades_junit(const std::vector<StudentGrade>& grades) {
  std::vector<JunitSuite> suites;
  for (const StudentGrade& g : grades) {
    JunitSuite& suite = suites.emplace_back();
    suite.name = suite_name(g);
    suite.error = g.error;
    for (const QuestionGrade& q : g.questions) {
      suite.cases.push_back(JunitCase{
          fmt::format("{}. {}", q.number, q.question), !q.correct,
          q.submitted.empty() ? fmt::format("no answer; expected {}", q.expected)
                              : fmt::format("submitted {}, expected {}", q.submitted, q.expected)});
    }
  }
  return junit_xml("gilsim grade", suites);
}

}  // namespace gilsim
