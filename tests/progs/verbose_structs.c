// Calls whose arguments point to structures, for -e verbose=: each is shown decoded, or as its
// address for a call left out of the set.
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = SIG_IGN;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    struct timespec ts = {0, 1000};
    nanosleep(&ts, NULL);
    if (fork() == 0) _exit(3);
    int status;
    wait4(-1, &status, 0, NULL);
    int fds[2];
    pipe2(fds, 0);
    write(fds[1], "x", 1);
    struct pollfd p = {fds[0], POLLIN, 0};
    poll(&p, 1, 0);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    struct timespec zero = {0, 0};
    pselect(fds[0] + 1, &rd, NULL, NULL, &zero, NULL);
    struct utsname u;
    uname(&u);
    struct sched_param sp;
    sched_getparam(0, &sp);
    int ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLIN, {.u64 = 7}};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    siginfo_t info;
    sigtimedwait(&usr1, &info, &zero);
    long now;
    syscall(SYS_time, &now);
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    return 0;
}
