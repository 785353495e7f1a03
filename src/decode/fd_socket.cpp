// -yy: a socket's protocol and endpoints, by inode, from the kernel's sock_diag interface (inet; UNIX
// sockets: the peer is in no /proc table) and the tracee's /proc/PID/net tables (socket_table.hpp).
#include "trace/decode/fd_info.hpp"

#include "trace/decode/socket_table.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace trace {

namespace {

std::size_t netlink_align(std::size_t n) {
    return (n + 3) & ~std::size_t{3};
}

// A file descriptor closed when it goes out of scope.
class OwnedFd {
public:
    explicit OwnedFd(int fd) : m_fd(fd) {}
    ~OwnedFd() {
        if (m_fd >= 0) close(m_fd);
    }
    OwnedFd(const OwnedFd&) = delete;
    OwnedFd& operator=(const OwnedFd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// One sock_diag request for a UNIX socket's name and peer.
std::optional<Value> unix_details(const std::string& proto, unsigned long inode) {
    const OwnedFd fd(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (fd.get() < 0) return std::nullopt;
    struct {
        nlmsghdr nlh;
        unix_diag_req req;
    } request{};
    request.nlh.nlmsg_len = sizeof request;
    request.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.nlh.nlmsg_flags = NLM_F_REQUEST;
    request.req.sdiag_family = AF_UNIX;
    request.req.udiag_ino = static_cast<std::uint32_t>(inode);
    request.req.udiag_states = ~0u;
    request.req.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER;
    request.req.udiag_cookie[0] = ~0u;
    request.req.udiag_cookie[1] = ~0u;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (sendto(fd.get(), &request, sizeof request, 0, reinterpret_cast<const sockaddr*>(&kernel),
               sizeof kernel) < 0)
        return std::nullopt;
    alignas(nlmsghdr) std::array<char, 8192> buf{};
    const ssize_t got = recv(fd.get(), buf.data(), buf.size(), 0);
    if (got < static_cast<ssize_t>(sizeof(nlmsghdr) + sizeof(unix_diag_msg))) return std::nullopt;
    nlmsghdr h{};
    std::memcpy(&h, buf.data(), sizeof h);
    const std::size_t msg_at = netlink_align(sizeof h);
    unix_diag_msg msg{};
    if (h.nlmsg_type != SOCK_DIAG_BY_FAMILY || h.nlmsg_len > static_cast<std::size_t>(got) ||
        h.nlmsg_len < msg_at + sizeof msg)
        return std::nullopt;
    std::memcpy(&msg, buf.data() + msg_at, sizeof msg);
    if (msg.udiag_ino != inode) return std::nullopt;
    std::uint32_t peer = 0;
    std::string path;
    bool named = false;
    // The attributes: struct rtattr headers, each followed by its payload, 4-byte aligned.
    for (std::size_t at = msg_at + netlink_align(sizeof msg); at + sizeof(rtattr) <= h.nlmsg_len;) {
        rtattr attr{};
        std::memcpy(&attr, buf.data() + at, sizeof attr);
        if (attr.rta_len < sizeof attr || at + attr.rta_len > h.nlmsg_len) break;
        const char* data = buf.data() + at + netlink_align(sizeof attr);
        const std::size_t size = attr.rta_len - netlink_align(sizeof attr);
        if (attr.rta_type == UNIX_DIAG_NAME && !named) {
            path.assign(data, size);
            named = !path.empty();
        } else if (attr.rta_type == UNIX_DIAG_PEER && size >= sizeof peer) {
            std::memcpy(&peer, data, sizeof peer);
        }
        at += netlink_align(attr.rta_len);
    }
    Value v = socket_value(proto, inode);
    if (peer != 0) v.add("peer", Value::unsigned_int(peer));
    if (named && path[0] == '\0') {
        const auto nul = path.find('\0', 1);
        v.add("abstract", Value::string(path.substr(1, nul == std::string::npos ? nul : nul - 1), false));
    } else if (named) {
        v.add("path", Value::string(path.substr(0, path.find('\0')), false));
    }
    return v;
}

// An address and a port in network order as a Value.
Value diag_endpoint(bool ipv6, const void* addr, std::uint16_t net_port) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    inet_ntop(ipv6 ? AF_INET6 : AF_INET, addr, text.data(), text.size());
    return socket_endpoint(text.data(), ntohs(net_port));
}

// One sock_diag dump of the protocol's sockets, as strace does it (bound sockets that listen or connect
// nowhere are in it, unlike in /proc/net/tcp). Nothing when the inode is not there or the dump fails.
std::optional<Value> inet_diag_details(const SocketTable& table, unsigned long inode) {
    const OwnedFd fd(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (fd.get() < 0) return std::nullopt;
    struct {
        nlmsghdr nlh;
        inet_diag_req_v2 req;
    } request{};
    request.nlh.nlmsg_len = sizeof request;
    request.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    const bool ipv6 = table.format == SocketTableFormat::inet6;
    request.req.sdiag_family = ipv6 ? AF_INET6 : AF_INET;
    request.req.sdiag_protocol = table.ip_protocol;
    request.req.idiag_states = ~0u;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (sendto(fd.get(), &request, sizeof request, 0, reinterpret_cast<const sockaddr*>(&kernel),
               sizeof kernel) < 0)
        return std::nullopt;
    alignas(nlmsghdr) std::array<char, 16384> buf{};
    for (;;) {
        const ssize_t got = recv(fd.get(), buf.data(), buf.size(), 0);
        if (got <= 0) return std::nullopt;
        const auto len = static_cast<std::size_t>(got);
        for (std::size_t at = 0; at + sizeof(nlmsghdr) <= len;) {
            nlmsghdr h{};
            std::memcpy(&h, buf.data() + at, sizeof h);
            if (h.nlmsg_len < sizeof h || at + h.nlmsg_len > len) return std::nullopt;
            if (h.nlmsg_type == NLMSG_DONE || h.nlmsg_type == NLMSG_ERROR) return std::nullopt;
            inet_diag_msg msg{};
            if (h.nlmsg_len >= netlink_align(sizeof h) + sizeof msg) {
                std::memcpy(&msg, buf.data() + at + netlink_align(sizeof h), sizeof msg);
                if (msg.idiag_inode == inode) {
                    Value v = socket_value(table.protocol, inode);
                    v.add("local", diag_endpoint(ipv6, msg.id.idiag_src, msg.id.idiag_sport));
                    const std::size_t addr_size = ipv6 ? 16 : 4;
                    const bool connected =
                        msg.id.idiag_dport != 0 ||
                        std::any_of(reinterpret_cast<const unsigned char*>(msg.id.idiag_dst),
                                    reinterpret_cast<const unsigned char*>(msg.id.idiag_dst) + addr_size,
                                    [](unsigned char b) { return b != 0; });
                    if (connected) v.add("remote", diag_endpoint(ipv6, msg.id.idiag_dst, msg.id.idiag_dport));
                    return v;
                }
            }
            at += netlink_align(h.nlmsg_len);
        }
    }
}

} // namespace

std::optional<Value> socket_details(pid_t pid, const std::string& proto, unsigned long inode) {
    // strace asks sock_diag alone for UNIX sockets: no /proc table knows their peer
    if (proto.starts_with("UNIX")) {
        if (auto v = unix_details(proto, inode)) return v;
        return socket_value(proto, inode);
    }
    const SocketTable* table = socket_table(proto);
    if (table == nullptr) return std::nullopt;
    if (table->format != SocketTableFormat::netlink) {
        if (auto v = inet_diag_details(*table, inode)) return v;
    }
    if (const auto text = proc_net_reader(pid)(table->file)) {
        if (auto v = find_socket(*table, *text, inode)) return v;
    }
    return socket_value(proto, inode);
}

} // namespace trace
