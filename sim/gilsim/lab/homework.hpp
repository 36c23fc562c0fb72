#pragma once
// `gilsim homework new`: randomized exercises in the manner of the OSTEP
// simulators (process-run.py, scheduler.py...). A topic and a seed choose the
// workload's parameters; the exercise is a scenario file whose opening comments
// ask questions about its run. The answers are not stored anywhere: gilsim
// computes them by running the exercise, so they are right by construction and
// the same seed always gives the same exercise and the same answers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/model/run_outcome.hpp"

namespace gilsim {

/// One number of a run: a report path ("metrics.makespan_ns") in the file as
/// written (variant "") or in one of its [[variant]]s.
struct Quantity {
  std::string variant;
  std::string metric;
};

struct HomeworkQuestion {
  std::string text;
  Quantity value;
  std::optional<Quantity> divided_by;  ///< set when the answer is a ratio
  std::string why;                     ///< the reasoning, printed with the answer
};

struct Homework {
  std::string topic;
  std::uint64_t seed = 0;
  std::string title;
  std::string intro;     ///< what the scenario is, one paragraph
  std::string scenario;  ///< the TOML, without the opening comments
  std::vector<HomeworkQuestion> questions;
  std::string student = {};  ///< set for a student's own exercise (seed from the class key)
};

struct HomeworkTopic {
  std::string_view name;
  std::string_view lab;  ///< the lab it practises, e.g. "docs/labs/lab2-convoy.md"
  std::string_view summary;
  Homework (*generate)(std::uint64_t seed);
};

/// Every topic, in the labs' order.
const std::vector<HomeworkTopic>& homework_topics();

/// The exercise for `topic` and `seed`; an unknown topic is an error listing the topics.
Result<Homework> new_homework(std::string_view topic, std::uint64_t seed);

/// The exercise as a scenario file: the questions as comments, then the scenario.
std::string render_exercise(const Homework& homework);

struct HomeworkAnswer {
  std::string value;    ///< e.g. "5.03ms", "211.5", "x 2.41"
  std::string command;  ///< the gilsim command that shows it
};

/// Runs the exercise (and the variants its questions name) and answers each question.
Result<std::vector<HomeworkAnswer>> answer_homework(const Homework& homework,
                                                    const RunLimits& limits);

/// The answers as comments, to follow render_exercise()'s text.
std::string render_answers(const Homework& homework, const std::vector<HomeworkAnswer>& answers);

/// What `gilsim homework new` prints: the exercise, then (`with_answers`) its answers.
Result<std::string> homework_file(const Homework& homework, bool with_answers,
                                  const RunLimits& limits);

}  // namespace gilsim
