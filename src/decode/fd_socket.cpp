// -yy: a socket's protocol and endpoints, by inode, from the tracee's /proc/PID/net tables (inet,
// netlink) and the kernel's sock_diag interface (UNIX sockets: the peer is in no /proc table).
#include "trace/decode/fd_info.hpp"

#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/quote.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <sstream>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

namespace trace {

namespace {

struct InetTable {
    std::string_view proto; // the socket's protocol name
    std::string_view file;  // in /proc/PID/net
    bool ipv6;
    std::uint8_t protocol; // for sock_diag
};

constexpr std::array kInetTables{
    InetTable{"TCP", "tcp", false, IPPROTO_TCP},
    InetTable{"TCPv6", "tcp6", true, IPPROTO_TCP},
    InetTable{"UDP", "udp", false, IPPROTO_UDP},
    InetTable{"UDPv6", "udp6", true, IPPROTO_UDP},
    InetTable{"UDPLITE", "udplite", false, IPPROTO_UDPLITE},
    InetTable{"UDPLITEv6", "udplite6", true, IPPROTO_UDPLITE},
    InetTable{"RAW", "raw", false, IPPROTO_RAW},
    InetTable{"RAWv6", "raw6", true, IPPROTO_RAW},
    InetTable{"PING", "icmp", false, IPPROTO_ICMP},
    InetTable{"PINGv6", "icmp6", true, IPPROTO_ICMP},
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The kernel prints each 32-bit word of an address with %08X of its value in memory order, so on a
// little-endian machine the bytes of each word come out reversed.
bool parse_address(std::string_view hex, bool ipv6, std::array<unsigned char, 16>& out) {
    const std::size_t bytes = ipv6 ? 16 : 4;
    if (hex.size() != bytes * 2) return false;
    for (std::size_t word = 0; word < bytes / 4; ++word) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 8; ++i) {
            const int d = hex_digit(hex[word * 8 + i]);
            if (d < 0) return false;
            v = v << 4 | static_cast<std::uint32_t>(d);
        }
        std::memcpy(out.data() + word * 4, &v, 4);
    }
    return true;
}

// "ADDR:PORT" in hex, as the tables print it, to "127.0.0.1:80" or "[::1]:80"; zero says whether both are 0.
std::optional<std::string> endpoint_text(std::string_view field, bool ipv6, bool& zero) {
    const auto colon = field.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::array<unsigned char, 16> addr{};
    if (!parse_address(field.substr(0, colon), ipv6, addr)) return std::nullopt;
    unsigned port = 0;
    for (const char c : field.substr(colon + 1)) {
        const int d = hex_digit(c);
        if (d < 0) return std::nullopt;
        port = port << 4 | static_cast<unsigned>(d);
    }
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (inet_ntop(ipv6 ? AF_INET6 : AF_INET, addr.data(), text.data(), text.size()) == nullptr)
        return std::nullopt;
    zero = port == 0 && std::all_of(addr.begin(), addr.end(), [](unsigned char b) { return b == 0; });
    return ipv6 ? fmt::format("[{}]:{}", text.data(), port) : fmt::format("{}:{}", text.data(), port);
}

std::optional<std::string> inet_details(pid_t pid, const InetTable& table, unsigned long inode) {
    std::ifstream in(fmt::format("/proc/{}/net/{}", pid, table.file));
    std::string line;
    std::getline(in, line); // the header
    while (std::getline(in, line)) {
        if (auto endpoints = inet_line_endpoints(line, inode, table.ipv6))
            return fmt::format("{}:[{}]", table.proto, *endpoints);
    }
    return std::nullopt;
}

// /proc/PID/net/netlink: sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode.
std::optional<std::string> netlink_details(pid_t pid, unsigned long inode) {
    std::ifstream in(fmt::format("/proc/{}/net/netlink", pid));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string sk;
        unsigned protocol = 0;
        unsigned long portid = 0;
        std::string skip;
        unsigned long ino = 0;
        fields >> sk >> protocol >> portid;
        for (int i = 0; i < 6; ++i)
            fields >> skip;
        if (!(fields >> ino) || ino != inode) continue;
        if (const char* name = enum_name(flagsets::netlink_protocols, protocol)) {
            std::string_view short_name(name);
            if (short_name.starts_with("NETLINK_")) short_name.remove_prefix(8);
            return fmt::format("NETLINK:[{}:{}]", short_name, portid);
        }
        return fmt::format("NETLINK:[{}]", protocol);
    }
    return std::nullopt;
}

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
std::optional<std::string> unix_details(const std::string& proto, unsigned long inode) {
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
    if (peer == 0 && !named) return std::nullopt;
    std::string text = fmt::format("{}:[{}", proto, inode);
    if (peer != 0) text += fmt::format("->{}", peer);
    if (named) {
        text += ',';
        if (path[0] == '\0') {
            text += '@';
            const auto nul = path.find('\0', 1);
            text += quote_c(std::string_view(path).substr(1, nul == std::string::npos ? nul : nul - 1));
        } else {
            text += quote_c(std::string_view(path).substr(0, path.find('\0')));
        }
    }
    text += ']';
    return text;
}

// "127.0.0.1:80" or "[::1]:80" from an address in network order and a port in network order.
std::string inet_endpoint(bool ipv6, const void* addr, std::uint16_t net_port) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    inet_ntop(ipv6 ? AF_INET6 : AF_INET, addr, text.data(), text.size());
    return ipv6 ? fmt::format("[{}]:{}", text.data(), ntohs(net_port))
                : fmt::format("{}:{}", text.data(), ntohs(net_port));
}

// One sock_diag dump of the protocol's sockets, as strace does it (bound sockets that listen or connect
// nowhere are in it, unlike in /proc/net/tcp). Nothing when the inode is not there or the dump fails.
std::optional<std::string> inet_diag_details(const InetTable& table, unsigned long inode) {
    const OwnedFd fd(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (fd.get() < 0) return std::nullopt;
    struct {
        nlmsghdr nlh;
        inet_diag_req_v2 req;
    } request{};
    request.nlh.nlmsg_len = sizeof request;
    request.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.req.sdiag_family = table.ipv6 ? AF_INET6 : AF_INET;
    request.req.sdiag_protocol = table.protocol;
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
                    const std::string src = inet_endpoint(table.ipv6, msg.id.idiag_src, msg.id.idiag_sport);
                    const std::size_t addr_size = table.ipv6 ? 16 : 4;
                    const bool connected =
                        msg.id.idiag_dport != 0 ||
                        std::any_of(reinterpret_cast<const unsigned char*>(msg.id.idiag_dst),
                                    reinterpret_cast<const unsigned char*>(msg.id.idiag_dst) + addr_size,
                                    [](unsigned char b) { return b != 0; });
                    if (!connected) return fmt::format("{}:[{}]", table.proto, src);
                    return fmt::format("{}:[{}->{}]", table.proto, src,
                                       inet_endpoint(table.ipv6, msg.id.idiag_dst, msg.id.idiag_dport));
                }
            }
            at += netlink_align(h.nlmsg_len);
        }
    }
}

} // namespace

std::optional<std::string> inet_line_endpoints(const std::string& line, unsigned long inode, bool ipv6) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    std::istringstream fields(line);
    std::string sl, local, remote, skip;
    unsigned long ino = 0;
    fields >> sl >> local >> remote;
    for (int i = 0; i < 6; ++i)
        fields >> skip;
    if (!(fields >> ino) || ino != inode) return std::nullopt;
    bool local_zero = false;
    bool remote_zero = false;
    const auto src = endpoint_text(local, ipv6, local_zero);
    const auto dst = endpoint_text(remote, ipv6, remote_zero);
    if (!src || !dst) return std::nullopt;
    if (remote_zero) return *src;
    return fmt::format("{}->{}", *src, *dst);
}

std::optional<std::string> socket_details(pid_t pid, const std::string& proto, unsigned long inode) {
    for (const InetTable& table : kInetTables) {
        if (proto != table.proto) continue;
        if (auto text = inet_diag_details(table, inode)) return text;
        if (auto text = inet_details(pid, table, inode)) return text;
        return fmt::format("{}:[{}]", proto, inode);
    }
    if (proto == "NETLINK") {
        if (auto text = netlink_details(pid, inode)) return text;
        return fmt::format("{}:[{}]", proto, inode);
    }
    if (proto.starts_with("UNIX")) {
        if (auto text = unix_details(proto, inode)) return text;
        return fmt::format("{}:[{}]", proto, inode);
    }
    return std::nullopt;
}

} // namespace trace
