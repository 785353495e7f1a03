/* --hide-eagain, --hide-empty-polls, --stats: an event loop in miniature. A non-blocking pipe is read
 * three times before there is data (EAGAIN), epoll_wait and poll time out with nothing ready twice
 * each, then a byte arrives and each reports it once; nanosleep sleeps 1 ms twice; a futex wait on a
 * changed value fails at once (EAGAIN). Static, so the dynamic loader adds nothing. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    char c = 0;
    int p[2];
    if (pipe2(p, O_NONBLOCK) != 0) return 1;
    for (int i = 0; i < 3; ++i) {
        if (read(p[0], &c, 1) != -1 || errno != EAGAIN) return 2;
    }
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = p[0]};
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    struct epoll_event out[4];
    struct pollfd pfd = {.fd = p[0], .events = POLLIN};
    for (int i = 0; i < 2; ++i) {
        if (epoll_wait(ep, out, 4, 0) != 0) return 3;
        if (poll(&pfd, 1, 0) != 0) return 4;
    }
    write(p[1], "x", 1);
    if (epoll_wait(ep, out, 4, 0) != 1) return 5;
    if (epoll_wait(ep, out, 1, -1) != 1) return 6;
    if (poll(&pfd, 1, 0) != 1) return 7;
    if (read(p[0], &c, 1) != 1) return 8;

    int s = socket(AF_INET, SOCK_DGRAM, 0);
    fcntl(s, F_SETFL, O_NONBLOCK);
    if (recvfrom(s, &c, 1, 0, NULL, NULL) != -1 || errno != EAGAIN) return 9;

    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
    nanosleep(&ms, NULL);
    int word = 1;
    syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0); /* EAGAIN: word is not 0 */
    return 0;
}
