# Benchmark programs: the ptrace floor and the workloads, built with -O2 into <build>/bench/.
# Run them with bench/run (see bench/README.md).
find_package(Threads REQUIRED)

set(TRACE_BENCH_C_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)
if(TRACE_WERROR)
  list(APPEND TRACE_BENCH_C_WARNINGS -Werror)
endif()

set(TRACE_BENCH_PROGRAMS
    floor:floor.c
    getppid_loop:workloads/getppid_loop.c
    threads:workloads/threads.c
    procs:workloads/procs.c
    cpu_threads:workloads/cpu_threads.c)

set(TRACE_BENCH_TARGETS)
foreach(entry IN LISTS TRACE_BENCH_PROGRAMS)
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 source)
  set(target bench_${name})
  add_executable(${target} ${CMAKE_CURRENT_SOURCE_DIR}/${source})
  set_target_properties(${target} PROPERTIES
      OUTPUT_NAME ${name}
      C_STANDARD 11
      C_EXTENSIONS ON
      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  target_compile_options(${target} PRIVATE -O2 ${TRACE_BENCH_C_WARNINGS})
  target_link_libraries(${target} PRIVATE Threads::Threads)
  list(APPEND TRACE_BENCH_TARGETS ${target})
endforeach()

add_custom_target(bench_programs DEPENDS ${TRACE_BENCH_TARGETS})

if(TRACE_TESTS)
  add_test(NAME bench_smoke
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/run --quick --build ${CMAKE_BINARY_DIR})
  set_tests_properties(bench_smoke PROPERTIES LABELS bench TIMEOUT 120)
endif()
