// stat-like calls on a file it creates (5 bytes), on /dev/null, on a missing path; statx with sync
// flags and masks; fstatfs' start only (its counts vary).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    struct stat st;
    struct statx stx;
    int fd = open("data.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "hello", 5);
    fchmod(fd, 0640);
    syscall(SYS_fstat, fd, &st);
    syscall(SYS_newfstatat, AT_FDCWD, "data.txt", &st, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_newfstatat, AT_FDCWD, "/dev/null", &st, 0);
    syscall(SYS_newfstatat, AT_FDCWD, "/nonexistent", &st, 0);
    syscall(SYS_newfstatat, AT_FDCWD, "data.txt", NULL, 0);
    syscall(SYS_statx, AT_FDCWD, "data.txt", AT_STATX_SYNC_AS_STAT, STATX_TYPE | STATX_MODE | STATX_SIZE, &stx);
    syscall(SYS_statx, fd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &stx);
    syscall(SYS_statx, AT_FDCWD, "data.txt", 0x6000, 0x80000000u, &stx);
    syscall(SYS_close, fd);
    return 0;
}
