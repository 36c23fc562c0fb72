#include "gilsim/report/html_report.hpp"

#include <fmt/format.h>

#include "gilsim/report/escape.hpp"
#include "gilsim/report/wait_histogram.hpp"
#include "gilsim/report/writers.hpp"

namespace gilsim {

std::string html_report(const Report& report, const std::vector<TraceRecord>& records,
                        const TimelineOptions& window) {
  const RunInfo& info = report.info;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>gilsim: {0}</title>\n<style>\n"
      "body {{ font-family: sans-serif; margin: 2em; color: #222; }}\n"
      "pre {{ background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 13px; }}\n"
      "figure {{ display: inline-block; margin: 0 2em 1em 0; }}\n"
      "h2 {{ border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }}\n"
      "</style>\n</head>\n<body>\n<h1>{0}</h1>\n<p>{1}</p>\n",
      xml_text(info.scenario), xml_text(info.description));
  out += fmt::format("<h2>Summary</h2>\n<pre>{}</pre>\n", xml_text(to_table(report)));
  out += fmt::format("<h2>Timeline</h2>\n{}", timeline_svg(info, records, window));
  out += "<h2>Waits for the GIL, per thread</h2>\n";
  const auto waits = gil_waits(info.threads.size(), records);
  for (std::size_t t = 0; t < info.threads.size(); ++t) {
    out += histogram_svg(info.threads[t].name, waits[t]);
  }
  out +=
      "<p>Made by gilsim; the same scenario and seed give the same page.</p>\n</body>\n</html>\n";
  return out;
}

}  // namespace gilsim
