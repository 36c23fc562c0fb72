// The teaching commands: homework (and the notebooks of the labs).
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <charconv>
#include <ostream>

#include "cli/args.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "gilsim/lab/homework.hpp"

namespace gilsim::cli {

// --- homework -------------------------------------------------------------------

namespace {

std::optional<std::uint64_t> parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return seed;
}

ExitCode list_topics(Io io) {
  for (const HomeworkTopic& t : homework_topics()) {
    fmt::print(io.out, "{:<10}  {} ({})\n", t.name, t.summary, t.lab);
  }
  return ExitCode::kOk;
}

}  // namespace

ExitCode cmd_homework(const ParsedArgs& args, Io io) {
  const std::string what = args.positional.empty() ? "" : args.positional[0];
  if (args.positional.size() == 1 && what == "topics") return list_topics(io);
  if (args.positional.size() != 1 || what != "new") {
    return usage_error(io, "homework", "expected 'new' or 'topics'");
  }
  const auto topic = args.value("topic");
  const auto seed_text = args.value("seed");
  if (!topic || !seed_text) return usage_error(io, "homework", "--topic and --seed are required");
  const auto seed = parse_seed(*seed_text);
  if (!seed) {
    fmt::print(io.err, "--seed {}: error: expected a whole number from 0 to 2^64-1\n", *seed_text);
    return ExitCode::kBadInput;
  }
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  Result<Homework> homework = new_homework(*topic, *seed);
  if (!homework.ok()) {
    fmt::print(io.err, "{}", homework.error().to_string());
    return ExitCode::kBadInput;
  }
  std::string text = render_exercise(homework.value());
  if (args.has("answers")) {
    Result<std::vector<HomeworkAnswer>> answers = answer_homework(homework.value(), *limits);
    if (!answers.ok()) {
      fmt::print(io.err, "{}", answers.error().to_string());
      return ExitCode::kBadInput;
    }
    text += render_answers(homework.value(), answers.value());
  }
  io.out << text;
  return ExitCode::kOk;
}

}  // namespace gilsim::cli
