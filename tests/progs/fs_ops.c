// File calls with flags and enumerations, on files it makes in its working directory.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    char buf[256];
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    write(fd, "0123456789", 10);
    lseek(fd, 2, SEEK_SET);
    lseek(fd, -1, SEEK_CUR);
    lseek(fd, 0, SEEK_END);
    lseek(fd, 0, 7);
    syscall(SYS_fadvise64, fd, 0, 10, POSIX_FADV_SEQUENTIAL);
    syscall(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 2);
    flock(fd, LOCK_EX | LOCK_NB);
    flock(fd, LOCK_UN);
    struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH};
    int fd2 = (int)syscall(SYS_openat2, AT_FDCWD, "f", &how, sizeof how);
    struct open_how how2 = {.flags = O_WRONLY | O_CREAT, .mode = 0640};
    int fd3 = (int)syscall(SYS_openat2, AT_FDCWD, "g", &how2, sizeof how2);
    syscall(SYS_openat2, AT_FDCWD, "g", &how2, 8);
    syscall(SYS_renameat2, AT_FDCWD, "g", AT_FDCWD, "f", RENAME_NOREPLACE);
    syscall(SYS_renameat2, AT_FDCWD, "g", AT_FDCWD, "h", 0);
    syscall(SYS_linkat, AT_FDCWD, "h", AT_FDCWD, "l", AT_SYMLINK_FOLLOW);
    syscall(SYS_symlinkat, "h", AT_FDCWD, "s");
    ssize_t n = syscall(SYS_readlinkat, AT_FDCWD, "s", buf, sizeof buf);
    syscall(SYS_readlinkat, AT_FDCWD, "f", buf, sizeof buf);
    syscall(SYS_unlinkat, AT_FDCWD, "l", 0);
    syscall(SYS_mkdirat, AT_FDCWD, "d", 0755);
    syscall(SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR);
    syscall(SYS_mknodat, AT_FDCWD, "fifo", S_IFIFO | 0600, 0);
    syscall(SYS_fchmodat, AT_FDCWD, "h", 0604);
    syscall(SYS_faccessat2, AT_FDCWD, "h", R_OK | W_OK, AT_EACCESS);
    struct timespec ts[2] = {{1, 2}, {0, UTIME_OMIT}};
    syscall(SYS_utimensat, AT_FDCWD, "h", ts, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_utimensat, fd, NULL, NULL, 0);
    syscall(SYS_ftruncate, fd, 4);
    syscall(SYS_dup3, fd, 20, O_CLOEXEC);
    int p[2];
    syscall(SYS_pipe2, p, O_NONBLOCK | O_CLOEXEC);
    syscall(SYS_close_range, 20, 20, 0);
    syscall(SYS_close_range, 100, ~0U, CLOSE_RANGE_CLOEXEC);
    int d = open(".", O_RDONLY | O_DIRECTORY);
    syscall(SYS_getdents64, d, buf, sizeof buf);
    syscall(SYS_getdents64, d, buf, sizeof buf);
    syscall(SYS_getcwd, buf, 1);
    (void)n;
    (void)fd2;
    (void)fd3;
    return 0;
}
