#include "gilsim/lab/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "gilsim/core/siphash.hpp"

namespace gilsim {
namespace {

std::string without_newline(std::string line) {
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

InputError error_at(const std::string& path, std::string message) {
  return InputError{path, 0, 0, std::move(message), ""};
}

/// Every part of one job, each shard once; the first problem otherwise.
std::optional<InputError> check_job(const std::vector<std::pair<std::string, Part>>& parts) {
  const Part& first = parts.front().second;
  std::vector<std::string> seen(static_cast<std::size_t>(first.shards));
  for (const auto& [path, part] : parts) {
    if (part.data.index() != first.data.index() || part.id != first.id ||
        part.shards != first.shards || part.total != first.total) {
      return error_at(path, fmt::format("a part of another job than {}'s ({} {}/{} of job {}, "
                                        "not {} of job {} in {} shards)",
                                        parts.front().first, part.command(), part.shard,
                                        part.shards, part.id, first.command(), first.id,
                                        first.shards));
    }
    std::string& holder = seen[static_cast<std::size_t>(part.shard - 1)];
    if (!holder.empty()) {
      return error_at(path, fmt::format("shard {}/{} again (it is {} too)", part.shard,
                                        part.shards, holder));
    }
    holder = path;
  }
  for (std::size_t s = 0; s < seen.size(); ++s) {
    if (seen[s].empty()) {
      return error_at(parts.front().first,
                      fmt::format("shard {}/{} is missing: merge needs every part of the job",
                                  s + 1, first.shards));
    }
  }
  return std::nullopt;
}

Result<std::string> merge_sweep(const std::vector<std::pair<std::string, Part>>& parts) {
  const Part& first = parts.front().second;
  const std::string& header = std::get<SweepPart>(first.data).header;
  std::vector<std::optional<std::string>> lines(static_cast<std::size_t>(first.total));
  for (const auto& [path, part] : parts) {
    const SweepPart& p = std::get<SweepPart>(part.data);
    if (p.header != header) return error_at(path, "its columns differ from the first part's");
    for (const auto& [index, line] : p.rows) {
      const Shard shard{part.shard, part.shards};
      if (index >= first.total || !shard.has(static_cast<std::size_t>(index)) ||
          lines[static_cast<std::size_t>(index)]) {
        return error_at(path, fmt::format("row {} does not belong in shard {}/{} (a damaged part?)",
                                          index, part.shard, part.shards));
      }
      lines[static_cast<std::size_t>(index)] = line;
    }
  }
  std::string out = header + '\n';
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i]) return error_at(parts.front().first, fmt::format("row {} is in no part", i));
    out += *lines[i] + '\n';
  }
  return out;
}

ExploreResult::Shortest shortest_of(const ExplorePart::Shortest& s) {
  return {static_cast<std::uint64_t>(s.seed), s.item,
          LostUpdate{s.read_ns, s.write_ns, s.writer, s.overwritten, s.lost}};
}

Result<std::string> merge_explore(const std::vector<std::pair<std::string, Part>>& parts) {
  const ExplorePart& head = std::get<ExplorePart>(parts.front().second.data);
  ExploreResult r;
  for (const ExplorePart::Kind& k : head.kinds) r.kinds.push_back({k.name, 0, std::nullopt});
  for (const auto& [path, part] : parts) {
    const ExplorePart& p = std::get<ExplorePart>(part.data);
    if (p.kinds.size() != r.kinds.size()) return error_at(path, "its kinds of race differ from the first part's");
    r.runs += static_cast<int>(p.runs);
    r.stopped_early = r.stopped_early || p.stopped_early;
    for (std::size_t k = 0; k < p.kinds.size(); ++k) {
      r.kinds[k].schedules += static_cast<int>(p.kinds[k].schedules);
      if (const auto seed = p.kinds[k].first_seed) {
        const auto s = static_cast<std::uint64_t>(*seed);
        if (!r.kinds[k].first_seed || s < *r.kinds[k].first_seed) r.kinds[k].first_seed = s;
      }
    }
    if (!p.shortest) continue;
    // Explore keeps the first of equally short ones: the lowest seed.
    const ExploreResult::Shortest s = shortest_of(*p.shortest);
    if (!r.shortest || shorter_lost_update(s.update, r.shortest->update) ||
        (!shorter_lost_update(r.shortest->update, s.update) && s.seed < r.shortest->seed)) {
      r.shortest = s;
      r.steps = p.shortest->steps;
    }
  }
  const ExploreCommand command{head.path, head.replay_file, head.replay,
                               static_cast<std::uint64_t>(head.first_seed),
                               static_cast<double>(head.time_limit_s)};
  return explore_text(r, command);
}

}  // namespace

std::string job_id(std::string_view command, std::string_view scenario_text,
                   const std::vector<std::string>& arguments) {
  std::string data(command);
  data += '\0';
  data += scenario_text;
  for (const std::string& a : arguments) {
    data += '\0';
    data += a;
  }
  // A fixed key: the id tells jobs apart, it keeps nothing secret.
  return fmt::format("{:016x}", siphash24(0x67696c73696d, 0x6a6f62, data));
}

std::string sweep_part(const SweepResult& result, const Shard& shard, const std::string& id) {
  SweepPart p;
  p.header = without_newline(sweep_csv_header(result));
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    p.rows.emplace_back(static_cast<std::int64_t>(result.indices[i]),
                        without_newline(sweep_csv_row(result, result.rows[i])));
  }
  return write_part(Part{shard.index, shard.count, id,
                         static_cast<std::int64_t>(result.total_rows), std::move(p)});
}

std::string explore_part(const ExploreResult& result, const ExploreCommand& command,
                         const Shard& shard, int schedules, const std::string& id) {
  ExplorePart p;
  p.path = command.path;
  p.replay_file = command.replay_file;
  p.replay = command.replay;
  p.first_seed = static_cast<std::int64_t>(command.first_seed);
  p.time_limit_s = static_cast<std::int64_t>(command.time_limit_s);
  p.runs = result.runs;
  p.stopped_early = result.stopped_early;
  for (const ExploreResult::Kind& k : result.kinds) {
    p.kinds.push_back({k.name, k.schedules,
                       k.first_seed ? std::optional<std::int64_t>(static_cast<std::int64_t>(*k.first_seed))
                                    : std::nullopt});
  }
  if (const auto& s = result.shortest) {
    p.shortest = ExplorePart::Shortest{static_cast<std::int64_t>(s->seed), s->item,
                                       s->update.read_ns, s->update.write_ns, s->update.writer,
                                       s->update.overwritten, s->update.lost, result.steps};
  }
  return write_part(Part{shard.index, shard.count, id, schedules, std::move(p)});
}

Result<std::string> merge_parts(const std::vector<std::pair<std::string, Part>>& parts) {
  if (parts.empty()) return InputError{"gilsim merge", 0, 0, "no parts to merge", ""};
  if (auto problem = check_job(parts)) return *problem;
  return parts.front().second.data.index() == 0 ? merge_sweep(parts) : merge_explore(parts);
}

}  // namespace gilsim
