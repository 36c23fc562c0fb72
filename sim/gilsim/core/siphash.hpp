#pragma once
// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed hash, so that whoever
// lacks the key cannot compute or predict its values. gilsim uses it to derive
// a student's homework seed from the class secret (lab/class_key.hpp).

#include <cstdint>
#include <string_view>

namespace gilsim {

/// SipHash-2-4 of `data` under the 128-bit key (k0, k1), as the reference
/// implementation computes it with the key's bytes little-endian.
std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, std::string_view data);

}  // namespace gilsim
