// Children killed by SIGKILL at arbitrary points of their syscalls: each child loops on chdir() of a
// path that does not exist (the tracer reads the path at every stop); the parent kills them one by
// one, a millisecond apart, reaps them and exits with 0.
//   stress_kill N
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
    const int n = argc > 1 ? atoi(argv[1]) : 10;
    pid_t* children = calloc((size_t)n, sizeof *children);
    for (int i = 0; i < n; ++i) {
        children[i] = fork();
        if (children[i] == 0) {
            for (;;)
                syscall(SYS_chdir, "/nonexistent/stress_kill");
        }
    }
    for (int i = 0; i < n; ++i) {
        struct timespec delay = {0, 1000 * 1000};
        nanosleep(&delay, NULL);
        kill(children[i], SIGKILL);
    }
    for (int i = 0; i < n; ++i) {
        int status = 0;
        if (waitpid(children[i], &status, 0) != children[i] || !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
            return 1;
    }
    free(children);
    return 0;
}
