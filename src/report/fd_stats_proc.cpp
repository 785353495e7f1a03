// What /proc says about a tracee's fd: the link target, and for sockets their addresses.
#include "trace/report/fd_stats_tracker.hpp"

#include <arpa/inet.h>
#include <array>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <unistd.h>

namespace trace {
namespace {

// "0100007F:1F90" of /proc/net/tcp: an IPv4 address as the kernel's u32 in hex, a port in hex.
// "00000000000000000000000001000000:1F90" in tcp6: four u32 words.
std::optional<std::string> parse_endpoint(const std::string& text, bool v6) {
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) return std::nullopt;
    const std::string addr = text.substr(0, colon);
    const unsigned long port = std::strtoul(text.c_str() + colon + 1, nullptr, 16);
    char buf[INET6_ADDRSTRLEN] = {};
    if (!v6) {
        if (addr.size() != 8) return std::nullopt;
        in_addr a{};
        a.s_addr = static_cast<in_addr_t>(std::strtoul(addr.c_str(), nullptr, 16));
        if (inet_ntop(AF_INET, &a, buf, sizeof buf) == nullptr) return std::nullopt;
        return fmt::format("{}:{}", buf, port);
    }
    if (addr.size() != 32) return std::nullopt;
    in6_addr a{};
    for (std::size_t w = 0; w < 4; ++w) {
        const auto word =
            static_cast<std::uint32_t>(std::strtoul(addr.substr(w * 8, 8).c_str(), nullptr, 16));
        for (std::size_t b = 0; b < 4; ++b)
            a.s6_addr[w * 4 + b] = static_cast<std::uint8_t>(word >> (8 * b));
    }
    if (inet_ntop(AF_INET6, &a, buf, sizeof buf) == nullptr) return std::nullopt;
    return fmt::format("[{}]:{}", buf, port);
}

bool unspecified_port(const std::string& endpoint) {
    return endpoint.size() >= 2 && endpoint.substr(endpoint.size() - 2) == ":0";
}

// A line of /proc/net/{tcp,udp}[6]: "sl local remote st ... inode".
std::optional<std::string> find_inet(pid_t pid, const char* file, const char* label, bool v6,
                                     std::uint64_t inode) {
    std::ifstream in(fmt::format("/proc/{}/net/{}", pid, file));
    std::string line;
    std::getline(in, line); // the header
    const std::string wanted = std::to_string(inode);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::array<std::string, 10> f;
        for (auto& s : f)
            fields >> s;
        if (f[9] != wanted) continue;
        const auto local = parse_endpoint(f[1], v6);
        const auto remote = parse_endpoint(f[2], v6);
        if (!local) return std::nullopt;
        if (!remote || unspecified_port(*remote)) return fmt::format("{}:[{}]", label, *local);
        return fmt::format("{}:[{}->{}]", label, *local, *remote);
    }
    return std::nullopt;
}

// /proc/net/unix: "Num RefCount Protocol Flags Type St Inode [Path]".
std::optional<std::string> find_unix(pid_t pid, std::uint64_t inode) {
    std::ifstream in(fmt::format("/proc/{}/net/unix", pid));
    std::string line;
    std::getline(in, line);
    const std::string wanted = std::to_string(inode);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::array<std::string, 8> f;
        for (auto& s : f)
            fields >> s;
        if (f[6] != wanted) continue;
        if (f[7].empty()) return fmt::format("UNIX:[{}]", inode);
        return fmt::format("UNIX:[{},\"{}\"]", inode, f[7]);
    }
    return std::nullopt;
}

std::optional<std::string> proc_socket_description(pid_t pid, std::uint64_t inode) {
    if (auto s = find_inet(pid, "tcp", "TCP", false, inode)) return s;
    if (auto s = find_inet(pid, "tcp6", "TCPv6", true, inode)) return s;
    if (auto s = find_inet(pid, "udp", "UDP", false, inode)) return s;
    if (auto s = find_inet(pid, "udp6", "UDPv6", true, inode)) return s;
    return find_unix(pid, inode);
}

} // namespace

std::optional<std::string> proc_fd_target(pid_t pid, int fd) {
    const std::string link = fmt::format("/proc/{}/fd/{}", pid, fd);
    std::array<char, 4096> buf{};
    const ssize_t n = readlink(link.c_str(), buf.data(), buf.size() - 1);
    if (n < 0) return std::nullopt;
    return std::string(buf.data(), static_cast<std::size_t>(n));
}

std::optional<std::string> proc_describe_target(pid_t pid, const std::string& target) {
    constexpr std::string_view kSocket = "socket:[";
    if (target.rfind(kSocket, 0) != 0) return std::nullopt;
    const std::uint64_t inode = std::strtoull(target.c_str() + kSocket.size(), nullptr, 10);
    return proc_socket_description(pid, inode);
}

} // namespace trace
