# Declarative integration cases: each cases/*.case is one CTest test that runs the tracer like strace.
# Validate the cases against the real strace with:
#   python3 tests/integration/run_case.py --tracer strace --progs <build>/tests/progs tests/integration/cases/*.case
file(GLOB TRACE_INTEGRATION_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.case)

foreach(case_file IN LISTS TRACE_INTEGRATION_CASES)
  get_filename_component(case_name ${case_file} NAME_WE)
  add_test(NAME integ.${case_name}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_case.py --tracer $<TARGET_FILE:trace>
                   --progs ${TRACE_PROGS_DIR} ${case_file})
  set_tests_properties(integ.${case_name} PROPERTIES TIMEOUT 60 LABELS integration SKIP_RETURN_CODE 77)
endforeach()

add_test(NAME integ.harness_selftest COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/selftest.py)
set_tests_properties(integ.harness_selftest PROPERTIES TIMEOUT 120 LABELS integration)
