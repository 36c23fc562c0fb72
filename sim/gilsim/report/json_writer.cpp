#include "gilsim/report/json_writer.hpp"

#include <fmt/format.h>

#include "gilsim/report/number_format.hpp"

namespace gilsim {

std::string JsonWriter::quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

void JsonWriter::prefix(std::string_view key) {
  if (depth_ > 0) {
    out_ += first_ ? "\n" : ",\n";
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  first_ = false;
  if (!key.empty()) out_ += quote(key) + ": ";
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
  out_ += quote(value);
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
