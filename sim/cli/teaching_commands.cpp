// The teaching commands: homework, and the labs as notebooks.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>  // getpid: a scratch folder of our own

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/args.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "gilsim/core/input_file.hpp"
#include "gilsim/lab/class_key.hpp"
#include "gilsim/lab/grade.hpp"
#include "gilsim/lab/homework.hpp"
#include "gilsim/lab/lab_page.hpp"
#include "gilsim/lab/notebook.hpp"
#include "gilsim/scenario/answer_sheet.hpp"

namespace gilsim::cli {

// --- homework -------------------------------------------------------------------

namespace {

/// A seed the exercise's `scenario.seed` can hold: TOML integers are signed 64-bit.
std::optional<std::uint64_t> parse_seed(const std::string& text) {
  std::int64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error != std::errc() || end != text.data() + text.size() || seed < 0) return std::nullopt;
  return static_cast<std::uint64_t>(seed);
}

ExitCode list_topics(Io io) {
  for (const HomeworkTopic& t : homework_topics()) {
    fmt::print(io.out, "{:<10}  {} ({})\n", t.name, t.summary, t.lab);
  }
  return ExitCode::kOk;
}

}  // namespace

namespace {

/// The class key's text from --secret-file, or nullopt having said why not.
std::optional<std::string> class_key(const ParsedArgs& args, Io io) {
  const auto path = args.value("secret-file");
  if (!path) return std::nullopt;
  const Result<std::string> text = read_input_file(*path, "the class key");
  if (!text.ok()) {
    fmt::print(io.err, "{}", text.error().to_string());
    return std::nullopt;
  }
  return text.value();
}

/// The exercise --seed S, or --student ID with --secret-file KEY, asks for.
std::optional<Homework> requested_homework(const ParsedArgs& args, const std::string& topic,
                                           Io io) {
  const auto seed_text = args.value("seed");
  const auto student = args.value("student");
  if (seed_text && student) {
    usage_error(io, "homework", "give --seed or --student, not both");
    return std::nullopt;
  }
  std::uint64_t seed = 0;
  if (student) {
    if (!args.has("secret-file")) {
      usage_error(io, "homework", "--student needs --secret-file (the class key)");
      return std::nullopt;
    }
    const auto key = class_key(args, io);
    if (!key) return std::nullopt;
    const Result<std::uint64_t> derived =
        student_seed(*key, *args.value("secret-file"), topic, *student);
    if (!derived.ok()) {
      fmt::print(io.err, "{}", derived.error().to_string());
      return std::nullopt;
    }
    seed = derived.value();
  } else if (seed_text) {
    const auto parsed = parse_seed(*seed_text);
    if (!parsed) {
      fmt::print(io.err, "--seed {}: error: expected a whole number from 0 to 2^63-1\n",
                 *seed_text);
      return std::nullopt;
    }
    seed = *parsed;
  } else {
    usage_error(io, "homework", "--topic and --seed (or --student and --secret-file) are required");
    return std::nullopt;
  }
  Result<Homework> homework = new_homework(topic, seed);
  if (!homework.ok()) {
    fmt::print(io.err, "{}", homework.error().to_string());
    return std::nullopt;
  }
  if (student) homework.value().student = *student;
  return std::move(homework.value());
}

}  // namespace

ExitCode cmd_homework(const ParsedArgs& args, Io io) {
  const std::string what = args.positional.empty() ? "" : args.positional[0];
  if (args.positional.size() == 1 && what == "topics") return list_topics(io);
  if (args.positional.size() == 1 && what == "key") {
    io.out << new_class_key() << "\n";
    return ExitCode::kOk;
  }
  if (args.positional.size() != 1 || what != "new") {
    return usage_error(io, "homework", "expected 'new', 'key' or 'topics'");
  }
  const auto topic = args.value("topic");
  if (!topic) {
    return usage_error(io, "homework", "--topic and --seed (or --student and --secret-file) are required");
  }
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  const std::optional<Homework> homework = requested_homework(args, *topic, io);
  if (!homework) return ExitCode::kBadInput;
  const Result<std::string> text = homework_file(*homework, args.has("answers"), *limits);
  if (!text.ok()) {
    fmt::print(io.err, "{}", text.error().to_string());
    return ExitCode::kBadInput;
  }
  io.out << text.value();
  return ExitCode::kOk;
}

// --- grade ----------------------------------------------------------------------

namespace {

/// The files named: files as given, each folder's files that `wanted` accepts, sorted.
template <typename Wanted>
std::vector<std::string> files_named(const std::vector<std::string>& named, Wanted wanted) {
  std::vector<std::string> paths;
  for (const std::string& n : named) {
    std::error_code error;
    if (!std::filesystem::is_directory(n, error)) {
      paths.push_back(n);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(n, error)) {
      if (wanted(e.path().filename().string())) found.push_back(e.path().string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) found.push_back(n);  // reported: a folder is not a submission
    paths.insert(paths.end(), found.begin(), found.end());
  }
  return paths;
}

/// Answer sheets: each student's exercise regenerated from the class key.
std::optional<std::vector<StudentGrade>> grade_answer_sheets(const ParsedArgs& args,
                                                             const GradeOptions& options, Io io) {
  const auto key = class_key(args, io);
  if (!key) return std::nullopt;
  std::vector<StudentGrade> grades;
  const auto sheets = files_named(args.positional, [](const std::string& name) {
    return name.ends_with(".answers.toml");
  });
  for (const std::string& path : sheets) {
    const Result<AnswerSheet> sheet = load_answer_sheet(path);
    grades.push_back(sheet.ok()
                         ? grade_sheet(sheet.value(), *key, *args.value("secret-file"), options)
                         : ungradable(path, sheet.error()));
  }
  return grades;
}

/// Scenario files, held to the instructor's task.
std::optional<std::vector<StudentGrade>> grade_scenarios(const ParsedArgs& args,
                                                         const GradeOptions& options, Io io) {
  const Result<Task> task = load_task(*args.value("task"));
  if (!task.ok()) {
    fmt::print(io.err, "{}", task.error().to_string());
    return std::nullopt;
  }
  std::vector<StudentGrade> grades;
  const auto submissions = files_named(args.positional, [](const std::string& name) {
    return name.ends_with(".toml") && !name.ends_with(".answers.toml");
  });
  for (const std::string& path : submissions) {
    grades.push_back(grade_submission(path, task.value(), options));
  }
  return grades;
}

}  // namespace

ExitCode cmd_grade(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "grade", "expected submissions or folders");
  if (args.has("secret-file") == args.has("task")) {
    return usage_error(io, "grade",
                       "give --secret-file KEY (answer sheets) or --task TASK.toml (scenario "
                       "files), one of them");
  }
  const std::optional<std::string> chosen =
      format_from(args, "grade", {"table", "csv", "json", "junit"}, io);
  if (!chosen) return ExitCode::kBadInput;
  const std::string& format = *chosen;
  GradeOptions options;
  if (const auto t = args.value("tolerance")) {
    char* end = nullptr;
    options.tolerance = std::strtod(t->c_str(), &end);
    if (t->empty() || end != t->c_str() + t->size() || !(options.tolerance >= 0) ||
        options.tolerance > 1) {
      fmt::print(io.err, "--tolerance {}: error: expected a fraction from 0 to 1, e.g. 0.05\n",
                 *t);
      return ExitCode::kBadInput;
    }
  }
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  options.limits = *limits;
  const std::optional<std::vector<StudentGrade>> grades =
      args.has("task") ? grade_scenarios(args, options, io) : grade_answer_sheets(args, options, io);
  if (!grades) return ExitCode::kBadInput;
  bool unreadable = false;
  for (const StudentGrade& g : *grades) {
    if (!g.error.empty()) fmt::print(io.err, "{}", g.error);
    unreadable = unreadable || !g.error.empty();
  }
  if (format == "csv") {
    io.out << grades_csv(*grades);
  } else if (format == "json") {
    io.out << grades_json(*grades);
  } else if (format == "junit") {
    io.out << grades_junit(*grades);
  } else {
    io.out << grades_table(*grades);
  }
  // Wrong answers are results; a submission that could not be graded is bad input.
  return unreadable ? ExitCode::kBadInput : ExitCode::kOk;
}

// --- notebook -------------------------------------------------------------------

namespace {

namespace fs = std::filesystem;

/// The options whose value is a file the command writes.
bool writes_file(std::string_view option) {
  return option == "--timeline" || option == "--plot" || option == "--html" ||
         option == "--trace" || option == "--csv";
}

/// A lab command's outputs: what it printed, then the pictures it drew. Files
/// go to `scratch` (under their own names), so the lab's folder stays clean.
std::optional<std::vector<NotebookOutput>> run_lab_command(const std::string& command,
                                                           const fs::path& scratch,
                                                           const std::string& page, Io io) {
  std::vector<std::string> words = shell_words(command);
  words.erase(words.begin());  // "gilsim"
  if (!words.empty() && words[0] == "notebook") {
    fmt::print(io.err, "{}: error: `{}`: a lab's notebook cannot run gilsim notebook\n", page,
               command);
    return std::nullopt;
  }
  std::vector<std::pair<std::string, fs::path>> files;  // (name as written, where it went)
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string& w = words[i];
    const std::size_t eq = w.find('=');
    if (eq != std::string::npos && writes_file(std::string_view(w).substr(0, eq))) {
      files.emplace_back(w.substr(eq + 1), scratch / fs::path(w.substr(eq + 1)).filename());
      w = w.substr(0, eq + 1) + files.back().second.string();
    } else if (writes_file(w) && i + 1 < words.size()) {
      files.emplace_back(words[i + 1], scratch / fs::path(words[i + 1]).filename());
      words[++i] = files.back().second.string();
    }
  }
  std::ostringstream out, err;
  const ExitCode code = run_cli(words, out, err);
  if (code != ExitCode::kOk) {
    fmt::print(io.err,
               "{}: error: `{}` exited with {}\n{}(the lab's commands run from the current "
               "folder: run gilsim notebook from the repository's top folder)\n",
               page, command, static_cast<int>(code), err.str());
    return std::nullopt;
  }
  std::vector<NotebookOutput> outputs;
  if (!out.str().empty()) outputs.push_back({NotebookOutput::Kind::kStdout, out.str(), ""});
  for (const auto& [name, path] : files) {
    if (path.extension() != ".svg") continue;  // pictures are shown; other files only written
    std::ifstream in(path);
    std::ostringstream svg;
    svg << in.rdbuf();
    outputs.push_back({NotebookOutput::Kind::kSvg, svg.str(), name});
  }
  return outputs;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const std::size_t start = text.find_first_not_of('\n');
  return start == std::string::npos ? "" : text.substr(start);
}

/// The notebook's first code cell, for running it again in Jupyter.
constexpr std::string_view kSetupCell =
    "# The lab's commands run from the repository's top folder, with gilsim on the PATH.\n"
    "import os, pathlib\n"
    "here = pathlib.Path.cwd()\n"
    "top = next(p for p in [here, *here.parents] if (p / \"scenarios\").is_dir())\n"
    "os.chdir(top)\n"
    "os.environ[\"PATH\"] = f\"{top / 'build' / 'sim'}{os.pathsep}{os.environ['PATH']}\"";

/// An empty folder under TMPDIR where the lab's commands write their files, or
/// nullopt having said why there is none (TMPDIR missing, not a folder, read-only).
std::optional<fs::path> scratch_folder(const std::string& page, Io io) {
  std::error_code error;
  fs::path scratch = fs::temp_directory_path(error);
  if (!error) {
    scratch /= fmt::format("gilsim-notebook-{}", getpid());
    fs::remove_all(scratch, error);
    if (!error) fs::create_directories(scratch, error);
  }
  if (!error) return scratch;
  fmt::print(io.err,
             "{}: error: cannot make a folder for the lab's output files ({}); set TMPDIR to a "
             "writable folder\n",
             page, error.message());
  return std::nullopt;
}

/// The notebook of one lab page, with every command run.
std::optional<std::string> lab_notebook(const std::string& page, Io io) {
  Result<std::vector<LabBlock>> blocks = read_lab_page(page);
  if (!blocks.ok()) {
    fmt::print(io.err, "{}", blocks.error().to_string());
    return std::nullopt;
  }
  const std::optional<fs::path> scratch = scratch_folder(page, io);
  if (!scratch) return std::nullopt;
  std::vector<NotebookCell> cells;
  cells.push_back({NotebookCell::Kind::kMarkdown,
                   fmt::format("*Made by `gilsim notebook {}` from the lab page: every output "
                               "below was computed by gilsim when the notebook was made. To run "
                               "the cells again, build gilsim (`./build.sh demo`) and run the "
                               "next cell first: it moves to the repository's top folder, where "
                               "the lab's paths start, and puts `build/sim` on the PATH.*",
                               page),
                   {}});
  cells.push_back({NotebookCell::Kind::kCode, std::string(kSetupCell), {}});
  bool ok = true;
  for (const LabBlock& block : blocks.value()) {
    if (block.kind == LabBlock::Kind::kMarkdown) {
      const std::string text = trimmed(block.markdown);
      if (!text.empty()) cells.push_back({NotebookCell::Kind::kMarkdown, text, {}});
      continue;
    }
    for (const std::string& command : block.commands) {
      auto outputs = run_lab_command(command, *scratch, page, io);
      if (!outputs) {
        ok = false;
        break;
      }
      cells.push_back({NotebookCell::Kind::kCode, "!" + command, std::move(*outputs)});
    }
    if (!ok) break;
  }
  std::error_code ignored;
  fs::remove_all(*scratch, ignored);
  if (!ok) return std::nullopt;
  return notebook_json(cells, fs::path(page).stem().string());
}

}  // namespace

ExitCode cmd_notebook(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "notebook", "expected at least one LAB.md");
  const auto out_file = args.value("out");
  const auto out_dir = args.value("out-dir");
  if (out_file && out_dir) return usage_error(io, "notebook", "give --out or --out-dir, not both");
  if (out_file && args.positional.size() != 1) {
    return usage_error(io, "notebook", "--out takes one lab; use --out-dir for several");
  }
  if (!out_file && !out_dir && args.positional.size() != 1) {
    return usage_error(io, "notebook", "several labs need --out-dir");
  }
  for (const std::string& page : args.positional) {
    const std::optional<std::string> notebook = lab_notebook(page, io);
    if (!notebook) return ExitCode::kBadInput;
    if (out_file) {
      if (!write_file(*out_file, *notebook, "notebook", io)) return ExitCode::kBadInput;
    } else if (out_dir) {
      const fs::path path = fs::path(*out_dir) / fs::path(page).stem().concat(".ipynb");
      if (!write_file(path.string(), *notebook, "notebook", io)) return ExitCode::kBadInput;
      fmt::print(io.err, "wrote {}\n", path.string());
    } else {
      io.out << *notebook;
    }
  }
  return ExitCode::kOk;
}

}  // namespace gilsim::cli
