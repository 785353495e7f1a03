// procs [P] [N]: P processes (default 4) each doing N/P getppid syscalls (N default 100000).
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    long p = argc > 1 ? atol(argv[1]) : 4;
    long n = argc > 2 ? atol(argv[2]) : 100000;
    if (p < 1) {
        fprintf(stderr, "procs: P must be at least 1\n");
        return 2;
    }
    long per_proc = n / p;
    for (long i = 0; i < p; ++i) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            for (long j = 0; j < per_proc; ++j)
                syscall(SYS_getppid);
            _exit(0);
        }
    }
    int failed = 0;
    int status = 0;
    while (wait(&status) > 0)
        failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    return failed;
}
