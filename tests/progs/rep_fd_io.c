/* --fd-stats: known bytes on known fds. Writes 10000 bytes to data.txt in 4096-byte pieces, reads them
 * back with a 4096-byte buffer (the last read is short, then 0 at the end of the file), moves 100 bytes
 * through a non-blocking pipe (one EAGAIN first), and leaves one fd open at exit. Built static, so the
 * dynamic loader opens nothing. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];

int main(void) {
    memset(buf, 'x', sizeof buf);
    int fd = open("data.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd != 3) return 1;
    write(fd, buf, 4096);
    write(fd, buf, 4096);
    write(fd, buf, 1808);
    close(fd);

    fd = openat(AT_FDCWD, "data.txt", O_RDONLY);
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);

    int p[2];
    if (pipe2(p, O_NONBLOCK) != 0) return 2;
    if (read(p[0], buf, sizeof buf) != -1 || errno != EAGAIN) return 3;
    write(p[1], buf, 100);
    read(p[0], buf, sizeof buf);
    close(p[0]);
    close(p[1]);

    /* open at exit: fd 3 again */
    fd = dup(STDIN_FILENO);
    close(12345); /* EBADF: no fd, no row */
    return fd == 3 ? 0 : 4;
}
