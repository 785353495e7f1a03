// Prints its pid, then echoes each chunk read from stdin to stdout until end of file, then exits 0.
// The harness attaches with -p while it blocks in read().
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    char buf[64];
    int len = snprintf(buf, sizeof buf, "%ld\n", (long)syscall(SYS_getpid));
    syscall(SYS_write, 1, buf, len);
    for (;;) {
        long n = syscall(SYS_read, 0, buf, sizeof buf);
        if (n <= 0)
            break;
        syscall(SYS_write, 1, buf, n);
    }
    return 0;
}
