#pragma once
// One exercise per student: a student's homework seed is a keyed hash
// (SipHash-2-4) of the topic and the student's id under the class secret, so
// the instructor, who holds the secret, can regenerate and grade every
// student's exercise, and a student, who does not, cannot compute another's.

#include <cstdint>
#include <string>
#include <string_view>

#include "gilsim/core/error.hpp"

namespace gilsim {

/// A new class secret: 32 hexadecimal digits from the system's random source
/// (`gilsim homework key > class.key`). The one input gilsim does not derive.
std::string new_class_key();

/// The seed of `student`'s exercise on `topic` under the secret `key_text`
/// (the key file's contents; surrounding whitespace is ignored). Errors name
/// `key_path`: a key shorter than 16 characters, or a student id that is not
/// letters, digits, '.', '_' or '-' (it becomes part of file names).
Result<std::uint64_t> student_seed(const std::string& key_text, const std::string& key_path,
                                   std::string_view topic, std::string_view student);

}  // namespace gilsim
