// The socket tables of /proc/PID/net, parsed from their text (trace/decode/socket_table.hpp).
#include "trace/decode/socket_table.hpp"

#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <sstream>
#include <utility>

namespace trace {

namespace {

constexpr std::array kSocketTables{
    SocketTable{"TCP", "tcp", SocketTableFormat::inet, IPPROTO_TCP},
    SocketTable{"TCPv6", "tcp6", SocketTableFormat::inet6, IPPROTO_TCP},
    SocketTable{"UDP", "udp", SocketTableFormat::inet, IPPROTO_UDP},
    SocketTable{"UDPv6", "udp6", SocketTableFormat::inet6, IPPROTO_UDP},
    SocketTable{"UNIX", "unix", SocketTableFormat::unix_domain, 0},
    SocketTable{"NETLINK", "netlink", SocketTableFormat::netlink, 0},
    SocketTable{"UDPLITE", "udplite", SocketTableFormat::inet, IPPROTO_UDPLITE},
    SocketTable{"UDPLITEv6", "udplite6", SocketTableFormat::inet6, IPPROTO_UDPLITE},
    SocketTable{"RAW", "raw", SocketTableFormat::inet, IPPROTO_RAW},
    SocketTable{"RAWv6", "raw6", SocketTableFormat::inet6, IPPROTO_RAW},
    SocketTable{"PING", "icmp", SocketTableFormat::inet, IPPROTO_ICMP},
    SocketTable{"PINGv6", "icmp6", SocketTableFormat::inet6, IPPROTO_ICMP},
};

// The first n whitespace-separated fields of a line; fewer when the line has fewer. rest: where the
// text after the last of them starts.
template <std::size_t N>
std::size_t split_fields(std::string_view line, std::array<std::string_view, N>& fields, std::size_t& rest) {
    std::size_t count = 0;
    std::size_t at = 0;
    while (count < N) {
        at = line.find_first_not_of(" \t", at);
        if (at == std::string_view::npos) break;
        const std::size_t end = std::min(line.find_first_of(" \t", at), line.size());
        fields[count++] = line.substr(at, end - at);
        at = end;
    }
    rest = std::min(at, line.size());
    return count;
}

template <typename T> bool parse_table_number(std::string_view text, int base, T& out) {
    if (text.empty()) return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return error == std::errc{} && end == text.data() + text.size();
}

// "0100007F:1F90": an address as the kernel prints it, each 32-bit word with %08X of its value in
// memory order (so on a little-endian machine the bytes of each word come out reversed), and the port.
struct TableEndpoint {
    std::array<unsigned char, 16> address{};
    unsigned port = 0;
};

std::optional<TableEndpoint> parse_table_endpoint(std::string_view field, bool ipv6) {
    const std::size_t colon = field.find(':');
    const std::size_t bytes = ipv6 ? 16 : 4;
    if (colon != bytes * 2) return std::nullopt;
    TableEndpoint e;
    for (std::size_t word = 0; word < bytes / 4; ++word) {
        std::uint32_t v = 0;
        if (!parse_table_number(field.substr(word * 8, 8), 16, v)) return std::nullopt;
        std::memcpy(e.address.data() + word * 4, &v, 4);
    }
    if (!parse_table_number(field.substr(colon + 1), 16, e.port)) return std::nullopt;
    return e;
}

bool zero_endpoint(const TableEndpoint& e) {
    return e.port == 0 &&
           std::all_of(e.address.begin(), e.address.end(), [](unsigned char b) { return b == 0; });
}

std::optional<Value> endpoint_value(const TableEndpoint& e, bool ipv6) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (inet_ntop(ipv6 ? AF_INET6 : AF_INET, e.address.data(), text.data(), text.size()) == nullptr)
        return std::nullopt;
    return socket_endpoint(text.data(), e.port);
}

// sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
std::optional<Value> inet_socket(const SocketTable& table, std::string_view line, unsigned long inode) {
    std::array<std::string_view, 10> f;
    std::size_t rest = 0;
    unsigned long ino = 0;
    if (split_fields(line, f, rest) < f.size() || !parse_table_number(f[9], 10, ino) || ino != inode)
        return std::nullopt;
    const bool ipv6 = table.format == SocketTableFormat::inet6;
    const auto local = parse_table_endpoint(f[1], ipv6);
    const auto remote = parse_table_endpoint(f[2], ipv6);
    if (!local || !remote) return std::nullopt;
    auto local_value = endpoint_value(*local, ipv6);
    auto remote_value = endpoint_value(*remote, ipv6);
    if (!local_value || !remote_value) return std::nullopt;
    Value v = socket_value(table.protocol, inode);
    v.add("local", std::move(*local_value));
    // strace's rule (and sock_diag's): connected when the remote address or port is not 0
    if (!zero_endpoint(*remote)) v.add("remote", std::move(*remote_value));
    return v;
}

// sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
std::optional<Value> netlink_socket(const SocketTable& table, std::string_view line, unsigned long inode) {
    std::array<std::string_view, 10> f;
    std::size_t rest = 0;
    unsigned long ino = 0;
    unsigned protocol = 0;
    unsigned long portid = 0;
    if (split_fields(line, f, rest) < f.size() || !parse_table_number(f[9], 10, ino) || ino != inode ||
        !parse_table_number(f[1], 10, protocol) || !parse_table_number(f[2], 10, portid))
        return std::nullopt;
    Value v = socket_value(table.protocol, inode);
    if (const char* name = enum_name(flagsets::netlink_protocols, protocol)) {
        v.add("netlink_protocol", Value::symbol(name, protocol));
        v.add("portid", Value::unsigned_int(portid));
    } else {
        v.add("netlink_protocol", Value::unsigned_int(protocol));
    }
    return v;
}

// Num RefCount Protocol Flags Type St Inode [Path]: the path is the rest of the line.
std::optional<Value> unix_socket(const SocketTable& table, std::string_view line, unsigned long inode) {
    std::array<std::string_view, 7> f;
    std::size_t rest = 0;
    unsigned long ino = 0;
    if (split_fields(line, f, rest) < f.size() || !parse_table_number(f[6], 10, ino) || ino != inode)
        return std::nullopt;
    Value v = socket_value(table.protocol, inode);
    if (rest < line.size()) {
        const std::string_view path = line.substr(rest + 1);
        if (!path.empty()) v.add("path", Value::string(std::string(path), false));
    }
    return v;
}

} // namespace

std::span<const SocketTable> socket_tables() {
    return kSocketTables;
}

const SocketTable* socket_table(std::string_view protocol) {
    const auto it = std::find_if(kSocketTables.begin(), kSocketTables.end(),
                                 [&](const SocketTable& t) { return t.protocol == protocol; });
    return it == kSocketTables.end() ? nullptr : &*it;
}

Value socket_value(std::string_view protocol, unsigned long inode) {
    Value v = Value::structure();
    v.text = "socket";
    v.add("protocol", Value::name(std::string(protocol)));
    v.add("inode", Value::unsigned_int(inode));
    return v;
}

Value socket_endpoint(std::string address, unsigned port) {
    Value v = Value::structure();
    v.add("address", Value::literal(std::move(address)));
    v.add("port", Value::unsigned_int(port));
    return v;
}

std::optional<Value> find_socket(const SocketTable& table, std::string_view text, unsigned long inode) {
    bool header = true;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        if (std::exchange(header, false)) continue;
        std::optional<Value> found;
        switch (table.format) {
        case SocketTableFormat::inet:
        case SocketTableFormat::inet6:
            found = inet_socket(table, line, inode);
            break;
        case SocketTableFormat::netlink:
            found = netlink_socket(table, line, inode);
            break;
        case SocketTableFormat::unix_domain:
            found = unix_socket(table, line, inode);
            break;
        }
        if (found) return found;
    }
    return std::nullopt;
}

SocketTableReader proc_net_reader(pid_t pid) {
    return [pid](std::string_view file) -> std::optional<std::string> {
        std::ifstream in("/proc/" + std::to_string(pid) + "/net/" + std::string(file));
        if (!in) return std::nullopt;
        std::ostringstream text;
        text << in.rdbuf();
        return std::move(text).str();
    };
}

std::optional<Value> find_socket_in_tables(unsigned long inode, const SocketTableReader& read) {
    for (const SocketTable& table : kSocketTables) {
        const auto text = read(table.file);
        if (!text) continue;
        if (auto found = find_socket(table, *text, inode)) return found;
    }
    return std::nullopt;
}

} // namespace trace
