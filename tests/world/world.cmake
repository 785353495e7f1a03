# Tracing changes nothing but time: checks of what the traced command inherits from trace's caller.
add_test(NAME world.caller_signals COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/caller_signals.sh $<TARGET_FILE:trace>)
set_tests_properties(world.caller_signals PROPERTIES LABELS "world" TIMEOUT 60)
