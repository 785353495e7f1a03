// fcntl's commands and ioctl's terminal and file requests, on a file, a pipe, a memfd and a pty.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_DUPFD, 10);
    fcntl(fd, F_DUPFD_CLOEXEC, 20);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    fcntl(fd, F_SETLK, &fl);
    fcntl(fd, F_GETLK, &fl);
    fcntl(fd, F_OFD_GETLK, &fl);
    fcntl(fd, F_GETLK, NULL);
    fcntl(fd, F_SETSIG, 10);
    fcntl(fd, F_GETSIG);
    fcntl(fd, F_GETLEASE);
    fcntl(fd, 1234, 5);
    int p[2];
    pipe(p);
    fcntl(p[0], F_SETPIPE_SZ, 8192);
    int m = memfd_create("sealed", MFD_ALLOW_SEALING);
    fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
    fcntl(m, F_GET_SEALS);
    int one = 1, n = -1;
    ioctl(p[0], FIONBIO, &one);
    ioctl(p[0], FIONREAD, &n);
    ioctl(p[0], FIOCLEX);
    ioctl(fd, TCGETS, &n);
    ioctl(fd, _IOR('x', 1, int), &n);
    ioctl(fd, _IO('x', 4), 0);
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0) {
        grantpt(master);
        unlockpt(master);
        int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
        struct winsize ws = {24, 80, 0, 0};
        ioctl(slave, TIOCSWINSZ, &ws);
        ioctl(slave, TIOCGWINSZ, &ws);
        struct termios t;
        syscall(SYS_ioctl, slave, TCGETS, &t);
        ioctl(slave, TCFLSH, TCIFLUSH);
    }
    return 0;
}
