#pragma once
// Jupyter notebooks (nbformat 4.5) written from cells whose outputs are already
// known, so the notebook renders in Jupyter, VS Code or GitHub without running
// anything. The bytes depend only on the cells: cell ids are numbered, keys
// come in a fixed order, and nothing records a time or a path.

#include <string>
#include <string_view>
#include <vector>

namespace gilsim {

struct NotebookOutput {
  enum class Kind { kStdout, kSvg };
  Kind kind = Kind::kStdout;
  std::string text;     ///< the printed text, or the SVG document
  std::string caption;  ///< kSvg: the plain-text stand-in, e.g. the file's name
};

struct NotebookCell {
  enum class Kind { kMarkdown, kCode };
  Kind kind = Kind::kMarkdown;
  std::string source;
  std::vector<NotebookOutput> outputs;  ///< kCode only
};

/// The notebook's JSON. `name` prefixes the cell ids ("lab1-3"), cut to 40
/// characters, with any character nbformat does not allow in an id made '-'.
std::string notebook_json(const std::vector<NotebookCell>& cells, std::string_view name);

}  // namespace gilsim
