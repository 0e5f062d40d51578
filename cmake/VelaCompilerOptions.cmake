# Warnings and sanitizers applied to every Vela target through vela_target_defaults().
add_library(vela_compile_options INTERFACE)
target_compile_options(vela_compile_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wnon-virtual-dtor>
  $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
  $<$<AND:$<BOOL:${VELA_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)

if(VELA_SANITIZE)
  target_compile_options(vela_compile_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(vela_compile_options INTERFACE -fsanitize=address,undefined)
endif()

# Fuzzing builds instrument every library for coverage (libFuzzer) and check
# memory and undefined behaviour; only the fuzz targets link the fuzzer main.
if(VELA_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "VELA_BUILD_FUZZERS needs clang (use the 'fuzz' preset)")
  endif()
  target_compile_options(vela_compile_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(vela_compile_options INTERFACE -fsanitize=address,undefined)
endif()

function(vela_target_defaults target)
  target_link_libraries(${target} PRIVATE vela_compile_options)
endfunction()
