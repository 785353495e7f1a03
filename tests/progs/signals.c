// Signals: SIGUSR1 sent with kill() and with tgkill() to a handler; SIGUSR2 sent while ignored;
// SIGCHLD from a child that exits, caught while waiting in rt_sigsuspend().
#include <signal.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

static void on_signal(int sig) {
    (void)sig;
    syscall(SYS_getppid);
}

static void install(int sig, void (*handler)(int)) {
    struct sigaction sa = {0};
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void) {
    long pid = syscall(SYS_getpid);
    install(SIGUSR1, on_signal);
    syscall(SYS_kill, pid, SIGUSR1);
    syscall(SYS_tgkill, pid, pid, SIGUSR1);

    install(SIGUSR2, SIG_IGN);
    syscall(SYS_kill, pid, SIGUSR2);

    sigset_t chld;
    sigset_t empty;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigemptyset(&empty);
    install(SIGCHLD, on_signal);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    if (fork() == 0)
        syscall(SYS_exit_group, 0);
    syscall(SYS_rt_sigsuspend, &empty, sizeof(long));
    syscall(SYS_wait4, -1, NULL, 0, NULL);
    return 0;
}
