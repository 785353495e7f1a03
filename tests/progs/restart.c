// A read() on an empty pipe interrupted by SIGALRM after 200 ms. With "restart" the handler is
// installed with SA_RESTART and the read restarts; otherwise it fails with EINTR. The handler
// writes one byte into the pipe, so a restarted read returns it.
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static int g_pipe[2];

static void on_alarm(int sig) {
    (void)sig;
    syscall(SYS_write, g_pipe[1], "x", 1);
}

int main(int argc, char** argv) {
    int restart = argc > 1 && strcmp(argv[1], "restart") == 0;
    struct sigaction sa = {0};
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    syscall(SYS_pipe2, g_pipe, 0);

    struct itimerval timer = {{0, 0}, {0, 200 * 1000}};
    syscall(SYS_setitimer, ITIMER_REAL, &timer, NULL);
    char c;
    long n = syscall(SYS_read, g_pipe[0], &c, 1);
    return n == 1 ? 0 : 1;
}
