#pragma once
// --set KEY=VALUE: changes the parsed document before it is decoded, so an
// override is checked exactly like the same key written in the file.

#include <toml++/toml.h>

#include "gilsim/scenario/scenario.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim::detail {

/// Sets `o.key` in `root`. Keys are dotted table paths ("machine.cores"); the
/// arrays of tables take a name: "thread.io.count", "process.worker.version",
/// "shared.counter.atomic".
/// The value is a TOML integer, boolean, quoted string, array or inline table;
/// any other text is taken as a string ("1ms", "3.11", "fifo").
void apply_override(TomlDecoder& decoder, toml::table& root, const Override& o);

}  // namespace gilsim::detail
