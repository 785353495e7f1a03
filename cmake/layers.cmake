# The layers of trace, one static library each, and the rule between them: a layer sees only the
# headers of the layers below it. Each library's include path is a directory of its own in the build
# tree holding links to exactly those include/trace/<layer> folders, so a forbidden #include is a
# build error ("No such file"), and since no library passes include paths on to what links it, the
# rule holds for every file. Programs that compose the layers (main.cpp, the tests) see everything.
#
#   syscalls  the generated table                 sees syscalls
#   decode    decoders, values, flag sets         sees decode syscalls
#   events    header-only: events, EventSink      sees events decode syscalls
#   engine    ptrace, tracees, memory, seccomp    sees engine events decode syscalls util
#   report    reporters and printers              sees report events decode syscalls util
#   cli       options, -e expressions, configs    sees cli report events decode syscalls util
#
# decode knows nothing of engine, report or cli; report nothing of engine or cli; engine nothing of
# report or cli.

# trace_layer(NAME SEES layer... [LINKS target...]): trace_NAME from src/NAME/*.cpp.
function(trace_layer name)
  cmake_parse_arguments(L "" "" "SEES;LINKS" ${ARGN})
  set(root ${CMAKE_BINARY_DIR}/layers/${name})
  file(MAKE_DIRECTORY ${root}/trace)
  foreach(seen IN LISTS L_SEES)
    if(NOT EXISTS ${root}/trace/${seen})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/trace/${seen} ${root}/trace/${seen} SYMBOLIC)
    endif()
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
  add_library(trace_${name} STATIC ${sources})
  target_include_directories(trace_${name} PRIVATE ${root})
  target_compile_options(trace_${name} PRIVATE ${TRACE_WARNINGS})
  target_link_libraries(trace_${name} PUBLIC ${L_LINKS})
  set_target_properties(trace_${name} PROPERTIES UNITY_BUILD ${TRACE_UNITY_BUILD} UNITY_BUILD_BATCH_SIZE 12)
  if(TRACE_SANITIZE)
    target_compile_options(trace_${name} PUBLIC ${TRACE_SANITIZE_FLAGS})
    target_link_options(trace_${name} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

trace_layer(syscalls SEES syscalls)
trace_layer(decode SEES decode syscalls LINKS trace_syscalls)
trace_layer(engine SEES engine events decode syscalls util LINKS trace_decode fmt::fmt PkgConfig::LIBUNWIND)
# Unwinder::Impl holds the file's internal types, which gcc refuses (-Wsubobject-linkage) once the
# file is included into a batch.
set_source_files_properties(${PROJECT_SOURCE_DIR}/src/engine/unwind.cpp PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
trace_layer(report SEES report events decode syscalls util LINKS trace_decode fmt::fmt)
trace_layer(cli SEES cli report events decode syscalls util LINKS trace_report CLI11::CLI11 fmt::fmt)

# Everything, for the programs that compose the layers: trace itself, the tests, the fuzzer.
add_library(trace_core INTERFACE)
target_include_directories(trace_core INTERFACE ${PROJECT_SOURCE_DIR}/include)
target_link_libraries(trace_core INTERFACE trace_cli trace_engine trace_report trace_decode trace_syscalls)
