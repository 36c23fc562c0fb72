// gilsim in the browser: the library's requests (lab/request.hpp) for
// JavaScript, through embind. Every function takes a request object
//   { text, name, variant, sets: [[KEY, VALUE], ...], seed, maxEvents }
// and returns { ok: true, ... } with the CLI's own outputs (the JSON report's
// exact bytes, tables, CSV, SVG), or { ok: false, error: { file, line,
// column, message, text } } where text is what the CLI prints. The page's Web
// Worker (sim/web/src/worker.js) calls them; tests/web/same_bytes.mjs compares
// them with the CLI under node.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <charconv>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "gilsim/lab/grade.hpp"
#include "gilsim/lab/homework.hpp"
#include "gilsim/lab/request.hpp"
#include "gilsim/report/writers.hpp"

using emscripten::val;

namespace gilsim::web {
namespace {

std::vector<std::string> strings_of(const val& array) {
  std::vector<std::string> out;
  if (array.isUndefined() || array.isNull()) return out;
  const int n = array["length"].as<int>();
  for (int i = 0; i < n; ++i) out.push_back(array[i].as<std::string>());
  return out;
}

std::optional<std::string> optional_string(const val& v) {
  if (v.isUndefined() || v.isNull()) return std::nullopt;
  const std::string s = v.as<std::string>();
  if (s.empty()) return std::nullopt;
  return s;
}

/// Decimal text as a whole number (JavaScript numbers cannot hold every 64-bit value).
std::optional<std::uint64_t> whole(const std::string& text) {
  std::uint64_t v = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

Result<Request> request_of(const val& js) {
  Request r;
  r.text = js["text"].as<std::string>();
  if (auto name = optional_string(js["name"])) r.name = *name;
  r.variant = optional_string(js["variant"]);
  const val sets = js["sets"];
  if (!sets.isUndefined() && !sets.isNull()) {
    const int n = sets["length"].as<int>();
    for (int i = 0; i < n; ++i) {
      const std::string key = sets[i][0].as<std::string>();
      const std::string value = sets[i][1].as<std::string>();
      r.sets.push_back(Override{key, value, "set " + key + "=" + value});
    }
  }
  if (auto seed = optional_string(js["seed"])) {
    r.seed = whole(*seed);
    if (!r.seed) return InputError{"seed", 0, 0, "the seed must be a non-negative integer", ""};
  }
  if (auto max = optional_string(js["maxEvents"])) {
    const auto v = whole(*max);
    if (!v) return InputError{"max events", 0, 0, "expected a whole number", ""};
    r.limits.max_events = *v;
  }
  return r;
}

val failure(const InputError& e) {
  val error = val::object();
  error.set("file", e.file);
  error.set("line", e.line);
  error.set("column", e.column);
  error.set("message", e.message);
  error.set("text", e.to_string());
  val out = val::object();
  out.set("ok", false);
  out.set("error", error);
  return out;
}

val success() {
  val out = val::object();
  out.set("ok", true);
  return out;
}

/// `call(request)` for the request `js` describes; an error either way is a failure.
template <class Call>
auto with_request(const val& js, Call call) -> decltype(call(std::declval<Request&>())) {
  Result<Request> request = request_of(js);
  if (!request.ok()) return request.error();
  return call(request.value());
}

val run(const val& js) {
  const Result<RunOutput> r = with_request(js, [](Request& q) { return run_request(q); });
  if (!r.ok()) return failure(r.error());
  val out = success();
  out.set("json", r.value().json);
  out.set("table", r.value().table);
  return out;
}

/// The timeline from `from` to `to` (ns as decimal text; "" for the end), and
/// the GIL-wait histograms.
val pictures(const val& js, const std::string& from, const std::string& to, bool core_lanes) {
  TimelineOptions options;
  const std::optional<std::uint64_t> a = from.empty() ? 0 : whole(from);
  const std::optional<std::uint64_t> b = to.empty() ? std::optional<std::uint64_t>() : whole(to);
  if (!a || (!to.empty() && !b)) return failure(InputError{"window", 0, 0, "expected ns", ""});
  options.from = static_cast<Tick>(*a);
  options.to = b ? static_cast<Tick>(*b) : kNever;
  options.core_lanes = core_lanes;
  const Result<Pictures> r =
      with_request(js, [&](Request& q) { return pictures_request(q, options); });
  if (!r.ok()) return failure(r.error());
  val out = success();
  out.set("timeline", r.value().timeline);
  val histograms = val::array();
  for (const std::string& h : r.value().histograms) histograms.call<void>("push", h);
  out.set("histograms", histograms);
  return out;
}

val compare_runs(const val& js, const val& policies, int seeds) {
  const Result<Comparison> r = with_request(
      js, [&](Request& q) { return compare_request(q, strings_of(policies), seeds); });
  if (!r.ok()) return failure(r.error());
  val out = success();
  out.set("json", comparison_json(r.value()));
  out.set("table", comparison_table(r.value()));
  return out;
}

/// A stream whose writes go to a JavaScript function, one call per write
/// without its line breaks: the sweep's "\rsweep k/N" progress, posted to the
/// page while the sweep runs.
class WritesToJs : public std::streambuf {
 public:
  explicit WritesToJs(val callback) : callback_(std::move(callback)) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::string text;
    for (std::streamsize i = 0; i < n; ++i) {
      if (s[i] != '\r' && s[i] != '\n') text += s[i];
    }
    if (!text.empty() && !callback_.isUndefined()) callback_(text);
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      const char one = static_cast<char>(c);
      xsputn(&one, 1);
    }
    return c;
  }

 private:
  val callback_;
};

val sweep_runs(const val& js, const val& params, int steps, bool log, const val& metrics,
               val on_progress) {
  WritesToJs lines(std::move(on_progress));
  std::ostream progress(&lines);
  SweepRequest sweep{strings_of(params), steps, log, strings_of(metrics), 1};
  const Result<SweepResult> r =
      with_request(js, [&](Request& q) { return sweep_request(q, sweep, &progress); });
  if (!r.ok()) return failure(r.error());
  val out = success();
  out.set("csv", sweep_csv(r.value()));
  return out;
}

val explain_at(const val& js, const std::string& thread, const std::string& at) {
  const std::optional<std::uint64_t> ns = whole(at);
  if (!ns) return failure(InputError{"at", 0, 0, "expected a time in ns", ""});
  const Result<std::vector<std::string>> r = with_request(
      js, [&](Request& q) { return explain_request(q, thread, static_cast<Tick>(*ns)); });
  if (!r.ok()) return failure(r.error());
  val lines = val::array();
  for (const std::string& line : r.value()) lines.call<void>("push", line);
  val out = success();
  out.set("lines", lines);
  return out;
}

/// [{ name, lab, summary }] of every homework topic.
val homework_topics_js() {
  val out = val::array();
  for (const HomeworkTopic& t : homework_topics()) {
    val topic = val::object();
    topic.set("name", std::string(t.name));
    topic.set("lab", std::string(t.lab));
    topic.set("summary", std::string(t.summary));
    out.call<void>("push", topic);
  }
  return out;
}

/// `gilsim homework new --topic T --seed S [--answers]`: the exercise file.
val homework(const std::string& topic, const std::string& seed, bool with_answers) {
  const std::optional<std::uint64_t> s = whole(seed);
  if (!s) return failure(InputError{"seed", 0, 0, "the seed must be a non-negative integer", ""});
  const Result<Homework> h = new_homework(topic, *s);
  if (!h.ok()) return failure(h.error());
  const Result<std::string> text = homework_file(h.value(), with_answers, RunLimits{});
  if (!text.ok()) return failure(text.error());
  val out = success();
  out.set("text", text.value());
  return out;
}

/// Grades an answer sheet (student, topic, [answers]) against the exercise of
/// its topic and `seed`: { ok, table, questions: [{ number, question, expected,
/// submitted, correct }] }.
val check_answers(const std::string& sheet_text, const std::string& seed) {
  const std::optional<std::uint64_t> s = whole(seed);
  if (!s) return failure(InputError{"seed", 0, 0, "the seed must be a non-negative integer", ""});
  const Result<AnswerSheet> sheet = parse_answer_sheet(sheet_text, "answers.toml");
  if (!sheet.ok()) return failure(sheet.error());
  const StudentGrade grade = grade_sheet_for_seed(sheet.value(), *s, GradeOptions{});
  if (!grade.error.empty()) {
    val out = failure(InputError{"answers.toml", 0, 0, grade.error, ""});
    out["error"].set("text", grade.error);
    return out;
  }
  val questions = val::array();
  for (const QuestionGrade& q : grade.questions) {
    val v = val::object();
    v.set("number", q.number);
    v.set("question", q.question);
    v.set("expected", q.expected);
    v.set("submitted", q.submitted);
    v.set("correct", q.correct);
    questions.call<void>("push", v);
  }
  val out = success();
  out.set("table", grades_table({grade}));
  out.set("questions", questions);
  return out;
}

std::string duration_ns(const std::string& text) {
  const std::optional<Tick> ns = parse_duration(text);
  return ns ? std::to_string(*ns) : "";
}

}  // namespace
}  // namespace gilsim::web

EMSCRIPTEN_BINDINGS(gilsim) {
  using namespace gilsim::web;
  emscripten::function("run", &run);
  emscripten::function("pictures", &pictures);
  emscripten::function("compare", &compare_runs);
  emscripten::function("sweep", &sweep_runs);
  emscripten::function("explain", &explain_at);
  emscripten::function("homeworkTopics", &homework_topics_js);
  emscripten::function("homework", &homework);
  emscripten::function("checkAnswers", &check_answers);
  emscripten::function("durationNs", &duration_ns);
}
