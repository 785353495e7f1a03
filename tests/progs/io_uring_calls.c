// io_uring: a ring set up (flags and the kernel's answer: sizes, features, ring offsets), entered
// (flags, signal mask), files and an eventfd registered; bad arguments refused.
#define _GNU_SOURCE
#include <linux/io_uring.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    int ring = syscall(SYS_io_uring_setup, 4, &p);
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP | (1U << 31);
    p.cq_entries = 8;
    syscall(SYS_io_uring_setup, 2, &p);
    syscall(SYS_io_uring_setup, 2, NULL);
    syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, NULL, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_SQ_WAKEUP, &mask, 8);
    syscall(SYS_io_uring_enter, ring, 1, 0, 0x100, NULL, 0);
    int fds[2] = {0, 1};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, fds, 2);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_FILES, NULL, 0);
    int efd = eventfd(0, EFD_CLOEXEC);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_EVENTFD, &efd, 1);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_EVENTFD, NULL, 0);
    syscall(SYS_io_uring_register, ring, 200, NULL, 0);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_ENABLE_RINGS, NULL, 0);
    return 0;
}
