#include "gilsim/lab/notebook.hpp"

#include <fmt/format.h>

#include <cctype>

#include "gilsim/report/json_writer.hpp"

namespace gilsim {
namespace {

/// nbformat's multi-line strings: a list of lines, each keeping its "\n".
void lines(JsonWriter& w, std::string_view key, std::string_view text) {
  w.begin_array(key);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
    w.string({}, text.substr(start, stop - start));
    start = stop;
  }
  w.end_array();
}

void output(JsonWriter& w, const NotebookOutput& o) {
  w.begin_object();
  if (o.kind == NotebookOutput::Kind::kStdout) {
    w.string("name", "stdout");
    w.string("output_type", "stream");
    lines(w, "text", o.text);
  } else {
    w.begin_object("data");
    lines(w, "image/svg+xml", o.text);
    lines(w, "text/plain", o.caption);
    w.end_object();
    w.begin_object("metadata");
    w.end_object();
    w.string("output_type", "display_data");
  }
  w.end_object();
}

/// nbformat 4.5 cell ids: 1 to 64 of [a-zA-Z0-9-_].
std::string cell_id(std::string_view name, std::size_t index) {
  std::string id;
  for (const char c : name.substr(0, 40)) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    id += ok ? c : '-';
  }
  return fmt::format("{}-{}", id.empty() ? "cell" : id, index);
}

}  // namespace

std::string notebook_json(const std::vector<NotebookCell>& cells, std::string_view name) {
  JsonWriter w;
  w.begin_object();
  w.begin_array("cells");
  int execution = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const NotebookCell& cell = cells[i];
    const bool code = cell.kind == NotebookCell::Kind::kCode;
    w.begin_object();
    w.string("cell_type", code ? "code" : "markdown");
    if (code) w.integer("execution_count", ++execution);
    w.string("id", cell_id(name, i + 1));
    w.begin_object("metadata");
    w.end_object();
    if (code) {
      w.begin_array("outputs");
      for (const NotebookOutput& o : cell.outputs) output(w, o);
      w.end_array();
    }
    lines(w, "source", cell.source);
    w.end_object();
  }
  w.end_array();
  w.begin_object("metadata");
  w.begin_object("kernelspec");
  w.string("display_name", "Python 3");
  w.string("language", "python");
  w.string("name", "python3");
  w.end_object();
  w.begin_object("language_info");
  w.string("name", "python");
  w.end_object();
  w.end_object();
  w.integer("nbformat", 4);
  w.integer("nbformat_minor", 5);
  w.end_object();
  return w.finish();
}

}  // namespace gilsim
