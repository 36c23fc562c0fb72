#include "support/json.hpp"

#include <cctype>
#include <cstdlib>

namespace gilsim::test {
namespace {

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}

  std::optional<Json> document() {
    auto v = value();
    skip();
    if (!v || i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool word(const char* w) {
    skip();
    const std::string k(w);
    if (s_.compare(i_, k.size(), k) != 0) return false;
    i_ += k.size();
    return true;
  }
  std::optional<std::string> str() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        if (++i_ >= s_.size()) return std::nullopt;
        const char e = s_[i_];
        if (e == 'u') {
          if (i_ + 4 >= s_.size()) return std::nullopt;
          out += '?';
          i_ += 4;
        } else {
          out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        }
      } else if (static_cast<unsigned char>(s_[i_]) < 0x20) {
        return std::nullopt;  // control characters must be escaped
      } else {
        out += s_[i_];
      }
      ++i_;
    }
    if (i_ >= s_.size()) return std::nullopt;
    ++i_;
    return out;
  }
  std::optional<Json> value() {
    skip();
    if (i_ >= s_.size()) return std::nullopt;
    Json v;
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.type = Json::Type::kObject;
      if (eat('}')) return v;
      do {
        auto key = str();
        if (!key || !eat(':')) return std::nullopt;
        auto item = value();
        if (!item) return std::nullopt;
        v.object[*key] = std::move(*item);
      } while (eat(','));
      if (!eat('}')) return std::nullopt;
    } else if (c == '[') {
      ++i_;
      v.type = Json::Type::kArray;
      if (eat(']')) return v;
      do {
        auto item = value();
        if (!item) return std::nullopt;
        v.array.push_back(std::move(*item));
      } while (eat(','));
      if (!eat(']')) return std::nullopt;
    } else if (c == '"') {
      auto text = str();
      if (!text) return std::nullopt;
      v.type = Json::Type::kString;
      v.string = std::move(*text);
    } else if (word("true") || word("false")) {
      v.type = Json::Type::kBool;
      v.boolean = s_[i_ - 1] == 'e' && s_[i_ - 2] == 'u';
    } else if (word("null")) {
      v.type = Json::Type::kNull;
    } else {
      char* end = nullptr;
      v.number = std::strtod(s_.c_str() + i_, &end);
      if (end == s_.c_str() + i_) return std::nullopt;
      v.type = Json::Type::kNumber;
      i_ = static_cast<std::size_t>(end - s_.c_str());
    }
    return v;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<Json> parse_json(const std::string& text) { return Parser(text).document(); }

}  // namespace gilsim::test
