#include "gilsim/scenario/task.hpp"

#include "gilsim/core/input_file.hpp"
#include "gilsim/scenario/expectation_decoder.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim {

using detail::TomlDecoder;

namespace {

Task decode(const TomlDecoder& d, const toml::table& root, const std::string& path) {
  d.check_keys(root, {"task", "expect"}, "a task file");
  const toml::node* header = root.get("task");
  if (!header) d.fail_at(1, 1, "a task file needs a [task] table with its name");
  const toml::table& t = d.table(*header, "[task]");
  d.check_keys(t, {"name", "description"}, "[task]");
  const toml::node* name = t.get("name");
  if (!name) d.fail(header, "[task] needs name = \"...\"");
  Task task;
  task.path = path;
  task.name = d.name(*name, "task.name");
  if (const toml::node* v = t.get("description")) task.description = d.string(*v, "task.description");
  task.expectations = detail::decode_expectations(d, root.get("expect"));
  if (task.expectations.empty()) {
    d.fail(header, "a task needs at least one [[expect]]: the claims a submission must meet");
  }
  return task;
}

}  // namespace

Result<Task> parse_task(std::string_view text, const std::string& path) {
  return detail::decode_toml<Task>(
      text, path, [&](const TomlDecoder& d, const toml::table& root) { return decode(d, root, path); });
}

Result<Task> load_task(const std::string& path) {
  const Result<std::string> text = read_input_file(path, "the task file");
  if (!text.ok()) return text.error();
  return parse_task(text.value(), path);
}

}  // namespace gilsim
