# The layer rules (cmake/layers.cmake): includes by grep, the libraries' include roots as built, and a
# forbidden include that does not compile.
add_test(NAME layers.rules COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_layers.py
                                   ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR} ${CMAKE_CXX_COMPILER})
set_tests_properties(layers.rules PROPERTIES LABELS "layers")
