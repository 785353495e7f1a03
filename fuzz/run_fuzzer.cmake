# Runs libFuzzer for SECONDS with the random seed SEED: new inputs into WORK/corpus (seeded from CORPUS,
# which stays as it is), crashes into WORK/artifacts. Fails when the fuzzer finds a crash, a leak, a
# timeout or too much memory.
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
execute_process(COMMAND ${FUZZER} -seed=${SEED} -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=256
                        -max_len=4096 -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/
                        ${WORK}/corpus ${CORPUS}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "fuzz_decoders found a problem (exit ${result}); the input is in ${WORK}/artifacts/")
endif()
