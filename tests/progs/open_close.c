// openat of a missing file and of /dev/null, a read of the empty file, close.
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    char buf[16];
    syscall(SYS_openat, AT_FDCWD, "/nonexistent", O_RDONLY);
    long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
    syscall(SYS_read, fd, buf, sizeof buf);
    syscall(SYS_close, fd);
    return 0;
}
