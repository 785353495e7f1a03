// N worker threads (argv[1], default 3) each call close(100 + i), which fails with EBADF. Then the
// main thread blocks in read() on a pipe until a writer thread, once it sees the main thread asleep
// in read(), writes one byte: the read is cut by the writer's lines (unfinished / resumed). Before
// that read, the main thread waits for a byte from the writer (on fd 5), so that the writer is
// known to a tracer before the read starts and no "attached" message can cut the read's line.
#include "blocked.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static int g_pipe[2];
static int g_ready[2];
static long g_main_tid;

static void* worker(void* arg) {
    syscall(SYS_close, 100 + (long)arg);
    return NULL;
}

static void* writer(void* arg) {
    (void)arg;
    syscall(SYS_write, g_ready[1], "r", 1);
    wait_until_blocked(g_main_tid, SYS_read, g_pipe[0]);
    syscall(SYS_write, g_pipe[1], "x", 1);
    return NULL;
}

int main(int argc, char** argv) {
    long n = argc > 1 ? atol(argv[1]) : 3;
    pthread_t threads[64];
    pthread_t writer_thread;
    char c;
    if (n > 64)
        n = 64;
    g_main_tid = syscall(SYS_gettid);
    syscall(SYS_pipe2, g_pipe, 0);
    syscall(SYS_pipe2, g_ready, 0);
    for (long i = 0; i < n; ++i)
        pthread_create(&threads[i], NULL, worker, (void*)i);
    for (long i = 0; i < n; ++i)
        pthread_join(threads[i], NULL);
    pthread_create(&writer_thread, NULL, writer, NULL);
    syscall(SYS_read, g_ready[0], &c, 1);
    syscall(SYS_read, g_pipe[0], &c, 1);
    pthread_join(writer_thread, NULL);
    return 0;
}
