# Programs for -k (stack traces, tests/integration/cases/stack_*.case): one call chain built with and
# without frame pointers, debug info, unwind tables and symbols, statically; threads and exec; a
# signal handler; C++ names. Included from progs.cmake. Each variant is NAME|COMPILE,OPTIONS|LINK,OPTIONS.
set(TRACE_STACK_CALLS_VARIANTS
    "stack_fp|-O0,-g,-fno-omit-frame-pointer|"
    "stack_nofp|-O2,-g0,-fomit-frame-pointer|"
    "stack_nounwind|-O1,-g0,-fno-omit-frame-pointer,-fno-asynchronous-unwind-tables,-fno-unwind-tables|"
    "stack_stripped|-O1,-g0|-s"
    "stack_static|-O1,-g|-static")

foreach(variant IN LISTS TRACE_STACK_CALLS_VARIANTS)
  string(REGEX MATCH "^([^|]*)\\|([^|]*)\\|(.*)$" _ "${variant}")
  set(prog ${CMAKE_MATCH_1})
  string(REPLACE "," ";" compile_options "${CMAKE_MATCH_2}")
  string(REPLACE "," ";" link_options "${CMAKE_MATCH_3}")
  add_executable(prog_${prog} ${CMAKE_CURRENT_LIST_DIR}/stack_calls.c)
  set_target_properties(prog_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                C_STANDARD 11 C_EXTENSIONS ON)
  target_compile_options(prog_${prog} PRIVATE ${compile_options} -Wall -Wextra)
  if(link_options)
    target_link_options(prog_${prog} PRIVATE ${link_options})
  endif()
  add_dependencies(progs prog_${prog})
endforeach()

foreach(prog IN ITEMS stack_signal stack_threads)
  add_executable(prog_${prog} ${CMAKE_CURRENT_LIST_DIR}/${prog}.c)
  set_target_properties(prog_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                C_STANDARD 11 C_EXTENSIONS ON)
  target_compile_options(prog_${prog} PRIVATE -O1 -g -Wall -Wextra -pthread)
  target_link_options(prog_${prog} PRIVATE -pthread)
  add_dependencies(progs prog_${prog})
endforeach()

add_executable(prog_stack_cpp ${CMAKE_CURRENT_LIST_DIR}/stack_cpp.cpp)
set_target_properties(prog_stack_cpp PROPERTIES OUTPUT_NAME stack_cpp RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                CXX_STANDARD 17)
target_compile_options(prog_stack_cpp PRIVATE -O1 -g -Wall -Wextra)
add_dependencies(progs prog_stack_cpp)
