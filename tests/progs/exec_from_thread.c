// A non-leader thread calls execve() of argv[1] (looked up in $PATH) with argv + 1 while the main
// thread blocks in pause(): the exec'ing thread takes over the leader's pid. The thread waits until
// the main thread sleeps in pause(), so the trace order is fixed.
#include "blocked.h"
#include "resolve.h"

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char** environ;
static char** g_argv;
static const char* g_path;
static long g_main_tid;

static void* run_exec(void* arg) {
    (void)arg;
    wait_until_blocked(g_main_tid, SYS_pause, -1);
    syscall(SYS_execve, g_path, g_argv + 1, environ);
    syscall(SYS_exit_group, 127);
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 2)
        return 2;
    static char buf[4096];
    g_argv = argv;
    g_main_tid = syscall(SYS_gettid);
    g_path = resolve_program(argv[1], buf, sizeof buf);
    pthread_t thread;
    pthread_create(&thread, NULL, run_exec, NULL);
    syscall(SYS_pause);
    return 1;
}
