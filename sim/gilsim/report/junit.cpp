#include "gilsim/report/junit.hpp"

#include <fmt/format.h>

#include "gilsim/report/escape.hpp"

namespace gilsim {
namespace {

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0;
};

Counts count(const JunitSuite& s) {
  if (!s.error.empty()) return {1, 0, 1};
  Counts c{s.cases.size(), 0, 0};
  for (const JunitCase& k : s.cases) c.failures += k.failed ? 1 : 0;
  return c;
}

}  // namespace

std::string junit_xml(std::string_view name, const std::vector<JunitSuite>& suites) {
  Counts all;
  for (const JunitSuite& s : suites) {
    const Counts c = count(s);
    all.tests += c.tests, all.failures += c.failures, all.errors += c.errors;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     xml_text(name), all.tests, all.failures, all.errors);
  for (const JunitSuite& s : suites) {
    const Counts c = count(s);
    const std::string suite = xml_text(s.name);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                       suite, c.tests, c.failures, c.errors);
    if (!s.error.empty()) {
      out += fmt::format(
          "    <testcase classname=\"{}\" name=\"input\">\n"
          "      <error message=\"the input cannot be evaluated\">{}</error>\n"
          "    </testcase>\n",
          suite, xml_text(s.error));
    }
    for (const JunitCase& k : s.error.empty() ? s.cases : std::vector<JunitCase>{}) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", suite, xml_text(k.name));
      out += k.failed ? fmt::format(">\n      <failure message=\"{}\"/>\n    </testcase>\n",
                                    xml_text(k.message))
                      : "/>\n";
    }
    out += "  </testsuite>\n";
  }
  return out + "</testsuites>\n";
}

}  // namespace gilsim
