// The libFuzzer entry point (./build.sh fuzz): see fuzz_scenario.hpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gilsim::fuzz::run_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
