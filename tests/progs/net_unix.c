// UNIX and netlink sockets: a path and an abstract name, socketpair, sendmsg/recvmsg with SCM_RIGHTS and
// SCM_CREDENTIALS, sendmmsg/recvmmsg; an AF_NETLINK bind and its getsockname.
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void) {
    int us = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    strcpy(un.sun_path, "sock");
    bind(us, (struct sockaddr*)&un, offsetof(struct sockaddr_un, sun_path) + strlen(un.sun_path) + 1);
    int ua = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    memset(un.sun_path, 0, sizeof un.sun_path);
    int name_len = 1 + snprintf(un.sun_path + 1, sizeof un.sun_path - 1, "trace-test-%d", getpid());
    bind(ua, (struct sockaddr*)&un, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)name_len));
    socklen_t len = sizeof un;
    getsockname(ua, (struct sockaddr*)&un, &len);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
    struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr mh = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    struct cmsghdr* cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    int passed = 0;
    memcpy(CMSG_DATA(cm), &passed, sizeof passed);
    sendmsg(sv[0], &mh, 0);
    char rb[16];
    struct iovec riov = {rb, sizeof rb};
    union {
        char buf[64];
        struct cmsghdr align;
    } rcontrol;
    struct msghdr rh = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = rcontrol.buf, .msg_controllen = sizeof rcontrol.buf};
    recvmsg(sv[1], &rh, MSG_CMSG_CLOEXEC);
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    struct ucred cr = {getpid(), getuid(), getgid()};
    union {
        char buf[CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } ccontrol;
    struct msghdr ch = {.msg_iov = iov, .msg_iovlen = 1, .msg_control = ccontrol.buf, .msg_controllen = sizeof ccontrol.buf};
    cm = CMSG_FIRSTHDR(&ch);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_CREDENTIALS;
    cm->cmsg_len = CMSG_LEN(sizeof cr);
    memcpy(CMSG_DATA(cm), &cr, sizeof cr);
    sendmsg(sv[0], &ch, 0);
    rh.msg_controllen = sizeof rcontrol.buf;
    recvmsg(sv[1], &rh, 0);
    struct mmsghdr mm[2] = {{.msg_hdr = {.msg_iov = iov, .msg_iovlen = 1}}, {.msg_hdr = {.msg_iov = iov + 1, .msg_iovlen = 1}}};
    sendmmsg(sv[0], mm, 2, 0);
    struct mmsghdr rm[2] = {{.msg_hdr = {.msg_iov = &riov, .msg_iovlen = 1}}, {.msg_hdr = {.msg_iov = &riov, .msg_iovlen = 1}}};
    recvmmsg(sv[1], rm, 2, MSG_DONTWAIT, NULL);
    int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl snl = {.nl_family = AF_NETLINK};
    bind(nl, (struct sockaddr*)&snl, sizeof snl);
    len = sizeof snl;
    getsockname(nl, (struct sockaddr*)&snl, &len);
    return 0;
}
