#pragma once
// Sharded jobs (docs/scale-out.md): the part each shard writes
// (`gilsim sweep|explore --shard I/N`), and `gilsim merge`, which joins all of
// a job's parts into exactly the bytes the unsharded command prints.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/lab/explore.hpp"
#include "gilsim/lab/shard.hpp"
#include "gilsim/lab/sweep.hpp"
#include "gilsim/scenario/part_file.hpp"

namespace gilsim {

/// A job's fingerprint: the command, the scenario's bytes and every argument
/// but --shard's. Parts of different jobs refuse to merge.
std::string job_id(std::string_view command, std::string_view scenario_text,
                   const std::vector<std::string>& arguments);

/// The part of a sharded sweep (rows in CSV, each with its index in the whole sweep).
std::string sweep_part(const SweepResult& result, const Shard& shard, const std::string& id);

/// The part of a sharded exploration of `schedules` schedules in all.
std::string explore_part(const ExploreResult& result, const ExploreCommand& command,
                         const Shard& shard, int schedules, const std::string& id);

/// The whole job's output from its parts (each with the path it was read
/// from): every shard exactly once, all of one job.
Result<std::string> merge_parts(const std::vector<std::pair<std::string, Part>>& parts);

}  // namespace gilsim
