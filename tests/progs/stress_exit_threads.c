// Threads that exit while the tracer reads their memory: T threads each make N truncate() calls
// of a path on their own stack (counted: a trace with -f -c -e trace=truncate counts exactly T * N,
// all failing with ENOENT), then loop on chdir() of a path until the main thread, once every thread
// has made its N calls, ends the process with exit_group: the threads die at any point of their
// chdir stops. Exits with 0.
//   stress_exit_threads T N
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long g_calls;
static atomic_int g_done;

static void* run(void* arg) {
    char path[64];
    snprintf(path, sizeof path, "/nonexistent/stress_exit_threads/%ld", (long)(size_t)arg);
    for (long i = 0; i < g_calls; ++i)
        syscall(SYS_truncate, path, 0);
    atomic_fetch_add(&g_done, 1);
    for (;;)
        syscall(SYS_chdir, path);
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 3)
        return 2;
    const int threads = atoi(argv[1]);
    g_calls = atol(argv[2]);
    for (int i = 0; i < threads; ++i) {
        pthread_t id;
        if (pthread_create(&id, NULL, run, (void*)(size_t)i) != 0)
            return 3;
    }
    while (atomic_load(&g_done) < threads)
        sched_yield();
    syscall(SYS_exit_group, 0);
    return 0;
}
