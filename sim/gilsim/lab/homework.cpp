#include "gilsim/lab/homework.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "gilsim/core/time.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/fields.hpp"
#include "gilsim/report/word_wrap.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim {
namespace {

constexpr std::size_t kWidth = 80;

/// `text` as comment lines of at most kWidth columns; the first line starts
/// with `first`, the others with `rest` (both after "# ").
std::string comment_wrapped(std::string_view text, std::string_view first, std::string_view rest) {
  return word_wrapped(text, kWidth, fmt::format("# {}", first), fmt::format("# {}", rest));
}

std::string file_name(const Homework& h) {
  return h.student.empty() ? fmt::format("hw-{}-{}.toml", h.topic, h.seed)
                           : fmt::format("hw-{}-{}.toml", h.topic, h.student);
}

std::string run_command(const Homework& h, const std::string& variant) {
  return variant.empty() ? fmt::format("gilsim run {}", file_name(h))
                         : fmt::format("gilsim run {} --variant '{}'", file_name(h), variant);
}

/// A real for readers: whole from 10000 up ("41127"), 4 significant digits below ("210.2").
std::string number_text(double v) {
  return std::abs(v) >= 1e4 ? fmt::format("{:.0f}", v) : fmt::format("{:.4g}", v);
}

/// A quantity as the answers name it: "loops.request.io.rate [alone]".
std::string quantity_text(const Quantity& q) {
  return q.variant.empty() ? q.metric : fmt::format("{} [{}]", q.metric, q.variant);
}

/// A field's value as a reader writes it: durations with units, reals to 4 digits.
std::string answer_text(const Field& f) {
  if (f.is_duration) return format_duration(f.integer);
  if (f.kind == Field::Kind::kInteger) return fmt::format("{}", f.integer);
  if (f.kind == Field::Kind::kReal) return number_text(f.real);
  return f.value_text();
}

std::optional<double> numeric(const Field& f) {
  if (f.kind == Field::Kind::kInteger) return static_cast<double>(f.integer);
  if (f.kind == Field::Kind::kReal) return f.real;
  return std::nullopt;
}

/// The runs a homework's answers need, each simulated once.
class Runs {
 public:
  Runs(const Homework& h, const RunLimits& limits) : homework_(h), limits_(limits) {}

  Result<Field> field(const Quantity& q) {
    auto run = runs_.find(q.variant);
    if (run == runs_.end()) {
      Result<std::vector<Field>> fields = simulate_variant(q.variant);
      if (!fields.ok()) return fields.error();
      run = runs_.emplace(q.variant, std::move(fields.value())).first;
    }
    for (const Field& f : run->second) {
      if (f.path == q.metric) return f;
    }
    return error(fmt::format("the report has no '{}'", q.metric));
  }

 private:
  InputError error(std::string message) const {
    return InputError{file_name(homework_), 0, 0, std::move(message), ""};
  }

  Result<std::vector<Field>> simulate_variant(const std::string& variant) {
    const std::string path = file_name(homework_);
    Result<Scenario> s = variant.empty() ? parse_scenario(homework_.scenario, path)
                                         : parse_variant(homework_.scenario, path, variant);
    if (!s.ok()) return s.error();
    const SimulateResult r = simulate(s.value(), SimulateOptions{limits_, {}});
    if (const auto why = why_unfinished(r.outcome, limits_)) {
      const std::string run = variant.empty() ? "" : fmt::format(" of '{}'", variant);
      return error(fmt::format("the run{} did not finish: {}", run, *why));
    }
    return flatten(r.report);
  }

  const Homework& homework_;
  RunLimits limits_;
  std::map<std::string, std::vector<Field>> runs_;
};

}  // namespace

Result<Homework> new_homework(std::string_view topic, std::uint64_t seed) {
  std::vector<std::string> names;
  for (const HomeworkTopic& t : homework_topics()) {
    if (t.name == topic) return t.generate(seed);
    names.push_back(std::string(t.name));
  }
  return InputError{fmt::format("--topic {}", topic), 0, 0,
                    fmt::format("unknown topic '{}'; topics: {}", topic, fmt::join(names, ", ")),
                    ""};
}

std::string render_exercise(const Homework& h) {
  std::string out =
      h.student.empty()
          ? fmt::format("# gilsim homework: {} (topic {}, seed {})\n#\n", h.title, h.topic, h.seed)
          : fmt::format("# gilsim homework: {} (topic {}, for {})\n#\n", h.title, h.topic,
                        h.student);
  out += comment_wrapped(
      h.student.empty()
          ? fmt::format("Made by `gilsim homework new --topic {} --seed {}`: the same command "
                        "always gives the same exercise, and `--answers` prints gilsim's "
                        "solutions. Save it as {} and run it with `{}`.",
                        h.topic, h.seed, file_name(h), run_command(h, ""))
          : fmt::format("Your own exercise, {}: your instructor made it from the class key and "
                        "will grade your answers against it. Save it as {} and run it with "
                        "`{}`; hand in your answers as shown below the questions.",
                        h.student, file_name(h), run_command(h, "")),
      "", "");
  out += "#\n" + comment_wrapped(h.intro, "", "") + "#\n";
  out +=
      "# Questions. Predict each answer first and write down why; then check it\n"
      "# with gilsim (`gilsim compare` runs every variant at once).\n#\n";
  for (std::size_t i = 0; i < h.questions.size(); ++i) {
    out += comment_wrapped(h.questions[i].text, fmt::format("{}. ", i + 1), "   ");
  }
  if (!h.student.empty()) {
    const std::string name = file_name(h);
    out += fmt::format(
        "#\n# To hand in, write a file {}.answers.toml (`gilsim grade` reads it):\n"
        "#   student = \"{}\"\n#   topic = \"{}\"\n#   [answers]\n",
        name.substr(0, name.size() - 5), h.student, h.topic);
    for (std::size_t i = 0; i < h.questions.size(); ++i) {
      out += fmt::format("#   {} = {}\n", i + 1,
                         i == 0 ? "...      # a number, or a duration such as \"5.1ms\"" : "...");
    }
  }
  return out + "\n" + h.scenario;
}

Result<std::vector<HomeworkAnswer>> answer_homework(const Homework& h, const RunLimits& limits) {
  Runs runs(h, limits);
  std::vector<HomeworkAnswer> answers;
  for (const HomeworkQuestion& q : h.questions) {
    Result<Field> value = runs.field(q.value);
    if (!value.ok()) return value.error();
    std::string command = run_command(h, q.value.variant);
    if (!q.divided_by) {
      answers.push_back({answer_text(value.value()), command});
      continue;
    }
    Result<Field> divisor = runs.field(*q.divided_by);
    if (!divisor.ok()) return divisor.error();
    const auto a = numeric(value.value()), b = numeric(divisor.value());
    const std::string ratio = a && b && *b != 0 ? number_text(*a / *b) : std::string("undefined");
    answers.push_back(
        {fmt::format("{} ({} / {})", ratio, answer_text(value.value()),
                     answer_text(divisor.value())),
         q.divided_by->variant == q.value.variant
             ? command
             : fmt::format("{}; {}", command, run_command(h, q.divided_by->variant))});
  }
  return answers;
}

std::string render_answers(const Homework& h, const std::vector<HomeworkAnswer>& answers) {
  std::string out = "\n# Answers, computed by gilsim from this file.\n#\n";
  for (std::size_t i = 0; i < answers.size() && i < h.questions.size(); ++i) {
    const HomeworkQuestion& q = h.questions[i];
    const std::string path =
        q.divided_by ? fmt::format("{} / {}", quantity_text(q.value), quantity_text(*q.divided_by))
                     : quantity_text(q.value);
    out += comment_wrapped(fmt::format("{}  ({})", answers[i].value, path),
                           fmt::format("{}. ", i + 1), "   ");
    out += comment_wrapped(fmt::format("Seen with: {}", answers[i].command), "   ", "     ");
    out += comment_wrapped(fmt::format("Why: {}", q.why), "   ", "     ");
  }
  return out;
}

Result<std::string> homework_file(const Homework& homework, bool with_answers,
                                  const RunLimits& limits) {
  std::string text = render_exercise(homework);
  if (!with_answers) return text;
  const Result<std::vector<HomeworkAnswer>> answers = answer_homework(homework, limits);
  if (!answers.ok()) return answers.error();
  return text + render_answers(homework, answers.value());
}

}  // namespace gilsim
