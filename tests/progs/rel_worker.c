// A process for "never harm a tracee" tests: it checks the results of its own syscalls, so that a
// tracer that changes a return value, loses data, leaves it stopped or kills it is caught. It prints
// its pid first, works until its stdin reaches end of file, then prints "MODE ok" and exits with 7
// (or prints "MODE BAD ..." and exits with 1).
//   rel_worker blocked        blocks in read(0)
//   rel_worker burst          a tight loop of getppid() and pipe round trips, polling stdin
//   rel_worker threads N      N threads doing the burst; the main thread blocks in read(0)
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int g_stop;
static atomic_int g_bad;
static long g_ppid;

static void fail(const char* what) {
    if (atomic_exchange(&g_bad, 1) == 0)
        dprintf(1, "BAD %s\n", what);
}

// One round: getppid() must be the parent's pid; 8 bytes through a pipe must come back unchanged.
static void round_trip(int rfd, int wfd, unsigned long n) {
    if (syscall(SYS_getppid) != g_ppid)
        fail("getppid");
    char out[8];
    char in[8];
    memcpy(out, &n, sizeof out);
    if (syscall(SYS_write, wfd, out, sizeof out) != (long)sizeof out)
        fail("write");
    if (syscall(SYS_read, rfd, in, sizeof in) != (long)sizeof in || memcmp(in, out, sizeof in) != 0)
        fail("read");
}

static void* burst(void* arg) {
    (void)arg;
    int fds[2];
    if (pipe(fds) != 0) {
        fail("pipe");
        return NULL;
    }
    for (unsigned long n = 0; !atomic_load(&g_stop); ++n)
        round_trip(fds[0], fds[1], n);
    close(fds[0]);
    close(fds[1]);
    return NULL;
}

// Until stdin ends. With poll: a non-blocking read between rounds of the burst.
static void wait_for_eof(int poll) {
    char buf[64];
    if (poll) {
        fcntl(0, F_SETFL, O_NONBLOCK);
        int fds[2];
        if (pipe(fds) != 0)
            fail("pipe");
        for (unsigned long n = 0;; ++n) {
            round_trip(fds[0], fds[1], n);
            if ((n & 63) == 0 && syscall(SYS_read, 0, buf, sizeof buf) == 0)
                return;
        }
    }
    while (syscall(SYS_read, 0, buf, sizeof buf) > 0) {
    }
}

int main(int argc, char** argv) {
    if (argc < 2)
        return 2;
    g_ppid = syscall(SYS_getppid);
    dprintf(1, "%d\n", (int)getpid());
    const char* mode = argv[1];
    if (strcmp(mode, "blocked") == 0) {
        wait_for_eof(0);
    } else if (strcmp(mode, "burst") == 0) {
        wait_for_eof(1);
    } else if (strcmp(mode, "threads") == 0 && argc > 2) {
        const int n = atoi(argv[2]);
        pthread_t* threads = calloc((size_t)n, sizeof *threads);
        for (int i = 0; i < n; ++i)
            pthread_create(&threads[i], NULL, burst, NULL);
        wait_for_eof(0);
        atomic_store(&g_stop, 1);
        for (int i = 0; i < n; ++i)
            pthread_join(threads[i], NULL);
        free(threads);
    } else {
        return 2;
    }
    if (atomic_load(&g_bad))
        return 1;
    dprintf(1, "%s ok\n", mode);
    return 7;
}
