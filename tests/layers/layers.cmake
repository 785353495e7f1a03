# The layer rules (cmake/layers.cmake): includes by grep, the libraries' include roots as built, and a
# forbidden include that does not compile.
add_test(NAME layers.rules COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_layers.py
                                   ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR} ${CMAKE_CXX_COMPILER})
set_tests_properties(layers.rules PROPERTIES LABELS "layers")
# What the unity build needs: no file's internal name repeats another's in its layer, or a header's.
add_test(NAME layers.internal_names
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_internal_names.py ${PROJECT_SOURCE_DIR})
set_tests_properties(layers.internal_names PROPERTIES LABELS "layers")
