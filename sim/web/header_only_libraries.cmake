# The browser build's libraries: Debian's own headers of fmt, toml++ and
# range-v3, used header-only (nothing is fetched). Only their folders are
# put on the include path, never /usr/include itself, whose C library
# headers are not emscripten's.
set(GILSIM_WEB_INCLUDE ${CMAKE_BINARY_DIR}/header-only)
file(MAKE_DIRECTORY ${GILSIM_WEB_INCLUDE})
foreach(dir fmt toml++ range meta concepts std)
  if(NOT EXISTS /usr/include/${dir})
    message(FATAL_ERROR "the browser build needs /usr/include/${dir} (libfmt-dev, "
                        "libtomlplusplus-dev, librange-v3-dev)")
  endif()
  if(NOT EXISTS ${GILSIM_WEB_INCLUDE}/${dir})
    file(CREATE_LINK /usr/include/${dir} ${GILSIM_WEB_INCLUDE}/${dir} SYMBOLIC)
  endif()
endforeach()

add_library(gilsim_header_only_fmt INTERFACE)
target_include_directories(gilsim_header_only_fmt SYSTEM INTERFACE ${GILSIM_WEB_INCLUDE})
target_compile_definitions(gilsim_header_only_fmt INTERFACE FMT_HEADER_ONLY=1)
add_library(fmt::fmt ALIAS gilsim_header_only_fmt)

add_library(gilsim_header_only_toml INTERFACE)
target_include_directories(gilsim_header_only_toml SYSTEM INTERFACE ${GILSIM_WEB_INCLUDE})
target_compile_definitions(gilsim_header_only_toml INTERFACE TOML_HEADER_ONLY=1)
add_library(tomlplusplus::tomlplusplus ALIAS gilsim_header_only_toml)

add_library(gilsim_header_only_range INTERFACE)
target_include_directories(gilsim_header_only_range SYSTEM INTERFACE ${GILSIM_WEB_INCLUDE})
add_library(range-v3::range-v3 ALIAS gilsim_header_only_range)
