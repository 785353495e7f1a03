// Waits until another thread of this process sleeps inside a given syscall (with a given first
// argument, unless it is -1), so that a test can order its own syscalls after that thread's without
// timing guesses. Under a tracer the sleeping state also means the tracer has handled the syscall
// entry and resumed the thread.
#pragma once
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int read_proc(const char* path, char* buf, size_t size) {
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
    if (fd < 0)
        return 0;
    long n = syscall(SYS_read, fd, buf, size - 1);
    syscall(SYS_close, fd);
    buf[n > 0 ? n : 0] = '\0';
    return n > 0;
}

static void wait_until_blocked(long tid, long nr, long arg0) {
    char path[64];
    char buf[512];
    char want[64];
    if (arg0 == -1)
        snprintf(want, sizeof want, "%ld ", nr);
    else
        snprintf(want, sizeof want, "%ld 0x%lx ", nr, arg0);
    for (;;) {
        snprintf(path, sizeof path, "/proc/self/task/%ld/stat", tid);
        if (read_proc(path, buf, sizeof buf)) {
            const char* end = strrchr(buf, ')');
            snprintf(path, sizeof path, "/proc/self/task/%ld/syscall", tid);
            if (end != NULL && end[2] == 'S' && read_proc(path, buf, sizeof buf) &&
                strncmp(buf, want, strlen(want)) == 0)
                return;
        }
        struct timespec delay = {0, 1000 * 1000};
        syscall(SYS_nanosleep, &delay, NULL);
    }
}
