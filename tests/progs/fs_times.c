// The old file-time calls (utime, utimes, futimesat) by number: glibc implements them with utimensat.
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

int main(void) {
    close(creat("f", 0600));
    struct utimbuf ub = {1234567890, 1000000000};
    syscall(SYS_utime, "f", &ub);
    syscall(SYS_utime, "f", NULL);
    syscall(SYS_utime, "f", (void*)8);
    struct timeval tv[2] = {{1234567890, 5}, {1000000000, 999999}};
    syscall(SYS_utimes, "f", tv);
    struct timeval bad[2] = {{0, 0}, {-1, 1000000}};
    syscall(SYS_utimes, "f", bad);
    syscall(SYS_futimesat, AT_FDCWD, "f", tv);
    syscall(SYS_futimesat, AT_FDCWD, "f", NULL);
    syscall(SYS_futimesat, 99, "f", tv);
    unlink("f");
    return 0;
}
