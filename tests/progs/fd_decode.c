// Descriptors of every kind for -y and -yy: a file (and the same file deleted), the working directory,
// /dev/null, a pipe, a listening and a connected TCP socket, a UNIX socket pair, a netlink socket.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    int f = openat(AT_FDCWD, "file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(f, "x", 1);
    int n = open("/dev/null", O_RDONLY);
    read(n, NULL, 0);
    close(n);
    int p[2];
    pipe(p);
    close(p[0]);
    close(p[1]);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(s, (struct sockaddr*)&a, sizeof a);
    listen(s, 1);
    socklen_t len = sizeof a;
    getsockname(s, (struct sockaddr*)&a, &len);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr*)&a, sizeof a);
    int acc = accept(s, NULL, NULL);
    write(c, "", 0);
    close(acc);
    close(c);
    close(s);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    write(sv[1], "", 0);
    close(sv[0]);
    close(sv[1]);
    int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    close(nl);
    unlink("file");
    close(f);
    return 0;
}
