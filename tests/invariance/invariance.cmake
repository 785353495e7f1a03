# Tracing changes nothing but time (issue 11): tests/invariance/invariance.py runs tests/progs/world_probe
# untraced and under one mode of trace and compares what the probe and its children see. One test per
# mode, and per mode again as uid 65534 without capabilities (".user", root only; skipped otherwise).
set(TRACE_INVARIANCE_PY ${CMAKE_CURRENT_LIST_DIR}/invariance.py)
# The interpreter itself rather than a version manager's shim (pyenv's takes seconds to start): 42 tests.
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import sys; print(sys.executable)"
                OUTPUT_VARIABLE TRACE_INVARIANCE_PYTHON OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${TRACE_INVARIANCE_PY})
execute_process(COMMAND ${Python3_EXECUTABLE} ${TRACE_INVARIANCE_PY} --list OUTPUT_VARIABLE TRACE_INVARIANCE_MODES
                OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\n" ";" TRACE_INVARIANCE_MODES "${TRACE_INVARIANCE_MODES}")
foreach(mode IN LISTS TRACE_INVARIANCE_MODES)
  add_test(NAME invariance.${mode}
           COMMAND ${TRACE_INVARIANCE_PYTHON} ${TRACE_INVARIANCE_PY} ${mode} --trace $<TARGET_FILE:trace>
                   --probe $<TARGET_FILE:prog_world_probe>)
  set_tests_properties(invariance.${mode} PROPERTIES TIMEOUT 60 LABELS "integration;invariance"
                                                     SKIP_RETURN_CODE 77)
  if(TRACE_INTEGRATION_STRACE) # the same test with strace as the tracer validates the test itself
    add_test(NAME strace.invariance.${mode}
             COMMAND ${TRACE_INVARIANCE_PYTHON} ${TRACE_INVARIANCE_PY} ${mode} --trace ${TRACE_STRACE_PROGRAM}
                     --probe $<TARGET_FILE:prog_world_probe>)
    set_tests_properties(strace.invariance.${mode} PROPERTIES TIMEOUT 60 LABELS strace SKIP_RETURN_CODE 77)
  endif()
endforeach()

add_test(NAME invariance.selftest COMMAND ${TRACE_INVARIANCE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/selftest.py)
set_tests_properties(invariance.selftest PROPERTIES TIMEOUT 60 LABELS "integration;invariance")
