# Restricted environments simulated on a normal machine (issue 6): tests/restrict/restricted.py runs
# integration cases with trace under a seccomp filter that makes a syscall or ptrace request fail
# (seccomp_fail.c), with /proc hidden, or as uid 65534 without capabilities. One test per restriction.
set(TRACE_RESTRICT_DIR ${CMAKE_BINARY_DIR}/tests/restrict)
add_executable(seccomp_fail ${CMAKE_CURRENT_LIST_DIR}/seccomp_fail.c)
set_target_properties(seccomp_fail PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${TRACE_RESTRICT_DIR} C_STANDARD 11
                                              C_EXTENSIONS ON)
target_compile_options(seccomp_fail PRIVATE -O1 -Wall -Wextra)
add_dependencies(progs seccomp_fail)

set(TRACE_RESTRICTED_PY ${CMAKE_CURRENT_LIST_DIR}/restricted.py)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${TRACE_RESTRICTED_PY})
execute_process(COMMAND ${Python3_EXECUTABLE} ${TRACE_RESTRICTED_PY} --names OUTPUT_VARIABLE TRACE_RESTRICTIONS
                OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\n" ";" TRACE_RESTRICTIONS "${TRACE_RESTRICTIONS}")
foreach(restriction IN LISTS TRACE_RESTRICTIONS)
  add_test(NAME restrict.${restriction}
           COMMAND ${Python3_EXECUTABLE} ${TRACE_RESTRICTED_PY} ${restriction}
                   --trace $<TARGET_FILE:trace> --helper $<TARGET_FILE:seccomp_fail> --progs ${TRACE_PROGS_DIR})
  set_tests_properties(restrict.${restriction} PROPERTIES TIMEOUT 120 LABELS "integration;restrict"
                                                          SKIP_RETURN_CODE 77)
endforeach()
