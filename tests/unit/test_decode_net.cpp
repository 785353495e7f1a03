// Sockets: domain, type and protocol; addresses of each family and their lengths; options; messages.
#include "call_fixture.hpp"
#include "trace/decode/net.hpp"

#include <arpa/inet.h>
#include <cstring>
#include <doctest/doctest.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kAddr = 0x2000;
constexpr std::uint64_t kLen = 0x3000;
constexpr std::uint64_t kData = 0x4000;

std::string addr_text(std::string_view bytes) {
    return render(sockaddr_value(bytes));
}

template <typename T> std::string prefix(const T& object, std::size_t n) {
    return raw_bytes(object).substr(0, n);
}

} // namespace

TEST_CASE("decode::socket domain, type with flags, protocol by domain") {
    CHECK(Call("socket", {AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0}).exit_with(3) ==
          "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 3");
    CHECK(Call("socket", {AF_UNIX, SOCK_DGRAM, 0}).exit_with(3) == "socket(AF_UNIX, SOCK_DGRAM, 0) = 3");
    CHECK(Call("socket", {AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE}).exit_with(3) ==
          "socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3");
    CHECK(Call("socket", {AF_PACKET, SOCK_RAW, htons(3)}).exit_with(3) ==
          "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 3");
    CHECK(Call("socket", {99, 88, 77}).exit_with(-EINVAL) ==
          "socket(0x63 /* AF_??? */, 0x58 /* SOCK_??? */, 77) = -1");
    CHECK(Call("socket", {AF_INET, 88 | SOCK_CLOEXEC, 0}).exit_with(-EINVAL) ==
          "socket(AF_INET, SOCK_CLOEXEC|0x58, IPPROTO_IP) = -1");
    CHECK(Call("shutdown", {4, SHUT_WR}).exit_with(0) == "shutdown(4, SHUT_WR) = 0");
    CHECK(Call("accept4", {3, 0, 0, SOCK_CLOEXEC}).exit_with(5) ==
          "accept4(3, NULL, NULL, SOCK_CLOEXEC) = 5");
}

TEST_CASE("decode::sockaddr of each family") {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(80);
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(addr_text(raw_bytes(in)) ==
          "{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}");

    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(9);
    in6.sin6_flowinfo = htonl(5);
    inet_pton(AF_INET6, "fe80::1", &in6.sin6_addr);
    CHECK(addr_text(raw_bytes(in6)) == "{sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(5), "
                                       "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=0}");
    CHECK(addr_text(prefix(in6, 24)) == "{sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(5), "
                                        "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr)}");

    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    std::strcpy(un.sun_path, "/tmp/sock");
    CHECK(addr_text(raw_bytes(un)) == "{sa_family=AF_UNIX, sun_path=\"/tmp/sock\"}");
    std::memset(un.sun_path, 0, sizeof un.sun_path);
    std::memcpy(un.sun_path, "\0abstract", 9);
    CHECK(addr_text(prefix(un, 2 + 9)) == "{sa_family=AF_UNIX, sun_path=@\"abstract\"}");
    CHECK(addr_text(prefix(un, 2)) == "{sa_family=AF_UNIX}");

    sockaddr_nl nl{};
    nl.nl_family = AF_NETLINK;
    nl.nl_pid = 42;
    nl.nl_groups = 0x11;
    CHECK(addr_text(raw_bytes(nl)) == "{sa_family=AF_NETLINK, nl_pid=42, nl_groups=00000011}");

    sockaddr_ll ll{};
    ll.sll_family = AF_PACKET;
    ll.sll_protocol = htons(0x0800);
    ll.sll_ifindex = 0;
    ll.sll_halen = 2;
    ll.sll_addr[0] = 0xaa;
    ll.sll_addr[1] = 0x1;
    CHECK(addr_text(raw_bytes(ll)) == "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=0, "
                                      "sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=2, "
                                      "sll_addr=[0xaa, 0x01]}");

    const char other[] = {0, 0, 'a', 'b'};
    CHECK(addr_text(std::string_view(other, 4)) == "{sa_family=AF_UNSPEC, sa_data=\"ab\"}");
}

TEST_CASE("decode::sockaddr arguments: in with their length, out at exit, addresses otherwise") {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(8080);
    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    Call c("connect", {4, kAddr, sizeof in});
    c.mem.map(kAddr, raw_bytes(in));
    CHECK(c.exit_with(0) ==
          "connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
    Call small("connect", {4, kAddr, 1});
    small.mem.map(kAddr, raw_bytes(in));
    CHECK(small.exit_with(-EINVAL) == "connect(4, 0x2000, 1) = -1");
    CHECK(Call("bind", {4, kAddr, 16}).exit_with(-EFAULT) == "bind(4, 0x2000, 16) = -1");

    // accept: [28 => 16], the address as long as the kernel says
    Call acc("accept", {3, kAddr, kLen});
    const std::int32_t buffer = 28;
    acc.mem.map(kLen, raw_bytes(buffer));
    CHECK(acc.entry() == "accept(3, ");
    const std::int32_t got = 16;
    acc.mem.map(kLen, raw_bytes(got));
    acc.mem.map(kAddr, raw_bytes(in));
    CHECK(acc.exit_with(5) == "accept(3, {sa_family=AF_INET, sin_port=htons(8080), "
                              "sin_addr=inet_addr(\"127.0.0.1\")}, [28 => 16]) = 5");

    Call same("getsockname", {3, kAddr, kLen});
    same.mem.map(kLen, raw_bytes(got));
    same.mem.map(kAddr, raw_bytes(in));
    CHECK(same.exit_with(0) == "getsockname(3, {sa_family=AF_INET, sin_port=htons(8080), "
                               "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");

    Call failed("getpeername", {3, kAddr, kLen});
    failed.mem.map(kLen, raw_bytes(got));
    CHECK(failed.exit_with(-ENOTCONN) == "getpeername(3, 0x2000, [16]) = -1");

    Call recv("recvfrom", {3, kData, 64, MSG_DONTWAIT, 0, 0});
    recv.mem.map(kData, "hi");
    CHECK(recv.exit_with(2) == "recvfrom(3, \"hi\", 64, MSG_DONTWAIT, NULL, NULL) = 2");
}

TEST_CASE("decode::socket options by level") {
    const std::int32_t one = 1;
    Call c("setsockopt", {3, SOL_SOCKET, SO_REUSEADDR, kData, 4});
    c.mem.map(kData, raw_bytes(one));
    CHECK(c.exit_with(0) == "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
    Call tcp("setsockopt", {3, IPPROTO_TCP, 1, kData, 4});
    tcp.mem.map(kData, raw_bytes(one));
    CHECK(tcp.exit_with(0) == "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
    const linger lg{1, 5};
    Call l("setsockopt", {3, SOL_SOCKET, SO_LINGER, kData, sizeof lg});
    l.mem.map(kData, raw_bytes(lg));
    CHECK(l.exit_with(0) == "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
    Call other("setsockopt", {3, 999, 7, kData, 4});
    other.mem.map(kData, raw_bytes(one));
    CHECK(other.exit_with(-ENOPROTOOPT) == "setsockopt(3, 0x3e7 /* SOL_?? */, 7, [1], 4) = -1");
    Call unknown("setsockopt", {3, SOL_SOCKET, 500, kData, 2});
    unknown.mem.map(kData, "ab");
    CHECK(unknown.exit_with(-ENOPROTOOPT) == "setsockopt(3, SOL_SOCKET, 0x1f4 /* SO_??? */, \"ab\", 2) = -1");

    Call get("getsockopt", {4, SOL_SOCKET, SO_ERROR, kData, kLen});
    const std::int32_t four = 4, zero = 0;
    get.mem.map(kLen, raw_bytes(four));
    get.mem.map(kData, raw_bytes(zero));
    CHECK(get.exit_with(0) == "getsockopt(4, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
    Call gfail("getsockopt", {4, SOL_SOCKET, SO_ERROR, kData, kLen});
    gfail.mem.map(kLen, raw_bytes(four));
    CHECK(gfail.exit_with(-EBADF) == "getsockopt(4, SOL_SOCKET, SO_ERROR, 0x4000, [4]) = -1");
}

TEST_CASE("decode::msghdr with iovecs and control messages") {
    struct Layout {
        msghdr m;
        iovec iov[2];
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    } l{};
    constexpr std::uint64_t kMsg = 0x5000;
    l.iov[0] = {reinterpret_cast<void*>(kData), 2};
    l.iov[1] = {reinterpret_cast<void*>(kData + 2), 3};
    l.m.msg_iov = reinterpret_cast<iovec*>(kMsg + offsetof(Layout, iov));
    l.m.msg_iovlen = 2;
    l.m.msg_control = reinterpret_cast<void*>(kMsg + offsetof(Layout, control));
    l.m.msg_controllen = sizeof l.control;
    cmsghdr head{};
    head.cmsg_len = CMSG_LEN(sizeof(int));
    head.cmsg_level = SOL_SOCKET;
    head.cmsg_type = SCM_RIGHTS;
    std::memcpy(l.control, &head, sizeof head);
    const int fd = 3;
    std::memcpy(l.control + sizeof head, &fd, sizeof fd);

    Call c("sendmsg", {7, kMsg, 0});
    c.mem.map(kMsg, raw_bytes(l));
    c.mem.map(kData, "abcde");
    CHECK(c.exit_with(5) ==
          "sendmsg(7, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}, "
          "{iov_base=\"cde\", iov_len=3}], msg_iovlen=2, msg_control=[{cmsg_len=20, "
          "cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3]}], msg_controllen=24, "
          "msg_flags=0}, 0) = 5");

    Call r("recvmsg", {8, kMsg, MSG_CMSG_CLOEXEC});
    l.m.msg_flags = MSG_CMSG_CLOEXEC;
    r.mem.map(kMsg, raw_bytes(l));
    r.mem.map(kData, "abcde");
    CHECK(r.entry() == "recvmsg(8, ");
    CHECK(r.exit_with(3) ==
          "recvmsg(8, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", iov_len=2}, "
          "{iov_base=\"c\", iov_len=3}], msg_iovlen=2, msg_control=[{cmsg_len=20, "
          "cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3]}], msg_controllen=24, "
          "msg_flags=MSG_CMSG_CLOEXEC}, MSG_CMSG_CLOEXEC) = 3");
    Call rfail("recvmsg", {8, kMsg, 0});
    rfail.mem.map(kMsg, raw_bytes(l));
    CHECK(rfail.exit_with(-EAGAIN) == "recvmsg(8, 0x5000, 0) = -1");
    CHECK(Call("sendmsg", {7, kMsg, 0}).exit_with(-EFAULT) == "sendmsg(7, 0x5000, 0) = -1");
}

TEST_CASE("decode::mmsghdr arrays at exit, and the dumps of message data") {
    struct Layout {
        mmsghdr m[2];
        iovec iov[2];
    } l{};
    constexpr std::uint64_t kMsgs = 0x6000;
    l.iov[0] = {reinterpret_cast<void*>(kData), 2};
    l.iov[1] = {reinterpret_cast<void*>(kData + 2), 3};
    l.m[0].msg_hdr.msg_iov = reinterpret_cast<iovec*>(kMsgs + offsetof(Layout, iov));
    l.m[0].msg_hdr.msg_iovlen = 1;
    l.m[0].msg_len = 2;
    l.m[1].msg_hdr.msg_iov = reinterpret_cast<iovec*>(kMsgs + offsetof(Layout, iov) + sizeof(iovec));
    l.m[1].msg_hdr.msg_iovlen = 1;
    l.m[1].msg_len = 3;
    Call c("sendmmsg", {5, kMsgs, 2, 0});
    c.mem.map(kMsgs, raw_bytes(l));
    c.mem.map(kData, "abcde");
    c.opts.dump_write = DescriptorSet{{5}, false};
    CHECK(c.entry() == "sendmmsg(5, ");
    CHECK(c.exit_with(2) ==
          "sendmmsg(5, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", "
          "iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=2}, "
          "{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"cde\", iov_len=3}], "
          "msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=3}], 2, 0) = 2");
    REQUIRE(c.dumps.size() == 2);
    CHECK(c.dumps[0].bytes == "ab");
    CHECK(c.dumps[1].bytes == "cde");

    Call r("recvmmsg", {6, kMsgs, 2, MSG_DONTWAIT, 0});
    r.mem.map(kMsgs, raw_bytes(l));
    r.mem.map(kData, "abcde");
    CHECK(r.exit_with(1) == "recvmmsg(6, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", "
                            "iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=2}], 2, "
                            "MSG_DONTWAIT, NULL) = 1");
    CHECK(Call("recvmmsg", {6, kMsgs, 2, MSG_DONTWAIT, 0}).exit_with(-EAGAIN) ==
          "recvmmsg(6, 0x6000, 2, MSG_DONTWAIT, NULL) = -1");
    Call unreadable("sendmmsg", {5, kMsgs, 2, 0});
    CHECK(unreadable.exit_with(2) == "sendmmsg(5, 0x6000, 2, 0) = 2");
}
