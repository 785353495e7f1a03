# Small C programs the integration tests trace. Each does one behaviour with deterministic syscalls.
set(TRACE_PROGS_DIR ${CMAKE_BINARY_DIR}/tests/progs)
set(TRACE_PROGS open_close write_escape threads fork_wait vfork_exec exec_from_thread signals restart
    exit_codes sleeper group_stop unknown_syscall affinity_check affinity_threads own_seccomp world_probe
    verbose_structs)
set(TRACE_THREADED_PROGS threads exec_from_thread affinity_threads)

foreach(prog IN LISTS TRACE_PROGS)
  add_executable(prog_${prog} ${CMAKE_CURRENT_LIST_DIR}/${prog}.c)
  set_target_properties(prog_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                C_STANDARD 11 C_EXTENSIONS ON)
  target_compile_options(prog_${prog} PRIVATE -O1 -g -Wall -Wextra)
  if(prog IN_LIST TRACE_THREADED_PROGS)
    target_compile_options(prog_${prog} PRIVATE -pthread)
    target_link_options(prog_${prog} PRIVATE -pthread)
  endif()
endforeach()

add_custom_target(progs)
foreach(prog IN LISTS TRACE_PROGS)
  add_dependencies(progs prog_${prog})
endforeach()

# The reporters' programs (rep_*.c) are static: the dynamic loader's opens and reads would be in their
# --fd-stats and --stats tables.
file(GLOB TRACE_REP_PROGS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/rep_*.c)
foreach(source IN LISTS TRACE_REP_PROGS)
  get_filename_component(prog ${source} NAME_WE)
  add_executable(prog_${prog} ${source})
  set_target_properties(prog_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                C_STANDARD 11 C_EXTENSIONS ON)
  target_compile_options(prog_${prog} PRIVATE -O1 -g -Wall -Wextra)
  target_link_options(prog_${prog} PRIVATE -static)
  add_dependencies(progs prog_${prog})
endforeach()

# The decoding cases' programs: files (fs_*), I/O (io_*), network (net_*), IPC (ipc_*), -y (fd_*),
# synchronisation (sync_*: futex), scheduling (sched_*: sched_setattr, membarrier).
file(GLOB TRACE_DECODE_PROGS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fs_*.c ${CMAKE_CURRENT_LIST_DIR}/io_*.c
     ${CMAKE_CURRENT_LIST_DIR}/net_*.c ${CMAKE_CURRENT_LIST_DIR}/ipc_*.c ${CMAKE_CURRENT_LIST_DIR}/fd_*.c
     ${CMAKE_CURRENT_LIST_DIR}/sync_*.c ${CMAKE_CURRENT_LIST_DIR}/sched_*.c)
foreach(source IN LISTS TRACE_DECODE_PROGS)
  get_filename_component(prog ${source} NAME_WE)
  add_executable(prog_${prog} ${source})
  set_target_properties(prog_${prog} PROPERTIES OUTPUT_NAME ${prog} RUNTIME_OUTPUT_DIRECTORY ${TRACE_PROGS_DIR}
                                                C_STANDARD 11 C_EXTENSIONS ON)
  target_compile_options(prog_${prog} PRIVATE -O1 -g -Wall -Wextra -Wno-unused-result)
  target_link_libraries(prog_${prog} PRIVATE rt)
  add_dependencies(progs prog_${prog})
endforeach()

# -k: one call chain built many ways, threads, signals, C++.
include(${CMAKE_CURRENT_LIST_DIR}/stack_progs.cmake)
