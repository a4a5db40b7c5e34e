# Warnings are errors in this project's own code. Third-party headers are included as SYSTEM.
function(prepaid_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                              -Wold-style-cast -Woverloaded-virtual -Werror>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Werror>)
  # GCC 12 at -O3 (Release) reports std::string concatenations such as "l" + std::to_string(i)
  # as overlapping memcpy (-Wrestrict, GCC bug 105329, a false positive in libstdc++'s
  # inlined code); the other build types do not inline that far.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
  endif()
endfunction()
