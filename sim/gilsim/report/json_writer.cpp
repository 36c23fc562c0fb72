#include "gilsim/report/json_writer.hpp"

#include <fmt/format.h>

#include "gilsim/report/escape.hpp"
#include "gilsim/report/number_format.hpp"

namespace gilsim {

void JsonWriter::prefix(std::string_view key) {
  if (depth_ > 0) {
    out_ += first_ ? "\n" : ",\n";
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  first_ = false;
  if (!key.empty()) out_ += json_string(key) + ": ";
}

void JsonWriter::begin_object(std::string_view key) {
  prefix(key);
  out_ += '{';
  ++depth_;
  first_ = true;
}

void JsonWriter::end_object() {
  --depth_;
  if (!first_) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  out_ += '}';
  first_ = false;
}

void JsonWriter::begin_array(std::string_view key) {
  prefix(key);
  out_ += '[';
  ++depth_;
  first_ = true;
}

void JsonWriter::end_array() {
  --depth_;
  if (!first_) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  out_ += ']';
  first_ = false;
}

void JsonWriter::string(std::string_view key, std::string_view value) {
  prefix(key);
  out_ += json_string(value);
}

void JsonWriter::integer(std::string_view key, std::int64_t value) {
  prefix(key);
  out_ += fmt::format("{}", value);
}

void JsonWriter::real(std::string_view key, double value) {
  prefix(key);
  out_ += format_real(value);
}

void JsonWriter::optional_real(std::string_view key, const std::optional<double>& value) {
  prefix(key);
  out_ += value ? format_real(*value) : "null";
}

void JsonWriter::optional_integer(std::string_view key, const std::optional<std::int64_t>& value) {
  prefix(key);
  out_ += value ? fmt::format("{}", *value) : "null";
}

void JsonWriter::null(std::string_view key) {
  prefix(key);
  out_ += "null";
}

void JsonWriter::raw(std::string_view key, std::string_view json) {
  prefix(key);
  out_ += json;
}

std::string JsonWriter::finish() { return std::move(out_) + "\n"; }

}  // namespace gilsim
