// cpu_threads [ITERATIONS]: two threads each computing a fixed amount of work (about 1 s at the
// default on the project's machines) with almost no syscalls: the tracer should cost nothing here.
// The work is fixed, not timed, so a slower traced run shows up as a longer wall time.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void* worker(void* arg) {
    uint64_t* state = arg;
    uint64_t x = *state;
    for (uint64_t i = state[1]; i > 0; --i) { // xorshift64: cheap, and the compiler cannot skip it
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    state[0] = x;
    return NULL;
}

int main(int argc, char** argv) {
    uint64_t iterations = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000000ULL;
    uint64_t states[2][2] = {{0x9e3779b97f4a7c15ULL, iterations}, {0xbf58476d1ce4e5b9ULL, iterations}};
    pthread_t ids[2];
    for (int i = 0; i < 2; ++i) {
        if (pthread_create(&ids[i], NULL, worker, states[i]) != 0) {
            fprintf(stderr, "cpu_threads: pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < 2; ++i)
        pthread_join(ids[i], NULL);
    // Printing the result keeps the loops alive under -O2; to stdout, which the bench discards.
    printf("%llx\n", (unsigned long long)(states[0][0] ^ states[1][0]));
    return 0;
}
