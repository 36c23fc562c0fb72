#pragma once
// Broken invariants are bugs: print where and why, then end the process with the
// internal-error exit code 70 (ARCHITECTURE.md). Never "recover".

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

// A fuzzing build aborts instead, so that libFuzzer keeps the input.
#ifdef GILSIM_ABORT_ON_ASSERT
#define GILSIM_ASSERT_EXIT() std::abort()
#else
#define GILSIM_ASSERT_EXIT() std::_Exit(70)
#endif

#define GILSIM_ASSERT(cond, ...)                                                           \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "%s:%d: internal error: assertion '%s' failed: %s\n", __FILE__, \
                   __LINE__, #cond, fmt::format(__VA_ARGS__).c_str());                     \
      std::fflush(stderr);                                                                 \
      GILSIM_ASSERT_EXIT();                                                                \
    }                                                                                      \
  } while (false)
