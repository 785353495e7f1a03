// Scatter-gather and copying calls with their data: writev, readv, pwritev, preadv, sendfile with a
// moving offset, splice, tee, copy_file_range.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0600);
    struct iovec out[3] = {{"hello", 5}, {" ", 1}, {"world\n", 6}};
    writev(fd, out, 3);
    syscall(SYS_pwritev, fd, out, 2, 100, 0);
    char a[4], b[8], c[4];
    struct iovec in[3] = {{a, 4}, {b, 8}, {c, 4}};
    lseek(fd, 0, SEEK_SET);
    readv(fd, in, 3);
    syscall(SYS_preadv, fd, in, 2, 6, 0);
    readv(-1, in, 2);
    int copy = open("copy", O_RDWR | O_CREAT | O_TRUNC, 0600);
    off_t off = 6;
    sendfile(copy, fd, &off, 5);
    sendfile(copy, fd, NULL, 3);
    int p[2], q[2];
    pipe(p);
    pipe(q);
    write(p[1], "abc", 3);
    tee(p[0], q[1], 3, SPLICE_F_NONBLOCK);
    loff_t at = 0;
    splice(p[0], NULL, copy, &at, 3, SPLICE_F_MOVE);
    loff_t from = 0, to = 20;
    copy_file_range(fd, &from, copy, &to, 4, 0);
    return 0;
}
