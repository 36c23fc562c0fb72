#pragma once
// Grading a class's homework (`gilsim grade`). Answer sheets: each names its
// student and topic; the student's exercise is regenerated from the class key
// (lab/class_key.hpp), answered by gilsim, and each submitted answer compared
// with gilsim's within a relative tolerance. Scenario files ("write a scenario
// that shows X"): each is run and held to the instructor's task
// (scenario/task.hpp). Written as a table, CSV, JSON or
// JUnit XML (what autograders and CI systems read).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/answer_sheet.hpp"
#include "gilsim/scenario/task.hpp"

namespace gilsim {

struct QuestionGrade {
  int number = 0;
  std::string question;
  std::string expected;   ///< gilsim's answer, as `--answers` prints it
  std::string submitted;  ///< "" when the sheet has no answer to it
  bool correct = false;
};

struct StudentGrade {
  std::string file;
  std::string student;
  std::string topic;
  std::vector<QuestionGrade> questions;
  std::string error;  ///< why the sheet could not be graded; then `questions` is empty
  int correct() const;
};

struct GradeOptions {
  double tolerance = 0.05;  ///< relative: |submitted - expected| <= tolerance * |expected|
  RunLimits limits;
};

/// The number an answer stands for: "5.1ms" -> 5100000 (durations in ns),
/// "x 2.4" -> 2.4, "0.64 (58ms / 91ms)" -> 0.64; nullopt for text that is none.
std::optional<double> answer_number(std::string_view text);

/// Grades `sheet` against the exercise the class key `key_text` (from
/// `key_path`) gives its student and topic.
StudentGrade grade_sheet(const AnswerSheet& sheet, const std::string& key_text,
                         const std::string& key_path, const GradeOptions& options);

/// Grades `sheet` against the exercise of `gilsim homework new --topic TOPIC
/// --seed SEED` (TOPIC from the sheet): a student checking their own answers.
StudentGrade grade_sheet_for_seed(const AnswerSheet& sheet, std::uint64_t seed,
                                  const GradeOptions& options);

/// Grades the scenario file `path` (a "write a scenario that shows X"
/// submission, named by the student's id: alice.toml) against `task`: each of
/// the task's claims is a question, answered by the submission's run. What the
/// student claimed in the file's own [[expect]]s does not count.
StudentGrade grade_submission(const std::string& path, const Task& task,
                              const GradeOptions& options);

/// A sheet that could not be read, as a grade that carries the error.
StudentGrade ungradable(const std::string& file, const InputError& error);

std::string grades_table(const std::vector<StudentGrade>& grades);
std::string grades_csv(const std::vector<StudentGrade>& grades);
std::string grades_json(const std::vector<StudentGrade>& grades);
/// JUnit XML: a <testsuite> per student, a <testcase> per question, a
/// <failure> for a wrong or missing answer, an <error> for an unreadable sheet.
std::string grades_junit(const std::vector<StudentGrade>& grades);

}  // namespace gilsim
