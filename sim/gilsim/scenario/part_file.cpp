#include "gilsim/scenario/part_file.hpp"

#include <fmt/format.h>

#include <limits>
#include <sstream>

#include "gilsim/core/input_file.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim {

using detail::TomlDecoder;

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

toml::array strings(const std::vector<std::string>& items) {
  toml::array a;
  for (const std::string& s : items) a.push_back(s);
  return a;
}

void write_sweep(const SweepPart& p, toml::table& root) {
  root.insert("header", p.header);
  toml::array rows;
  for (const auto& [index, line] : p.rows) rows.push_back(toml::table{{"index", index}, {"csv", line}});
  root.insert("row", std::move(rows));
}

void write_explore(const ExplorePart& p, toml::table& root) {
  root.insert("path", p.path);
  root.insert("replay_file", p.replay_file);
  root.insert("replay", p.replay);
  root.insert("first_seed", p.first_seed);
  root.insert("time_limit_s", p.time_limit_s);
  root.insert("runs", p.runs);
  root.insert("stopped_early", p.stopped_early);
  toml::array kinds;
  for (const ExplorePart::Kind& k : p.kinds) {
    toml::table t{{"name", k.name}, {"schedules", k.schedules}};
    if (k.first_seed) t.insert("first_seed", *k.first_seed);
    kinds.push_back(std::move(t));
  }
  root.insert("kind", std::move(kinds));
  if (const auto& s = p.shortest) {
    root.insert("shortest", toml::table{{"seed", s->seed}, {"item", s->item},
                                        {"read_ns", s->read_ns}, {"write_ns", s->write_ns},
                                        {"writer", s->writer}, {"overwritten", s->overwritten},
                                        {"lost", s->lost}, {"steps", strings(s->steps)}});
  }
}

std::vector<std::string> strings_of(const TomlDecoder& d, const toml::node& n, std::string_view what) {
  std::vector<std::string> out;
  for (const toml::node& item : d.array(n, what)) out.push_back(d.string(item, what));
  return out;
}

/// The node `key` of `t`, or a failure naming what is missing.
const toml::node& need(const TomlDecoder& d, const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) d.fail(nullptr, fmt::format("this part has no '{}': not a part gilsim wrote?", key));
  return *n;
}

SweepPart read_sweep(const TomlDecoder& d, const toml::table& root) {
  d.check_keys(root, {"part", "header", "row"}, "a sweep's part");
  SweepPart p;
  p.header = d.string(need(d, root, "header"), "header");
  if (const toml::node* rows = root.get("row")) {
    for (const toml::node& r : d.array(*rows, "row")) {
      const toml::table& row = d.table(r, "row");
      d.check_keys(row, {"index", "csv"}, "a row");
      p.rows.emplace_back(d.integer(need(d, row, "index"), "index", 0, kMaxInt),
                          d.string(need(d, row, "csv"), "csv"));
    }
  }
  return p;
}

ExplorePart read_explore(const TomlDecoder& d, const toml::table& root) {
  d.check_keys(root, {"part", "path", "replay_file", "replay", "first_seed", "time_limit_s", "runs",
                      "stopped_early", "kind", "shortest"},
               "an exploration's part");
  ExplorePart p;
  p.path = d.string(need(d, root, "path"), "path");
  p.replay_file = d.string(need(d, root, "replay_file"), "replay_file");
  p.replay = d.string(need(d, root, "replay"), "replay");
  p.first_seed = d.integer(need(d, root, "first_seed"), "first_seed", 0, kMaxInt);
  p.time_limit_s = d.integer(need(d, root, "time_limit_s"), "time_limit_s", 0, kMaxInt);
  p.runs = d.integer(need(d, root, "runs"), "runs", 0, kMaxInt);
  p.stopped_early = d.boolean(need(d, root, "stopped_early"), "stopped_early");
  for (const toml::node& k : d.array(need(d, root, "kind"), "kind")) {
    const toml::table& t = d.table(k, "kind");
    d.check_keys(t, {"name", "schedules", "first_seed"}, "a kind");
    ExplorePart::Kind kind{d.string(need(d, t, "name"), "name"),
                           d.integer(need(d, t, "schedules"), "schedules", 0, kMaxInt), {}};
    if (const toml::node* f = t.get("first_seed")) kind.first_seed = d.integer(*f, "first_seed", 0, kMaxInt);
    p.kinds.push_back(std::move(kind));
  }
  if (const toml::node* s = root.get("shortest")) {
    const toml::table& t = d.table(*s, "shortest");
    d.check_keys(t, {"seed", "item", "read_ns", "write_ns", "writer", "overwritten", "lost", "steps"},
                 "shortest");
    p.shortest = ExplorePart::Shortest{
        d.integer(need(d, t, "seed"), "seed", 0, kMaxInt),
        d.string(need(d, t, "item"), "item"),
        d.integer(need(d, t, "read_ns"), "read_ns", 0, kMaxInt),
        d.integer(need(d, t, "write_ns"), "write_ns", 0, kMaxInt),
        d.string(need(d, t, "writer"), "writer"),
        d.string(need(d, t, "overwritten"), "overwritten"),
        d.integer(need(d, t, "lost"), "lost", 0, kMaxInt),
        strings_of(d, need(d, t, "steps"), "steps")};
  }
  return p;
}

Part read(const TomlDecoder& d, const toml::table& root) {
  const toml::table& head = d.table(need(d, root, "part"), "part");
  d.check_keys(head, {"command", "shard", "shards", "id", "total"}, "[part]");
  Part part;
  part.shards = static_cast<int>(d.integer(need(d, head, "shards"), "shards", 1, 1'000'000));
  part.shard = static_cast<int>(d.integer(need(d, head, "shard"), "shard", 1, part.shards));
  part.id = d.string(need(d, head, "id"), "id");
  part.total = d.integer(need(d, head, "total"), "total", 0, kMaxInt);
  const toml::node& command = need(d, head, "command");
  const std::string name = d.string(command, "command");
  if (name == "sweep") {
    part.data = read_sweep(d, root);
  } else if (name == "explore") {
    part.data = read_explore(d, root);
  } else {
    d.fail(&command, fmt::format("a part of '{}': gilsim merges parts of sweep and explore", name));
  }
  return part;
}

}  // namespace

std::string write_part(const Part& part) {
  toml::table root;
  root.insert("part", toml::table{{"command", part.command()}, {"shard", part.shard},
                                  {"shards", part.shards}, {"id", part.id},
                                  {"total", part.total}});
  if (const auto* s = std::get_if<SweepPart>(&part.data)) write_sweep(*s, root);
  if (const auto* e = std::get_if<ExplorePart>(&part.data)) write_explore(*e, root);
  std::ostringstream out;
  out << fmt::format("# gilsim {} part {}/{}: join the parts with `gilsim merge PARTS...`\n",
                     part.command(), part.shard, part.shards)
      << root << '\n';
  return out.str();
}

Result<Part> parse_part(std::string_view text, const std::string& path) {
  return detail::decode_toml<Part>(
      text, path, [&](const TomlDecoder& d, const toml::table& root) { return read(d, root); });
}

Result<Part> load_part(const std::string& path) {
  const Result<std::string> text = read_input_file(path, "the part");
  if (!text.ok()) return text.error();
  return parse_part(text.value(), path);
}

}  // namespace gilsim
