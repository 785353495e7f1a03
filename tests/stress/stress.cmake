# Reliability and stress tests (issue 6): the programs tests/progs/{rel,stress}_*.c, built next to the
# other test programs, and the scenario tests of tests/stress/ that the case format cannot express.
file(GLOB TRACE_REL_PROGS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../progs/rel_*.c
     ${CMAKE_CURRENT_LIST_DIR}/../progs/stress_*.c)
foreach(source IN LISTS TRACE_REL_PROGS)
  get_filename_component(prog ${source} NAME_WE)
  add_executable(prog_${prog} ${source})
  set_target_properties(prog_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                C_STANDARD 11 C_EXTENSIONS ON)
  target_compile_options(prog_${prog} PRIVATE -O1 -g -Wall -Wextra -pthread)
  target_link_options(prog_${prog} PRIVATE -pthread)
  add_dependencies(progs prog_${prog})
endforeach()

# One test per scenario of scenarios.py (the names come from the script itself).
set(TRACE_SCENARIOS_PY ${CMAKE_CURRENT_LIST_DIR}/scenarios.py)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${TRACE_SCENARIOS_PY})
execute_process(COMMAND ${Python3_EXECUTABLE} ${TRACE_SCENARIOS_PY} --list OUTPUT_VARIABLE TRACE_SCENARIOS
                OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\n" ";" TRACE_SCENARIOS "${TRACE_SCENARIOS}")
foreach(scenario IN LISTS TRACE_SCENARIOS)
  add_test(NAME stress.${scenario}
           COMMAND ${Python3_EXECUTABLE} ${TRACE_SCENARIOS_PY} ${scenario} --trace $<TARGET_FILE:trace>
                   --progs ${TRACE_PROGS_DIR})
  set_tests_properties(stress.${scenario} PROPERTIES TIMEOUT 60 LABELS "integration;stress" SKIP_RETURN_CODE 77)
endforeach()
