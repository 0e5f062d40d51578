# Warnings and sanitizers applied to every Vela target through vela_target_defaults().
add_library(vela_compile_options INTERFACE)
target_compile_options(vela_compile_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor>
  $<$<AND:$<BOOL:${VELA_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)

if(VELA_SANITIZE)
  target_compile_options(vela_compile_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(vela_compile_options INTERFACE -fsanitize=address,undefined)
endif()

function(vela_target_defaults target)
  target_link_libraries(${target} PRIVATE vela_compile_options)
endfunction()
