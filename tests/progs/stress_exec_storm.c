// An exec storm: C children, each an exec chain of depth D (the program execs itself D + 1 times),
// all at once. Each program image of a chain makes one getppid() call. With the first execve,
// a trace with -f -c counts exactly 1 + C * (D + 1) execve and C * (D + 1) getppid. Exits with 0.
//   stress_exec_storm C D
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

static void exec_self(long depth) {
    char arg[32];
    snprintf(arg, sizeof arg, "%ld", depth);
    char* argv[] = {"stress_exec_storm", "chain", arg, NULL};
    syscall(SYS_execve, "/proc/self/exe", argv, environ);
    _exit(4);
}

int main(int argc, char** argv) {
    if (argc < 3)
        return 2;
    if (strcmp(argv[1], "chain") == 0) {
        const long depth = atol(argv[2]);
        syscall(SYS_getppid);
        if (depth > 0)
            exec_self(depth - 1);
        return 0;
    }
    const int children = atoi(argv[1]);
    const long depth = atol(argv[2]);
    for (int i = 0; i < children; ++i) {
        const pid_t pid = fork();
        if (pid < 0)
            return 3;
        if (pid == 0)
            exec_self(depth);
    }
    int bad = 0;
    for (int i = 0; i < children; ++i) {
        int status = 0;
        if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            bad = 1;
    }
    return bad;
}
