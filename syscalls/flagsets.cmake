# The flag sets and enumerations: gen_flagsets.py turns flagsets.txt into
# flagsets/trace/decode/flagsets.hpp (declarations, included as "trace/decode/flagsets.hpp") and
# flagsets/flagsets.cpp (the tables, with values from the system headers). The script rewrites its
# outputs only when their content changes; the stamp file records the last run.

set(TRACE_FLAGSETS_DIR ${CMAKE_CURRENT_BINARY_DIR}/flagsets)
set(TRACE_FLAGSETS_HPP ${TRACE_FLAGSETS_DIR}/trace/decode/flagsets.hpp)
set(TRACE_FLAGSETS_CPP ${TRACE_FLAGSETS_DIR}/flagsets.cpp)
set(TRACE_FLAGSETS_STAMP ${TRACE_FLAGSETS_DIR}/flagsets.stamp)

add_custom_command(
  OUTPUT ${TRACE_FLAGSETS_STAMP}
  BYPRODUCTS ${TRACE_FLAGSETS_HPP} ${TRACE_FLAGSETS_CPP}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/gen_flagsets.py
          ${CMAKE_CURRENT_SOURCE_DIR}/flagsets.txt ${TRACE_FLAGSETS_DIR}
  COMMAND ${CMAKE_COMMAND} -E touch ${TRACE_FLAGSETS_STAMP}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/flagsets.txt ${CMAKE_CURRENT_SOURCE_DIR}/gen_flagsets.py
  COMMENT "Generating the flag sets from flagsets.txt"
  VERBATIM)
add_custom_target(trace_flagsets DEPENDS ${TRACE_FLAGSETS_STAMP})

# The library is defined in the parent directory, so the rule is reached through the custom target.
# The flag sets belong to the decode layer; the generated header (trace/decode/flagsets.hpp) is seen by
# the layers that see decode, and by the programs that link trace_core.
add_dependencies(trace_decode trace_flagsets)
target_sources(trace_decode PRIVATE ${TRACE_FLAGSETS_CPP} ${TRACE_FLAGSETS_HPP})
foreach(layer decode engine report cli)
  target_include_directories(trace_${layer} PRIVATE ${TRACE_FLAGSETS_DIR})
endforeach()
target_include_directories(trace_core INTERFACE ${TRACE_FLAGSETS_DIR})
