// vfork(); the child tries a missing program, then execs argv[1] (looked up in $PATH) with argv[1..];
// the parent waits for it and exits 0.
#include "resolve.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

int main(int argc, char** argv) {
    if (argc < 2)
        return 2;
    char buf[4096];
    const char* path = resolve_program(argv[1], buf, sizeof buf);
    pid_t child = vfork();
    if (child == 0) {
        char* missing[] = {"missing", NULL};
        syscall(SYS_execve, "/nonexistent/missing", missing, environ);
        syscall(SYS_execve, path, argv + 1, environ);
        syscall(SYS_exit_group, 127);
    }
    int status = 0;
    syscall(SYS_wait4, child, &status, 0, NULL);
    return 0;
}
