#include "gilsim/lab/probe_file.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "gilsim/core/assert.hpp"
#include "gilsim/core/quantile.hpp"

namespace gilsim {
namespace {

/// A strict reader for the JSON that probe.py writes: objects, strings,
/// numbers; arrays, booleans and null are skipped where they appear.
class ProbeReader {
 public:
  ProbeReader(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  ProbeFile read() {
    ProbeFile out;
    object([&](const std::string& key) {
      if (key == "probe") {
        out.version = static_cast<int>(number());
      } else if (key == "python") {
        out.python = string();
      } else if (key == "kernel") {
        out.kernel = string();
      } else if (key == "cores") {
        out.cores = static_cast<int>(number());
      } else if (key == "measurements") {
        object([&](const std::string& name) { out.measurements[name] = number(); });
      } else {
        skip_value();
      }
    });
    space();
    if (pos_ != text_.size()) fail("unexpected text after the JSON object");
    if (out.version != 1) fail_at(0, "not a gilsim probe result (\"probe\": 1 is missing)");
    return out;
  }

  struct Failure {
    InputError error;
  };

 private:
  template <class OnKey>
  void object(OnKey on_key) {
    expect('{');
    space();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      const std::string key = string();
      expect(':');
      on_key(key);
      space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return;
    }
  }

  std::string string() {
    expect('"');
    std::string s;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\') ++pos_;  // probe.py writes no escapes that matter
      if (pos_ < text_.size()) s += text_[pos_++];
    }
    if (pos_ >= text_.size()) fail("a string is not closed");
    ++pos_;
    return s;
  }

  double number() {
    space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && std::string_view("+-.0123456789eE").find(text_[pos_]) !=
                                      std::string_view::npos) {
      ++pos_;
    }
    const std::optional<double> v = parse_double(text_.substr(start, pos_ - start));
    if (!v || !std::isfinite(*v)) {
      fail_at(start, "expected a number");
    }
    return *v;
  }

  /// All of `text` as a number. std::from_chars where the standard library has
  /// it for double (libstdc++); emscripten's libc++ 14 has not: strtod there,
  /// in the "C" numeric locale, which gilsim never changes.
  static std::optional<double> parse_double(std::string_view text) {
    if (text.empty()) return std::nullopt;
    double v = 0;
#if defined(__cpp_lib_to_chars)
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
#else
    const std::string copy(text);
    char* end = nullptr;
    v = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size()) return std::nullopt;
#endif
    return v;
  }

  void skip_value() {
    space();
    const char c = peek();
    if (c == '{') {
      object([&](const std::string&) { skip_value(); });
    } else if (c == '"') {
      string();
    } else if (c == '[') {
      ++pos_;
      space();
      if (peek() == ']') {
        ++pos_;
        return;
      }
      for (;;) {
        skip_value();
        space();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect(']');
        return;
      }
    } else if (text_.substr(pos_, 4) == "true" || text_.substr(pos_, 4) == "null") {
      pos_ += 4;
    } else if (text_.substr(pos_, 5) == "false") {
      pos_ += 5;
    } else {
      number();
    }
  }

  void space() {
    while (pos_ < text_.size() && std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
    }
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void expect(char c) {
    space();
    if (peek() != c) fail(fmt::format("expected '{}'", c));
    ++pos_;
  }
  [[noreturn]] void fail(std::string message) const { fail_at(pos_, std::move(message)); }
  [[noreturn]] void fail_at(std::size_t at, std::string message) const {
    int line = 1, column = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n') ++line, column = 1, line_start = i + 1;
      else ++column;
    }
    const std::size_t line_end = std::min(text_.find('\n', line_start), text_.size());
    throw Failure{InputError{path_, line, column, std::move(message),
                             std::string(text_.substr(line_start, line_end - line_start))}};
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<ProbeFile> parse_probe(std::string_view text, const std::string& path) {
  try {
    return ProbeReader(text, path).read();
  } catch (const ProbeReader::Failure& f) {
    return f.error;
  }
}

Result<ProbeFile> combine_probes(const std::vector<ProbeFile>& probes,
                                 const std::vector<std::string>& paths) {
  GILSIM_ASSERT(!probes.empty() && probes.size() == paths.size(), "one path per probe");
  if (probes.size() == 1) return probes.front();
  const ProbeFile& first = probes.front();
  std::map<std::string, std::vector<double>> values;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    const ProbeFile& p = probes[i];
    if (p.python != first.python || p.kernel != first.kernel || p.cores != first.cores) {
      return InputError{
          paths[i], 0, 0,
          fmt::format("measured with CPython {} on {} cores, Linux {}, and {} with CPython {} on "
                      "{} cores, Linux {}: a profile is for one machine",
                      p.python, p.cores, p.kernel, paths.front(), first.python, first.cores,
                      first.kernel),
          ""};
    }
    for (const auto& [name, value] : p.measurements) values[name].push_back(value);
  }
  ProbeFile out = first;
  out.probes = static_cast<int>(probes.size());
  out.measurements.clear();
  for (const auto& [name, list] : values) {
    out.measurements[name] = quantile(list, 0.5);
    out.ranges[name] = {quantile(list, 0), quantile(list, 1)};
  }
  return out;
}

}  // namespace gilsim
