// Group stop: the child stops itself with SIGSTOP; the parent sees the stop with wait4(WUNTRACED),
// continues it with SIGCONT, and waits for its exit (status 0).
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t child = fork();
    if (child == 0) {
        syscall(SYS_kill, syscall(SYS_getpid), SIGSTOP);
        syscall(SYS_exit_group, 0);
    }
    int status = 0;
    syscall(SYS_wait4, child, &status, WUNTRACED, NULL);
    if (!WIFSTOPPED(status))
        return 1;
    syscall(SYS_kill, child, SIGCONT);
    syscall(SYS_wait4, child, &status, 0, NULL);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
