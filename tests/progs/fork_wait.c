// fork(); the child exits with 7 (or argv[1]); the parent waits for it and exits 0.
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    int code = argc > 1 ? atoi(argv[1]) : 7;
    pid_t child = fork();
    if (child == 0) {
        syscall(SYS_getppid);
        syscall(SYS_exit_group, code);
    }
    int status = 0;
    syscall(SYS_wait4, child, &status, 0, NULL);
    return 0;
}
