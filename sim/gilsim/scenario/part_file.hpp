#pragma once
// A part of a sharded sweep or exploration (`gilsim sweep|explore --shard I/N`),
// as a file for `gilsim merge` to join (docs/scale-out.md). TOML, written and
// read here, in the layer that reads user files, so that a damaged part is an
// error at file:line:col.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "gilsim/core/error.hpp"

namespace gilsim {

/// A sweep's part: some rows of its CSV.
struct SweepPart {
  std::string header;  ///< the CSV's header line, without its line break
  std::vector<std::pair<std::int64_t, std::string>> rows;  ///< (index in the whole sweep, CSV line)
};

/// An exploration's part: what its share of the schedules showed.
struct ExplorePart {
  std::string path;          ///< the scenario file, as the command named it
  std::string replay_file;   ///< the same, quoted for a shell
  std::string replay;        ///< the options a replay command repeats (" --seed..." follows the file)
  std::int64_t first_seed = 1;
  std::int64_t time_limit_s = 120;
  std::int64_t runs = 0;     ///< schedules this part ran
  bool stopped_early = false;
  struct Kind {
    std::string name;
    std::int64_t schedules = 0;
    std::optional<std::int64_t> first_seed;
  };
  std::vector<Kind> kinds;
  struct Shortest {
    std::int64_t seed = 0;
    std::string item;
    std::int64_t read_ns = 0;
    std::int64_t write_ns = 0;
    std::string writer;
    std::string overwritten;
    std::int64_t lost = 0;
    std::vector<std::string> steps;  ///< the interleaving, as explore prints it
  };
  std::optional<Shortest> shortest;
};

struct Part {
  int shard = 1;   ///< 1-based
  int shards = 1;
  std::string id;  ///< the whole job's fingerprint: parts of one job carry the same
  std::int64_t total = 0;  ///< rows of the whole sweep, schedules of the whole exploration
  std::variant<SweepPart, ExplorePart> data;

  const char* command() const { return data.index() == 0 ? "sweep" : "explore"; }
};

/// The part as a TOML document (its bytes depend only on `part`).
std::string write_part(const Part& part);

/// Reads a part; `path` names it in errors.
Result<Part> parse_part(std::string_view text, const std::string& path);
Result<Part> load_part(const std::string& path);

}  // namespace gilsim
