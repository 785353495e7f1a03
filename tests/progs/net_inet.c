// TCP and UDP over the loopback: socket, setsockopt/getsockopt, bind, listen, getsockname, connect,
// accept4, getpeername, sendto/recvfrom, shutdown; an IPv6 address; unknown domain and type.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(0), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(s, (struct sockaddr*)&a, sizeof a);
    listen(s, 5);
    socklen_t len = sizeof a;
    getsockname(s, (struct sockaddr*)&a, &len);
    int c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct linger lg = {1, 5};
    setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    connect(c, (struct sockaddr*)&a, sizeof a);
    struct sockaddr_in6 peer;
    len = sizeof peer;
    int acc = accept4(s, (struct sockaddr*)&peer, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
    len = sizeof peer;
    getpeername(acc, (struct sockaddr*)&peer, &len);
    int err = -1;
    len = sizeof err;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
    sendto(c, "hello", 5, MSG_NOSIGNAL, NULL, 0);
    char buf[64];
    recvfrom(acc, buf, sizeof buf, 0, NULL, NULL);
    recvfrom(acc, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL);
    shutdown(c, SHUT_WR);
    close(c);
    close(acc);
    close(s);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in d = {.sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    sendto(u, "x", 1, 0, (struct sockaddr*)&d, sizeof d);
    struct sockaddr_in from;
    len = sizeof from;
    recvfrom(u, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr*)&from, &len);
    struct sockaddr_in6 d6 = {.sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_flowinfo = htonl(5)};
    inet_pton(AF_INET6, "2001:db8::1", &d6.sin6_addr);
    int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
    connect(u6, (struct sockaddr*)&d6, sizeof d6);
    bind(u, (struct sockaddr*)&d, 1);
    socket(99, 88, 77);
    return 0;
}
