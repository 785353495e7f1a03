// execve from a non-leader thread while other threads are busy in syscalls, repeated: R rounds, each
// starting T threads that loop on getppid(), then one more thread that execs the program itself
// with R - 1. The last image prints "exec ok" and exits with 7. With the first, a trace with
// -f -c -e trace=execve counts exactly R + 1 execve.
//   stress_exec_thread T R
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char** environ;
static char g_threads[16];
static char g_rounds[16];

static void* busy(void* arg) {
    (void)arg;
    for (;;)
        syscall(SYS_getppid);
    return NULL;
}

static void* exec_self(void* arg) {
    (void)arg;
    char* argv[] = {"stress_exec_thread", g_threads, g_rounds, NULL};
    syscall(SYS_execve, "/proc/self/exe", argv, environ);
    syscall(SYS_exit_group, 4);
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 3)
        return 2;
    const int threads = atoi(argv[1]);
    const int rounds = atoi(argv[2]);
    if (rounds == 0) {
        printf("exec ok\n");
        return 7;
    }
    snprintf(g_threads, sizeof g_threads, "%d", threads);
    snprintf(g_rounds, sizeof g_rounds, "%d", rounds - 1);
    pthread_t id;
    for (int i = 0; i < threads; ++i)
        pthread_create(&id, NULL, busy, NULL);
    pthread_create(&id, NULL, exec_self, NULL);
    for (;;)
        syscall(SYS_getppid);
}
