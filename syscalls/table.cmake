# The syscall table: gen_table.py turns x86_64.tbl into generated/syscall_rows.hpp, which
# src/syscalls/table.cpp includes. The script rewrites the header only when its content changes, and a
# stamp file records the last run, so an unchanged table rebuilds nothing.

find_file(TRACE_UNISTD_64_H asm/unistd_64.h
          HINTS /usr/include/${CMAKE_LIBRARY_ARCHITECTURE} /usr/include/x86_64-linux-gnu /usr/include
          NO_DEFAULT_PATH)
if(NOT TRACE_UNISTD_64_H)
  message(FATAL_ERROR "asm/unistd_64.h not found (install linux-libc-dev)")
endif()

set(TRACE_SYSCALL_GEN_DIR ${CMAKE_CURRENT_BINARY_DIR}/generated)
set(TRACE_SYSCALL_ROWS ${TRACE_SYSCALL_GEN_DIR}/syscall_rows.hpp)
set(TRACE_SYSCALL_STAMP ${TRACE_SYSCALL_GEN_DIR}/syscall_rows.stamp)

add_custom_command(
  OUTPUT ${TRACE_SYSCALL_STAMP}
  BYPRODUCTS ${TRACE_SYSCALL_ROWS}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/gen_table.py
          --table ${CMAKE_CURRENT_SOURCE_DIR}/x86_64.tbl
          --arg-kinds ${PROJECT_SOURCE_DIR}/include/trace/syscalls/arg_kind.hpp
          --unistd ${TRACE_UNISTD_64_H}
          --output ${TRACE_SYSCALL_ROWS}
  COMMAND ${CMAKE_COMMAND} -E touch ${TRACE_SYSCALL_STAMP}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/x86_64.tbl ${CMAKE_CURRENT_SOURCE_DIR}/gen_table.py
          ${PROJECT_SOURCE_DIR}/include/trace/syscalls/arg_kind.hpp ${TRACE_UNISTD_64_H}
  COMMENT "Generating the syscall table from x86_64.tbl"
  VERBATIM)
add_custom_target(trace_syscall_table DEPENDS ${TRACE_SYSCALL_STAMP})

# The library is defined in the parent directory, so the rule is reached through the custom target.
add_dependencies(trace_syscalls trace_syscall_table)
target_sources(trace_syscalls PRIVATE ${TRACE_SYSCALL_ROWS})
target_include_directories(trace_syscalls PRIVATE ${TRACE_SYSCALL_GEN_DIR})
