#include "gilsim/lab/shard.hpp"

#include <fmt/format.h>

#include <charconv>

namespace gilsim {

Result<Shard> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  auto whole = [](std::string_view s, int& v) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  Shard s;
  if (slash == std::string_view::npos || !whole(text.substr(0, slash), s.index) ||
      !whole(text.substr(slash + 1), s.count) || s.count < 1 || s.count > kMaxShards ||
      s.index < 1 || s.index > s.count) {
    return InputError{fmt::format("--shard {}", text), 0, 0,
                      fmt::format("expected I/N with 1 <= I <= N <= {}, e.g. 2/4 (the second of "
                                  "four shards)",
                                  kMaxShards),
                      ""};
  }
  return s;
}

}  // namespace gilsim
