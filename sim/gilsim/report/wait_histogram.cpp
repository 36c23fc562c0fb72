#include "gilsim/report/wait_histogram.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gilsim/report/escape.hpp"
#include "gilsim/report/writers.hpp"

namespace gilsim {

// Written for these record kinds: a new kind stops the build here until
// gil_waits handles it (or says why it need not).
static_assert(kRecordKindCount == 30, "a new RecordKind: handle it in gil_waits");

std::vector<std::vector<Tick>> gil_waits(std::size_t threads,
                                         const std::vector<TraceRecord>& records) {
  std::vector<std::vector<Tick>> waits(threads);
  std::vector<Tick> since(threads, -1);
  for (const TraceRecord& r : records) {
    if (r.thread >= threads) continue;
    if (r.kind == RecordKind::kGilRequest) since[r.thread] = r.time;
    if (r.kind == RecordKind::kGilAcquire && since[r.thread] >= 0) {
      waits[r.thread].push_back(r.time - since[r.thread]);
      since[r.thread] = -1;
    }
  }
  return waits;
}

namespace {

/// The upper edge of bucket b: 1us, 2us, 5us, 10us, 20us, 50us, ... (a 1-2-5 series).
Tick bucket_edge(std::size_t b) {
  static constexpr Tick kSteps[] = {1, 2, 5};
  Tick decade = kMicrosecond;
  for (std::size_t i = 0; i < b / 3; ++i) decade *= 10;
  return decade * kSteps[b % 3];
}

}  // namespace

std::string histogram_svg(const std::string& thread, const std::vector<Tick>& waits) {
  if (waits.empty()) {
    return fmt::format("<p><b>{}</b>: never waited for the GIL.</p>\n", xml_text(thread));
  }
  std::vector<std::int64_t> buckets(1, 0);
  for (Tick w : waits) {
    std::size_t b = 0;
    while (w >= bucket_edge(b) && b < 36) ++b;
    if (buckets.size() <= b) buckets.resize(b + 1, 0);
    ++buckets[b];
  }
  const std::int64_t top = *std::max_element(buckets.begin(), buckets.end());
  const int bar = 44, height = 120, left = 40;
  const int width = left + static_cast<int>(buckets.size()) * bar + 20;
  std::string out = fmt::format(
      "<figure><figcaption><b>{}</b>: {} waits</figcaption>\n<svg "
      "xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"10\">\n",
      xml_text(thread), waits.size(), width, height + 40);
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    const int h =
        static_cast<int>(static_cast<double>(buckets[b]) / static_cast<double>(top) * height);
    const int x = left + static_cast<int>(b) * bar;
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#d62728\"/>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
        x + 2, 10 + height - h, bar - 4, h, x + bar / 2, 8 + height - h, buckets[b], x + bar / 2,
        height + 24, fmt::format("&lt;{}", format_duration(bucket_edge(b))));
  }
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", left,
                     height + 10, width - 20, height + 10);
  out += "</svg></figure>\n";
  return out;
}

}  // namespace gilsim
