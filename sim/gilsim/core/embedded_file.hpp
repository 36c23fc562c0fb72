#pragma once
// A data file compiled into gilsim (sim/cmake/embed_files.cmake): machine
// profiles, the probe script. The CLI then needs nothing installed beside it.

#include <string_view>

namespace gilsim {

struct EmbeddedFile {
  std::string_view name;  ///< the file's name without folder and extension
  std::string_view text;
};

}  // namespace gilsim
