# Declarative integration cases: each cases/*.case is one CTest test that runs the tracer like strace.
# With TRACE_INTEGRATION_STRACE=ON the same cases also run against the real strace (tests
# strace.<case>, label strace), which validates the cases themselves.
option(TRACE_INTEGRATION_STRACE "Also run the integration cases against strace, to validate them" OFF)
file(GLOB TRACE_INTEGRATION_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.case)
set(TRACE_RUN_CASE ${CMAKE_CURRENT_LIST_DIR}/run_case.py)

if(TRACE_INTEGRATION_STRACE)
  find_program(TRACE_STRACE_PROGRAM strace REQUIRED)
endif()

foreach(case_file IN LISTS TRACE_INTEGRATION_CASES)
  get_filename_component(case_name ${case_file} NAME_WE)
  add_test(NAME integ.${case_name}
           COMMAND ${Python3_EXECUTABLE} ${TRACE_RUN_CASE} --tracer $<TARGET_FILE:trace> --progs ${TRACE_PROGS_DIR}
                   ${case_file})
  set_tests_properties(integ.${case_name} PROPERTIES TIMEOUT 60 LABELS integration SKIP_RETURN_CODE 77)
  if(TRACE_INTEGRATION_STRACE)
    add_test(NAME strace.${case_name}
             COMMAND ${Python3_EXECUTABLE} ${TRACE_RUN_CASE} --tracer ${TRACE_STRACE_PROGRAM} --progs ${TRACE_PROGS_DIR}
                     ${case_file})
    set_tests_properties(strace.${case_name} PROPERTIES TIMEOUT 60 LABELS strace SKIP_RETURN_CODE 77)
  endif()
endforeach()

add_test(NAME integ.harness_selftest COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/selftest.py)
set_tests_properties(integ.harness_selftest PROPERTIES TIMEOUT 120 LABELS integration)
