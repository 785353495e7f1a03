// What /proc says about a tracee's fd: the link target, and for sockets their addresses.
#include "trace/decode/socket_table.hpp"
#include "trace/report/fd_stats_tracker.hpp"
#include "trace/report/value_printer.hpp"

#include <array>
#include <cstdlib>
#include <string_view>
#include <unistd.h>

namespace trace {

std::optional<std::string> proc_fd_target(pid_t pid, int fd) {
    const std::string link = "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(fd);
    std::array<char, 4096> buf{};
    const ssize_t n = readlink(link.c_str(), buf.data(), buf.size() - 1);
    if (n < 0) return std::nullopt;
    return std::string(buf.data(), static_cast<std::size_t>(n));
}

std::optional<std::string> describe_socket_target(const std::string& target, const SocketTableReader& read) {
    constexpr std::string_view kSocket = "socket:[";
    if (!target.starts_with(kSocket)) return std::nullopt;
    const unsigned long inode = std::strtoul(target.c_str() + kSocket.size(), nullptr, 10);
    const auto socket = find_socket_in_tables(inode, read);
    if (!socket) return std::nullopt;
    fmt::memory_buffer text;
    print_value(text, *socket, PrintOptions{});
    return fmt::to_string(text);
}

std::optional<std::string> proc_describe_target(pid_t pid, const std::string& target) {
    return describe_socket_target(target, proc_net_reader(pid));
}

} // namespace trace
